import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One PGlite cluster initialised for the run; each suite starts its PGlite from it.
    globalSetup: ["test/support/pglite-cluster.setup.ts"],
    // A worker per core: vitest's default leaves one core to its main process, which on a
    // 2-core machine ran the test files one at a time while the main process mostly waited.
    maxWorkers: availableParallelism(),
    // One module graph per worker instead of one per file: importing src afresh for each of
    // some hundred files cost a fifth of the run. No suite leaves state behind that another
    // reads (each makes its own stores, clocks and ids; the PGlite of the reliability suites is
    // emptied per store), and the whole suite passes either way.
    isolate: false,
    // PGlite starts in seconds and the suites that run on it do real SQL; nothing here sleeps,
    // so a generous limit only bounds a hang.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      thresholds: { lines: 90, branches: 90, functions: 90, statements: 90 },
    },
  },
});
