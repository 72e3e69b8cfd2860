// The four memory cases: what one purge of the due contacts costs, as the total and the due grow.
import { Bench } from "tinybench";
import { median, round } from "./harness.js";
import { fill, makeDue } from "./purge-memory-world.js";

/** One row of the table: a case and what one purge of its due contacts cost. */
export interface PurgeRow {
  readonly total: number;
  readonly due: number;
  readonly iterations: number;
  /** Wall clock, as tinybench measures it. */
  readonly wallMedianMs: number;
  readonly wallMinMs: number;
  readonly wallRmePercent: number;
  /** CPU time of the process during the purge (user + system). */
  readonly cpuMedianMs: number;
  readonly cpuUsPerDueContact: number;
  /** Filling the store; not timed. */
  readonly setupSeconds: number;
  /** CPU median ÷ that of the case with the same `due` and a tenth of the total (≈1 expected). */
  readonly vsTenthTotal: number | null;
  /** CPU median ÷ that of the case with the same total and a tenth as many due (≈10 expected). */
  readonly vsTenthDue: number | null;
}

async function measure(total: number, due: number, iterations: number): Promise<PurgeRow> {
  const started = performance.now();
  const world = await fill(total - due);
  const setupSeconds = (performance.now() - started) / 1000;
  const cpuMs: number[] = [];
  const bench = new Bench({ time: 0, iterations, warmupTime: 0, warmupIterations: 3, throws: true });
  bench.add(
    `N=${total} due=${due}`,
    async () => {
      const before = process.cpuUsage();
      const purged = await world.book.trash.purgeExpired();
      const spent = process.cpuUsage(before);
      cpuMs.push((spent.user + spent.system) / 1000);
      if (purged !== due) throw new Error(`purged ${purged} contacts, expected ${due}`);
    },
    {
      beforeAll: () => {
        cpuMs.length = 0; // keep the samples of the run phase only, not of the warmup
      },
      beforeEach: () => makeDue(world, due),
    },
  );
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result?.state !== "completed") throw new Error(`N=${total} due=${due}: ${result?.state}`);
  const { latency } = result;
  const cpu = median(cpuMs);
  return {
    total,
    due,
    iterations: latency.samplesCount,
    wallMedianMs: round(latency.p50),
    wallMinMs: round(latency.min),
    wallRmePercent: round(latency.rme),
    cpuMedianMs: round(cpu),
    cpuUsPerDueContact: round((cpu * 1000) / due),
    setupSeconds: round(setupSeconds),
    vsTenthTotal: null,
    vsTenthDue: null,
  };
}

/** The four memory cases, their table and the ratios between them. */
export async function runMemory(): Promise<PurgeRow[]> {
  const cases = [
    { total: 10_000, due: 100, iterations: 60 },
    { total: 10_000, due: 1_000, iterations: 30 },
    { total: 100_000, due: 100, iterations: 60 },
    { total: 100_000, due: 1_000, iterations: 30 },
  ];
  const measured: PurgeRow[] = [];
  for (const { total, due, iterations } of cases) {
    console.log(`  measuring N=${total.toLocaleString("en")}, ${due.toLocaleString("en")} due…`);
    measured.push(await measure(total, due, iterations));
  }
  const find = (total: number, due: number) => measured.find((row) => row.total === total && row.due === due);
  const cpuRatio = (a: PurgeRow, b: PurgeRow | undefined) =>
    b === undefined ? null : round(a.cpuMedianMs / b.cpuMedianMs);
  const rows = measured.map((row) => ({
    ...row,
    vsTenthTotal: cpuRatio(row, find(row.total / 10, row.due)),
    vsTenthDue: cpuRatio(row, find(row.total, row.due / 10)),
  }));
  console.table(rows);
  const pairs: [string, PurgeRow | undefined, PurgeRow | undefined, string][] = [
    ["time(N=100k, 1k due) / time(N=10k, 1k due)", find(100_000, 1_000), find(10_000, 1_000), "≈1"],
    ["time(N=100k, 100 due) / time(N=10k, 100 due)", find(100_000, 100), find(10_000, 100), "≈1"],
    ["time(N=100k, 1k due) / time(N=100k, 100 due)", find(100_000, 1_000), find(100_000, 100), "≈10"],
    ["time(N=10k, 1k due) / time(N=10k, 100 due)", find(10_000, 1_000), find(10_000, 100), "≈10"],
    ["time(1% of 100k) / time(1% of 10k)", find(100_000, 1_000), find(10_000, 100), "≈10, as due grows"],
  ];
  for (const [label, a, b, expected] of pairs) {
    const ratio = (key: "cpuMedianMs" | "wallMedianMs") =>
      ((a?.[key] ?? Number.NaN) / (b?.[key] ?? Number.NaN)).toFixed(2);
    console.log(`  ${label} = ${ratio("cpuMedianMs")} CPU, ${ratio("wallMedianMs")} wall (${expected})`);
  }
  return rows;
}
