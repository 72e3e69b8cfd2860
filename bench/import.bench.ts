// `contacts.import`: a paid organisation's whole book (100,000 records, R16's paid limit) read from
// a generator into the memory store, then the same records again (every one `existing`), then a
// dry run of them into an empty book; and 2,000 records into PGlite. Beside each store, the same
// kind of records added one by one with `addCustomer` (10,000 on memory, 1,000 on PGlite), in
// the same run, into a store as large (10,000 records imported beside them on memory): the ratio
// import ÷ addCustomer per record holds on a busy machine, where the absolute figures do not.
// Reported per run: wall and CPU time per record (the heap samples' own time taken off), and
// the heap, measured after full collections (bench/run.ts starts Node with --expose-gc) every
// 10,000 records:
//   - the second import of the same records finds every one and stores nothing: whatever its
//     heap gains from first to last sample is the import's own — bounded memory means ≈ 0;
//   - the first import's heap grows by what the store keeps per contact (bench/memory.bench.ts
//     measures that alone);
//   - a dry run keeps what it would have added (its overlay), so its growth per record is the
//     price of predicting later records exactly.
import { PGlite } from "@electric-sql/pglite";
import {
  createPartnerbook,
  type ImportRecord,
  type ImportSummary,
  type MemberId,
  manualClock,
  type Partnerbook,
  randomIds,
  type Store,
} from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { fromPglite, migrate, postgresStore } from "partnerbook/postgres";
import { round, sig } from "./harness.js";

const gc = (globalThis as { gc?: () => void }).gc;
const surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"];
const sampleEvery = 10_000;

/** `count` typical records, made as they are read: the input is never held whole. */
function* records(count: number): Generator<ImportRecord> {
  for (let i = 0; i < count; i++) {
    yield {
      line: i + 2,
      contact: {
        familyName: surnames[i % surnames.length] as string,
        givenName: `${i}`,
        title: i % 3 === 0 ? "部長" : null,
        phones: [{ label: "携帯", number: `090${String(10_000_000 + i).slice(-8)}` }],
        emails: [{ address: `person${i}@example.co.jp` }],
        tags: i % 5 === 0 ? ["展示会"] : [],
      },
    };
  }
}

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

export interface ImportRow {
  readonly store: string;
  readonly run: string;
  readonly records: number;
  readonly added: number;
  readonly existing: number;
  readonly wallUsPerRecord: number;
  readonly cpuUsPerRecord: number;
  /** Heap after the run minus before it, per record (full collections before each reading). */
  readonly heapBytesPerRecord: number;
  /** Largest minus smallest heap sample taken during the run (every 10,000 records), in MB. */
  readonly heapSpreadMB: number;
}

/** A book on `store` with one organisation on the standard plan, and its admin to import as. */
export async function aPaidOwner(store: Store): Promise<{ book: Partnerbook; owner: MemberId }> {
  const book = createPartnerbook({
    store,
    clock: manualClock(new Date("2026-04-01T00:00:00Z")),
    ids: randomIds,
  });
  const { admin } = await book.organisations.create({
    name: "Acme株式会社",
    plan: "standard",
    admin: { worksId: "owner", displayName: "佐藤 花子" },
  });
  return { book, owner: admin.id };
}

/** `count` records added one by one with addCustomer, timed as an import is. */
async function oneByOne(
  storeName: string,
  book: Partnerbook,
  owner: MemberId,
  count: number,
): Promise<ImportRow> {
  return timed(storeName, "addCustomer one by one", count, async ({ onProgress }) => {
    let done = 0;
    for (const record of records(count)) {
      if ("contact" in record) await book.contacts.addCustomer(owner, record.contact);
      done++;
      onProgress({ done, added: done, existing: 0, invalid: 0, refused: 0 });
    }
    return { done, added: done, existing: 0, invalid: 0, refused: 0 };
  });
}

