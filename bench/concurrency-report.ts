// What a concurrency run returns, and how it prints it.
import { sampleEveryMs } from "./concurrency-activity.js";
import type { StatementRow, ThroughputRow } from "./concurrency-rows.js";
import type { SyncSummary } from "./concurrency-sync-isolation.js";

export interface ConcurrencyResult {
  readonly skipped: false;
  readonly server: string;
  /** The machine's CPU busy over 1 s before the bench started anything, % of all cores (others' load). */
  readonly backgroundCpuPercent: number | null;
  readonly rows: readonly ThroughputRow[];
  readonly partnerbookStatementsPerEdit: readonly StatementRow[];
  readonly syncs: readonly SyncSummary[];
  /** Per sync call (updateProfile and rename alike), over all the worker's calls. */
  readonly syncStatementsPerCall: readonly StatementRow[];
  readonly syncTransactionsPerCall: number;
  readonly errors: Record<string, Record<string, number>>;
  readonly deadlocks: { readonly pgStatDatabaseDelta: number; readonly deadlockErrorsSeen: number };
  readonly ratios: Record<string, { readonly value: number; readonly target: string }>;
  readonly seconds: number;
}

export function print(result: ConcurrencyResult): void {
  console.log(
    `  PostgreSQL ${result.server}; machine CPU busy before the bench: ${result.backgroundCpuPercent ?? "?"}%; ` +
      "all callers in this one Node process but the sync worker (a thread with its own pool)",
  );
  console.table(
    Object.fromEntries(
      result.rows.map((row) => [
        row.scenario,
        {
          callers: row.callers,
          "calls/s": row.callsPerSecond,
          "p50 ms": row.p50Ms,
          "p95 ms": row.p95Ms,
          "max ms": row.maxMs,
          "Node CPU µs/call": row.nodeCpuUsPerCall,
          "PostgreSQL CPU µs/call": row.postgresCpuUsPerCall ?? "—",
          "statements/call": row.statementsPerCall ?? "1",
          "transactions/call": row.transactionsPerCall ?? "—",
        },
      ]),
    ),
  );
  console.log(
    `  waiting and load, from pg_stat_activity every ${sampleEveryMs} ms (shares of the callers' running backends) and /proc/stat:`,
  );
  console.table(
    Object.fromEntries(
      result.rows.map((row) => [
        row.scenario,
        {
          "waiting on a lock": row.lockWaitShare,
          "blocked by others": row.blockedByOthersShare,
          "lock waits (samples)": JSON.stringify(row.lockWaits),
          "machine CPU %": row.machineCpuPercent ?? "—",
          "PostgreSQL %": row.postgresCpuPercent ?? "—",
          "this Node %": row.nodeCpuPercent ?? "—",
          "other %": row.otherCpuPercent ?? "—",
          "others' statements running": row.foreignActiveMean,
        },
      ]),
    ),
  );
  console.log(
    "  partnerbook contacts.edit, statements per call (16 callers; mean wall ms as the client saw it):",
  );
  console.table(
    Object.fromEntries(
      result.partnerbookStatementsPerEdit.map(({ statement, ...rest }) => [
        statement,
        { "per call": rest.perCall, "mean ms": rest.meanMs, "ms per call": rest.msPerCall },
      ]),
    ),
  );
  console.log(
    `  org B's syncs overlapping the window with syncs (worker transactions per call: ${result.syncTransactionsPerCall}):`,
  );
  console.table(Object.fromEntries(result.syncs.map(({ operation, ...rest }) => [operation, rest])));
  console.log("  the sync worker's statements per sync call (all its calls; wall ms as the worker saw it):");
  console.table(
    Object.fromEntries(
      result.syncStatementsPerCall.map(({ statement, ...rest }) => [
        statement,
        { "per call": rest.perCall, "mean ms": rest.meanMs, "ms per call": rest.msPerCall },
      ]),
    ),
  );
  console.log(
    `  deadlocks: pg_stat_database +${result.deadlocks.pgStatDatabaseDelta} (database-wide), ` +
      `40P01 met by the bench's statements: ${result.deadlocks.deadlockErrorsSeen}; errors by SQLSTATE: ${JSON.stringify(result.errors)}`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(result.ratios).map(([name, { value, target }]) => [
        name,
        { ratio: value, target, met: meets(value, target) ? "✅" : "❌" },
      ]),
    ),
  );
  const busy = result.rows.map((row) => row.machineCpuPercent ?? 0);
  if (Math.min(...busy) >= 90) {
    console.log(
      "  note: the machine's CPU was ≥ 90% busy in every window (client, server and worker share its cores), so the\n" +
        "  ratios compare CPU work per call of the whole system; waiting between organisations shows in 'blocked by others'.",
    );
  }
}

const meets = (value: number, target: string): boolean => value >= Number(target.replace(/[^\d.]/g, ""));
