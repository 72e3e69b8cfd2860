// Runs every bench/*.bench.ts in turn — each exports `run()`, which prints its table and
// returns its rows (and, for some, ratios) — and writes them all to bench/results.json.
// Not part of `npm test`.
//
// The books of a million contacts need more heap than Node's default (about 4 GB), and the
// benches collect garbage between worlds, so `npm run bench` (tsx bench/run.ts) starts this file
// again in a child Node with --max-old-space-size and --expose-gc, and waits for it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

const heapMB = 8_192;
const childFlag = "PARTNERBOOK_BENCH_CHILD";

if (process.env[childFlag] === undefined) {
  const child = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${heapMB}`,
      "--expose-gc",
      "--import",
      import.meta.resolve("tsx"),
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: "inherit", env: { ...process.env, [childFlag]: "1" } },
  );
  process.exit(child.status ?? 1);
}

const here = new URL("./", import.meta.url);
// `npm run bench -- operations sync` runs only those files.
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => only.length === 0 || only.includes(name.slice(0, -".bench.ts".length)))
  .sort();
const gc = (globalThis as { gc?: () => void }).gc;
const resultsFile = new URL("results.json", here);
// A partial run keeps the other files' results from the last run.
const previous =
  only.length > 0 && existsSync(resultsFile)
    ? ((JSON.parse(readFileSync(resultsFile, "utf8")) as { results?: Record<string, unknown> }).results ?? {})
    : {};
const results: Record<string, unknown> = { ...previous };
const started = performance.now();
for (const file of files) {
  console.log(`\n━━ bench/${file}`);
  const fileStarted = performance.now();
  const bench = (await import(new URL(file, here).href)) as { run(): Promise<unknown> };
  results[file.slice(0, -".bench.ts".length)] = await bench.run();
  console.log(`  (bench/${file}: ${((performance.now() - fileStarted) / 1000).toFixed(0)} s)`);
  gc?.();
}
const environment = {
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  totalSeconds: Math.round((performance.now() - started) / 1000),
};
const report = { measuredAt: new Date().toISOString(), environment, results };
writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWrote bench/results.json (${files.length} bench file${files.length === 1 ? "" : "s"}).`);
