// The same everyday operations on two adapters — the memory store and the PostgreSQL store on
// PGlite (PostgreSQL in WebAssembly, in this process) — with ONE member's book of 1k and 100k
// contacts (bench/fixtures.ts builds the same world on both through the `Store` port). Ratios:
//   PGlite ÷ memory per operation and size     — what a real SQL round trip costs here
//   cost(100k) / cost(1k) per adapter           — lookups and page listings: target ≤ 1.5
// purgeExpired is timed with 1% of the book due (10 at 1k, 1,000 at 100k), each sample purging
// contacts put in the trash beforehand (not timed); its growth should follow what is due.
//
// Filling PGlite one INSERT per record would take minutes, so while the world is built the PGlite
// store runs in bulk mode: the fixtures' `tx.….insert(record)` calls are collected and written at
// the end of each store transaction (5,000 records) as multi-row INSERTs of the adapter's own row
// codecs — the same rows, sort keys and search texts the adapter writes. Then VACUUM ANALYZE, as
// autovacuum would after a bulk load on a server (PGlite runs none). Both are reported.
//
// PGlite runs its queries in this thread, so its CPU time ≈ its wall time; the ratios use CPU.
import { PGlite } from "@electric-sql/pglite";
import {
  type ContactId,
  type CustomerContact,
  encodeCursor,
  type MemberId,
  privateSharing,
  randomIds,
  type Store,
  type StoreTransaction,
  sortKeyOf,
} from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { fromPglite, migrate, postgresStore, type SqlClient } from "partnerbook/postgres";
import { contactCodec, memberCodec, organisationCodec } from "../src/adapters/postgres/rows.js";
import { emptyOwnerFields } from "../src/domain/contact.js";
import {
  at,
  type BookWorld,
  buildBookWorld,
  commonReadingQuery,
  fixtureTime,
  randomPicks,
} from "./fixtures.js";
import {
  collectGarbage,
  type Measured,
  type MeasureOptions,
  measure,
  median,
  ratio,
  round,
  sig,
} from "./harness.js";
import { insertRows } from "./sql-support.js";

export type AdapterName = "memory" | "pglite";

/** One operation on one adapter at one book size. */
export interface AdapterRow extends Measured {
  readonly adapter: AdapterName;
  readonly operation: string;
  readonly size: number;
}

/** How the world of one size was built on one adapter. */
export interface FillRow {
  readonly adapter: AdapterName;
  readonly size: number;
  /** Organisations, members and contacts written (fixture build, bulk inserts on PGlite). */
  readonly records: number;
  /** Wall time of building the world (generating the records and writing them), start excluded. */
  readonly fillSeconds: number;
  /** PGlite only: starting it and running the migrations. */
  readonly startSeconds: number | null;
  /** PGlite only: VACUUM ANALYZE after the fill. */
  readonly analyzeSeconds: number | null;
  /** PGlite only: the database's size on disk after the fill. */
  readonly databaseMB: number | null;
}

export interface AdaptersResult {
  readonly rows: readonly AdapterRow[];
  readonly fills: readonly FillRow[];
  /** PGlite: the plan of the slowest statement of each listing (and of contacts.get, for contrast). */
  readonly plans: readonly PlanRow[];
  readonly ratios: Record<string, unknown>;
}

export const sizes = [1_000, 100_000] as const;
const pickCount = 1 << 14;
const pickMask = pickCount - 1;
const options: MeasureOptions = { budgetMs: 800, maxRunMs: 6_000 };

const purgeOperation = "trash.purgeExpired (1% of the book due)";
const queryOperation = `contacts.list query "${commonReadingQuery}" (~1%), first page of 50`;
/** Lookups and page listings: their cost should not grow with the book (target ≤ 1.5). */
export const flatOperations = [
  "search.byWorksId",
  "search.byPhone",
  "contacts.get",
  "contacts.edit (memo)",
  "contacts.addFromSearch (existing)",
  "contacts.list customers, first page of 50",
  "contacts.list customers, page of 50 at a random cursor",
] as const;

// ── PGlite, with a bulk mode for filling ────────────────────────────────────────────────────

