// A window: every caller in a loop for a set time, with its latencies, the CPU it took and the
// server's activity sampled meanwhile.
import type pg from "pg";
import { type Activity, sampleActivity } from "./concurrency-activity.js";
import { type CpuTicks, cpuTicks, ticksSince } from "./concurrency-cpu.js";

export const warmUpMs = 400;

/** One caller's next call. */
export type Step = () => Promise<void>;

export interface Window {
  readonly calls: number;
  readonly seconds: number;
  /** This process's CPU time (all threads), µs. */
  readonly cpuUs: number;
  /** CPU ticks over the window (null off Linux). */
  readonly ticks: CpuTicks | null;
  readonly latenciesMs: number[];
  readonly activity: Activity;
}

/** Runs every caller in a loop for `ms` (each finishes the call it is in), sampling the server. */
export async function runWindow(
  steps: readonly Step[],
  ms: number,
  admin: pg.Pool,
  applicationName: string,
): Promise<Window> {
  const stopSampling = sampleActivity(admin, applicationName);
  const latenciesMs: number[] = [];
  const ticksBefore = cpuTicks();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + ms;
  const counts = await Promise.all(
    steps.map(async (step) => {
      let calls = 0;
      while (performance.now() < until) {
        const callStarted = performance.now();
        await step();
        latenciesMs.push(performance.now() - callStarted);
        calls++;
      }
      return calls;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const ticks = ticksSince(ticksBefore, cpuTicks());
  return {
    calls: counts.reduce((a, b) => a + b, 0),
    seconds,
    cpuUs: cpu.user + cpu.system,
    ticks,
    latenciesMs,
    activity: await stopSampling(),
  };
}
