import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { fromPg, migrate, migrations, postgresStore, type SqlClient } from "../../src/postgres.js";
import { runAdapterConformance } from "../../src/testing.js";

// A real PostgreSQL server, when PARTNERBOOK_POSTGRES_URL names one (.ci/run starts one). Each
// run works in a schema of its own, dropped at the end, so a shared database is left as it was.
const url = process.env.PARTNERBOOK_POSTGRES_URL;

if (url === undefined || url === "") {
  describe("postgres store on a real server", () => {
    it("runs only when PARTNERBOOK_POSTGRES_URL is set, and it is not", () => {
      expect(process.env.PARTNERBOOK_POSTGRES_URL ?? "").toBe("");
    });
  });
} else {
  const schema = `partnerbook_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const client: SqlClient = fromPg(pool);

  beforeAll(async () => {
    await admin.query(`create schema ${schema}`);
    await migrate(client);
  }, 60_000);

  describe("postgres store on a real server: migrations", () => {
    it("migrations started at once take turns: one applies the schema, the others find it done", async () => {
      const fresh = `${schema}_migrate`;
      await admin.query(`create schema ${fresh}`);
      const other = new pg.Pool({ connectionString: url, max: 3, options: `-c search_path=${fresh}` });
      try {
        const runs = await Promise.all([1, 2, 3].map(() => migrate(fromPg(other))));
        const all = migrations.map((migration) => migration.version);
        expect(runs.map((run) => run.applied).sort()).toEqual([[], [], all]);
        const { rows } = await other.query("select version from partnerbook_migrations order by version");
        expect(rows).toEqual(all.map((version) => ({ version })));
      } finally {
        await other.end();
        await admin.query(`drop schema ${fresh} cascade`);
      }
    });
  });

  runAdapterConformance(
    "postgres store on a real server",
    async () => {
      await emptyPartnerbookTables(client);
      return postgresStore(client);
    },
    {
      teardown: async () => {
        await pool.end();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      },
    },
  );
}
