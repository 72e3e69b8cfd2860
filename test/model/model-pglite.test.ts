import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { fromPglite, migrate, postgresStore, type SqlClient } from "../../src/postgres.js";
import { allCommands, modelSetup } from "./commands.js";

// The same model run on PostgreSQL (PGlite, in process). Every step is a few SQL round trips, so
// each run costs about a second and a half: npm test runs 150 (the model's rules are exercised 1,000 times
// on memory; here the point is that the SQL adapter answers the same), and `npm run soak`
// (PARTNERBOOK_MODEL_PGLITE_RUNS) runs 10,000.
const numRuns = Number(process.env.PARTNERBOOK_MODEL_PGLITE_RUNS ?? 150);
const seed = 20_260_401;

let db: PGlite;
let client: SqlClient;

beforeAll(async () => {
  db = await PGlite.create();
  client = fromPglite(db);
  await migrate(client);
}, 120_000);

afterAll(() => db.close());

describe("model-based on PGlite", () => {
  it(
    "model: any sequence of operations keeps the book consistent with the model (PGlite)",
    async () => {
      const setup = modelSetup(async () => {
        await emptyPartnerbookTables(client);
        return postgresStore(client);
      });
      await fc.assert(
        fc.asyncProperty(fc.commands(allCommands, { size: "+1", maxCommands: 25 }), (cmds) =>
          fc.asyncModelRun(setup, cmds),
        ),
        { numRuns, seed },
      );
    },
    Math.max(600_000, numRuns * 6_000),
  );
});
