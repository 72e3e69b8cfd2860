// The everyday operations measured on each adapter, at each book size, with their inputs.
import type { ContactId, MemberId } from "partnerbook";
import { measurePurge } from "./adapters-purge.js";
import { type BookWorld, commonReadingQuery } from "./fixtures.js";
import { type Measured, type MeasureOptions, measure } from "./harness.js";
import { checkLookups, memoEdit, operationInputs } from "./operation-inputs.js";

export type AdapterName = "memory" | "pglite";

/** One operation on one adapter at one book size. */
export interface AdapterRow extends Measured {
  readonly adapter: AdapterName;
  readonly operation: string;
  readonly size: number;
}

export const sizes = [1_000, 100_000] as const;
const pickCount = 1 << 14;
const pickMask = pickCount - 1;
const options: MeasureOptions = { budgetMs: 800, maxRunMs: 6_000 };

export const purgeOperation = "trash.purgeExpired (1% of the book due)";
export const queryOperation = `contacts.list query "${commonReadingQuery}" (~1%), first page of 50`;
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

export async function measureWorld(
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
  const inputs = await operationInputs(world, pickCount);
  const { pickedIds, worksIdPicks, phonePicks, linkedPicks, cursors } = inputs;
  const memos: [string, string] = [
    "【更新】先方の担当が変わりました。次回は新担当と打ち合わせ。",
    "【更新】見積もり提出済み。来月の回答待ち。",
  ];

  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`${adapter} N=${size}: ${what}`);
  };
  await checkLookups(world, inputs, `${adapter} N=${size}`);
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
  await add("contacts.edit (memo)", memoEdit(world, inputs, memos));
  const due = size / 100;
  const purge = await measurePurge(world, due, size >= 100_000 ? 6 : 20, setBulk);
  rows.push({ adapter, operation: purgeOperation, size, ...purge });
  return rows;
}
