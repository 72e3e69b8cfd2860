// A Japanese book query that matches nothing, on the memory store, over one member's book of
// 100k contacts — as it stands, right after an edit of one contact, and right after a profile
// sync. The memory store answers such a query from the joined texts of chunks of its sorted
// runs; an edit drops the text of its contact's chunks, a sync only counts its changes and the
// next query checks every chunk's contacts once. The cost of the query after a change is the
// cost of (change, then query) less the cost of the change alone, each measured on its own.
// Baseline: a bare `filter` with `includes` over the same contacts' pre-folded texts.
import type { ContactId } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { absentQuery, at, buildBookWorld } from "./fixtures.js";
import { collectGarbage, type Measured, measure, ratio, sig } from "./harness.js";

export interface QueryRow extends Measured {
  readonly operation: string;
}

const size = 100_000;
const memos = ["展示会で名刺交換", "電話で打ち合わせ"];
const nicknames = ["にっく・あ", "にっく・い"];

export async function run(): Promise<{ rows: QueryRow[]; ratios: Record<string, unknown> }> {
  collectGarbage();
  console.log(`  building a book of ${size.toLocaleString("en")} contacts…`);
  const world = await buildBookWorld(memoryStore, size, { keepSearchTexts: true });
  const { book, owner } = world;
  const ids = world.contactIds;
  const versions = new Map<ContactId, number>();
  const rows: QueryRow[] = [];
  const add = async (operation: string, call: (i: number) => Promise<unknown> | unknown) => {
    rows.push({ operation, ...(await measure(operation, call, { budgetMs: 1_500, sampleMs: 5 })) });
  };
  const query = () => book.contacts.list(owner, { query: absentQuery, limit: 50 });
  if ((await query()).items.length !== 0) throw new Error(`"${absentQuery}" should match nothing`);

  const edit = async (i: number) => {
    const id = at(ids, (i * 7_919) % ids.length);
    const edited = await book.contacts.edit(
      owner,
      id,
      { memo: memos[i & 1] as string },
      { expectedVersion: versions.get(id) ?? 1 },
    );
    versions.set(id, edited.version);
  };
  const sync = (i: number) =>
    book.members.updateProfile(at(world.linkedTargets, (i * 104_729) % world.linkedTargets.length), {
      nickname: nicknames[i & 1] as string,
    });

  await add(`bare filter includes "${absentQuery}" over the texts`, () =>
    world.searchTexts.filter((text) => text.includes(absentQuery)),
  );
  await add("query, nothing changed", query);
  await add("edit (memo)", edit);
  await add("edit (memo), then query", async (i) => {
    await edit(i);
    await query();
  });
  await add("updateProfile (sync of one linked contact)", sync);
  await add("updateProfile, then query", async (i) => {
    await sync(i);
    await query();
  });
  console.table(
    rows.map((row) => ({ operation: row.operation, "CPU µs": row.cpuMedianUs, samples: row.samples })),
  );

  const cpu = (operation: string) => rows.find((row) => row.operation === operation)?.cpuMedianUs;
  const difference = (a: string, b: string) => {
    const [x, y] = [cpu(a), cpu(b)];
    return x === undefined || y === undefined ? undefined : sig(x - y);
  };
  const afterEdit = difference("edit (memo), then query", "edit (memo)");
  const afterSync = difference("updateProfile, then query", "updateProfile (sync of one linked contact)");
  const bare = cpu(`bare filter includes "${absentQuery}" over the texts`);
  const ratios = {
    "query, nothing changed ÷ bare filter (target ≤ 2)": ratio(cpu("query, nothing changed"), bare),
    "query after an edit, CPU µs": afterEdit ?? null,
    "query after an edit ÷ bare filter (target ≤ 2)": ratio(afterEdit, bare),
    "query after a sync, CPU µs": afterSync ?? null,
    "query after a sync ÷ bare filter (target ≤ 2)": ratio(afterSync, bare),
  };
  for (const [label, value] of Object.entries(ratios)) console.log(`    ${label}: ${value}`);
  return { rows, ratios };
}
