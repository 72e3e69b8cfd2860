// The everyday operations at book sizes of 1k, 10k, 100k and 1M contacts in ONE member's book
// (bench/fixtures.ts builds each world straight through the store), beside two baselines run in
// the same process on the same data: a bare `Map.get` on a Map of N entries, and a bare
// `Array.filter(s => s.includes(q))` over the N folded search texts the store matches against.
//
// Every operation is called through the public API with its real inputs, prepared beforehand:
// random contacts, random searchable external members, random cursors. Per call it records wall
// and CPU time (see bench/harness.ts); ratios use CPU time.
//
// contacts.addFromSearch is measured two ways: "existing" re-adds a member already in the book
// (R15: status "existing", nothing written) at every size; "added" adds an external member
// nobody has added yet (a fresh one for every call), which writes a contact and an event. R16
// caps an organisation at 100,000 live contacts, so the book's owner can add only at 1k and 10k;
// at every size a member of a second, small organisation also adds fresh members, to see what a
// write costs in a store holding N contacts.
//
// `suite(makeStore, sizes)` runs it all on any adapter; `run()` runs it on the memory store.
import {
  type ContactId,
  type MemberId,
  normalisePhone,
  normaliseWorksId,
  type Party,
  visibleCards,
} from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { memberIdSchema, worksIdSchema } from "../src/schemas.js";
import {
  absentQuery,
  at,
  type BookWorld,
  buildBookWorld,
  commonReadingQuery,
  type MakeStore,
} from "./fixtures.js";
import { collectGarbage, type Measured, type MeasureOptions, measure, ratio, round, sig } from "./harness.js";
import { checkLookups, memoEdit, operationInputs } from "./operation-inputs.js";

/** One operation at one book size. */
export interface OperationRow extends Measured {
  readonly operation: string;
  readonly size: number;
}

/** How a world of one size was built. */
export interface BuildRow {
  readonly size: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  /** Heap after building (and a full GC when available), MB; includes the bench's own inputs. */
  readonly heapUsedMB: number;
  readonly customers: number;
  readonly linked: number;
  readonly externalMembers: number;
  /** Share of contacts the common reading query matches. */
  readonly commonQueryMatchPercent: number;
}

export interface OperationsResult {
  readonly rows: readonly OperationRow[];
  readonly builds: readonly BuildRow[];
  readonly ratios: Record<string, unknown>;
}

const pickCount = 1 << 16;
const pickMask = pickCount - 1;
const freshTargets = 3_000;
/** R16: the most live contacts an organisation may hold; adds beyond it are refused. */
const organisationLimit = 100_000;

/** The operations whose cost should not grow with the book (target: 1M ≤ 1.5 × 1k). */
export const flatOperations = [
  "search.byWorksId",
  "search.byPhone",
  "contacts.addFromSearch (existing)",
  "contacts.get",
  "contacts.edit (memo)",
  "contacts.list customers, first page of 50",
  "contacts.list external, first page of 50",
  "contacts.list customers, page of 50 at a random cursor",
] as const;