/** A transaction whose inserts are collected and written in bulk when `fn` returns; fixtures only. */
async function bulkTransaction<T>(client: SqlClient, fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
  return client.transaction(async (sql) => {
    const pending = { organisations: [] as unknown[], members: [] as unknown[], contacts: [] as unknown[] };
    const collect = (list: unknown[]) => ({
      insert: async (record: unknown) => {
        list.push(record);
      },
    });
    const tx = {
      organisations: collect(pending.organisations),
      members: collect(pending.members),
      contacts: collect(pending.contacts),
    } as unknown as StoreTransaction;
    const result = await fn(tx);
    await insertRows(sql, organisationCodec, pending.organisations as never[]);
    await insertRows(sql, memberCodec, pending.members as never[]);
    await insertRows(sql, contactCodec, pending.contacts as never[]);
    return result;
  });
}

/** The plan PostgreSQL ran for one statement: its scan and sort lines, and its execution time. */
export interface PlanRow {
  readonly operation: string;
  readonly size: number;
  readonly executionMs: number;
  readonly plan: readonly string[];
}

/** One PGlite database: a `makeStore` for the fixtures, bulk mode, EXPLAIN, and its size. */
export function pgliteAdapter() {
  let db: PGlite | null = null;
  let client: SqlClient | null = null;
  let bulk = false;
  let startSeconds = 0;
  /** While not null, the statements the store's transactions run. */
  let captured: { text: string; params: unknown[] }[] | null = null;
  const requireClient = () => {
    if (client === null) throw new Error("PGlite not started");
    return client;
  };
  return {
    async makeStore(): Promise<Store> {
      const started = performance.now();
      db = await PGlite.create();
      const base = fromPglite(db);
      client = base;
      await migrate(base);
      startSeconds = (performance.now() - started) / 1000;
      const sqlStore = postgresStore({
        query: base.query,
        transaction: (fn) =>
          base.transaction((tx) => {
            const log = captured;
            if (log === null) return fn(tx);
            return fn({
              query: (text, params) => {
                log.push({ text, params: params ?? [] });
                return tx.query(text, params);
              },
            });
          }),
      });
      return {
        transaction: (fn) => (bulk ? bulkTransaction(base, fn) : sqlStore.transaction(fn)),
      };
    },
    setBulk(on: boolean) {
      bulk = on;
    },
    get startSeconds() {
      return startSeconds;
    },
    async analyze(): Promise<number> {
      const started = performance.now();
      await requireClient().query("vacuum analyze");
      return (performance.now() - started) / 1000;
    },
    async databaseMB(): Promise<number> {
      const { rows } = await requireClient().query("select pg_database_size(current_database()) as bytes");
      return Math.round(Number(rows[0]?.bytes) / 2 ** 20);
    },
    /** Runs `call` and EXPLAIN ANALYZEs the statement of it that took longest. */
    async explainSlowest(call: () => Promise<unknown>): Promise<Omit<PlanRow, "operation" | "size">> {
      captured = [];
      let statements: { text: string; params: unknown[] }[] = [];
      try {
        await call();
      } finally {
        statements = captured ?? [];
        captured = null;
      }
      let slowest: Omit<PlanRow, "operation" | "size"> = { executionMs: -1, plan: [] };
      for (const { text, params } of statements) {
        if (!/^\s*select/i.test(text)) continue;
        const { rows } = await requireClient().query(`explain (analyze, costs off) ${text}`, params);
        const lines = rows.map((row) => String(row["QUERY PLAN"]));
        const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.join("\n"))?.[1] ?? 0);
        if (executionMs <= slowest.executionMs) continue;
        const plan = lines
          .filter(
            (line) => /Scan|Sort:|Sort |Limit|Rows Removed|Index Cond/.test(line) && !/Sort Key/.test(line),
          )
          .map((line) => line.trim().replace(/ \(actual time=\S+ rows=(\S+) loops=\d+\)/, " (rows: $1)"));
        slowest = { executionMs: round(executionMs, 2), plan };
      }
      return slowest;
    },
    async close() {
      await db?.close();
      db = null;
      client = null;
    },
  };
}

// ── the operations ──────────────────────────────────────────────────────────────────────────

/** A trashed customer contact of the book's owner whose retention ended at the fixtures' time. */
function dueContact(world: BookWorld, organisationId: CustomerContact["organisationId"], n: number) {
  const contact: CustomerContact = {
    id: randomIds.id("contact") as ContactId,
    kind: "customer",
    ownerId: world.owner,
    organisationId,
    profile: { nickname: null, company: `株式会社テスト${n % 1000}`, photoUrl: null },
    fields: { ...emptyOwnerFields, familyName: "削除済", givenName: `取引先${n}` },
    groups: [],
    sharing: privateSharing,
    trash: { trashedAt: new Date(fixtureTime.getTime() - 30 * 86_400_000), purgeAt: fixtureTime },
    version: 1,
    createdAt: fixtureTime,
    updatedAt: fixtureTime,
  };
  return contact;
}

