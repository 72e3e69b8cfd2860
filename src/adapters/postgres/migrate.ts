import { type Migration, migrations } from "./migrations.js";
import type { SqlClient } from "./sql-client.js";

// Any fixed key: two processes migrating the same database at once take turns.
const migrationLock = 0x7061_7274_6e72;

/**
 * Brings the schema up to date: applies, in one transaction, every migration the database has
 * not recorded in `partnerbook_migrations`. Safe to run on every start and from several
 * processes at once. Returns the versions it applied.
 *
 * @example
 * const client = fromPg(pool);
 * await migrate(client); // { applied: [1] } the first time, { applied: [] } after
 */
export async function migrate(
  client: SqlClient,
  steps: readonly Migration[] = migrations,
): Promise<{ readonly applied: number[] }> {
  return client.transaction(async (sql) => {
    await sql.query("select pg_advisory_xact_lock($1::bigint)", [migrationLock]);
    await sql.query(
      `create table if not exists partnerbook_migrations (
         version integer primary key,
         name text not null,
         applied_at timestamptz not null default now()
       )`,
    );
    const { rows } = await sql.query("select version from partnerbook_migrations");
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of steps) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await sql.query(statement);
      await sql.query("insert into partnerbook_migrations (version, name) values ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { applied };
  });
}
