// The PostgreSQL store, on PGlite and on a server when one answers: 1,000 due among 100,000
// contacts written in bulk, purged against a bare DELETE.
import { createPartnerbook, manualClock } from "partnerbook";
import { fromPg, fromPglite, migrate, postgresStore, type SqlClient } from "partnerbook/postgres";
import pg from "pg";
import { contactCodec } from "../src/adapters/postgres/rows.js";
import { round } from "./harness.js";
import { customerRecord, type PurgeVersusDelete, purgeVersusDelete, sqlDue } from "./purge-versus-delete.js";
import { insertRows, reachable } from "./sql-support.js";

/** What one purgeExpired of `due` contacts among `total` cost on one SQL store. */
export interface SqlPurgeRow extends PurgeVersusDelete {
  readonly store: "pglite" | "postgres";
  readonly total: number;
  readonly due: number;
  readonly batchSize: number;
  /** Migrating and writing the book (not timed in the samples). */
  readonly setupSeconds: number;
}

const sqlTotal = 100_000;
const bulkChunk = 10_000;

async function measureSql(
  store: SqlPurgeRow["store"],
  client: SqlClient,
  samples: number,
): Promise<SqlPurgeRow> {
  const started = performance.now();
  await migrate(client);
  const clock = manualClock(new Date("2026-04-01T00:00:00Z"));
  const book = createPartnerbook({ store: postgresStore(client), clock });
  const { organisation, admin } = await book.organisations.create({
    name: "さくら商事株式会社",
    plan: "standard",
    admin: { worksId: "admin@sakura", displayName: "佐藤 花子" },
  });
  const now = clock.now();
  const live = sqlTotal - sqlDue;
  for (let from = 0; from < live; from += bulkChunk) {
    const chunk = Array.from({ length: Math.min(bulkChunk, live - from) }, (_, i) =>
      customerRecord(admin.id, organisation.id, from + i, null, now),
    );
    await client.transaction((sql) => insertRows(sql, contactCodec, chunk));
  }
  await client.query("vacuum analyze");
  const setupSeconds = (performance.now() - started) / 1000;

  const measured = await purgeVersusDelete(
    client,
    { memberId: admin.id, organisationId: organisation.id },
    samples,
  );
  const { rows } = await client.query("select count(*)::integer as left from partnerbook_contacts");
  if (rows[0]?.left !== live) throw new Error(`${store}: ${String(rows[0]?.left)} contacts left`);
  return {
    store,
    total: sqlTotal,
    due: sqlDue,
    batchSize: sqlDue,
    ...measured,
    setupSeconds: round(setupSeconds),
  };
}

async function onPglite(): Promise<SqlPurgeRow> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create();
  try {
    return await measureSql("pglite", fromPglite(db), 10);
  } finally {
    await db.close();
  }
}

async function onPostgres(url: string): Promise<SqlPurgeRow> {
  const schema = `partnerbook_bench_purge_${process.pid}_${Date.now()}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  // One connection: the purge and the bare DELETE take the same path to the server.
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  await admin.query(`create schema ${schema}`);
  try {
    return await measureSql("postgres", fromPg(pool), 20);
  } finally {
    await pool.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

export async function runSql(): Promise<{ sql: SqlPurgeRow[]; skipped: string[] }> {
  const sql: SqlPurgeRow[] = [];
  const skipped: string[] = [];
  console.log(`  PGlite: ${sqlDue.toLocaleString("en")} due among ${sqlTotal.toLocaleString("en")}…`);
  sql.push(await onPglite());
  const url = process.env.PARTNERBOOK_POSTGRES_URL;
  if (url === undefined || url === "") skipped.push("postgres: PARTNERBOOK_POSTGRES_URL is not set");
  else if (!(await reachable(url))) skipped.push("postgres: no server answers at PARTNERBOOK_POSTGRES_URL");
  else {
    console.log(
      `  PostgreSQL server: ${sqlDue.toLocaleString("en")} due among ${sqlTotal.toLocaleString("en")}…`,
    );
    sql.push(await onPostgres(url));
  }
  for (const reason of skipped) console.log(`  skipped ${reason}`);
  console.table(sql);
  for (const row of sql) {
    const statements =
      row.statementsMin === row.statementsMax
        ? `${row.statementsMax}`
        : `${row.statementsMin}–${row.statementsMax}`;
    console.log(
      `  ${row.store}: purgeExpired of ${row.due.toLocaleString("en")} due among ${row.total.toLocaleString("en")}: ` +
        `${statements} statements (≤ 5 ${row.statementsMax <= 5 ? "✓" : "✗"}), ` +
        `${row.ratio}× a bare DELETE of the same rows (samples ${row.ratioMin}–${row.ratioMax}; ≤ 3 ${row.ratio <= 3 ? "✓" : "✗"})`,
    );
  }
  return { sql, skipped };
}
