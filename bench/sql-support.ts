// What the benches that run on SQL stores share: filling tables in bulk with the adapter's own
// row codecs, and finding out whether a PostgreSQL server answers. Not a bench file itself.
import type { SqlQueryable } from "partnerbook/postgres";
import pg from "pg";
import type { RecordCodec } from "../src/adapters/postgres/rows.js";

/** Rows per multi-row INSERT: under PostgreSQL's 65,535 parameters for every table here. */
const rowsPerStatement = 1_000;

/** Inserts `records` with multi-row INSERTs of `codec`'s rows: the rows the adapter writes. */
export async function insertRows<T>(
  sql: SqlQueryable,
  codec: RecordCodec<T>,
  records: readonly T[],
): Promise<void> {
  const width = codec.columns.length;
  const jsonb = codec.casts.map((cast) => cast.endsWith("::jsonb"));
  for (let start = 0; start < records.length; start += rowsPerStatement) {
    const chunk = records.slice(start, start + rowsPerStatement);
    const tuples = chunk.map(
      (_, r) => `(${jsonb.map((isJson, c) => `$${r * width + c + 1}${isJson ? "::jsonb" : ""}`).join(", ")})`,
    );
    await sql.query(
      `insert into ${codec.table} (${codec.columns.join(", ")}) values ${tuples.join(", ")}`,
      chunk.flatMap((record) => codec.params(record)),
    );
  }
}

/** Whether a server answers at `url` within a few seconds. */
export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
