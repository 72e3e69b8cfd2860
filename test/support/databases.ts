import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { fromPg, fromPglite, migrate, type SqlClient } from "../../src/postgres.js";
import { freshPglite } from "./pglite.js";

/**
 * A migrated PGlite for the tests of one `describe` (it takes seconds to start): made before
 * them, closed after. `client()` hands it out once it is ready.
 */
export function migratedPglite(): { client(): SqlClient } {
  let db: PGlite | null = null;
  let client: SqlClient | null = null;
  beforeAll(async () => {
    db = await freshPglite();
    client = fromPglite(db);
    await migrate(client);
  }, 120_000);
  afterAll(() => db?.close());
  return { client: () => client as SqlClient };
}

/**
 * A schema of its own on the server at `url`, migrated before the tests of one `describe` and
 * dropped after them, so a shared database is left as it was.
 */
export function migratedServerSchema(url: string, name: string): { pool: pg.Pool; client: SqlClient } {
  const schema = `${name}_${process.pid}_${Date.now()}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
  const client = fromPg(pool);
  beforeAll(async () => {
    await admin.query(`create schema ${schema}`);
    await migrate(client);
  }, 60_000);
  afterAll(async () => {
    await pool.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });
  return { pool, client };
}
