import { describe, expect, it } from "vitest";
import { asOrganisationId, isPartnerbookError } from "../../src/index.js";
import { postgresStore, type SqlClient, type SqlQueryable, type SqlResult } from "../../src/postgres.js";
import { anOrganisation } from "../../src/testing/records.js";

// postgresStore re-runs a transaction that lost a race. A scripted client stands in for the
// server: each statement takes the next answer of the script, an error with a SQLSTATE or rows.

type Answer = { readonly state: string } | { readonly rows: Record<string, unknown>[] };

const sqlError = (state: string) => Object.assign(new Error(`sqlstate ${state}`), { code: state });

function scripted(answers: Answer[], options: { commit?: Answer[] } = {}) {
  const log: string[] = [];
  const commits = [...(options.commit ?? [])];
  let transactions = 0;
  const next = async (text: string): Promise<SqlResult> => {
    log.push(text.split(/\s+/).slice(0, 2).join(" "));
    const answer = answers.shift() ?? { rows: [] };
    if ("state" in answer) throw sqlError(answer.state);
    return { rows: answer.rows };
  };
  const client: SqlClient = {
    query: (text) => next(text),
    async transaction(fn) {
      transactions++;
      const result = await fn({ query: (text) => next(text) } satisfies SqlQueryable);
      const commit = commits.shift();
      if (commit !== undefined && "state" in commit) throw sqlError(commit.state);
      return result;
    },
  };
  return { client, log, transactions: () => transactions };
}

const pauses: number[] = [];
const retry = (attempts: number) => ({
  attempts,
  baseDelayMs: 10,
  maxDelayMs: 35,
  random: () => 0.5,
  sleep: async (ms: number) => {
    pauses.push(ms);
  },
});

const getOrganisation = (tx: Parameters<Parameters<ReturnType<typeof postgresStore>["transaction"]>[0]>[0]) =>
  tx.organisations.get(asOrganisationId("org_a"));

describe("postgresStore retries a transaction that lost a race", () => {
  it("runs a transaction again after a deadlock or serialisation failure, pausing longer each time", async () => {
    pauses.length = 0;
    const { client, transactions } = scripted([{ state: "40P01" }, { state: "40001" }, { rows: [] }]);
    const store = postgresStore(client, { retry: retry(5) });
    expect(await store.transaction(getOrganisation)).toBeNull();
    expect(transactions()).toBe(3);
    // Full jitter: random() × min(max, base × 2^(attempt − 1)).
    expect(pauses).toEqual([5, 10]);
  });

  it("gives up after `attempts` runs with TRY_AGAIN, which says the request may be repeated", async () => {
    pauses.length = 0;
    const { client, transactions } = scripted(Array.from({ length: 10 }, () => ({ state: "40P01" })));
    const store = postgresStore(client, { retry: retry(4) });
    const failure = await store.transaction(getOrganisation).catch((error: unknown) => error);
    expect(isPartnerbookError(failure, "TRY_AGAIN")).toBe(true);
    expect(transactions()).toBe(4);
    expect(pauses).toEqual([5, 10, 17.5]);
  });

  it("re-runs a transaction whose unique key a concurrent commit took; a key still taken is CONFLICT", async () => {
    const once = scripted([{ state: "23505" }, { rows: [] }]);
    expect(await postgresStore(once.client, { retry: retry(3) }).transaction(getOrganisation)).toBeNull();
    expect(once.transactions()).toBe(2);

    const always = scripted(Array.from({ length: 5 }, () => ({ state: "23505" })));
    const failure = await postgresStore(always.client, { retry: retry(3) })
      .transaction(getOrganisation)
      .catch((error: unknown) => error);
    expect(isPartnerbookError(failure, "CONFLICT")).toBe(true);
    expect(always.transactions()).toBe(3);
  });

  it("re-runs a transaction whose versioned write found the row moved on since it was read", async () => {
    const organisation = anOrganisation("org_a");
    // update … returning id: no row; the version now stored: 2; then the second run succeeds.
    const { client, transactions } = scripted([
      { rows: [] },
      { rows: [{ version: 2 }] },
      { rows: [{ id: "org_a" }] },
    ]);
    await postgresStore(client, { retry: retry(3) }).transaction((tx) =>
      tx.organisations.update({ ...organisation, version: 2 }, 1),
    );
    expect(transactions()).toBe(2);
  });

  it("re-runs even when the function caught the failed statement and went on", async () => {
    const { client, transactions } = scripted([{ state: "40P01" }, { rows: [] }]);
    const result = await postgresStore(client, { retry: retry(3) }).transaction(async (tx) => {
      try {
        return await getOrganisation(tx);
      } catch {
        return "swallowed";
      }
    });
    expect(result).toBeNull();
    expect(transactions()).toBe(2);
  });

  it("re-runs a transaction whose COMMIT failed to serialise", async () => {
    const { client, transactions } = scripted([{ rows: [] }, { rows: [] }], { commit: [{ state: "40001" }] });
    expect(await postgresStore(client, { retry: retry(3) }).transaction(getOrganisation)).toBeNull();
    expect(transactions()).toBe(2);
  });

  it("does not re-run what no retry can fix: a broken constraint, a missing record, the function's own error", async () => {
    const broken = scripted([{ state: "23514" }]);
    const refused = await postgresStore(broken.client, { retry: retry(5) })
      .transaction(getOrganisation)
      .catch((error: unknown) => error);
    expect(isPartnerbookError(refused, "VALIDATION")).toBe(true);
    expect(broken.transactions()).toBe(1);

    const missing = scripted([{ rows: [] }, { rows: [] }]);
    const organisation = anOrganisation("org_a");
    const gone = await postgresStore(missing.client, { retry: retry(5) })
      .transaction((tx) => tx.organisations.update(organisation, 1))
      .catch((error: unknown) => error);
    expect(isPartnerbookError(gone, "NOT_FOUND")).toBe(true);
    expect(missing.transactions()).toBe(1);

    const own = scripted([]);
    const mine = new Error("mine");
    await expect(
      postgresStore(own.client, { retry: retry(5) }).transaction(async () => {
        throw mine;
      }),
    ).rejects.toBe(mine);
    expect(own.transactions()).toBe(1);
  });
});
