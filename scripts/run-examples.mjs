// Runs every examples/*.ts in turn; each narrates its story and exits non-zero if a rule
// does not hold. Exits non-zero if any example failed.
//
// All of them in this one process (tsx's loader registered once), not a process each: starting
// Node and the loader per example cost more than most examples take to run.
import { readdirSync } from "node:fs";
import { register } from "tsx/esm/api";

register();

/** An example asked to exit: the rest of it is skipped, the next one still runs. */
class ExampleExit extends Error {
  constructor(code) {
    super(`exited with ${code}`);
    this.code = code;
  }
}

const examples = readdirSync(new URL("../examples/", import.meta.url))
  .filter((name) => name.endsWith(".ts") && !name.startsWith("_"))
  .sort();
const failed = [];
const exit = process.exit;
for (const name of examples) {
  console.log(`\n━━ examples/${name}`);
  // An example that finds a rule broken calls process.exit(1) (examples/_narrate.ts); here that
  // ends the example, not the run.
  process.exit = (code) => {
    throw new ExampleExit(code ?? 0);
  };
  try {
    await import(new URL(`../examples/${name}`, import.meta.url).href);
  } catch (error) {
    if (!(error instanceof ExampleExit && error.code === 0)) {
      if (!(error instanceof ExampleExit)) console.error(error);
      failed.push(name);
    }
  } finally {
    process.exit = exit;
  }
}
console.log(`\n${examples.length - failed.length} of ${examples.length} examples held their rules.`);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
