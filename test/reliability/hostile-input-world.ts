import { inspect, isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { partnerbookTables } from "../../src/adapters/postgres/migrations.js";
import {
  type Contact,
  createPartnerbook,
  fixedWindowRateLimiter,
  manualClock,
  PartnerbookError,
  type Store,
  sequentialIds,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { fromPg, fromPglite, migrate, postgresStore, type SqlClient } from "../../src/postgres.js";
import { freshPglite } from "../support/pglite.js";
import type { Probe } from "./hostile-input-text.js";

// Issue 13, "hostile input": every string is checked once at the edge, so memory, PGlite and a
// real PostgreSQL server give the same answer to the same input — VALIDATION for what none of
// them should keep, never a raw DatabaseError from one and a stored value in another.

// ---------------------------------------------------------------------------------------------
// The stores: the same calls in the same order on each, from the same empty state.

/** An adapter whose store can be emptied and read back whole. */
interface Adapter {
  readonly name: string;
  fresh(): Promise<{ store: Store; snapshot(): Promise<unknown> }>;
  close(): Promise<void>;
}

// Every table, read back in one statement (PGlite answers each statement in milliseconds, and the
// property reads everything twice per refused call).
const everyTable = `select json_build_object(${partnerbookTables
  .map((table) => `'${table}', (select coalesce(json_agg(r order by r::text), '[]') from ${table} r)`)
  .join(", ")}) as tables`;

async function tablesOf(client: SqlClient): Promise<unknown> {
  return (await client.query(everyTable)).rows[0];
}

const memoryAdapter: Adapter = {
  name: "memory",
  fresh: async () => {
    const store = memoryStore();
    return { store, snapshot: async () => store.snapshot() };
  },
  close: async () => {},
};

function sqlAdapter(
  name: string,
  open: () => Promise<{ client: SqlClient; close(): Promise<void> }>,
): Adapter {
  let opened: Promise<{ client: SqlClient; close(): Promise<void> }> | undefined;
  return {
    name,
    fresh: async () => {
      opened ??= open();
      const { client } = await opened;
      await emptyPartnerbookTables(client);
      return { store: postgresStore(client), snapshot: () => tablesOf(client) };
    },
    close: async () => (await opened)?.close(),
  };
}

// The real server runs only when PARTNERBOOK_POSTGRES_URL names one, as in the other real-server
// suites.
export const url = process.env.PARTNERBOOK_POSTGRES_URL ?? "";

/** The stores under test, each opened on first use and closed by the file that made them. */
function storesUnderTest(): readonly Adapter[] {
  const pgliteAdapter = sqlAdapter("PGlite", async () => {
    const db = await freshPglite();
    const client = fromPglite(db);
    await migrate(client);
    return { client, close: () => db.close() };
  });
  // Each run works in a schema of its own, dropped at the end.
  const realServerAdapter = sqlAdapter("PostgreSQL server", async () => {
    const schema = `partnerbook_hostile_${process.pid}_${Date.now()}`;
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`create schema ${schema}`);
    const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
    const client = fromPg(pool);
    await migrate(client);
    return {
      client,
      close: async () => {
        await pool.end();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      },
    };
  });
  return url === "" ? [memoryAdapter, pgliteAdapter] : [memoryAdapter, pgliteAdapter, realServerAdapter];
}

/** A small book, built the same way on every store: two organisations, a few contacts, a trash. */
async function aScene(adapter: Adapter) {
  const { store, snapshot } = await adapter.fresh();
  const book = createPartnerbook({
    store,
    clock: manualClock(new Date("2026-04-01T00:00:00.000Z")),
    ids: sequentialIds(),
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  });
  const acme = await book.organisations.create({
    name: "アクメ株式会社",
    admin: { worksId: "acme-admin", displayName: "管理者" },
  });
  await book.organisations.create({ name: "Globex", admin: { worksId: "lee", displayName: "Lee" } });
  const sato = await book.members.create(acme.admin.id, { worksId: "sato", displayName: "佐藤" });
  const customers: Contact[] = [];
  for (const familyName of ["山田", "伊藤", "加藤", "小林", "中村"]) {
    customers.push(
      await book.contacts.addCustomer(sato.id, { familyName, emails: [{ address: "a@example.jp" }] }),
    );
  }
  const [customer, , , first, second] = customers as [Contact, Contact, Contact, Contact, Contact];
  await book.trash.delete(sato.id, first.id);
  await book.trash.delete(sato.id, second.id);
  const bookCursor = (await book.contacts.list(sato.id, { limit: 1 })).nextCursor as string;
  const trashCursor = (await book.trash.list(sato.id, { limit: 1 })).nextCursor as string;
  return { name: adapter.name, book, snapshot, admin: acme.admin, sato, customer, bookCursor, trashCursor };
}

export type Scene = Awaited<ReturnType<typeof aScene>>;

/** What a call came to: carried out, a PartnerbookError's code (and issue paths), or anything else. */
type Outcome =
  | { readonly code: "ok"; readonly value: unknown }
  | { readonly code: string; readonly paths: readonly (readonly (string | number)[])[] };

async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { code: "ok", value: await call() };
  } catch (error) {
    if (error instanceof PartnerbookError)
      return { code: error.code, paths: error.issues.map((issue) => issue.path) };
    // A raw DatabaseError or TypeError: never an answer partnerbook gives on purpose.
    return { code: `raw ${inspect(error).slice(0, 300)}`, paths: [] };
  }
}

