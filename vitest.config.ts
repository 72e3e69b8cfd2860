import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The suites that take longest, longest first. Without a record of earlier runs (a fresh clone,
 * CI) vitest starts the biggest files first, and these are mostly small files that run long:
 * started last, one of them ran alone on one core for the last minute. Started first, the two
 * workers finish together. Order taken from a CI run's report (test-results.json).
 */
const longSuites = [
  // Loads two company worlds of 100,000 contacts in its beforeAll (a minute of work the
  // report does not count as the file's: read its duration off the hook, not the tests).
  "test/adapters/postgres-plans.test.ts",
  "test/model/model.test.ts",
  "test/reliability/faults.test.ts",
  "test/adapters/pglite-conformance.test.ts",
  "test/concurrency/processes.test.ts",
  "test/adapters/postgres-conformance.test.ts",
  "test/browser/browser-example.test.ts",
  "test/reliability/hostile-input-contacts.prop.test.ts",
  "test/reliability/hostile-input-members.prop.test.ts",
  "test/reliability/hostile-input-cursors.prop.test.ts",
  "test/reliability/races.test.ts",
  "test/adapters/postgres-statements.test.ts",
  "test/reliability/bad-input-pglite-1.test.ts",
  "test/reliability/bad-input-pglite-2.test.ts",
  "test/reliability/bad-input.test.ts",
  "test/adapters/book-queries.prop.test.ts",
  "test/model/model-pglite.test.ts",
];

class LongSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = longSuites.findIndex((suite) => file.moduleId.endsWith(suite));
      return index === -1 ? longSuites.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: LongSuitesFirst },
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
