import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// `npm run test:fast`: the loop to run while editing. Every test that needs only memory, without
// coverage; left out are the ones that start PGlite, a PostgreSQL server or Chromium (npm test
// runs them all), and the model runs a fifth as often (PARTNERBOOK_MODEL_RUNS: 100 unless set).
const fast = mergeConfig(
  base,
  defineConfig({
    test: {
      env: {
        PARTNERBOOK_MODEL_RUNS: process.env.PARTNERBOOK_MODEL_RUNS ?? "100",
        // The reliability suites (bad input, faults, races, secrets) on memory only.
        PARTNERBOOK_TEST_STORES: "memory",
      },
      exclude: [
        "test/adapters/book-queries.prop.test.ts",
        "test/adapters/pglite-conformance.test.ts",
        "test/adapters/postgres-conformance.test.ts",
        "test/adapters/postgres-plans.test.ts",
        "test/adapters/postgres-round-trips.test.ts",
        "test/adapters/postgres-statements.test.ts",
        "test/browser/**",
        "test/concurrency/**",
        "test/model/model-pglite.test.ts",
        "test/reliability/bad-input-pglite-*.test.ts",
        "test/reliability/hostile-input-*.prop.test.ts",
        "test/reliability/secrets-at-rest.test.ts",
      ],
    },
  }),
);

// No suite here starts PGlite: the cluster the base config initialises for them is not needed.
fast.test.globalSetup = [];

export default fast;
