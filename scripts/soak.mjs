// The model-based tests, soaked: `vitest run test/model` with 100,000 runs instead of 1,000
// (override with PARTNERBOOK_MODEL_RUNS; PARTNERBOOK_MODEL_SEED picks another fixed seed).
// Prints how long it took; exits with vitest's status.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = process.env.PARTNERBOOK_MODEL_RUNS || "100000";
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
}

console.log(`soak: ${runs} runs of every model-based test`);
const started = performance.now();
const run = spawnSync(process.execPath, [vitest, "run", "test/model"], {
  stdio: "inherit",
  env: { ...process.env, PARTNERBOOK_MODEL_RUNS: runs },
});
const took = duration(performance.now() - started);
if (run.error) throw run.error;
console.log(`soak: ${runs} runs ${run.status === 0 ? "held" : "FAILED"} in ${took}`);
process.exit(run.status ?? 1);
