// Helpers of bench/concurrency.bench.ts and its sync worker (bench/concurrency-sync-worker.ts):
// a node-postgres pool wrapped so that every statement is counted and timed by kind, and the
// pool settings both use. Not a bench file itself (its name does not end in .bench.ts).

import type { PgPoolClientLike, PgPoolLike, SqlResult } from "partnerbook/postgres";
import type pg from "pg";

/** Statements and errors seen through one {@link countingPool}. */
export interface StatementCounter {
  /** Every statement sent, BEGIN and COMMIT included. */
  statements: number;
  /** BEGINs: transactions started, re-runs of a lost race included. */
  transactions: number;
  /** Per kind ("begin", "select partnerbook_members", …): how many, and their wall ms in all. */
  readonly byKind: Map<string, { count: number; ms: number }>;
  /** Errors by SQLSTATE (40P01 deadlock, 40001 serialisation failure, 23505 duplicate key, …). */
  readonly errors: Map<string, number>;
}

export function newCounter(): StatementCounter {
  return { statements: 0, transactions: 0, byKind: new Map(), errors: new Map() };
}

/** A copy of the counter's figures, to subtract later. */
export function snapshot(counter: StatementCounter): StatementCounter {
  return {
    statements: counter.statements,
    transactions: counter.transactions,
    byKind: new Map([...counter.byKind].map(([kind, value]) => [kind, { ...value }])),
    errors: new Map(counter.errors),
  };
}

/** What `after` counted that `before` had not. */
export function since(after: StatementCounter, before: StatementCounter): StatementCounter {
  const byKind = new Map<string, { count: number; ms: number }>();
  for (const [kind, value] of after.byKind) {
    const earlier = before.byKind.get(kind) ?? { count: 0, ms: 0 };
    if (value.count > earlier.count) {
      byKind.set(kind, { count: value.count - earlier.count, ms: value.ms - earlier.ms });
    }
  }
  const errors = new Map<string, number>();
  for (const [state, count] of after.errors) {
    const delta = count - (before.errors.get(state) ?? 0);
    if (delta > 0) errors.set(state, delta);
  }
  return {
    statements: after.statements - before.statements,
    transactions: after.transactions - before.transactions,
    byKind,
    errors,
  };
}

/** Adds what `b` counted to `a`. */
export function addCounts(a: StatementCounter, b: StatementCounter): StatementCounter {
  const byKind = new Map([...a.byKind].map(([kind, value]) => [kind, { ...value }]));
  for (const [kind, value] of b.byKind) {
    const entry = byKind.get(kind) ?? { count: 0, ms: 0 };
    byKind.set(kind, { count: entry.count + value.count, ms: entry.ms + value.ms });
  }
  const errors = new Map(a.errors);
  for (const [state, count] of b.errors) errors.set(state, (errors.get(state) ?? 0) + count);
  return {
    statements: a.statements + b.statements,
    transactions: a.transactions + b.transactions,
    byKind,
    errors,
  };
}

/** "select partnerbook_members", "update partnerbook_contacts", "with partnerbook_event_logs", "begin". */
export function statementKind(text: string): string {
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? "?";
  const table = /partnerbook_\w+/.exec(text)?.[0];
  return table === undefined ? verb : `${verb} ${table}`;
}

function counted(
  counter: StatementCounter,
  run: (text: string, params?: unknown[]) => Promise<SqlResult>,
): (text: string, params?: unknown[]) => Promise<SqlResult> {
  return async (text, params) => {
    const kind = statementKind(text);
    counter.statements++;
    if (kind === "begin") counter.transactions++;
    const started = performance.now();
    try {
      return await run(text, params);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const state = typeof code === "string" ? code : "other";
      counter.errors.set(state, (counter.errors.get(state) ?? 0) + 1);
      throw error;
    } finally {
      const entry = counter.byKind.get(kind) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - started;
      counter.byKind.set(kind, entry);
    }
  };
}

/** `pool` as `fromPg` takes it, counting every statement (pooled queries and transactions') in `counter`. */
export function countingPool(pool: pg.Pool, counter: StatementCounter): PgPoolLike {
  return {
    query: counted(counter, (text, params) => pool.query(text, params)),
    async connect(): Promise<PgPoolClientLike> {
      const client = await pool.connect();
      return {
        query: counted(counter, (text, params) => client.query(text, params)),
        release: (destroy) => client.release(destroy),
      };
    },
  };
}

/** Settings of every pool of the bench: its schema, and a name to find its backends by. */
export function poolConfig(url: string, schema: string, max: number, applicationName: string): pg.PoolConfig {
  return {
    connectionString: url,
    max,
    options: `-c search_path=${schema}`,
    application_name: applicationName,
  };
}

/** Messages from the sync worker to the bench. */
export type WorkerMessage =
  | { readonly type: "ready" }
  | {
      readonly type: "synced";
      readonly operation: "updateProfile" | "rename";
      /** Contacts the call synced (from its contacts_synced event). */
      readonly count: number;
      readonly startedAt: number;
      readonly ms: number;
    }
  | {
      readonly type: "stopped";
      readonly statements: number;
      readonly transactions: number;
      readonly errors: Record<string, number>;
      /** Statements by kind: how many, and their wall ms in all. */
      readonly byKind: Record<string, { count: number; ms: number }>;
    }
  | { readonly type: "failed"; readonly message: string };

/** What the bench hands the sync worker. */
export interface WorkerInput {
  readonly url: string;
  readonly schema: string;
  /** Member X of organisation B: the target of every synced contact, and B's admin. */
  readonly memberId: string;
  readonly organisationId: string;
  /** `performance.timeOrigin` of the bench's thread, to put the worker's instants on its clock. */
  readonly timeOrigin: number;
}