/** purgeExpired, each sample on `due` contacts put in the trash (and past retention) beforehand. */
async function measurePurge(
  world: BookWorld,
  due: number,
  samples: number,
  setBulk: (on: boolean) => void,
): Promise<Measured> {
  const owner = await world.store.transaction((tx) => tx.members.get(world.owner));
  if (owner === null) throw new Error("no owner");
  let serial = 0;
  const wallUs: number[] = [];
  const cpuUs: number[] = [];
  for (let sample = -1; sample < samples; sample++) {
    const records = Array.from({ length: due }, () => dueContact(world, owner.organisationId, serial++));
    setBulk(true);
    await world.store.transaction(async (tx) => {
      for (const record of records) await tx.contacts.insert(record);
    });
    setBulk(false);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const purged = await world.book.trash.purgeExpired();
    const wall = (performance.now() - started) * 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (purged !== due) throw new Error(`purged ${purged}, expected ${due}`);
    if (sample < 0) continue; // the first is a warm-up
    wallUs.push(wall);
    cpuUs.push(cpu.user + cpu.system);
  }
  const mean = wallUs.reduce((sum, value) => sum + value, 0) / wallUs.length;
  const sd = Math.sqrt(wallUs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (wallUs.length - 1));
  return {
    batch: 1,
    samples,
    wallMedianUs: sig(median(wallUs)),
    wallMinUs: sig(Math.min(...wallUs)),
    wallRmePercent: round((100 * 1.96 * sd) / Math.sqrt(wallUs.length) / mean, 1),
    cpuMedianUs: sig(median(cpuUs)),
  };
}

async function measureWorld(
  adapter: AdapterName,
  world: BookWorld,
  setBulk: (on: boolean) => void,
): Promise<AdapterRow[]> {
  const { book, owner, size } = world;
  const rows: AdapterRow[] = [];
  const add = async (operation: string, call: (i: number) => unknown) => {
    const measured = await measure(`${adapter} ${operation} N=${size}`, call, options);
    rows.push({ adapter, operation, size, ...measured });
  };

  // Inputs, prepared here, the same on both adapters (the fixtures are seeded).
  const ids = world.contactIds;
  const contactPicks = randomPicks(size, pickCount, 1);
  const pickedIds = Array.from(contactPicks, (index) => at(ids, index));
  const { worksIds, phones } = world.searchable;
  const worksIdPicks = Array.from(randomPicks(worksIds.length, pickCount, 2), (i) =>
    at(worksIds, i).toUpperCase(),
  );
  const phonePicks = Array.from(randomPicks(phones.length, pickCount, 3), (i) => at(phones, i));
  const linkedPicks = Array.from(randomPicks(world.linkedTargets.length, pickCount, 4), (i) =>
    at(world.linkedTargets, i),
  );
  const cursors = await Promise.all(
    Array.from(randomPicks(size, 64, 5), async (index) => {
      const contact = await book.contacts.get(owner, at(ids, index));
      return encodeCursor({ sortKey: sortKeyOf(contact), id: contact.id });
    }),
  );
  const versions = new Int32Array(size).fill(1);
  const memos = [
    "【更新】先方の担当が変わりました。次回は新担当と打ち合わせ。",
    "【更新】見積もり提出済み。来月の回答待ち。",
  ];

  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`${adapter} N=${size}: ${what}`);
  };
  check((await book.search.byWorksId(owner, at(worksIdPicks, 0))).length === 1, "works ID search finds");
  check((await book.search.byPhone(owner, at(phonePicks, 0))).length === 1, "phone search finds");
  check(
    (await book.contacts.addFromSearch(owner, at(linkedPicks, 0))).status === "existing",
    "re-add existing",
  );
  check((await book.contacts.list(owner, { limit: 50 })).items.length === 50, "page of 50");
  const matches = (await book.contacts.list(owner, { query: commonReadingQuery, limit: 50 })).items;
  check(matches.length > 0 && matches.length <= 50, "query page");

  await add("search.byWorksId", (i) => book.search.byWorksId(owner, worksIdPicks[i & pickMask] as string));
  await add("search.byPhone", (i) => book.search.byPhone(owner, phonePicks[i & pickMask] as string));
  await add("contacts.get", (i) => book.contacts.get(owner, pickedIds[i & pickMask] as ContactId));
  await add("contacts.addFromSearch (existing)", (i) =>
    book.contacts.addFromSearch(owner, linkedPicks[i & pickMask] as MemberId),
  );
  await add("contacts.list customers, first page of 50", () =>
    book.contacts.list(owner, { tab: "customers", limit: 50 }),
  );
  await add("contacts.list customers, page of 50 at a random cursor", (i) =>
    book.contacts.list(owner, { tab: "customers", cursor: cursors[i & 63] as string, limit: 50 }),
  );
  await add(queryOperation, () => book.contacts.list(owner, { query: commonReadingQuery, limit: 50 }));
  // Writes last, so the reads above saw the book as built.
  await add("contacts.edit (memo)", async (i) => {
    const index = contactPicks[i & pickMask] as number;
    const version = versions[index] as number;
    const edited = await book.contacts.edit(
      owner,
      ids[index] as ContactId,
      { memo: memos[version & 1] as string },
      { expectedVersion: version },
    );
    versions[index] = edited.version;
  });
  const due = size / 100;
  const purge = await measurePurge(world, due, size >= 100_000 ? 6 : 20, setBulk);
  rows.push({ adapter, operation: purgeOperation, size, ...purge });
  return rows;
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────

