/**
 * The PostgreSQL store, its migrations, and adapters for node-postgres and PGlite.
 *
 * @module partnerbook/postgres
 */
export { migrate } from "./adapters/postgres/migrate.js";
export { type Migration, migrations } from "./adapters/postgres/migrations.js";
export {
  fromPg,
  fromPglite,
  type PgliteLike,
  type PgPoolClientLike,
  type PgPoolLike,
  type SqlClient,
  type SqlQueryable,
  type SqlResult,
} from "./adapters/postgres/sql-client.js";
export { type PostgresStoreOptions, postgresStore, type RetryOptions } from "./adapters/postgres/store.js";
