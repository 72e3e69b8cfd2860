// The model-based tests, soaked: `vitest run test/model` with 100,000 runs on memory instead of
// 500 and 10,000 on PGlite instead of 10 (override with PARTNERBOOK_MODEL_RUNS and
// PARTNERBOOK_MODEL_PGLITE_RUNS; PARTNERBOOK_MODEL_SEED picks another fixed seed).
// Prints how long it took; exits with vitest's status.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = process.env.PARTNERBOOK_MODEL_RUNS || "100000";
// The PGlite model costs about a second a run: a tenth as many, unless told.
const pgliteRuns =
  process.env.PARTNERBOOK_MODEL_PGLITE_RUNS || String(Math.max(1, Math.round(Number(runs) / 10)));
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
}

console.log(`soak: ${runs} runs of the memory model, ${pgliteRuns} of the PGlite one`);
const started = performance.now();
const run = spawnSync(process.execPath, [vitest, "run", "test/model"], {
  stdio: "inherit",
  env: { ...process.env, PARTNERBOOK_MODEL_RUNS: runs, PARTNERBOOK_MODEL_PGLITE_RUNS: pgliteRuns },
});
const took = duration(performance.now() - started);
if (run.error) throw run.error;
console.log(`soak: ${runs} runs ${run.status === 0 ? "held" : "FAILED"} in ${took}`);
process.exit(run.status ?? 1);
