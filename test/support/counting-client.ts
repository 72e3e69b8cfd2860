import type { SqlClient, SqlQueryable } from "../../src/postgres.js";

/**
 * `client`, keeping the text of every statement sent through it, in order. The driver sends a
 * transaction's BEGIN and COMMIT (or ROLLBACK) itself, out of the client's sight, so they are
 * written down here for it: the list is what reaches the server.
 */
export function countingClient(client: SqlClient): {
  readonly client: SqlClient;
  readonly statements: string[];
} {
  const statements: string[] = [];
  const counted = (sql: SqlQueryable): SqlQueryable => ({
    query: (text, params) => {
      statements.push(text);
      return sql.query(text, params);
    },
  });
  const connect = client.connect?.bind(client);
  return {
    statements,
    client: {
      ...counted(client),
      // A store that begins its own transactions sends BEGIN and COMMIT as statements: counted.
      ...(connect && {
        connect: async () => {
          const connection = await connect();
          return { ...counted(connection), release: (broken?: boolean) => connection.release(broken) };
        },
      }),
      async transaction(fn) {
        statements.push("BEGIN");
        try {
          const result = await client.transaction((tx) => fn(counted(tx)));
          statements.push("COMMIT");
          return result;
        } catch (error) {
          statements.push("ROLLBACK");
          throw error;
        }
      },
    },
  };
}