async function timed(
  storeName: string,
  run: string,
  count: number,
  importing: (options: { onProgress: (progress: ImportSummary) => void }) => Promise<ImportSummary>,
): Promise<ImportRow> {
  const samples: number[] = [];
  const before = heapUsed();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let samplingMs = 0;
  let samplingCpuUs = 0;
  const summary = await importing({
    onProgress: (progress) => {
      if (progress.done % sampleEvery !== 0) return;
      // Sampling is not the import's time: it is taken off both clocks below.
      const sampleStarted = performance.now();
      const sampleCpu = process.cpuUsage();
      samples.push(heapUsed());
      const spent = process.cpuUsage(sampleCpu);
      samplingCpuUs += spent.user + spent.system;
      samplingMs += performance.now() - sampleStarted;
    },
  });
  const wallMs = performance.now() - started - samplingMs;
  const cpu = process.cpuUsage(cpuBefore);
  const after = heapUsed();
  return {
    store: storeName,
    run,
    records: count,
    added: summary.added,
    existing: summary.existing,
    wallUsPerRecord: sig((wallMs * 1000) / count),
    cpuUsPerRecord: sig((cpu.user + cpu.system - samplingCpuUs) / count),
    heapBytesPerRecord: Math.round((after - before) / count),
    heapSpreadMB: samples.length < 2 ? 0 : round((Math.max(...samples) - Math.min(...samples)) / 2 ** 20, 1),
  };
}

export async function run(): Promise<{ rows: ImportRow[]; ratios: Record<string, unknown> }> {
  if (gc === undefined) console.log("  (no --expose-gc: heap figures include garbage)");
  const rows: ImportRow[] = [];
  const size = 100_000;

  console.log(`  memory store: importing ${size.toLocaleString("en")} records twice, then a dry run…`);
  const baseline = await aPaidOwner(memoryStore());
  rows.push(await oneByOne("memory", baseline.book, baseline.owner, 10_000));
  const small = await aPaidOwner(memoryStore());
  rows.push(
    await timed("memory", "import of 10,000", 10_000, (options) =>
      small.book.contacts.import(small.owner, records(10_000), options),
    ),
  );
  const memory = await aPaidOwner(memoryStore());
  rows.push(
    await timed("memory", "first import", size, (options) =>
      memory.book.contacts.import(memory.owner, records(size), options),
    ),
  );
  rows.push(
    await timed("memory", "same records again (merge)", size, (options) =>
      memory.book.contacts.import(memory.owner, records(size), { ...options, onExisting: "merge" }),
    ),
  );
  const empty = await aPaidOwner(memoryStore());
  rows.push(
    await timed("memory", "dry run into an empty book", size, (options) =>
      empty.book.contacts.import(empty.owner, records(size), { ...options, dryRun: true }),
    ),
  );

  const pgliteSize = 2_000;
  console.log(`  PGlite: importing ${pgliteSize.toLocaleString("en")} records twice…`);
  const db = await PGlite.create();
  try {
    const client = fromPglite(db);
    await migrate(client);
    const pglite = await aPaidOwner(postgresStore(client));
    const other = await pglite.book.organisations.create({
      name: "Globex",
      plan: "standard",
      admin: { worksId: "other-owner", displayName: "Other" },
    });
    rows.push(await oneByOne("PGlite", pglite.book, other.admin.id, 1_000));
    rows.push(
      await timed("PGlite", "first import", pgliteSize, (options) =>
        pglite.book.contacts.import(pglite.owner, records(pgliteSize), options),
      ),
    );
    rows.push(
      await timed("PGlite", "same records again (merge)", pgliteSize, (options) =>
        pglite.book.contacts.import(pglite.owner, records(pgliteSize), { ...options, onExisting: "merge" }),
      ),
    );
  } finally {
    await db.close();
  }

  console.table(rows);
  const row = (store: string, run: string) => rows.find((r) => r.store === store && r.run === run);
  const perRecord = (store: string, run: string) =>
    round(
      (row(store, run)?.cpuUsPerRecord ?? Number.NaN) /
        (row(store, "addCustomer one by one")?.cpuUsPerRecord ?? Number.NaN),
    );
  const ratios = {
    "memory: heap the second import of 100k holds, MB (target ≈ 0)":
      row("memory", "same records again (merge)")?.heapSpreadMB ?? null,
    "memory: heap a dry run of 100k holds at its end, MB":
      row("memory", "dry run into an empty book")?.heapSpreadMB ?? null,
    "memory: CPU per record, import ÷ addCustomer (10,000 each)": perRecord("memory", "import of 10,000"),
    "PGlite: CPU per record, import ÷ addCustomer": perRecord("PGlite", "first import"),
    "PGlite: CPU per record, import of existing records ÷ addCustomer": perRecord(
      "PGlite",
      "same records again (merge)",
    ),
  };
  for (const [label, value] of Object.entries(ratios)) console.log(`    ${label}: ${value}`);
  return { rows, ratios };
}
