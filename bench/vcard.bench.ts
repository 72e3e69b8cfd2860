// Reading and writing vCards. Reading streams a file of N cards (3.0: 10k, 100k, 1M; 2.1
// Shift_JIS: 10k, 100k) in 64 KiB chunks made as they are read, so the file itself is never in
// memory; what the reader keeps is one card at a time, which the heap figures show: `retainedMB`
// is the heap after garbage collection with the reader half-way through the file, compared with
// the same before reading. Target: the retained heap does not grow with N (within 1 MB from 10k
// to 1M). Throughput is reported per CPU second (the machine's cores are shared); R8's phone
// normalisation (libphonenumber) is about half of it for a card with two phones. Writing is
// measured per card for each version.
import { createVCardReader, writeVCard, writeVCardBytes } from "../src/interop.js";
import { aBusinessCard } from "./business-card.js";
import { collectGarbage, measure, round, sig } from "./harness.js";

export interface ReadRow {
  readonly version: string;
  readonly cards: number;
  readonly megabytes: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly cardsPerSecond: number;
  readonly cardsPerCpuSecond: number;
  readonly megabytesPerSecond: number;
  /** Heap after GC half-way through, minus the heap after GC before reading. */
  readonly retainedMB: number;
}

export interface WriteRow {
  readonly version: string;
  readonly cpuMedianUs: number;
  readonly bytesPerCard: number;
}

const aRecord = (i: number) => aBusinessCard(i, "展示会で名刺交換。次回は来月。");

const distinctCards = 1_000;
const chunkBytes = 64 << 10;

/** The bytes of `cards` cards, in chunks made as they are asked for. */
function* fileOf(block: Uint8Array, cards: number): Generator<Uint8Array> {
  let left = cards;
  while (left > 0) {
    const take = Math.min(left, distinctCards);
    // The block's cards are all the same length, so a slice of whole cards is a prefix.
    const bytes = block.subarray(0, (block.length / distinctCards) * take);
    for (let from = 0; from < bytes.length; from += chunkBytes) yield bytes.subarray(from, from + chunkBytes);
    left -= take;
  }
}

function heapMB(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / (1 << 20);
}

function readRow(version: "3.0" | "2.1", block: Uint8Array, cards: number): ReadRow {
  const before = heapMB();
  let retained = 0;
  let read = 0;
  const reader = createVCardReader();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let measuredHalf = false;
  let paused = 0;
  for (const chunk of fileOf(block, cards)) {
    for (const entry of reader.push(chunk)) {
      if (!entry.ok) throw new Error(`card ${read}: ${entry.error.message}`);
      read++;
    }
    if (!measuredHalf && read >= cards / 2) {
      measuredHalf = true;
      const gcStarted = performance.now();
      retained = heapMB() - before;
      // Garbage collection is not reading.
      paused = performance.now() - gcStarted;
    }
  }
  read += reader.end().length;
  const seconds = (performance.now() - started - paused) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 - paused / 1000;
  if (read !== cards) throw new Error(`read ${read} cards of ${cards}`);
  const megabytes = ((block.length / distinctCards) * cards) / (1 << 20);
  return {
    version,
    cards,
    megabytes: round(megabytes, 1),
    seconds: round(seconds, 2),
    cpuSeconds: round(cpuSeconds, 2),
    cardsPerSecond: Math.round(cards / seconds),
    cardsPerCpuSecond: Math.round(cards / cpuSeconds),
    megabytesPerSecond: round(megabytes / seconds, 1),
    retainedMB: round(retained, 2),
  };
}

function blockOf(version: "3.0" | "2.1"): Uint8Array {
  const cards = Array.from({ length: distinctCards }, (_, i) =>
    writeVCardBytes(aRecord(100_000 + i), { version }),
  );
  const block = new Uint8Array(cards.reduce((sum, card) => sum + card.length, 0));
  let offset = 0;
  for (const card of cards) {
    if (card.length !== cards[0]?.length) throw new Error("the bench's cards should all be the same length");
    block.set(card, offset);
    offset += card.length;
  }
  return block;
}

export async function run(): Promise<{ read: ReadRow[]; write: WriteRow[] }> {
  const read: ReadRow[] = [];
  for (const version of ["3.0", "2.1"] as const) {
    const block = blockOf(version);
    for (const cards of version === "3.0" ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]) {
      const row = readRow(version, block, cards);
      read.push(row);
      console.log(
        `  read ${version} ×${cards}: ${row.megabytes} MB in ${row.seconds} s (${row.cpuSeconds} s CPU), ` +
          `${row.cardsPerCpuSecond} cards per CPU second, heap retained ${row.retainedMB} MB`,
      );
    }
  }
  const write: WriteRow[] = [];
  const record = aRecord(1);
  for (const version of ["3.0", "4.0", "2.1"] as const) {
    const write1 =
      version === "2.1" ? () => writeVCardBytes(record, { version }) : () => writeVCard(record, { version });
    const measured = await measure(`write ${version}`, write1, { sync: true });
    const row = {
      version,
      cpuMedianUs: sig(measured.cpuMedianUs),
      bytesPerCard: writeVCardBytes(record, { version }).length,
    };
    write.push(row);
    console.log(`  write ${version}: ${row.cpuMedianUs} µs CPU per card, ${row.bytesPerCard} bytes`);
  }
  return { read, write };
}
