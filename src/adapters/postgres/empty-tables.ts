import { partnerbookTables } from "./migrations.js";
import type { SqlClient } from "./sql-client.js";

/**
 * Empties every partnerbook table and restarts the event log at 1: a fresh store on a migrated
 * database, for test suites. Not part of the public API: it deletes everything.
 */
export async function emptyPartnerbookTables(client: SqlClient): Promise<void> {
  await client.transaction(async (sql) => {
    // DELETE rather than TRUNCATE: on the few rows a test leaves it is several times faster.
    for (const table of partnerbookTables) {
      if (table !== "partnerbook_event_counter") await sql.query(`delete from ${table}`);
    }
    await sql.query("update partnerbook_event_counter set last_sequence = 0");
  });
}
