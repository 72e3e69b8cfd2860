// Concurrency on a real PostgreSQL server: do writes of different organisations wait on each
// other? (Per-organisation event logs, a per-organisation contact count, retries of lost races.)
// Runs only when PARTNERBOOK_POSTGRES_URL names a server — PGlite has one connection, so
// concurrency there means nothing — in a schema of its own, dropped at the end.
//
// 1. 16 callers, one per organisation, each editing the memo of its own 50 customer contacts
//    round-robin with `contacts.edit(…, { expectedVersion })`, against 16 callers running the
//    plain SQL equivalent (one UPDATE … WHERE id = $2 AND version = $3) on a pool of the same
//    size (16). Windows alternate plain / partnerbook twice, after a warm-up of each.
//    Ratio: partnerbook edits/s ÷ plain UPDATEs/s — target ≥ 0.3.
// 2. Organisation A's admin edits A's 100 contacts from 4 callers, alone and while member X of
//    organisation B changes nickname and X renames B in a loop — each call syncs the 10,000
//    contacts linked to X (owned by 10,000 members of five other organisations, written in bulk
//    with the adapter's row codecs). The syncing runs in a worker thread with its own pool, as a
//    second app instance would; windows: A alone, A while B syncs, A alone again.
//    Ratio: A's edits/s while B syncs ÷ alone — target ≥ 0.8.
// 3. Deadlocks: pg_stat_database.deadlocks of the database, before and after (database-wide, so
//    anything else running on it counts too), and the 40P01 / 40001 errors the bench's own
//    statements met (partnerbook re-runs those transactions; each BEGIN beyond one per call is a
//    re-run).
//
// Everything but the sync worker runs in this one Node process, which shares the machine's
// cores with the server (and with whatever else runs there): the figures are throughput of the
// whole client + server system, so where the CPU went is reported per window from /proc (the
// machine, the server's processes, this process, and the rest), with the machine's load for a
// second before the bench starts. Each caller's statements are counted and timed through a
// wrapped pool, and pg_stat_activity is sampled every 20 ms: the share of the measured callers'
// running backends that wait on a lock, by wait event, and the share blocked by a backend that
// is not one of theirs — for "organisations never wait on each other", that share is the test.
import { fromPg, migrate } from "partnerbook/postgres";
import pg from "pg";
import { sleep } from "./concurrency-activity.js";
import { cpuTicks, ticksSince } from "./concurrency-cpu.js";
import { deadlockCount } from "./concurrency-deadlocks.js";
import { type ConcurrencyResult, print } from "./concurrency-report.js";
import { sixteenOrganisations } from "./concurrency-sixteen-organisations.js";
import { poolConfig } from "./concurrency-support.js";
import { syncIsolation } from "./concurrency-sync-isolation.js";
import { round } from "./harness.js";

export type { ConcurrencyResult } from "./concurrency-report.js";
export type { StatementRow, ThroughputRow } from "./concurrency-rows.js";

export async function run(): Promise<
  ConcurrencyResult | { readonly skipped: true; readonly reason: string }
> {
  const url = process.env.PARTNERBOOK_POSTGRES_URL;
  if (url === undefined || url === "") {
    const reason =
      "PARTNERBOOK_POSTGRES_URL is not set: concurrency needs a real PostgreSQL server (PGlite has one connection)";
    console.log(`  skipped: ${reason}`);
    return { skipped: true, reason };
  }
  const started = performance.now();
  const schema = `partnerbook_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Pool({ connectionString: url, max: 2, application_name: "partnerbook_bench_admin" });
  admin.on("error", () => {});
  let schemaMade = false;
  try {
    const { rows: versionRows } = await admin.query("show server_version");
    const server = String(versionRows[0]?.server_version ?? "?");
    const idleFrom = cpuTicks();
    await sleep(1_000);
    const idle = ticksSince(idleFrom, cpuTicks());
    const backgroundCpuPercent =
      idle === null || idle.total === 0 ? null : round((100 * idle.busy) / idle.total, 0);
    const deadlocksBefore = await deadlockCount(admin);
    await admin.query(`create schema ${schema}`);
    schemaMade = true;
    const migrator = new pg.Pool(poolConfig(url, schema, 1, "partnerbook_bench_migrate"));
    try {
      await migrate(fromPg(migrator));
    } finally {
      await migrator.end();
    }

    const edits = await sixteenOrganisations(url, schema, admin);
    const isolation = await syncIsolation(url, schema, admin);
    await sleep(300); // the bench's backends have exited and flushed their statistics
    const deadlocksAfter = await deadlockCount(admin);
    const deadlockErrorsSeen =
      (edits.errors["40P01"] ?? 0) +
      (isolation.editErrors["40P01"] ?? 0) +
      (isolation.workerErrors["40P01"] ?? 0);

    const rows = [...edits.rows, ...isolation.rows];
    const result: ConcurrencyResult = {
      skipped: false,
      server,
      backgroundCpuPercent,
      rows,
      partnerbookStatementsPerEdit: edits.statements,
      syncs: isolation.syncs,
      syncStatementsPerCall: isolation.syncStatements,
      syncTransactionsPerCall: isolation.workerTransactionsPerCall,
      errors: {
        "part 1 edits (partnerbook)": edits.errors,
        "part 2 org A edits": isolation.editErrors,
        "part 2 sync worker": isolation.workerErrors,
      },
      deadlocks: { pgStatDatabaseDelta: deadlocksAfter - deadlocksBefore, deadlockErrorsSeen },
      ratios: {
        "partnerbook ÷ plain UPDATE, 16 callers in 16 organisations": { value: edits.ratio, target: "≥ 0.3" },
        "org A edits while B syncs 10,000 ÷ alone": { value: isolation.ratio, target: "≥ 0.8" },
      },
      seconds: round((performance.now() - started) / 1000, 1),
    };
    print(result);
    return result;
  } finally {
    if (schemaMade) await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
