// R33: `trash.purgeExpired()` should cost what is due, not what is stored. Four cases on the
// memory store: totals of 10,000 and 100,000 contacts with 100 or 1,000 of them due (1% of each
// total, plus the cross cases). Filling the store happens before the bench; before each timed
// iteration, `due` fresh contacts are added, deleted and left 30×24h to expire, so every timed
// call purges exactly `due` contacts out of `total`.
//
// Besides tinybench's wall-clock latency, each iteration records the process's CPU time: on a
// machine whose cores other processes are also using, wall time of the longer runs includes
// time spent waiting for a core; CPU time does not. The ratios are given for both.
// (No forced GC between iterations: it leaves sweeping to do during the next, timed, purge.)
//
// Then the PostgreSQL store, on PGlite and (when PARTNERBOOK_POSTGRES_URL names a server that
// answers) on a real server, in a schema of its own dropped at the end: 1,000 due among 100,000
// contacts (the largest case above), purged with `batchSize: 1000`. Reported: the statements one
// purgeExpired sends (counted through the SQL client, BEGIN and COMMIT included; target ≤ 5) and
// its wall time ÷ a bare `DELETE … WHERE purge_at <= $1` of the same rows (re-inserted between
// the two, not timed), in the same run, alternating sample by sample (target ≤ 3). The book is
// written in bulk with the adapter's row codecs, then VACUUM ANALYZE.
import { type PurgeRow, runMemory } from "./purge-memory.js";
import { runSql, type SqlPurgeRow } from "./purge-sql.js";

export type { PurgeRow } from "./purge-memory.js";
export type { SqlPurgeRow } from "./purge-sql.js";
export { type PurgeVersusDelete, purgeVersusDelete } from "./purge-versus-delete.js";

/** Runs the memory cases, then the SQL stores; prints the tables and the ratios that matter. */
export async function run(): Promise<{ memory: PurgeRow[]; sql: SqlPurgeRow[]; skipped: string[] }> {
  return { memory: await runMemory(), ...(await runSql()) };
}
