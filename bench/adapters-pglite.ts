// PGlite for the bench: a store for the fixtures with a bulk mode for filling, the plan of a
// call's slowest statement, and the database's size.
import { PGlite } from "@electric-sql/pglite";
import type { Store, StoreTransaction } from "partnerbook";
import { fromPglite, migrate, postgresStore, type SqlClient } from "partnerbook/postgres";
import { contactCodec, memberCodec, organisationCodec } from "../src/adapters/postgres/rows.js";
import { round } from "./harness.js";
import { insertRows } from "./sql-support.js";

/** A transaction whose inserts are collected and written in bulk when `fn` returns; fixtures only. */
async function bulkTransaction<T>(client: SqlClient, fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
  return client.transaction(async (sql) => {
    const pending = { organisations: [] as unknown[], members: [] as unknown[], contacts: [] as unknown[] };
    const collect = (list: unknown[]) => ({
      insert: async (record: unknown) => {
        list.push(record);
      },
    });
    const tx = {
      organisations: collect(pending.organisations),
      members: collect(pending.members),
      contacts: collect(pending.contacts),
    } as unknown as StoreTransaction;
    const result = await fn(tx);
    await insertRows(sql, organisationCodec, pending.organisations as never[]);
    await insertRows(sql, memberCodec, pending.members as never[]);
    await insertRows(sql, contactCodec, pending.contacts as never[]);
    return result;
  });
}

/** The plan PostgreSQL ran for one statement: its scan and sort lines, and its execution time. */
export interface PlanRow {
  readonly operation: string;
  readonly size: number;
  readonly executionMs: number;
  readonly plan: readonly string[];
}

/** One PGlite database: a `makeStore` for the fixtures, bulk mode, EXPLAIN, and its size. */
export function pgliteAdapter() {
  let db: PGlite | null = null;
  let client: SqlClient | null = null;
  let bulk = false;
  let startSeconds = 0;
  /** While not null, the statements the store's transactions run. */
  let captured: { text: string; params: unknown[] }[] | null = null;
  const requireClient = () => {
    if (client === null) throw new Error("PGlite not started");
    return client;
  };
  return {
    async makeStore(): Promise<Store> {
      const started = performance.now();
      db = await PGlite.create();
      const base = fromPglite(db);
      client = base;
      await migrate(base);
      startSeconds = (performance.now() - started) / 1000;
      const sqlStore = postgresStore({
        query: base.query,
        transaction: (fn) =>
          base.transaction((tx) => {
            const log = captured;
            if (log === null) return fn(tx);
            return fn({
              query: (text, params) => {
                log.push({ text, params: params ?? [] });
                return tx.query(text, params);
              },
            });
          }),
      });
      return {
        transaction: (fn) => (bulk ? bulkTransaction(base, fn) : sqlStore.transaction(fn)),
      };
    },
    setBulk(on: boolean) {
      bulk = on;
    },
    get startSeconds() {
      return startSeconds;
    },
    async analyze(): Promise<number> {
      const started = performance.now();
      await requireClient().query("vacuum analyze");
      return (performance.now() - started) / 1000;
    },
    async databaseMB(): Promise<number> {
      const { rows } = await requireClient().query("select pg_database_size(current_database()) as bytes");
      return Math.round(Number(rows[0]?.bytes) / 2 ** 20);
    },
    /** Runs `call` and EXPLAIN ANALYZEs the statement of it that took longest. */
    async explainSlowest(call: () => Promise<unknown>): Promise<Omit<PlanRow, "operation" | "size">> {
      captured = [];
      let statements: { text: string; params: unknown[] }[] = [];
      try {
        await call();
      } finally {
        statements = captured ?? [];
        captured = null;
      }
      let slowest: Omit<PlanRow, "operation" | "size"> = { executionMs: -1, plan: [] };
      for (const { text, params } of statements) {
        if (!/^\s*select/i.test(text)) continue;
        const { rows } = await requireClient().query(`explain (analyze, costs off) ${text}`, params);
        const lines = rows.map((row) => String(row["QUERY PLAN"]));
        const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.join("\n"))?.[1] ?? 0);
        if (executionMs <= slowest.executionMs) continue;
        const plan = lines
          .filter(
            (line) => /Scan|Sort:|Sort |Limit|Rows Removed|Index Cond/.test(line) && !/Sort Key/.test(line),
          )
          .map((line) => line.trim().replace(/ \(actual time=\S+ rows=(\S+) loops=\d+\)/, " (rows: $1)"));
        slowest = { executionMs: round(executionMs, 2), plan };
      }
      return slowest;
    },
    async close() {
      await db?.close();
      db = null;
      client = null;
    },
  };
}
