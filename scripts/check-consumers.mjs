// `npm run check:consumers` (part of `npm test`, after the build): partnerbook as its users get it.
// It installs the files `npm pack` would publish into test/package/consumers/node_modules, then
// compiles the consumer program (test/package/consumers/consumer.ts) under each TypeScript setup
// in that folder — node10, node16 from CommonJS and from ESM, bundler, each strict, with
// `exactOptionalPropertyTypes` and `skipLibCheck: false` — runs what it compiled, and last runs
// test/package/consumers/copies.test.mjs: errors of the CommonJS and the ESM copy in one process.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const consumers = join(root, "test/package/consumers");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", ...options });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

/** Like {@link run}, without waiting: the status and the output once the process ends. */
function runAsync(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", (status) => resolve({ ok: status === 0, output: output.trim() }));
  });
}

/** Compiles the consumer program under one setup and runs what it compiled. */
async function check(setup) {
  const folder = join(consumers, setup);
  cpSync(join(consumers, "consumer.ts"), join(folder, "index.ts"));
  rmSync(join(folder, "out"), { recursive: true, force: true });
  const compiled = await runAsync(process.execPath, [tsc, "-p", folder]);
  const ran = compiled.ok ? await runAsync(process.execPath, [join(folder, "out/index.js")]) : compiled;
  const verdict = !compiled.ok
    ? "does not compile"
    : ran.ok
      ? "compiles and runs"
      : "compiles, but fails when run";
  return { setup, ok: ran.ok, verdict, output: ran.output };
}

if (!existsSync(join(root, "dist/index.js"))) {
  console.error("check-consumers: no dist/ — run `npm run build` first");
  process.exit(1);
}

// What `npm pack` would publish, and nothing else: a file missing from `files` fails here.
const packed = run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
  shell: process.platform === "win32",
  stdio: ["ignore", "pipe", "ignore"],
});
if (!packed.ok) {
  console.error(`check-consumers: npm pack failed\n${packed.output}`);
  process.exit(1);
}
const installed = join(consumers, "node_modules/partnerbook");
rmSync(installed, { recursive: true, force: true });
for (const { path } of JSON.parse(packed.output)[0].files) {
  mkdirSync(dirname(join(installed, path)), { recursive: true });
  cpSync(join(root, path), join(installed, path));
}

// Each setup compiles its own copy of the one consumer program: under node16 a file's module
// format is that of its folder's package.json, so the program must sit in the setup's folder.
const setups = readdirSync(consumers, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "node_modules")
  .map((entry) => entry.name)
  .sort();
// The setups compile side by side: each is a TypeScript process of its own, mostly waiting on
// its own files, and one after another they took most of this check's time.
const verdicts = await Promise.all(setups.map(check));
const failed = [];
for (const { setup, ok, verdict, output } of verdicts) {
  console.log(`${ok ? "✓" : "✗"} ${setup}: ${verdict}`);
  if (!ok) {
    console.log(output.replace(/^/gm, "    "));
    failed.push(setup);
  }
}

const copies = spawnSync(process.execPath, ["--test", join(consumers, "copies.test.mjs")], {
  cwd: root,
  stdio: "inherit",
});
if (copies.status !== 0) failed.push("copies.test.mjs");

console.log(`\n${setups.length + 1 - failed.length} of ${setups.length + 1} consumer checks held.`);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