/** The listing operations whose SQL plans the report shows. */
async function listingPlans(
  world: BookWorld,
  explain: ReturnType<typeof pgliteAdapter>["explainSlowest"],
): Promise<PlanRow[]> {
  const { book, owner, size } = world;
  const middle = await book.contacts.get(owner, at(world.contactIds, size >> 1));
  const cursor = encodeCursor({ sortKey: sortKeyOf(middle), id: middle.id });
  const listings: [string, () => Promise<unknown>][] = [
    ["contacts.list customers, first page of 50", () => book.contacts.list(owner, { limit: 50 })],
    [
      "contacts.list customers, page of 50 at a random cursor",
      () => book.contacts.list(owner, { cursor, limit: 50 }),
    ],
    [queryOperation, () => book.contacts.list(owner, { query: commonReadingQuery, limit: 50 })],
    ["contacts.get", () => book.contacts.get(owner, middle.id)],
  ];
  const plans: PlanRow[] = [];
  for (const [operation, call] of listings) plans.push({ operation, size, ...(await explain(call)) });
  return plans;
}

async function runAdapter(
  adapter: AdapterName,
  size: number,
): Promise<{ rows: AdapterRow[]; fill: FillRow; plans: PlanRow[] }> {
  collectGarbage();
  const pglite = adapter === "pglite" ? pgliteAdapter() : null;
  const setBulk = (on: boolean) => pglite?.setBulk(on);
  console.log(`  ${adapter}: building a book of ${size.toLocaleString("en")} contacts…`);
  setBulk(true);
  const world = await buildBookWorld(pglite === null ? memoryStore : () => pglite.makeStore(), size);
  setBulk(false);
  try {
    const startSeconds = pglite?.startSeconds ?? null;
    const analyzeSeconds = pglite === null ? null : await pglite.analyze();
    const counts = world.counts;
    const fill: FillRow = {
      adapter,
      size,
      records: 7 + counts.externalMembers + 2 + size,
      fillSeconds: round(world.buildSeconds - (startSeconds ?? 0), 2),
      startSeconds: startSeconds === null ? null : round(startSeconds, 2),
      analyzeSeconds: analyzeSeconds === null ? null : round(analyzeSeconds, 2),
      databaseMB: pglite === null ? null : await pglite.databaseMB(),
    };
    console.log(`  built: ${JSON.stringify(fill)}; measuring…`);
    const rows = await measureWorld(adapter, world, setBulk);
    const plans = pglite === null ? [] : await listingPlans(world, pglite.explainSlowest);
    return { rows, fill, plans };
  } finally {
    await pglite?.close();
  }
}

