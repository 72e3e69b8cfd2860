// Runs every bench/*.bench.ts in turn — each exports `run()`, which prints its table and
// returns its rows — and writes all rows to bench/results.json. Not part of `npm test`.
import { readdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";

const here = new URL("./", import.meta.url);
const files = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .sort();
const results: Record<string, readonly unknown[]> = {};
for (const file of files) {
  console.log(`\n━━ bench/${file}`);
  const bench = (await import(new URL(file, here).href)) as { run(): Promise<readonly unknown[]> };
  results[file.slice(0, -".bench.ts".length)] = await bench.run();
}
const environment = { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length };
const report = { measuredAt: new Date().toISOString(), environment, results };
writeFileSync(new URL("results.json", here), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWrote bench/results.json (${files.length} bench file${files.length === 1 ? "" : "s"}).`);
