import type { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { fromPglite, migrate, postgresStore, type SqlClient } from "../../src/postgres.js";
import { freshPglite } from "../support/pglite.js";
import { allCommands, modelSetup } from "./commands.js";
import { modelSeed, pgliteRuns } from "./runs.js";

// The same model run on PostgreSQL (PGlite, in process). Every step is a few SQL round trips;
// the model's rules are exercised on memory (model.test.ts), so here the point is that the SQL
// adapter answers the same (test/model/runs.ts says how many runs, and why).
let db: PGlite;
let client: SqlClient;

beforeAll(async () => {
  db = await freshPglite();
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
        { numRuns: pgliteRuns, seed: modelSeed },
      );
    },
    Math.max(600_000, pgliteRuns * 6_000),
  );
});
