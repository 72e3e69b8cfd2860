// Runs every examples/*.ts in turn; each narrates its story and exits non-zero if a rule
// does not hold. Exits non-zero if any example failed.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const examples = readdirSync(new URL("../examples/", import.meta.url))
  .filter((name) => name.endsWith(".ts") && !name.startsWith("_"))
  .sort();
const failed = [];
for (const name of examples) {
  console.log(`\n━━ examples/${name}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", `examples/${name}`], { stdio: "inherit" });
  if (run.status !== 0) failed.push(name);
}
console.log(`\n${examples.length - failed.length} of ${examples.length} examples held their rules.`);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
