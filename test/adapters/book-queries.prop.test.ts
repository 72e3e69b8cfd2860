import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import type { Tab } from "../../src/domain/address-book.js";
import type { Contact } from "../../src/domain/contact.js";
import {
  asGroupId,
  foldForSearch,
  type GroupId,
  type Member,
  type Sharing,
  type Store,
  searchTextOf,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { postgresStore } from "../../src/postgres.js";
import {
  aCustomer,
  aLinkedContact,
  at,
  type People,
  seedPeople,
  trashedOn,
} from "../../src/testing/records.js";
import { allPages, bookQuery, expectedBook, type Suite, viewerOf } from "../../src/testing/suite.js";
import { migratedPglite, migratedServerSchema } from "../support/databases.js";

// R26–R28 for all books and queries: every store pages exactly what the domain's own rules say
// (sortKeyOf, canSee, onTab, searchTextOf) — for the SQL stores that is the proof that the book
// entries, the gram index and the union of walks answer what the memory store answers. The
// alphabet mixes kanji, kana in both widths, Latin with a macron and LIKE's wildcards, so grams
// of one and two characters, folding and characters that SQL treats specially all meet.

const groups = [asGroupId("grp_a"), asGroupId("grp_b")];
const pieces = [
  "山",
  "田",
  "や",
  "ま",
  "だ",
  "ヤ",
  "ﾀﾞ",
  "渡",
  "辺",
  "な",
  "べ",
  "a",
  "B",
  "ō",
  "_",
  "%",
  " ",
];
const word = fc
  .array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(""));

interface ContactPlan {
  readonly owner: number;
  /** A linked contact's target (0: Lee, 1: Kim) — only for an owner of Acme. */
  readonly target: number | null;
  readonly family: string;
  readonly reading: string | null;
  readonly memo: string | null;
  readonly company: string | null;
  readonly visibility: "private" | "organisation" | "members";
  readonly sharedWith: readonly number[];
  readonly sharedGroups: readonly GroupId[];
  readonly filed: readonly GroupId[];
  readonly trashed: boolean;
}

const contactPlan: fc.Arbitrary<ContactPlan> = fc.record({
  owner: fc.integer({ min: 0, max: 3 }),
  target: fc.option(fc.integer({ min: 0, max: 1 }), { freq: 3 }),
  family: word,
  reading: fc.option(word),
  memo: fc.option(word),
  company: fc.option(word),
  visibility: fc.constantFrom("private", "organisation", "members"),
  sharedWith: fc.subarray([0, 1, 2]),
  sharedGroups: fc.subarray(groups),
  filed: fc.subarray(groups),
  trashed: fc.boolean(),
});

interface QueryPlan {
  readonly viewer: number;
  readonly viewerGroups: readonly GroupId[];
  readonly tab: Tab;
  readonly group: GroupId | null;
  /** A word typed as is, or a piece of some contact's search text (so that queries hit). */
  readonly text:
    | { readonly typed: string }
    | { readonly from: number; readonly start: number; readonly length: number }
    | null;
  readonly limit: number;
}

