// The same everyday operations on two adapters — the memory store and the PostgreSQL store on
// PGlite (PostgreSQL in WebAssembly, in this process) — with ONE member's book of 1k and 100k
// contacts (bench/fixtures.ts builds the same world on both through the `Store` port). Ratios:
//   PGlite ÷ memory per operation and size     — what a real SQL round trip costs here
//   cost(100k) / cost(1k) per adapter           — lookups and page listings: target ≤ 1.5
// purgeExpired is timed with 1% of the book due (10 at 1k, 1,000 at 100k), each sample purging
// contacts put in the trash beforehand (not timed); its growth should follow what is due.
//
// Filling PGlite one INSERT per record would take minutes, so while the world is built the PGlite
// store runs in bulk mode: the fixtures' `tx.….insert(record)` calls are collected and written at
// the end of each store transaction (5,000 records) as multi-row INSERTs of the adapter's own row
// codecs — the same rows, sort keys and search texts the adapter writes. Then VACUUM ANALYZE, as
// autovacuum would after a bulk load on a server (PGlite runs none). Both are reported.
//
// PGlite runs its queries in this thread, so its CPU time ≈ its wall time; the ratios use CPU.
import { memoryStore } from "partnerbook/memory";
import { type AdapterName, type AdapterRow, measureWorld, sizes } from "./adapters-operations.js";
import { type PlanRow, pgliteAdapter } from "./adapters-pglite.js";
import { listingPlans, printPlans } from "./adapters-plans.js";
import { type AdaptersResult, type FillRow, printTables, summarise } from "./adapters-report.js";
import { buildBookWorld } from "./fixtures.js";
import { collectGarbage, round } from "./harness.js";

export { type AdapterName, type AdapterRow, flatOperations, sizes } from "./adapters-operations.js";
export { type PlanRow, pgliteAdapter } from "./adapters-pglite.js";
export type { AdaptersResult, FillRow } from "./adapters-report.js";

async function runAdapter(
  adapter: AdapterName,
  size: number,
): Promise<{ rows: AdapterRow[]; fill: FillRow; plans: PlanRow[] }> {
  collectGarbage();
  const pglite = adapter === "pglite" ? pgliteAdapter() : null;
  const setBulk = (on: boolean) => pglite?.setBulk(on);
  console.log(`  ${adapter}: building a book of ${size.toLocaleString("en")} contacts…`);
  setBulk(true);
  const world = await buildBookWorld(pglite === null ? memoryStore : () => pglite.makeStore(), size);
  setBulk(false);
  try {
    const startSeconds = pglite?.startSeconds ?? null;
    const analyzeSeconds = pglite === null ? null : await pglite.analyze();
    const counts = world.counts;
    const fill: FillRow = {
      adapter,
      size,
      records: 7 + counts.externalMembers + 2 + size,
      fillSeconds: round(world.buildSeconds - (startSeconds ?? 0), 2),
      startSeconds: startSeconds === null ? null : round(startSeconds, 2),
      analyzeSeconds: analyzeSeconds === null ? null : round(analyzeSeconds, 2),
      databaseMB: pglite === null ? null : await pglite.databaseMB(),
    };
    console.log(`  built: ${JSON.stringify(fill)}; measuring…`);
    const rows = await measureWorld(adapter, world, setBulk);
    const plans = pglite === null ? [] : await listingPlans(world, pglite.explainSlowest);
    return { rows, fill, plans };
  } finally {
    await pglite?.close();
  }
}

/** Both adapters at 1k and 100k contacts. */
export async function run(): Promise<AdaptersResult> {
  const rows: AdapterRow[] = [];
  const fills: FillRow[] = [];
  const plans: PlanRow[] = [];
  for (const size of sizes) {
    for (const adapter of ["memory", "pglite"] as const) {
      const measured = await runAdapter(adapter, size);
      rows.push(...measured.rows);
      fills.push(measured.fill);
      plans.push(...measured.plans);
    }
  }
  collectGarbage();
  const result = { rows, fills, plans, ratios: summarise(rows) };
  printPlans(plans);
  printTables(result);
  return result;
}