/**
 * Runs `call` on every scene, in turn, and checks the guarantee: the same outcome everywhere —
 * the one `expected`, with `path` among the issues of a VALIDATION — and a refused call changed
 * nothing. Results of calls carried out are compared too, so the stores also keep the same text.
 */
export async function onEveryStore(
  scenes: readonly Scene[],
  expected: "ok" | "VALIDATION",
  path: readonly (string | number)[],
  call: (scene: Scene) => Promise<unknown>,
  comparable: (result: unknown) => unknown = (result) => result,
): Promise<void> {
  const outcomes: Outcome[] = [];
  for (const scene of scenes) {
    // Read back only where a refusal is due: a call carried out where one was due fails below.
    const before = expected === "ok" ? null : await scene.snapshot();
    const outcome = await outcomeOf(() => call(scene));
    outcomes.push(outcome);
    if (before !== null && !isDeepStrictEqual(await scene.snapshot(), before)) {
      expect.fail(`${scene.name}: the refused call changed the store`);
    }
  }
  const codes = outcomes.map((outcome) => outcome.code);
  expect(codes, `outcomes on ${scenes.map((scene) => scene.name).join(", ")}`).toEqual(
    scenes.map(() => expected),
  );
  for (const outcome of outcomes) {
    if ("paths" in outcome) expect(outcome.paths).toContainEqual(path);
  }
  if (expected === "ok") {
    const results = outcomes.map((outcome) => comparable((outcome as { value: unknown }).value));
    for (const result of results.slice(1)) expect(result).toEqual(results[0]);
  }
}

// ---------------------------------------------------------------------------------------------
// The operations, each with the field the text goes into.

export interface Target {
  readonly name: string;
  readonly path: readonly (string | number)[];
  /** What to try; for a cursor, made from one the (first) store gave out. */
  readonly probes: fc.Arbitrary<Probe> | ((scene: Scene) => fc.Arbitrary<Probe>);
  /** `n` differs per run (works IDs must be unique). */
  call(scene: Scene, value: string, n: number): Promise<unknown>;
  /** What of a result must be the same on every store (default: all of it). */
  comparable?(result: unknown): unknown;
}

export const customerWith = (fields: object) => ({
  familyName: "木村",
  emails: [{ address: "kimura@example.jp" }],
  ...fields,
});

export async function editCustomer(scene: Scene, patch: object) {
  const current = await scene.book.contacts.get(scene.sato.id, scene.customer.id);
  return scene.book.contacts.edit(scene.sato.id, scene.customer.id, patch, {
    expectedVersion: current.version,
  });
}

/** A cursor as the book gave them out before they were verified: base64url of JSON. */
export const unsealed = (parts: readonly string[]) =>
  Buffer.from(JSON.stringify(parts)).toString("base64url");

/**
 * The stores of one test file, each holding the same small book (aScene). Each file calls this
 * for stores of its own: the workers run their files in one module graph (isolate: false in
 * vitest.config.ts), so stores, hooks or counters made here at module level would be made once
 * per worker and shared by every file it runs.
 */
export function hostileWorld() {
  const adapters = storesUnderTest();

  /** Runs so far in this file: what makes the works IDs of the members a run creates unique. */
  let runs = 0;

  // One book per store for the whole file, built alike and then changed alike by every test (the
  // same calls in the same order), so that each store stays the others' twin throughout.
  const scenes: Scene[] = [];

  beforeAll(async () => {
    scenes.push(...(await Promise.all(adapters.map(aScene))));
  }, 120_000);

  afterAll(async () => {
    for (const adapter of adapters) await adapter.close();
  });

  function eachTargetAnswersAlike(targets: readonly Target[]) {
    it.each(targets.map((target) => ({ target, name: target.name })))(
      "$name: hostile text is VALIDATION on every store and changes nothing; legitimate text is kept alike everywhere",
      async ({ target }) => {
        // Every store gave out the same cursors (same data, same ids): the first one's stand for all.
        const [first] = scenes as [Scene];
        for (const scene of scenes)
          expect([scene.bookCursor, scene.trashCursor]).toEqual([first.bookCursor, first.trashCursor]);
        const probes = typeof target.probes === "function" ? target.probes(first) : target.probes;
        await fc.assert(
          fc.asyncProperty(probes, async ({ value, hostile }) => {
            runs += 1;
            await onEveryStore(
              scenes,
              hostile ? "VALIDATION" : "ok",
              target.path,
              (scene) => target.call(scene, value, runs),
              target.comparable,
            );
          }),
          { seed: 13, numRuns: 10, endOnFailure: true },
        );
      },
      30_000,
    );
  }

  return { adapters, scenes: scenes as readonly Scene[], eachTargetAnswersAlike };
}
