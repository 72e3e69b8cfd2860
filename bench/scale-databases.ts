// Fresh, migrated partnerbook databases for the scale bench, one per world and size: on the
// PostgreSQL server, a database of its own (dropped and created again, so no bloat, cache or
// statistics of the last world carry over); elsewhere, a new PGlite instance. Not a bench file.
import { PGlite } from "@electric-sql/pglite";
import { fromPg, fromPglite, migrate, type SqlClient } from "partnerbook/postgres";
import pg from "pg";

export type ScaleStore = "postgres" | "pglite";

export interface ScaleDatabase {
  readonly store: ScaleStore;
  readonly client: SqlClient;
  megabytes(): Promise<number>;
  /** Closes it, and on the server drops it. */
  close(): Promise<void>;
}

const databaseName = "partnerbook_scale";

/**
 * On the server, the longest one statement may run: a plan gone wrong at 1M (a walk of the
 * whole book per page) then costs the bench minutes, not hours. Loading stays well under it: a
 * multi-row INSERT takes about a second, VACUUM ANALYZE of a million contacts about twenty.
 */
export const statementTimeoutMs = 60_000;

/** Whether `error` (or what it wraps) is a statement that ran out its time (SQLSTATE 57014). */
export function timedOut(error: unknown): boolean {
  for (let cause = error; typeof cause === "object" && cause !== null; cause = (cause as Error).cause) {
    if ((cause as { code?: unknown }).code === "57014") return true;
  }
  return false;
}

async function megabytes(client: SqlClient): Promise<number> {
  const { rows } = await client.query("select pg_database_size(current_database()) as bytes");
  return Math.round(Number(rows[0]?.bytes) / 2 ** 20);
}

/**
 * CREATE DATABASE with the locale of the database `url` names: an ICU database there gets an
 * ICU one here, so text behaves as in the database the tests run on.
 */
async function createStatement(admin: pg.Client): Promise<string> {
  // to_jsonb: the ICU locale's column is daticulocale up to PostgreSQL 16, datlocale after.
  const { rows } = await admin.query(
    `select datlocprovider as provider, datcollate as collate, datctype as ctype,
       coalesce(to_jsonb(d) ->> 'daticulocale', to_jsonb(d) ->> 'datlocale') as icu
     from pg_database d where datname = current_database()`,
  );
  const { provider, collate, ctype, icu } = rows[0] as Record<string, string | null>;
  const literal = (value: string | null | undefined) => `'${(value ?? "").replaceAll("'", "''")}'`;
  const icuClause = provider === "i" ? ` locale_provider icu icu_locale ${literal(icu)}` : "";
  return `create database ${databaseName} template template0 encoding 'UTF8'${icuClause}
    lc_collate ${literal(collate)} lc_ctype ${literal(ctype)}`;
}

/**
 * `partnerbook_scale` on the server at `url`, dropped and created again, then migrated. Its pool
 * has two connections: the loader keeps INSERTs outstanding on both, while the benches, one
 * call at a time, use one at a time.
 */
export async function freshServerDatabase(url: string): Promise<ScaleDatabase> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const drop = () => admin.query(`drop database if exists ${databaseName} with (force)`);
  await drop();
  await admin.query(await createStatement(admin));
  const target = new URL(url);
  target.pathname = `/${databaseName}`;
  const pool = new pg.Pool({
    connectionString: target.toString(),
    max: 2,
    options: `-c statement_timeout=${statementTimeoutMs}`,
  });
  const client = fromPg(pool);
  await migrate(client);
  return {
    store: "postgres",
    client,
    megabytes: () => megabytes(client),
    async close() {
      // pool.end() resolves before its connections have closed, and the forced drop may end
      // them first: an error of a connection on its way out must not end the process.
      pool.on("error", () => undefined);
      await pool.end();
      await drop();
      await admin.end();
    },
  };
}

export async function freshPglite(): Promise<ScaleDatabase> {
  const db = await PGlite.create();
  const client = fromPglite(db);
  await migrate(client);
  return { store: "pglite", client, megabytes: () => megabytes(client), close: () => db.close() };
}