async function measureWorld(world: BookWorld, options: MeasureOptions): Promise<OperationRow[]> {
  const { book, owner, outsider, size } = world;
  const rows: OperationRow[] = [];
  const add = async (
    operation: string,
    call: (i: number) => unknown,
    extra: MeasureOptions & { readonly sync?: boolean } = {},
  ) => {
    const measured = await measure(`${operation} N=${size}`, call, { ...options, ...extra });
    rows.push({ operation, size, ...measured });
  };

  // ── inputs, all prepared here ────────────────────────────────────────────────────────────
  const inputs = await operationInputs(world, pickCount);
  const { ids, pickedIds, worksIdPicks, phonePicks, linkedPicks, cursors } = inputs;
  const memos: [string, string] = [
    "【更新】先方の担当が変わりました。次回は新担当と打ち合わせ。",
    "【更新】見積もり提出済み。来月の回答待ち。要フォロー。",
  ];
  const baselineMap = new Map<ContactId, number>(ids.map((id, index) => [id, index]));
  const texts = world.searchTexts;

  // ── sanity: each call does what the bench says it does ───────────────────────────────────
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`N=${size}: ${what}`);
  };
  await checkLookups(world, inputs, `N=${size}`);
  check((await book.contacts.list(owner, { limit: 50 })).items.length === Math.min(50, size), "page of 50");
  check(
    (await book.contacts.list(owner, { tab: "external", limit: 50 })).items.every((entry) => entry.external),
    "external tab",
  );
  const commonMatches = texts.filter((text) => text.includes(commonReadingQuery)).length;
  const page = await book.contacts.list(owner, { query: commonReadingQuery, limit: 50 });
  check(page.items.length === Math.min(50, commonMatches), "query page");
  check(
    (await book.contacts.list(owner, { query: absentQuery, limit: 50 })).items.length === 0,
    "absent query",
  );

  // ── the operations ───────────────────────────────────────────────────────────────────────
  await add("search.byWorksId", (i) => book.search.byWorksId(owner, worksIdPicks[i & pickMask] as string));
  await add("search.byPhone", (i) => book.search.byPhone(owner, phonePicks[i & pickMask] as string));
  await add("contacts.addFromSearch (existing)", (i) =>
    book.contacts.addFromSearch(owner, linkedPicks[i & pickMask] as MemberId),
  );
  await add("contacts.get", (i) => book.contacts.get(owner, pickedIds[i & pickMask] as ContactId));
  await add("contacts.list customers, first page of 50", () =>
    book.contacts.list(owner, { tab: "customers", limit: 50 }),
  );
  await add("contacts.list external, first page of 50", () =>
    book.contacts.list(owner, { tab: "external", limit: 50 }),
  );
  await add("contacts.list customers, page of 50 at a random cursor", (i) =>
    book.contacts.list(owner, { tab: "customers", cursor: cursors[i & 63] as string, limit: 50 }),
  );
  await add(`contacts.list query "${commonReadingQuery}" (~1%), first page of 50`, () =>
    book.contacts.list(owner, { query: commonReadingQuery, limit: 50 }),
  );
  await add(`contacts.list query "${absentQuery}" (no match: walks the book)`, () =>
    book.contacts.list(owner, { query: absentQuery, limit: 50 }),
  );

  // ── baselines ────────────────────────────────────────────────────────────────────────────
  const sync = { sync: true } as const;
  await add(
    "baseline Map.get (Map of N)",
    (i) => baselineMap.get(pickedIds[i & pickMask] as ContactId),
    sync,
  );
  await add(
    `baseline filter includes "${commonReadingQuery}" over N texts`,
    () => texts.filter((text) => text.includes(commonReadingQuery)),
    sync,
  );
  await add(
    `baseline filter includes "${absentQuery}" over N texts`,
    () => texts.filter((text) => text.includes(absentQuery)),
    sync,
  );

  // ── what search.byWorksId does besides its map lookup ───────────────────────────────────
  const actorParty = await world.store.transaction(async (tx) => {
    const member = await tx.members.get(owner);
    const organisation = member === null ? null : await tx.organisations.get(member.organisationId);
    if (member === null || organisation === null) throw new Error("no owner");
    return { member, organisation } satisfies Party;
  });
  const lookUp = async (worksId: string): Promise<Party[]> =>
    world.store.transaction(async (tx) => {
      const self = await tx.members.get(owner);
      if (self !== null) await tx.organisations.get(self.organisationId);
      const found = await tx.members.findByWorksId(normaliseWorksId(worksId));
      if (found === null) return [];
      const organisation = await tx.organisations.get(found.organisationId);
      return organisation === null ? [] : [{ member: found, organisation }];
    });
  const candidate = at(await lookUp(at(worksIdPicks, 0)), 0);
  await add(
    "baseline part: zod parse of actor + works ID",
    (i) => {
      memberIdSchema.safeParse(owner);
      return worksIdSchema.safeParse(worksIdPicks[i & pickMask]);
    },
    sync,
  );
  await add("baseline part: empty store.transaction", () => world.store.transaction(async () => null));
  await add("baseline part: store.transaction with the 4 lookups of a search", (i) =>
    lookUp(worksIdPicks[i & pickMask] as string),
  );
  await add(
    "baseline part: visibleCards for one candidate",
    () => visibleCards(actorParty, [candidate]),
    sync,
  );
  await add(
    "baseline part: normalisePhone (libphonenumber)",
    (i) => normalisePhone(phonePicks[i & pickMask] as string, "JP"),
    sync,
  );

  // ── writes last, so the reads above saw the book as built ────────────────────────────────
  await add("contacts.edit (memo)", memoEdit(world, inputs, memos));
  const fresh = world.freshTargets;
  await add(
    "contacts.addFromSearch (added, other org's member; store of N)",
    async (i) => {
      const result = await book.contacts.addFromSearch(outsider, fresh[i] as MemberId);
      if (result.status !== "added") throw new Error("expected a new contact");
    },
    { maxCalls: fresh.length },
  );
  if (size + fresh.length <= organisationLimit) {
    await add(
      "contacts.addFromSearch (added, own book)",
      async (i) => {
        const result = await book.contacts.addFromSearch(owner, fresh[i] as MemberId);
        if (result.status !== "added") throw new Error("expected a new contact");
      },
      { maxCalls: fresh.length },
    );
  }
  return rows;
}

