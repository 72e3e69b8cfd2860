// Importing and exporting address-book files: a paid organisation's book of 10,000 and 100,000
// contacts (R16's paid limit), as a vCard 3.0 file on disk, streamed through the reader into
// `contacts.import` on the memory store (and the same as a CSV file), imported a second time (every record `existing`), and
// exported back to a file with `contacts.export`. Each format is one entry of `formats`, so every
// format is measured the same way.
//
// Rates are records per wall second and per CPU second (the machine's cores are shared). Memory:
// the store keeps each contact it adds, so the first import's heap grows with the book; what must
// not grow is the rest. The second import adds nothing and the export writes to disk, so their
// heap half-way through, minus the heap before (full collections: bench/run.ts starts Node with
// --expose-gc), is what the pipeline holds — the same at 10,000 and 100,000 when it streams.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ImportSummary, MemberId, Partnerbook } from "partnerbook";
import {
  type ContactRecord,
  contactRecordsOf,
  importRecordsOf,
  type ReaderEntry,
  streamCsv,
  streamVCards,
  writeCsvStream,
  writeVCardStream,
} from "partnerbook/interop";
import { memoryStore } from "partnerbook/memory";
import { collectGarbage, round } from "./harness.js";
import { aPaidOwner } from "./import.bench.js";

interface Format {
  readonly name: string;
  readonly extension: string;
  readonly read: (bytes: AsyncIterable<Uint8Array>) => AsyncIterable<ReaderEntry>;
  readonly write: (records: AsyncIterable<ContactRecord>) => AsyncIterable<Uint8Array>;
}

const formats: readonly Format[] = [
  {
    name: "vCard 3.0",
    extension: "vcf",
    read: (bytes) => streamVCards(bytes),
    write: (records) => writeVCardStream(records, { version: "3.0" }),
  },
  {
    name: "CSV (UTF-8, Japanese headers)",
    extension: "csv",
    read: (bytes) => streamCsv(bytes),
    write: (records) => writeCsvStream(records),
  },
];

const surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"];

/** A typical record of a Japanese business book; phone and email are `i`'s own, so none merge. */
function aRecord(i: number): ContactRecord {
  const mobile = String(10_000_000 + i).slice(-8);
  return {
    fields: {
      familyName: surnames[i % surnames.length] as string,
      givenName: `太郎${i}`,
      familyNameReading: "やまだ",
      givenNameReading: "たろう",
      department: "営業部",
      title: i % 3 === 0 ? "部長" : "課長",
      phones: [
        { label: "mobile", e164: `+8190${mobile}`, raw: `090-${mobile.slice(0, 4)}-${mobile.slice(4)}` },
      ],
      emails: [{ label: "work", address: `person${i}@example.co.jp` }],
      addresses: [{ label: "work", value: "東京都千代田区丸の内1-1-1 サンプルビル5F" }],
      websites: [],
      messengers: [],
      dates: [],
      memo: i % 4 === 0 ? "展示会で名刺交換。次回は来月。" : null,
      tags: i % 5 === 0 ? ["展示会"] : [],
      customFields: [],
    },
    profile: { nickname: null, company: "株式会社サンプル", photoUrl: null },
    groupNames: [],
    synced: [],
    photo: null,
  };
}

async function* records(count: number): AsyncGenerator<ContactRecord> {
  for (let i = 0; i < count; i++) yield aRecord(i);
}

