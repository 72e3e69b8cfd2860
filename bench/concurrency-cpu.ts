// Where the CPU went, read from /proc: the machine's, and the PostgreSQL server's processes'.
import { readdirSync, readFileSync } from "node:fs";

/** Linux clock ticks (USER_HZ) per second, as /proc reports CPU time in. */
export const ticksPerSecond = 100;

/**
 * CPU time in clock ticks: the machine's busy and total (all cores, /proc/stat) and the
 * PostgreSQL server's processes' (/proc/<pid>/stat of every process named postgres — 0 when the
 * server runs elsewhere). Null off Linux.
 */
export interface CpuTicks {
  readonly busy: number;
  readonly total: number;
  readonly postgres: number;
}

export function cpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    let postgres = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue;
        const fields = stat.slice(close + 2).split(" "); // from field 3 (state) on
        postgres += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // the process ended meanwhile
      }
    }
    return { busy: total - idle, total, postgres };
  } catch {
    return null;
  }
}

export const ticksSince = (before: CpuTicks | null, after: CpuTicks | null): CpuTicks | null =>
  before === null || after === null
    ? null
    : {
        busy: after.busy - before.busy,
        total: after.total - before.total,
        postgres: after.postgres - before.postgres,
      };
