// The tables' rows: a kind of caller's throughput over its windows, and where a call's time goes
// by kind of statement.

import { ticksPerSecond } from "./concurrency-cpu.js";
import type { StatementCounter } from "./concurrency-support.js";
import type { Window } from "./concurrency-windows.js";
import { round, sig } from "./harness.js";

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

/** One kind of caller over one or more windows, as a table row. */
export interface ThroughputRow {
  readonly scenario: string;
  readonly callers: number;
  readonly calls: number;
  readonly seconds: number;
  readonly callsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** This process's CPU (all threads, so the sync worker's too while it runs) per call, µs. */
  readonly nodeCpuUsPerCall: number;
  /** Statements sent per call (BEGIN and COMMIT included); null where not counted. */
  readonly statementsPerCall: number | null;
  /** Transactions begun per call: above 1 means lost races were run again. */
  readonly transactionsPerCall: number | null;
  /** Share of sampled running backends of these callers that waited on a lock… */
  readonly lockWaitShare: number;
  /** …by wait_event, as counts of samples. */
  readonly lockWaits: Record<string, number>;
  /** Share of sampled running backends of these callers blocked by a backend of someone else. */
  readonly blockedByOthersShare: number;
  /** CPU over the windows, % of all the machine's cores: all of it busy, and by whom (null off Linux). */
  readonly machineCpuPercent: number | null;
  readonly postgresCpuPercent: number | null;
  readonly nodeCpuPercent: number | null;
  /** Busy neither in PostgreSQL nor in this process: other programs on the machine, the kernel's own work. */
  readonly otherCpuPercent: number | null;
  /** The PostgreSQL server's CPU per call, µs (null off Linux or when the server runs elsewhere). */
  readonly postgresCpuUsPerCall: number | null;
  /** Mean number of other users' statements running on the server while measuring. */
  readonly foreignActiveMean: number;
}

export function throughputRow(
  scenario: string,
  callers: number,
  windows: readonly Window[],
  counted: StatementCounter | null,
): ThroughputRow {
  const total = <K extends "calls" | "seconds" | "cpuUs">(key: K) =>
    windows.reduce((acc, w) => acc + w[key], 0);
  const calls = total("calls");
  const seconds = total("seconds");
  const latencies = windows.flatMap((w) => w.latenciesMs).sort((a, b) => a - b);
  const active = windows.reduce((acc, w) => acc + w.activity.active, 0);
  const lockWaits: Record<string, number> = {};
  for (const w of windows) {
    for (const [kind, count] of Object.entries(w.activity.waitingOnLock))
      lockWaits[kind] = (lockWaits[kind] ?? 0) + count;
  }
  const blocked = windows.reduce((acc, w) => acc + w.activity.blockedByOthers, 0);
  const samples = windows.reduce((acc, w) => acc + w.activity.samples, 0);
  const ticks = windows.every((w) => w.ticks !== null)
    ? windows.reduce(
        (acc, w) => ({
          busy: acc.busy + (w.ticks?.busy ?? 0),
          total: acc.total + (w.ticks?.total ?? 0),
          postgres: acc.postgres + (w.ticks?.postgres ?? 0),
        }),
        { busy: 0, total: 0, postgres: 0 },
      )
    : null;
  const percent = (part: number) =>
    ticks === null || ticks.total === 0 ? null : round((100 * part) / ticks.total, 0);
  const nodeTicks = (total("cpuUs") * ticksPerSecond) / 1e6;
  return {
    scenario,
    callers,
    calls,
    seconds: round(seconds, 2),
    callsPerSecond: sig(calls / seconds),
    p50Ms: sig(quantile(latencies, 0.5)),
    p95Ms: sig(quantile(latencies, 0.95)),
    maxMs: sig(latencies.at(-1) ?? Number.NaN),
    nodeCpuUsPerCall: sig(total("cpuUs") / calls),
    statementsPerCall: counted === null ? null : round(counted.statements / calls, 2),
    transactionsPerCall: counted === null ? null : round(counted.transactions / calls, 3),
    lockWaitShare: active === 0 ? 0 : round(sum(lockWaits) / active, 3),
    lockWaits,
    blockedByOthersShare: active === 0 ? 0 : round(blocked / active, 3),
    machineCpuPercent: percent(ticks?.busy ?? 0),
    postgresCpuPercent: percent(ticks?.postgres ?? 0),
    nodeCpuPercent: percent(nodeTicks),
    otherCpuPercent: percent(Math.max(0, (ticks?.busy ?? 0) - (ticks?.postgres ?? 0) - nodeTicks)),
    postgresCpuUsPerCall:
      ticks === null || ticks.postgres === 0 ? null : sig((ticks.postgres * (1e6 / ticksPerSecond)) / calls),
    foreignActiveMean:
      samples === 0 ? 0 : round(windows.reduce((acc, w) => acc + w.activity.foreignActive, 0) / samples, 1),
  };
}

/** Where a call's time goes: statements of each kind per call, and their mean wall time. */
export interface StatementRow {
  readonly statement: string;
  readonly perCall: number;
  readonly meanMs: number;
  /** Sum over the call's statements of this kind, ms: compare with the call's latency. */
  readonly msPerCall: number;
}

export function statementRows(counted: StatementCounter, calls: number): StatementRow[] {
  return [...counted.byKind]
    .map(([statement, { count, ms }]) => ({
      statement,
      perCall: round(count / calls, 3),
      meanMs: sig(ms / count),
      msPerCall: sig(ms / calls),
    }))
    .sort((a, b) => b.msPerCall - a.msPerCall);
}
