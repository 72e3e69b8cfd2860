import { describe, expect, it } from "vitest";
import { fromPg, type PgPoolClientLike, type PgPoolLike } from "../../src/postgres.js";

/** A node-postgres pool stand-in that records what is sent on which client. */
function aPool(options: { failOn?: string } = {}) {
  const log: string[] = [];
  let clients = 0;
  const pool: PgPoolLike = {
    query: async (text) => {
      log.push(`pool: ${text}`);
      return { rows: [] };
    },
    connect: async (): Promise<PgPoolClientLike> => {
      const name = `client ${++clients}`;
      return {
        query: async (text) => {
          log.push(`${name}: ${text}`);
          if (text === options.failOn) throw new Error(`${text} failed`);
          return { rows: [{ text }] };
        },
        release: (destroy) => {
          log.push(`${name}: released${destroy ? " and destroyed" : ""}`);
        },
      };
    },
  };
  return { pool, log };
}

describe("fromPg", () => {
  it("runs a transaction on one pooled client between BEGIN and COMMIT, then gives the client back", async () => {
    const { pool, log } = aPool();
    const result = await fromPg(pool).transaction(async (tx) => (await tx.query("select 1", [])).rows);
    expect(result).toEqual([{ text: "select 1" }]);
    expect(log).toEqual(["client 1: BEGIN", "client 1: select 1", "client 1: COMMIT", "client 1: released"]);
  });

  it("rolls back when the function throws, and rethrows the same error", async () => {
    const { pool, log } = aPool();
    const failure = new Error("boom");
    await expect(
      fromPg(pool).transaction(async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(log).toEqual(["client 1: BEGIN", "client 1: ROLLBACK", "client 1: released"]);
  });

  it("destroys a client whose ROLLBACK failed instead of returning it to the pool", async () => {
    const { pool, log } = aPool({ failOn: "ROLLBACK" });
    await expect(
      fromPg(pool).transaction((tx) => tx.query("select 1/0").then(() => Promise.reject(new Error("x")))),
    ).rejects.toThrow("x");
    expect(log.at(-1)).toBe("client 1: released and destroyed");
  });

  it("sends a query outside a transaction to the pool", async () => {
    const { pool, log } = aPool();
    await fromPg(pool).query("select 2");
    expect(log).toEqual(["pool: select 2"]);
  });
});