function summarise(rows: readonly AdapterRow[]): Record<string, unknown> {
  const find = (adapter: AdapterName, operation: string, size: number) =>
    rows.find((row) => row.adapter === adapter && row.operation === operation && row.size === size);
  const operations = [...new Set(rows.map((row) => row.operation))];
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  const vsMemory: Record<string, unknown> = {};
  const growth: Record<string, unknown> = {};
  for (const operation of operations) {
    vsMemory[operation] = Object.fromEntries(
      sizes.map((size) => [
        `N=${size}`,
        {
          cpu: ratio(
            find("pglite", operation, size)?.cpuMedianUs,
            find("memory", operation, size)?.cpuMedianUs,
          ),
          wall: ratio(
            find("pglite", operation, size)?.wallMedianUs,
            find("memory", operation, size)?.wallMedianUs,
          ),
        },
      ]),
    );
    const grow = (adapter: AdapterName) => ({
      cpu: ratio(find(adapter, operation, large)?.cpuMedianUs, find(adapter, operation, small)?.cpuMedianUs),
      wall: ratio(
        find(adapter, operation, large)?.wallMedianUs,
        find(adapter, operation, small)?.wallMedianUs,
      ),
    });
    growth[operation] = {
      pglite: grow("pglite"),
      memory: grow("memory"),
      target: (flatOperations as readonly string[]).includes(operation)
        ? "≤ 1.5"
        : operation === purgeOperation
          ? `≈ ${large / small} (what is due grows ${large / small}×)`
          : "none: at 1k the page is the book's ~5 matches, at 100k it stops at 50 (~5,000 read)",
    };
  }
  return { "PGlite ÷ memory": vsMemory, [`cost(${large}) / cost(${small})`]: growth };
}

function printTables(result: AdaptersResult): void {
  console.table(result.fills);
  const operations = [...new Set(result.rows.map((row) => row.operation))];
  const columns = (["memory", "pglite"] as const).flatMap((adapter) =>
    sizes.map((size) => ({ adapter, size })),
  );
  const pivot = (key: "cpuMedianUs" | "wallMedianUs") =>
    Object.fromEntries(
      operations.map((operation) => [
        operation,
        Object.fromEntries(
          columns.map(({ adapter, size }) => {
            const row = result.rows.find(
              (r) => r.adapter === adapter && r.operation === operation && r.size === size,
            );
            return [`${adapter} ${size / 1000}k`, row === undefined ? "—" : sig(row[key])];
          }),
        ),
      ]),
    );
  console.log("  CPU µs per call (median):");
  console.table(pivot("cpuMedianUs"));
  console.log("  wall µs per call (median):");
  console.table(pivot("wallMedianUs"));
  const vsMemory = result.ratios["PGlite ÷ memory"] as Record<
    string,
    Record<string, { cpu: number; wall: number }>
  >;
  const growth = result.ratios[`cost(${Math.max(...sizes)}) / cost(${Math.min(...sizes)})`] as Record<
    string,
    { pglite: { cpu: number; wall: number }; memory: { cpu: number; wall: number }; target: string }
  >;
  console.log("  ratios (CPU; wall in brackets):");
  console.table(
    Object.fromEntries(
      operations.map((operation) => {
        const a = vsMemory[operation] ?? {};
        const g = growth[operation];
        return [
          operation,
          {
            "PGlite÷memory 1k": `${a["N=1000"]?.cpu} (${a["N=1000"]?.wall})`,
            "PGlite÷memory 100k": `${a["N=100000"]?.cpu} (${a["N=100000"]?.wall})`,
            "PGlite 100k/1k": `${g?.pglite.cpu} (${g?.pglite.wall})`,
            "memory 100k/1k": `${g?.memory.cpu} (${g?.memory.wall})`,
            target: g?.target,
          },
        ];
      }),
    ),
  );
}

function printPlans(plans: readonly PlanRow[]): void {
  console.log("  PGlite plans (EXPLAIN ANALYZE of the slowest statement of each call):");
  for (const { operation, size, executionMs, plan } of plans) {
    console.log(`    ${operation}, N=${size.toLocaleString("en")}: ${executionMs} ms`);
    for (const line of plan) console.log(`      ${line}`);
  }
}

/** Both adapters at 1k and 100k contacts. */
export async function run(): Promise<AdaptersResult> {
  const rows: AdapterRow[] = [];
  const fills: FillRow[] = [];
  const plans: PlanRow[] = [];
  for (const size of sizes) {
    for (const adapter of ["memory", "pglite"] as const) {
      const measured = await runAdapter(adapter, size);
      rows.push(...measured.rows);
      fills.push(measured.fill);
      plans.push(...measured.plans);
    }
  }
  collectGarbage();
  const result = { rows, fills, plans, ratios: summarise(rows) };
  printPlans(plans);
  printTables(result);
  return result;
}
