// Shared measuring for the benches: tinybench samples of a calibrated batch of calls, with the
// process's CPU time recorded around every sample.
//
// Many operations here take a few microseconds, below what one timer reading resolves well
// (and `process.cpuUsage()` itself costs about a microsecond), so each tinybench sample runs a
// batch of calls sized to last about `sampleMs`, and every figure is per call. CPU time (user +
// system, all threads of the process) is what the ratios use: on a machine whose two cores
// other processes are also using, wall time includes waiting for a core, CPU time does not.
import { Bench } from "tinybench";

/** What one operation cost per call. */
export interface Measured {
  /** Calls per tinybench sample. */
  readonly batch: number;
  /** Samples in the run phase (warm-up excluded). */
  readonly samples: number;
  /** Wall clock per call: median and minimum over samples, and tinybench's relative margin. */
  readonly wallMedianUs: number;
  readonly wallMinUs: number;
  readonly wallRmePercent: number;
  /** CPU time of the process per call, median over samples. */
  readonly cpuMedianUs: number;
}

export interface MeasureOptions {
  /** The wall time one sample should last. Default 2 ms. */
  readonly sampleMs?: number;
  /** The wall time the run phase should last. Default 400 ms. */
  readonly budgetMs?: number;
  readonly minSamples?: number;
  readonly maxSamples?: number;
  /** The longest the run phase may take however few samples that leaves (at least 3). Default 10 s. */
  readonly maxRunMs?: number;
  /**
   * Calls available in all (calibration, warm-up and run): for operations that use up inputs
   * prepared beforehand, such as adds that each need an external member nobody has added.
   */
  readonly maxCalls?: number;
}

/** Where synchronous results go, so the engine cannot drop the calls that make them. */
export let sink: unknown;

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Three significant digits, for figures that range from nanoseconds to seconds. */
export const sig = (value: number): number => (Number.isFinite(value) ? Number(value.toPrecision(3)) : value);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const cpuNow = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/**
 * Measures `call(i)` with i = 0, 1, 2, … over all calls (calibration included), so each call
 * can take the i-th prepared input. `sync: true` calls without awaiting.
 */
export async function measure(
  name: string,
  call: (i: number) => unknown,
  options: MeasureOptions & { readonly sync?: boolean } = {},
): Promise<Measured> {
  const sampleMs = options.sampleMs ?? 2;
  const budgetMs = options.budgetMs ?? 400;
  const minSamples = options.minSamples ?? 15;
  const maxSamples = options.maxSamples ?? 200;
  const maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
  let next = 0;

  // Calibration (also a warm-up): call until 20 ms have passed or a tenth of the calls are used.
  const calibrationCap = Number.isFinite(maxCalls) ? Math.max(1, Math.floor(maxCalls / 10)) : 1e7;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 20 && next < calibrationCap) {
    if (options.sync) sink = call(next++);
    else await call(next++);
    elapsed = performance.now() - started;
  }
  const perCall = elapsed / next;
  let batch = Math.max(1, Math.min(1_000_000, Math.round(sampleMs / perCall)));
  let samples = Math.max(minSamples, Math.min(maxSamples, Math.round(budgetMs / (batch * perCall))));
  // Operations that take seconds (a walk over a million contacts) get fewer samples.
  samples = Math.min(samples, Math.max(3, Math.floor((options.maxRunMs ?? 10_000) / (batch * perCall))));
  const warmupSamples = batch * perCall > 100 ? 1 : 3;
  const left = maxCalls - next;
  if ((samples + warmupSamples) * batch > left) {
    batch = Math.max(1, Math.floor(left / (minSamples + warmupSamples)));
    samples = Math.max(1, Math.floor(left / batch) - warmupSamples);
  }

  const cpuUs: number[] = [];
  const bench = new Bench({
    time: 0,
    iterations: samples,
    warmupTime: 0,
    warmupIterations: warmupSamples,
    throws: true,
  });
  const sampleFn = options.sync
    ? () => {
        const before = cpuNow();
        for (let j = 0; j < batch; j++) sink = call(next++);
        cpuUs.push(cpuNow() - before);
      }
    : async () => {
        const before = cpuNow();
        for (let j = 0; j < batch; j++) await call(next++);
        cpuUs.push(cpuNow() - before);
      };
  bench.add(name, sampleFn, {
    beforeAll: (mode) => {
      if (mode === "run") cpuUs.length = 0; // keep the samples of the run phase only
    },
  });
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result?.state !== "completed") throw new Error(`${name}: ${result?.state}`);
  const { latency } = result;
  return {
    batch,
    samples: latency.samplesCount,
    wallMedianUs: sig((latency.p50 * 1000) / batch),
    wallMinUs: sig((latency.min * 1000) / batch),
    wallRmePercent: round(latency.rme, 1),
    cpuMedianUs: sig(median(cpuUs) / batch),
  };
}

/** Forces a full collection when the process runs with --expose-gc (bench/run.ts arranges it). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
}

/** `a / b` rounded, or null when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): number | null {
  return a === undefined || b === undefined || b === 0 ? null : round(a / b, 2);
}