const queryPlan: fc.Arbitrary<QueryPlan> = fc.record({
  viewer: fc.integer({ min: 0, max: 4 }),
  viewerGroups: fc.subarray(groups),
  tab: fc.constantFrom<Tab>("customers", "external"),
  group: fc.option(fc.constantFrom(...groups)),
  text: fc.option(
    fc.oneof(
      fc.record({ typed: word }),
      fc.record({ from: fc.nat(), start: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
    ),
  ),
  limit: fc.integer({ min: 1, max: 4 }),
});

/** The contacts of a plan, owned by Acme's three members and Globex's Lee. */
function contactsOf(plans: readonly ContactPlan[], people: People): Contact[] {
  const owners = [people.sato, people.suzuki, people.tanaka, people.lee];
  const acme = [people.sato, people.suzuki, people.tanaka];
  const linked = new Set<string>();
  return plans.map((plan, n) => {
    const owner = owners[plan.owner] as Member;
    const id = `con_${String(n).padStart(2, "0")}`;
    const sharing: Sharing =
      plan.visibility === "members"
        ? {
            visibility: "members",
            members: plan.sharedWith.map((i) => (acme[i] as Member).id),
            groups: [...plan.sharedGroups],
            coEditing: false,
          }
        : { visibility: plan.visibility, coEditing: false };
    const fields = {
      familyName: plan.family,
      familyNameReading: plan.reading,
      memo: plan.memo,
    };
    const rest = { groups: [...plan.filed], sharing, trash: plan.trashed ? trashedOn(at) : null };
    const target = plan.target === null ? null : [people.lee, people.kim][plan.target];
    // R15: one linked contact per owner and target; Globex's Lee links nobody here.
    if (target !== undefined && target !== null && owner.organisationId !== target.organisationId) {
      const pair = `${owner.id}/${target.id}`;
      if (!linked.has(pair)) {
        linked.add(pair);
        const contact = aLinkedContact(id, owner, target, rest);
        return { ...contact, fields: { ...contact.fields, ...fields } };
      }
    }
    const contact = aCustomer(id, owner, plan.family, rest);
    return {
      ...contact,
      fields: { ...contact.fields, ...fields },
      profile: { ...contact.profile, company: plan.company },
    };
  });
}

function queryOf(plan: QueryPlan, people: People, contacts: readonly Contact[]) {
  const viewers = [people.sato, people.suzuki, people.tanaka, people.lee, people.kim];
  let text: string | null = null;
  if (plan.text !== null && "typed" in plan.text) text = foldForSearch(plan.text.typed);
  else if (plan.text !== null && contacts.length > 0) {
    const source = searchTextOf(contacts[plan.text.from % contacts.length] as Contact);
    // A piece of the text as the user could have typed it: cut by code points, never the separator.
    const points = [...source];
    const start = plan.text.start % Math.max(points.length, 1);
    text = foldForSearch(points.slice(start, start + plan.text.length).join(""));
  }
  return bookQuery(viewerOf(viewers[plan.viewer] as Member, plan.viewerGroups), {
    tab: plan.tab,
    group: plan.group,
    text,
  });
}

/** The property on one store: `fresh` empties it and hands it back. */
function bookProperty(fresh: () => Promise<Store>, numRuns: number) {
  return fc.assert(
    fc.asyncProperty(
      fc.array(contactPlan, { maxLength: 24 }),
      fc.array(fc.record({ at: fc.nat(), to: contactPlan, remove: fc.boolean() }), { maxLength: 6 }),
      fc.array(queryPlan, { minLength: 1, maxLength: 6 }),
      async (plans, changes, queries) => {
        const store = await fresh();
        const suite: Suite = { store: () => store, run: (fn) => store.transaction(fn) };
        const { people, contacts } = await store.transaction(async (tx) => {
          const people = await seedPeople(tx);
          const contacts = contactsOf(plans, people);
          for (const contact of contacts) await tx.contacts.insert(contact);
          return { people, contacts };
        });
        // Then changes that move a contact between books: sharing, filing, trash and back, gone.
        for (const change of changes) {
          const index = change.at % Math.max(contacts.length, 1);
          const before = contacts[index];
          if (before === undefined) break;
          await store.transaction(async (tx) => {
            if (change.remove) {
              await tx.contacts.delete(before.id, before.version);
              contacts.splice(index, 1);
              return;
            }
            const [shape] = contactsOf([{ ...change.to, target: null }], people) as [Contact];
            const after: Contact = {
              ...before,
              fields: { ...before.fields, familyName: shape.fields.familyName, memo: shape.fields.memo },
              groups: shape.groups,
              sharing: shape.sharing,
              trash: shape.trash,
              version: before.version + 1,
            };
            await tx.contacts.update(after, before.version);
            contacts[index] = after;
          });
        }
        for (const plan of queries) {
          const query = queryOf(plan, people, contacts);
          const pages = await allPages(suite, query, plan.limit);
          expect(pages.flat(), JSON.stringify({ plan, text: query.text })).toEqual(
            expectedBook(contacts, query),
          );
        }
      },
    ),
    { numRuns },
  );
}

describe("R26–R28: for all books and queries, a store pages what the rules say", () => {
  it("memory store", async () => {
    await bookProperty(async () => memoryStore(), 100);
  });

  describe("PGlite", () => {
    const database = migratedPglite();
    it("postgres store on PGlite", async () => {
      await bookProperty(async () => {
        await emptyPartnerbookTables(database.client());
        return postgresStore(database.client());
      }, 60);
    }, 300_000);
  });

  const url = process.env.PARTNERBOOK_POSTGRES_URL;
  if (url === undefined || url === "") {
    it("on a real server only when PARTNERBOOK_POSTGRES_URL is set, and it is not", () => {
      expect(url ?? "").toBe("");
    });
    return;
  }
  describe("a real PostgreSQL server", () => {
    const { client } = migratedServerSchema(url, "partnerbook_book");
    it("postgres store on a real server", async () => {
      await bookProperty(async () => {
        await emptyPartnerbookTables(client);
        return postgresStore(client);
      }, 60);
    }, 300_000);
  });
});
