// Heap per stored contact: one member's book of typical contacts (bench/fixtures.ts) on the
// memory store. Measuring heap needs forced, full garbage collections, so each size runs in a
// fresh child process (`node --expose-gc --import tsx bench/memory-probe.ts N`), whose heap holds
// nothing but the store; see bench/memory-probe.ts for what each figure covers.
// Target: ≤ 1.5 KB (1,536 bytes) per contact at 100k.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ratio, round } from "./harness.js";

export interface MemoryRow {
  readonly size: number;
  readonly bytesPerContact: number;
  /** The same contacts as plain objects (no freezing, no indexes). */
  readonly bytesPerPlainContact: number;
  /** What the store adds per contact beyond the plain record: its indexes and derived text. */
  readonly bytesOfIndexesPerContact: number;
  readonly bytesPerExternalMember: number;
  readonly storeMB: number;
  readonly buildSeconds: number;
}

interface ProbeOutput {
  readonly size: number;
  readonly membersOnlyBytes: number;
  readonly fullBytes: number;
  readonly bytesPerContact: number;
  readonly bytesPerExternalMember: number;
  readonly bytesPerPlainContact: number;
  readonly buildSeconds: number;
}

const targetBytesPerContact = 1_536;

async function probe(size: number): Promise<MemoryRow> {
  const script = fileURLToPath(new URL("./memory-probe.ts", import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", "--import", import.meta.resolve("tsx"), script, String(size)],
    { maxBuffer: 1 << 20 },
  );
  const output = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as ProbeOutput;
  return {
    size: output.size,
    bytesPerContact: Math.round(output.bytesPerContact),
    bytesPerPlainContact: Math.round(output.bytesPerPlainContact),
    bytesOfIndexesPerContact: Math.round(output.bytesPerContact - output.bytesPerPlainContact),
    bytesPerExternalMember: Math.round(output.bytesPerExternalMember),
    storeMB: round(output.fullBytes / 2 ** 20, 1),
    buildSeconds: round(output.buildSeconds, 1),
  };
}

export async function run(): Promise<{ rows: MemoryRow[]; ratios: Record<string, unknown> }> {
  const rows: MemoryRow[] = [];
  for (const size of [10_000, 100_000]) {
    console.log(`  measuring the heap of a book of ${size.toLocaleString("en")} contacts (child process)…`);
    rows.push(await probe(size));
  }
  console.table(rows);
  const at100k = rows.find((row) => row.size === 100_000);
  const ratios = {
    "bytes per contact at 100k ÷ 1,536 (target ≤ 1)": ratio(at100k?.bytesPerContact, targetBytesPerContact),
    "bytes per contact at 100k": at100k?.bytesPerContact ?? null,
    "plain record share of it": ratio(at100k?.bytesPerPlainContact, at100k?.bytesPerContact),
  };
  for (const [label, value] of Object.entries(ratios)) console.log(`    ${label}: ${value}`);
  return { rows, ratios };
}
