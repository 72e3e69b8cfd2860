// Runs every examples/*.ts in turn (or the files given as arguments), each under a title line
// taken from its first comment — `// <title> (<rules>): …` — and ends with one summary line:
//   demo: 9 examples, 74 rule checks, 74 ✓, 0 ✗
// An example stops at its first ✗ with a non-zero exit; the runner then runs the rest and exits 1.
// The examples' checks are counted from the tally file each one appends to (examples/_narrate.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// As examples/_narrate.ts: colour only for a terminal, and never when NO_COLOR is set.
const paint = (stream, code, text) =>
  stream.isTTY === true && (process.env.NO_COLOR ?? "") === "" ? `\x1b[${code}m${text}\x1b[0m` : text;

const given = process.argv.slice(2).map((file) => resolve(file));
const examples =
  given.length > 0
    ? given
    : readdirSync(join(root, "examples"))
        .filter((name) => name.endsWith(".ts") && !name.startsWith("_"))
        .sort()
        .map((name) => join(root, "examples", name));

/** `Invitations · R17–R20` from `// Invitations (R17–R20): …`; the file name if there is none. */
function title(file) {
  const first = readFileSync(file, "utf8").split("\n", 1)[0] ?? "";
  const found = first.match(/^\/\/ (.+?) \((R\d[^)]*)\):/);
  return found === null ? "" : `${found[1]} · ${found[2]}`;
}

const count = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
const tallies = mkdtempSync(join(tmpdir(), "partnerbook-demo-"));
let held = 0;
let broken = 0;
const failed = [];
try {
  for (const [index, file] of examples.entries()) {
    const shown = relative(root, file);
    const heading = title(file);
    console.log(`\n${paint(process.stdout, "1", `━━ ${heading === "" ? shown : `${heading} · ${shown}`}`)}`);
    const tally = join(tallies, `${index}.txt`);
    writeFileSync(tally, "");
    const run = spawnSync(process.execPath, ["--import", "tsx", file], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, PARTNERBOOK_DEMO_TALLY: tally },
    });
    const checks = readFileSync(tally, "utf8").split("\n").filter(Boolean);
    const ticks = checks.filter((line) => line.startsWith("✓")).length;
    const crosses = checks.filter((line) => line.startsWith("✗"));
    held += ticks;
    broken += crosses.length;
    if (run.status !== 0 || crosses.length > 0) {
      const why =
        crosses.length > 0
          ? crosses.join(", ")
          : `stopped with ${run.signal ?? `exit code ${run.status}`} after ${count(ticks, "check")}`;
      failed.push(`${shown} (${why})`);
    }
  }
} finally {
  rmSync(tallies, { recursive: true, force: true });
}

const summary = `demo: ${count(examples.length, "example")}, ${count(held + broken, "rule check")}, ${held} ✓, ${broken} ✗`;
console.log(`\n${paint(process.stdout, failed.length === 0 ? "32;1" : "31;1", summary)}`);
if (failed.length > 0) {
  console.error(paint(process.stderr, "31", `demo failed: ${failed.join("; ")}`));
  process.exit(1);
}