function summarise(rows: readonly OperationRow[], sizes: readonly number[]): Record<string, unknown> {
  const find = (operation: string, size: number) =>
    rows.find((row) => row.operation === operation && row.size === size);
  const smallest = Math.min(...sizes);
  const largest = Math.max(...sizes);
  const growth: Record<string, unknown> = {};
  const operations = [...new Set(rows.map((row) => row.operation))];
  for (const operation of operations) {
    const a = find(operation, largest);
    const b = find(operation, smallest);
    if (a === undefined || b === undefined) continue;
    growth[operation] = {
      cpu: ratio(a.cpuMedianUs, b.cpuMedianUs),
      wall: ratio(a.wallMedianUs, b.wallMedianUs),
      target: (flatOperations as readonly string[]).includes(operation) ? "≤ 1.5" : "none (reference)",
    };
  }
  const at100k = sizes.includes(100_000) ? 100_000 : largest;
  const queryVsFilter = (query: string, listOperation: string) => {
    const list = find(listOperation, at100k);
    const filter = find(`baseline filter includes "${query}" over N texts`, at100k);
    return {
      size: at100k,
      cpu: ratio(list?.cpuMedianUs, filter?.cpuMedianUs),
      wall: ratio(list?.wallMedianUs, filter?.wallMedianUs),
      target: "≤ 2",
    };
  };
  const searchVsMap: Record<string, unknown> = {};
  for (const size of sizes) {
    const search = find("search.byWorksId", size);
    const map = find("baseline Map.get (Map of N)", size);
    searchVsMap[String(size)] = {
      cpu: ratio(search?.cpuMedianUs, map?.cpuMedianUs),
      wall: ratio(search?.wallMedianUs, map?.wallMedianUs),
    };
  }
  return {
    [`cost(${largest}) / cost(${smallest})`]: growth,
    "query ~1% over 100k ÷ bare filter over 100k": queryVsFilter(
      commonReadingQuery,
      `contacts.list query "${commonReadingQuery}" (~1%), first page of 50`,
    ),
    "query with no match over 100k ÷ bare filter over 100k": queryVsFilter(
      absentQuery,
      `contacts.list query "${absentQuery}" (no match: walks the book)`,
    ),
    "search.byWorksId ÷ Map.get (target ≤ 20)": searchVsMap,
  };
}

/** Builds a book of each size on `makeStore`'s store, measures every operation, and summarises. */
export async function suite(
  makeStore: MakeStore,
  sizes: readonly number[],
  options: MeasureOptions = {},
): Promise<OperationsResult> {
  const rows: OperationRow[] = [];
  const builds: BuildRow[] = [];
  for (const size of sizes) {
    collectGarbage();
    console.log(`  building a book of ${size.toLocaleString("en")} contacts…`);
    const cpuBefore = process.cpuUsage();
    let world: BookWorld | null = await buildBookWorld(makeStore, size, {
      freshTargets,
      keepSearchTexts: true,
    });
    const cpu = process.cpuUsage(cpuBefore);
    collectGarbage();
    const matches = world.searchTexts.filter((text) => text.includes(commonReadingQuery)).length;
    builds.push({
      size,
      wallSeconds: round(world.buildSeconds, 1),
      cpuSeconds: round((cpu.user + cpu.system) / 1e6, 1),
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      ...world.counts,
      commonQueryMatchPercent: round((100 * matches) / size, 2),
    });
    console.log(`  built in ${round(world.buildSeconds, 1)} s; measuring…`);
    rows.push(...(await measureWorld(world, options)));
    world = null;
  }
  collectGarbage();
  return { rows, builds, ratios: summarise(rows, sizes) };
}

function printTables(result: OperationsResult, sizes: readonly number[]): void {
  console.table(result.builds);
  const operations = [...new Set(result.rows.map((row) => row.operation))];
  const pivot = (key: "cpuMedianUs" | "wallMedianUs") =>
    Object.fromEntries(
      operations.map((operation) => [
        operation,
        Object.fromEntries(
          sizes.map((size) => {
            const row = result.rows.find((r) => r.operation === operation && r.size === size);
            return [`N=${size.toLocaleString("en")}`, row === undefined ? "—" : sig(row[key])];
          }),
        ),
      ]),
    );
  console.log("  CPU µs per call (median):");
  console.table(pivot("cpuMedianUs"));
  console.log("  wall µs per call (median):");
  console.table(pivot("wallMedianUs"));
  console.log("  ratios (CPU; wall in brackets):");
  const largest = Math.max(...sizes);
  const smallest = Math.min(...sizes);
  const growth = result.ratios[`cost(${largest}) / cost(${smallest})`] as Record<
    string,
    { cpu: number | null; wall: number | null; target: string }
  >;
  for (const [operation, { cpu, wall, target }] of Object.entries(growth)) {
    console.log(
      `    cost(N=${largest}) / cost(N=${smallest}) ${operation}: ${cpu} (${wall}) — target ${target}`,
    );
  }
  for (const [label, value] of Object.entries(result.ratios)) {
    if (label.startsWith("cost(")) continue;
    console.log(`    ${label}: ${JSON.stringify(value)}`);
  }
}

export const sizes = [1_000, 10_000, 100_000, 1_000_000] as const;

/** The memory store at 1k, 10k, 100k and 1M contacts. */
export async function run(): Promise<OperationsResult> {
  const result = await suite(memoryStore, sizes);
  printTables(result, sizes);
  return result;
}
