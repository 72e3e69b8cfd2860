import { partnerbookTables } from "./migrations.js";
import type { SqlClient } from "./sql-client.js";

/**
 * Empties every partnerbook table, so event logs restart at 1: a fresh store on a migrated
 * database, for test suites. Not part of the public API: it deletes everything.
 */
export async function emptyPartnerbookTables(client: SqlClient): Promise<void> {
  await client.transaction(async (sql) => {
    // DELETE rather than TRUNCATE: on the few rows a test leaves it is several times faster.
    for (const table of partnerbookTables) await sql.query(`delete from ${table}`);
  });
}
