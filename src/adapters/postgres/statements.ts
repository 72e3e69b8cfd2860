import { PartnerbookError } from "../../errors.js";
import type { ReadOptions } from "../../ports/store.js";
import type { RecordCodec, Row } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";

// The statements every repository shares: get by id, insert, and the version-checked update
// and delete of the port's write contract.

/** The rows of one parameterised statement. */
export async function select(sql: SqlQueryable, text: string, params: unknown[] = []): Promise<Row[]> {
  return (await sql.query(text, params)).rows;
}

export const selectFrom = <T>(codec: RecordCodec<T>): string =>
  `select ${codec.columns.join(", ")} from ${codec.table}`;

/** ` for update` when the read locks what it reads. */
export const lockClause = (options?: ReadOptions): string => (options?.lock ? " for update" : "");

export async function getById<T>(
  sql: SqlQueryable,
  codec: RecordCodec<T>,
  id: string,
  options?: ReadOptions,
): Promise<T | null> {
  const [row] = await select(sql, `${selectFrom(codec)} where id = $1${lockClause(options)}`, [id]);
  return row === undefined ? null : codec.read(row);
}

/** Rows read with `codec`'s columns, as records. */
export async function selectRecords<T>(
  sql: SqlQueryable,
  codec: RecordCodec<T>,
  where: string,
  params: unknown[],
): Promise<T[]> {
  return (await select(sql, `${selectFrom(codec)} ${where}`, params)).map(codec.read);
}

/** Inserts a record; a duplicate id or unique key fails with 23505, reported as CONFLICT. */
export async function insertRecord<T>(sql: SqlQueryable, codec: RecordCodec<T>, record: T): Promise<void> {
  await sql.query(
    `insert into ${codec.table} (${codec.columns.join(", ")}) values (${codec.casts.join(", ")})`,
    codec.params(record),
  );
}

/** Stores `record` over the row with its id if that row is still at `expected`. */
export async function updateRecord<T extends { readonly id: string }>(
  sql: SqlQueryable,
  codec: RecordCodec<T>,
  record: T,
  expected: number,
): Promise<void> {
  const params = codec.params(record);
  const updated = await select(
    sql,
    `update ${codec.table} set (${codec.columns.join(", ")}) = (${codec.casts.join(", ")})
     where id = $1 and version = $${params.length + 1} returning id`,
    [...params, expected],
  );
  if (updated.length === 0) await explainMiss(sql, codec.table, record.id, expected);
}

/** Deletes the row with `id` if it is still at `expected`. */
export async function deleteRecord(
  sql: SqlQueryable,
  table: string,
  id: string,
  expected: number,
): Promise<void> {
  const deleted = await select(sql, `delete from ${table} where id = $1 and version = $2 returning id`, [
    id,
    expected,
  ]);
  if (deleted.length === 0) await explainMiss(sql, table, id, expected);
}

/**
 * A versioned write matched no row: NOT_FOUND if there is none, else CONFLICT. Use-cases write
 * only versions they read in the same transaction (a caller's stale `expectedVersion` is refused
 * before the write), so a miss here means a concurrent transaction committed in between: a lost
 * race, which the store runs again ({@link lostRaces}).
 */
async function explainMiss(sql: SqlQueryable, table: string, id: string, expected: number): Promise<never> {
  const [row] = await select(sql, `select version from ${table} where id = $1`, [id]);
  if (row === undefined) throw new PartnerbookError("NOT_FOUND", `no record ${id}`);
  const currentVersion = Number(row.version);
  const error = new PartnerbookError("CONFLICT", `${id} is at version ${currentVersion}, not ${expected}`, {
    currentVersion,
  });
  lostRaces.add(error);
  throw error;
}

/** CONFLICTs raised by a versioned write that lost a race; the store retries their transaction. */
export const lostRaces = new WeakSet<Error>();