function heapMB(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

export interface InteropRow {
  readonly format: string;
  readonly run: "first import" | "second import (all existing)" | "export";
  readonly records: number;
  readonly fileMB: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  readonly recordsPerCpuSecond: number;
  /** Heap half-way through minus the heap before, after full collections, in MB. */
  readonly heapHalfWayMB: number;
}

/** Times `work`, which calls `halfWay` once when it is half done; the heap reading is not its time. */
async function timed(
  format: Format,
  run: InteropRow["run"],
  count: number,
  fileBytes: () => number,
  work: (halfWay: () => void) => Promise<void>,
): Promise<InteropRow> {
  const before = heapMB();
  let heapHalfWay = Number.NaN;
  let paused = 0;
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  await work(() => {
    const pauseStarted = performance.now();
    heapHalfWay = heapMB() - before;
    paused += performance.now() - pauseStarted;
  });
  const seconds = (performance.now() - started - paused) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 - paused / 1000;
  return {
    format: format.name,
    run,
    records: count,
    fileMB: round(fileBytes() / 2 ** 20, 1),
    seconds: round(seconds, 2),
    recordsPerSecond: Math.round(count / seconds),
    recordsPerCpuSecond: Math.round(count / cpuSeconds),
    heapHalfWayMB: round(heapHalfWay, 2),
  };
}

async function importFile(
  format: Format,
  run: InteropRow["run"],
  book: Partnerbook,
  owner: MemberId,
  path: string,
  count: number,
): Promise<InteropRow> {
  return timed(
    format,
    run,
    count,
    () => statSync(path).size,
    async (halfWay) => {
      const summary: ImportSummary = await book.contacts.import(
        owner,
        importRecordsOf(format.read(createReadStream(path))),
        {
          onExisting: "merge",
          onProgress: (progress) => {
            if (progress.done === count / 2) halfWay();
          },
        },
      );
      const expected = run === "first import" ? summary.added : summary.existing;
      if (expected !== count) throw new Error(`${format.name} ${run}: ${JSON.stringify(summary)}`);
    },
  );
}

export async function run(): Promise<{ rows: InteropRow[]; ratios: Record<string, number> }> {
  const rows: InteropRow[] = [];
  const directory = mkdtempSync(join(tmpdir(), "partnerbook-interop-bench-"));
  try {
    for (const format of formats) {
      for (const count of [10_000, 100_000]) {
        const file = join(directory, `book-${count}.${format.extension}`);
        await pipeline(Readable.from(format.write(records(count))), createWriteStream(file));
        const { book, owner } = await aPaidOwner(memoryStore());
        rows.push(await importFile(format, "first import", book, owner, file, count));
        rows.push(await importFile(format, "second import (all existing)", book, owner, file, count));
        const out = join(directory, `export-${count}.${format.extension}`);
        rows.push(
          await timed(
            format,
            "export",
            count,
            () => statSync(out).size,
            async (halfWay) => {
              let exported = 0;
              async function* counted(): AsyncGenerator<ContactRecord> {
                for await (const record of contactRecordsOf(book.contacts.export(owner))) {
                  if (++exported === count / 2) halfWay();
                  yield record;
                }
              }
              await pipeline(Readable.from(format.write(counted())), createWriteStream(out));
              if (exported !== count) throw new Error(`${format.name}: exported ${exported} of ${count}`);
            },
          ),
        );
        for (const row of rows.slice(-3)) {
          console.log(
            `  ${row.format} ${row.run} ×${row.records.toLocaleString("en")}: ${row.recordsPerSecond} records/s ` +
              `(${row.recordsPerCpuSecond} per CPU s), heap half-way ${row.heapHalfWayMB} MB`,
          );
        }
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const ratios: Record<string, number> = {};
  const at = (format: string, run: InteropRow["run"], count: number) =>
    rows.find((row) => row.format === format && row.run === run && row.records === count);
  for (const format of formats) {
    for (const run of ["second import (all existing)", "export"] as const) {
      const small = at(format.name, run, 10_000);
      const large = at(format.name, run, 100_000);
      if (small !== undefined && large !== undefined) {
        ratios[`${format.name} ${run}: heap half-way, 100k − 10k, MB (target ≈ 0)`] = round(
          large.heapHalfWayMB - small.heapHalfWayMB,
          2,
        );
        ratios[`${format.name} ${run}: records per CPU second, 100k ÷ 10k`] = round(
          large.recordsPerCpuSecond / small.recordsPerCpuSecond,
        );
      }
    }
  }
  for (const [label, value] of Object.entries(ratios)) console.log(`    ${label}: ${value}`);
  return { rows, ratios };
}
