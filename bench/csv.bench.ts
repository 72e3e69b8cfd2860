// CSV out and in, streamed. "write" exports N records (made as they are asked for) through
// writeCsvStream and drops the bytes; "write → read" pipes those bytes straight into a
// createCsvReader, so the file is never in memory. `retainedMB` is the heap after garbage
// collection half-way through, minus the heap before: the target is that it does not grow with N.
import { type ContactRecord, createCsvReader, writeCsvStream } from "../src/interop.js";
import { aBusinessCard } from "./business-card.js";
import { collectGarbage, round } from "./harness.js";

export interface CsvRow {
  readonly pass: string;
  readonly charset: string;
  readonly records: number;
  readonly megabytes: number;
  readonly cpuSeconds: number;
  readonly recordsPerCpuSecond: number;
  readonly retainedMB: number;
}

const aRecord = (i: number) => aBusinessCard(i, "展示会で名刺交換。\n次回は来月。");

function* records(n: number): Generator<ContactRecord> {
  for (let i = 0; i < n; i++) yield aRecord(i);
}

function heapMB(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / (1 << 20);
}

async function pass(
  kind: "write" | "write → read",
  charset: "utf-8" | "shift_jis",
  n: number,
): Promise<CsvRow> {
  const before = heapMB();
  const reader = kind === "write" ? null : createCsvReader();
  let bytes = 0;
  let chunks = 0;
  let read = 0;
  let retained = 0;
  let paused = 0;
  const cpuStarted = process.cpuUsage();
  for await (const chunk of writeCsvStream(records(n), { charset })) {
    bytes += chunk.length;
    chunks += 1;
    if (reader !== null) {
      for (const entry of reader.push(chunk)) {
        if (!entry.ok || entry.issues.length > 0) throw new Error(`row ${entry.line} did not read back`);
        read += 1;
      }
    }
    if (chunks === Math.floor(n / 2)) {
      const gcStarted = performance.now();
      retained = heapMB() - before;
      paused = performance.now() - gcStarted;
    }
  }
  if (reader !== null) read += reader.end().length;
  if (reader !== null && read !== n) throw new Error(`read ${read} of ${n}`);
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 - paused / 1000;
  return {
    pass: kind,
    charset,
    records: n,
    megabytes: round(bytes / (1 << 20), 1),
    cpuSeconds: round(cpuSeconds, 2),
    recordsPerCpuSecond: Math.round(n / cpuSeconds),
    retainedMB: round(retained, 2),
  };
}

export async function run(): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for (const [kind, charset, n] of [
    ["write", "utf-8", 10_000],
    ["write", "utf-8", 100_000],
    ["write", "shift_jis", 100_000],
    ["write → read", "utf-8", 100_000],
    ["write → read", "shift_jis", 100_000],
  ] as const) {
    const row = await pass(kind, charset, n);
    rows.push(row);
    console.log(
      `  ${kind} ${charset} ×${n}: ${row.megabytes} MB, ${row.cpuSeconds} s CPU, ` +
        `${row.recordsPerCpuSecond} records per CPU second, heap retained ${row.retainedMB} MB`,
    );
  }
  return rows;
}
