/** What one query answers: its rows, each keyed by column name. */
export interface SqlResult {
  readonly rows: Record<string, unknown>[];
}

/** Anything that runs one parameterised SQL statement (`$1`, `$2`, …). */
export interface SqlQueryable {
  /** Runs one statement with `params` bound to `$1`, `$2`, … */
  query(text: string, params?: unknown[]): Promise<SqlResult>;
}

/**
 * The little the Postgres store needs from a driver: a query, and a transaction that runs its
 * queries on one connection, commits when `fn` resolves and rolls back when it throws.
 * {@link fromPg} and {@link fromPglite} make one from the two common drivers.
 */
export interface SqlClient extends SqlQueryable {
  /** Runs `fn`'s queries on one connection: commits when `fn` resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * Optional: one connection of the client's own, in autocommit, given back with `release`. A
   * client that has it lets the store send `BEGIN` only before a transaction's first write or
   * locking read, so a use-case that only reads costs its reads alone (see `postgresStore`).
   */
  connect?(): Promise<SqlConnection>;
}

/** One connection checked out of a pool: queries run on it in turn until it is released. */
export interface SqlConnection extends SqlQueryable {
  /** Gives the connection back; `broken` closes it instead (its state is unknown). */
  release(broken?: boolean): void;
}

/** The part of a node-postgres `PoolClient` that {@link fromPg} uses. */
export interface PgPoolClientLike {
  /** Runs one statement with `params` bound to `$1`, `$2`, … */
  query(text: string, params?: unknown[]): Promise<SqlResult>;
  /** Gives the client back to the pool; `destroy` closes it instead. */
  release(destroy?: boolean): void;
}

/** The part of a node-postgres `Pool` that {@link fromPg} uses. */
export interface PgPoolLike {
  /** Runs one statement with `params` bound to `$1`, `$2`, … */
  query(text: string, params?: unknown[]): Promise<SqlResult>;
  /** Checks one client out of the pool. */
  connect(): Promise<PgPoolClientLike>;
}

/** The part of a PGlite database that {@link fromPglite} uses. */
export interface PgliteLike {
  /** Runs one statement with `params` bound to `$1`, `$2`, … */
  query(text: string, params?: unknown[]): Promise<SqlResult>;
  /** Runs `fn`'s queries on one connection: commits when `fn` resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/**
 * A {@link SqlClient} over a node-postgres pool: each transaction checks out one client, runs
 * `BEGIN` … `COMMIT` (or `ROLLBACK`) on it and gives it back; `connect` checks one out for the
 * store to begin on itself.
 *
 * @example
 * import pg from "pg";
 * const store = postgresStore(fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL })));
 */
export function fromPg(pool: PgPoolLike): SqlClient {
  return {
    query: (text, params) => pool.query(text, params),
    async connect() {
      const client = await pool.connect();
      return {
        query: (text, params) => client.query(text, params),
        release: (broken) => client.release(broken),
      };
    },
    async transaction(fn) {
      const client = await pool.connect();
      // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await fn({ query: (text, params) => client.query(text, params) });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/**
 * A {@link SqlClient} over an in-process PGlite database (PostgreSQL in WebAssembly). PGlite has
 * one connection, so its transactions run one at a time.
 *
 * @example
 * import { PGlite } from "@electric-sql/pglite";
 * const client = fromPglite(await PGlite.create());
 * await migrate(client);
 * const store = postgresStore(client);
 */
export function fromPglite(db: PgliteLike): SqlClient {
  return {
    query: (text, params) => db.query(text, params),
    transaction: (fn) => db.transaction((tx) => fn({ query: (text, params) => tx.query(text, params) })),
  };
}
