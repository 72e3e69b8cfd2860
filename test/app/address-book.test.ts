import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asGroupId,
  type Contact,
  type ContactId,
  type Member,
  type MemberId,
  type NewCustomerInput,
} from "../../src/index.js";
import { aMember, aWorld, twoLinkableMembers, type World } from "../support/builders.js";

type ListOptions = NonNullable<Parameters<World["book"]["contacts"]["list"]>[1]>;

let emailCounter = 0;

/** A customer contact of `owner`, with just enough to pass R22. */
async function aCustomer(world: World, owner: MemberId, input: Partial<NewCustomerInput> = {}) {
  return world.book.contacts.addCustomer(owner, {
    emails: [{ address: `customer${++emailCounter}@example.com` }],
    ...input,
    ...(input.familyName === undefined && input.givenName === undefined ? { familyName: "顧客" } : {}),
  });
}

/** The ids on one page of `actor`'s book. */
async function idsOn(world: World, actor: MemberId, options: ListOptions = {}): Promise<ContactId[]> {
  return (await world.book.contacts.list(actor, options)).items.map((entry) => entry.contact.id);
}

/** Every id of `actor`'s book, page after page. */
async function allIds(world: World, actor: MemberId, options: ListOptions = {}): Promise<ContactId[]> {
  const ids: ContactId[] = [];
  let cursor: string | null = null;
  do {
    const page = await world.book.contacts.list(actor, { ...options, cursor });
    ids.push(...page.items.map((entry) => entry.contact.id));
    cursor = page.nextCursor;
    // A cursor that does not move forward would page for ever; no test book is this long.
    if (ids.length > 1000) throw new Error("paging does not end");
  } while (cursor !== null);
  return ids;
}

const share = (
  world: World,
  owner: Member,
  contact: Contact,
  sharing: Parameters<World["book"]["contacts"]["share"]>[2],
) => world.book.contacts.share(owner.id, contact.id, sharing, { expectedVersion: contact.version });

/** Sato's book: her own customer and linked contacts, and colleagues' contacts shared or not. */
async function aBookWithColleagues() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const tanaka = await aMember(world, acme, { displayName: "田中" });
  const kim = await aMember(world, globex, { displayName: "Kim" });
  const own = await aCustomer(world, sato.id, { familyName: "佐藤", familyNameReading: "さとう" });
  const ownLinked = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
  const forEveryone = await share(world, tanaka, await aCustomer(world, tanaka.id, { familyName: "伊藤" }), {
    visibility: "organisation",
  });
  const tanakaLinked = (await world.book.contacts.addFromSearch(tanaka.id, kim.id)).contact;
  const forSato = await share(world, tanaka, tanakaLinked, {
    visibility: "members",
    members: [sato.id],
    coEditing: true,
  });
  const notForSato = await aCustomer(world, tanaka.id, { familyName: "秘密" });
  const forSomeoneElse = await share(
    world,
    tanaka,
    await aCustomer(world, tanaka.id, { familyName: "別人" }),
    {
      visibility: "members",
      members: [acme.admin.id],
    },
  );
  return {
    world,
    acme,
    globex,
    sato,
    lee,
    tanaka,
    kim,
    own,
    ownLinked,
    forEveryone,
    forSato,
    notForSato,
    forSomeoneElse,
  };
}

describe("R26: the two tabs", () => {
  it("R26: the customers tab lists own customer and linked contacts and colleagues' contacts shared with the viewer", async () => {
    const book = await aBookWithColleagues();
    const ids = await allIds(book.world, book.sato.id);
    expect(new Set(ids)).toEqual(
      new Set([book.own.id, book.ownLinked.id, book.forEveryone.id, book.forSato.id]),
    );
    expect(ids).toHaveLength(4);
  });

  it("R26: customers is the default tab", async () => {
    const book = await aBookWithColleagues();
    expect(await idsOn(book.world, book.sato.id)).toEqual(
      await idsOn(book.world, book.sato.id, { tab: "customers" }),
    );
  });

  it("R26: the external tab lists only linked contacts, own and shared", async () => {
    const book = await aBookWithColleagues();
    const ids = await allIds(book.world, book.sato.id, { tab: "external" });
    expect(new Set(ids)).toEqual(new Set([book.ownLinked.id, book.forSato.id]));
    expect(ids).toHaveLength(2);
  });

  it("R26: an entry carries the external mark exactly when the contact is linked", async () => {
    const book = await aBookWithColleagues();
    const { items } = await book.world.book.contacts.list(book.sato.id);
    for (const entry of items) expect(entry.external).toBe(entry.contact.kind === "linked");
    expect(items.filter((entry) => entry.external)).toHaveLength(2);
  });

  it("R27: an entry says whether the viewer may edit it", async () => {
    const book = await aBookWithColleagues();
    const { items } = await book.world.book.contacts.list(book.sato.id);
    const editable = Object.fromEntries(items.map((entry) => [entry.contact.id, entry.editable]));
    expect(editable).toEqual({
      [book.own.id]: true,
      [book.ownLinked.id]: true,
      [book.forSato.id]: true,
      [book.forEveryone.id]: false,
    });
  });

  it("R26: each member of the organisation sees their own view of the same contacts", async () => {
    const book = await aBookWithColleagues();
    const adminIds = await allIds(book.world, book.acme.admin.id);
    expect(new Set(adminIds)).toEqual(new Set([book.forEveryone.id, book.forSomeoneElse.id]));
  });

  it("R26: a member of another organisation sees none of these contacts", async () => {
    const book = await aBookWithColleagues();
    expect(await allIds(book.world, book.kim.id)).toEqual([]);
    expect(await allIds(book.world, book.lee.id)).toEqual([]);
  });
});

describe("R26: order", () => {
  it("R26: contacts come in gojūon order of their readings (い, さ, や), whatever the order they were added in", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const yamada = await aCustomer(world, sato.id, { familyName: "山田", familyNameReading: "やまだ" });
    const sato2 = await aCustomer(world, sato.id, { familyName: "佐藤", familyNameReading: "サトウ" });
    const ito = await aCustomer(world, sato.id, { familyName: "伊藤", familyNameReading: "ｲﾄｳ" });
    expect(await idsOn(world, sato.id)).toEqual([ito.id, sato2.id, yamada.id]);
  });

  it("R26: a contact without a reading sorts by its name, folded", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const zed = await aCustomer(world, sato.id, { familyName: "Zed" });
    const kana = await aCustomer(world, sato.id, { familyName: "漢字", familyNameReading: "かんじ" });
    const alpha = await aCustomer(world, sato.id, { familyName: "ＡＬＰＨＡ" });
    const bravo = await aCustomer(world, sato.id, { familyName: "bravo" });
    expect(await idsOn(world, sato.id)).toEqual([alpha.id, bravo.id, zed.id, kana.id]);
  });

  it("R26: contacts with the same reading in different scripts come together, then by id", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const made: Contact[] = [];
    for (const reading of ["ヤマダ", "いとう", "やまだ", "ﾔﾏﾀﾞ"]) {
      made.push(await aCustomer(world, sato.id, { familyName: "山田", familyNameReading: reading }));
    }
    const [ito, ...yamadas] = [made[1], made[0], made[2], made[3]] as Contact[];
    const byId = yamadas.map((contact) => contact.id).sort();
    expect(await idsOn(world, sato.id)).toEqual([ito?.id, ...byId]);
  });

  it("R26: editing a reading moves the contact to its new place", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const a = await aCustomer(world, sato.id, { familyName: "A", familyNameReading: "あ" });
    const b = await aCustomer(world, sato.id, { familyName: "B", familyNameReading: "い" });
    await world.book.contacts.edit(
      sato.id,
      a.id,
      { familyNameReading: "う" },
      { expectedVersion: a.version },
    );
    expect(await idsOn(world, sato.id)).toEqual([b.id, a.id]);
  });
});

describe("R26: pages", () => {
  it("R26: pages of a small limit cover the book once, in order, and the last page says so", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const readings = ["お", "え", "う", "い", "あ"];
    const made = [];
    for (const reading of readings)
      made.push(await aCustomer(world, sato.id, { familyNameReading: reading }));
    const first = await world.book.contacts.list(sato.id, { limit: 2 });
    const second = await world.book.contacts.list(sato.id, { limit: 2, cursor: first.nextCursor });
    const third = await world.book.contacts.list(sato.id, { limit: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((entry) => entry.contact.id)).toEqual(
      made.map((contact) => contact.id).reverse(),
    );
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
  });

  it("R26: a book that fills its last page exactly has no next cursor", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    for (let i = 0; i < 4; i++) await aCustomer(world, sato.id);
    const first = await world.book.contacts.list(sato.id, { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await world.book.contacts.list(sato.id, { limit: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });

  it("R26: a cursor the book did not give out is VALIDATION", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await expect(world.book.contacts.list(sato.id, { cursor: "not-a-cursor!" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["cursor"] }],
    });
    const notAPosition = Buffer.from('{"a":1}').toString("base64url");
    await expect(world.book.contacts.list(sato.id, { cursor: notAPosition })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("R26: a limit outside 1–200 is VALIDATION", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    for (const limit of [0, 201, 1.5]) {
      await expect(world.book.contacts.list(sato.id, { limit })).rejects.toMatchObject({
        code: "VALIDATION",
      });
    }
  });
});

describe("R28: searching the book", () => {
  async function aSearchableBook() {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const yamada = await aCustomer(world, sato.id, {
      familyName: "山田",
      givenName: "太郎",
      familyNameReading: "ヤマダ",
      givenNameReading: "タロウ",
      department: "営業部",
      memo: "ゴルフが好き",
      company: "Acme Trading",
    });
    const ito = await aCustomer(world, sato.id, {
      familyName: "伊藤",
      familyNameReading: "いとう",
      company: "株式会社アクメ",
    });
    const linked = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
    return { world, sato, yamada, ito, linked };
  }

  it.each(["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "ﾔﾏﾀﾞﾀﾛｳ", "やまだ たろう"])(
    "R28: the query %s finds the contact read ヤマダ",
    async (query) => {
      const { world, sato, yamada } = await aSearchableBook();
      expect(await idsOn(world, sato.id, { query })).toEqual([yamada.id]);
    },
  );

  it("R28: full-width and case fold together (ＡＣＭＥ = acme = Acme)", async () => {
    const { world, sato, yamada } = await aSearchableBook();
    for (const query of ["ＡＣＭＥ", "acme", "Acme", "ACME tRaDiNg"]) {
      expect(await idsOn(world, sato.id, { query })).toEqual([yamada.id]);
    }
  });

  it("R28: ㈱ finds 株式会社", async () => {
    const { world, sato, ito } = await aSearchableBook();
    expect(await idsOn(world, sato.id, { query: "㈱アクメ" })).toEqual([ito.id]);
    expect(await idsOn(world, sato.id, { query: "(株)ｱｸﾒ" })).toEqual([ito.id]);
  });

  it("R28: the query matches names, readings, company, department and memo", async () => {
    const { world, sato, yamada, ito } = await aSearchableBook();
    expect(await idsOn(world, sato.id, { query: "山田太郎" })).toEqual([yamada.id]);
    expect(await idsOn(world, sato.id, { query: "イトウ" })).toEqual([ito.id]);
    expect(await idsOn(world, sato.id, { query: "アクメ" })).toEqual([ito.id]);
    expect(await idsOn(world, sato.id, { query: "営業" })).toEqual([yamada.id]);
    expect(await idsOn(world, sato.id, { query: "ｺﾞﾙﾌ" })).toEqual([yamada.id]);
  });

  it("R28: a linked contact is found by its synced company", async () => {
    const { world, sato, linked } = await aSearchableBook();
    expect(await idsOn(world, sato.id, { query: "globex" })).toEqual([linked.id]);
  });

  it("R28: a query never matches across two fields", async () => {
    const { world, sato } = await aSearchableBook();
    for (const query of ["営業部ゴルフ", "部ゴ", "tradingえいぎょう", "たろうacme"]) {
      expect(await idsOn(world, sato.id, { query })).toEqual([]);
    }
  });

  it("R28: a search still respects the tab and what the viewer may see", async () => {
    const book = await aBookWithColleagues();
    expect(await idsOn(book.world, book.sato.id, { query: "秘密" })).toEqual([]);
    expect(await idsOn(book.world, book.sato.id, { query: "伊藤" })).toEqual([book.forEveryone.id]);
    expect(await idsOn(book.world, book.sato.id, { query: "伊藤", tab: "external" })).toEqual([]);
  });

  it("R28: an empty query lists everything", async () => {
    const { world, sato } = await aSearchableBook();
    expect(await idsOn(world, sato.id, { query: "" })).toHaveLength(3);
    expect(await idsOn(world, sato.id, { query: "　 " })).toHaveLength(3);
  });

  it("R28: search results page with cursors too", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const hits = [];
    for (let i = 0; i < 5; i++) {
      hits.push(await aCustomer(world, sato.id, { familyName: `山田${i}`, familyNameReading: `やまだ${i}` }));
      await aCustomer(world, sato.id, { familyName: `田中${i}`, familyNameReading: `たなか${i}` });
    }
    expect(await allIds(world, sato.id, { query: "ヤマダ", limit: 2 })).toEqual(hits.map((c) => c.id));
  });
});

describe("R27: filtering by group", () => {
  async function aBookWithGroups() {
    const book = await aBookWithColleagues();
    const { world, sato, tanaka } = book;
    const project = await world.book.groups.create(sato.id, { name: "Project X" });
    const other = await world.book.groups.create(sato.id, { name: "Project Y" });
    const inProject = await world.book.contacts.edit(
      sato.id,
      book.own.id,
      { groups: [project.id] },
      { expectedVersion: book.own.version },
    );
    const linkedInBoth = await world.book.contacts.edit(
      sato.id,
      book.ownLinked.id,
      { groups: [project.id, other.id] },
      { expectedVersion: book.ownLinked.version },
    );
    // Tanaka's private contact is in the group too, but Sato may not see it.
    const hidden = await world.book.contacts.edit(
      tanaka.id,
      book.notForSato.id,
      { groups: [project.id] },
      { expectedVersion: book.notForSato.version },
    );
    return { ...book, project, other, inProject, linkedInBoth, hidden };
  }

  it("R27: the group filter lists only the group's contacts the viewer may see", async () => {
    const book = await aBookWithGroups();
    const ids = await allIds(book.world, book.sato.id, { group: book.project.id });
    expect(new Set(ids)).toEqual(new Set([book.inProject.id, book.linkedInBoth.id]));
    expect(ids).toHaveLength(2);
    expect(await allIds(book.world, book.sato.id, { group: book.other.id })).toEqual([book.linkedInBoth.id]);
  });

  it("R27: the owner of a contact hidden from the viewer still finds it in the group", async () => {
    const book = await aBookWithGroups();
    expect(await allIds(book.world, book.tanaka.id, { group: book.project.id })).toEqual([book.hidden.id]);
  });

  it("R26, R27: the group filter combines with the tab and a query", async () => {
    const book = await aBookWithGroups();
    expect(await idsOn(book.world, book.sato.id, { group: book.project.id, tab: "external" })).toEqual([
      book.linkedInBoth.id,
    ]);
    expect(await idsOn(book.world, book.sato.id, { group: book.project.id, query: "さとう" })).toEqual([
      book.inProject.id,
    ]);
  });

  it("R27: a group of another organisation is VALIDATION", async () => {
    const book = await aBookWithGroups();
    const theirs = await book.world.book.groups.create(book.kim.id, { name: "Globex project" });
    await expect(book.world.book.contacts.list(book.sato.id, { group: theirs.id })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["group", 0] }],
    });
    await expect(
      book.world.book.contacts.list(book.sato.id, { group: asGroupId("grp_nope") }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("R27: taking a contact out of its group takes it off the filter", async () => {
    const book = await aBookWithGroups();
    await book.world.book.contacts.edit(
      book.sato.id,
      book.inProject.id,
      { groups: [] },
      { expectedVersion: book.inProject.version },
    );
    expect(await allIds(book.world, book.sato.id, { group: book.project.id })).toEqual([
      book.linkedInBoth.id,
    ]);
  });
});

describe("R31: trashed contacts appear in no list", () => {
  it("R31: a trashed contact leaves every tab, query and group list of its owner and of those it was shared with", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const tanaka = await aMember(world, acme);
    const project = await world.book.groups.create(sato.id, { name: "Project" });
    const added = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
    const grouped = await world.book.contacts.edit(
      sato.id,
      added.id,
      { groups: [project.id], memo: "大事な人" },
      { expectedVersion: added.version },
    );
    await share(world, sato, grouped, { visibility: "organisation" });
    const stays = await aCustomer(world, sato.id);
    expect(await idsOn(world, tanaka.id)).toEqual([added.id]);
    await world.book.trash.delete(sato.id, added.id);
    const queries: ListOptions[] = [
      {},
      { tab: "external" },
      { query: "大事" },
      { group: project.id },
      { group: project.id, tab: "external" },
    ];
    for (const options of queries) {
      expect(await allIds(world, sato.id, options)).not.toContain(added.id);
      expect(await allIds(world, tanaka.id, options)).toEqual([]);
    }
    expect(await allIds(world, sato.id)).toEqual([stays.id]);
  });

  it("R32: a restored contact is listed again in its place", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const a = await aCustomer(world, sato.id, { familyNameReading: "あ" });
    const b = await aCustomer(world, sato.id, { familyNameReading: "い" });
    await world.book.trash.delete(sato.id, a.id);
    expect(await idsOn(world, sato.id)).toEqual([b.id]);
    await world.book.trash.restore(sato.id, a.id);
    expect(await idsOn(world, sato.id)).toEqual([a.id, b.id]);
  });
});

describe("R26 as a property", () => {
  /** How a contact reaches Sato's book: her own, or a colleague's shared one way or two ways at once. */
  type Source = "own" | "everyone" | "her and her team";
  type Action =
    | { readonly kind: "add"; readonly source: Source; readonly reading: string }
    | { readonly kind: "trash"; readonly pick: number };

  const source = fc.constantFrom<Source>("own", "everyone", "her and her team");
  const reading = fc.constantFrom("あ", "い", "う", "か", "き", "さ", "や", "ヤ", "ｶ");
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant("add" as const), source, reading }),
    fc.record({ kind: fc.constant("trash" as const), pick: fc.nat() }),
  );

  it("R26: cursor pagination never skips or repeats a contact that stays, while others are added or trashed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ source, reading }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.array(action, { maxLength: 3 }), { maxLength: 15 }),
        async (initial, limit, between) => {
          const world = aWorld();
          const { acme, sato } = await twoLinkableMembers(world);
          const tanaka = await aMember(world, acme);
          const team = await world.book.groups.create(tanaka.id, { name: "Team", members: [sato.id] });
          const live = new Map<ContactId, Member>();
          async function add(from: Source, familyNameReading: string) {
            const owner = from === "own" ? sato : tanaka;
            let contact: Contact = await aCustomer(world, owner.id, { familyNameReading });
            if (from === "everyone")
              contact = await share(world, owner, contact, { visibility: "organisation" });
            if (from === "her and her team") {
              contact = await share(world, owner, contact, {
                visibility: "members",
                members: [sato.id],
                groups: [team.id],
              });
            }
            live.set(contact.id, owner);
          }
          for (const contact of initial) await add(contact.source, contact.reading);
          const present = new Set(live.keys());

          const seen: ContactId[] = [];
          let cursor: string | null = null;
          let step = 0;
          do {
            const page = await world.book.contacts.list(sato.id, { limit, cursor });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items.map((entry) => entry.contact.id));
            cursor = page.nextCursor;
            // Every page but the last holds a contact; more than the book ever held means a loop.
            expect(seen.length).toBeLessThanOrEqual(initial.length + 3 * between.length + 1);
            for (const next of between[step++] ?? []) {
              if (next.kind === "add") {
                await add(next.source, next.reading);
                continue;
              }
              const ids = [...live.keys()];
              if (ids.length === 0) continue;
              const id = ids[next.pick % ids.length] as ContactId;
              await world.book.trash.delete((live.get(id) as Member).id, id);
              live.delete(id);
              present.delete(id);
            }
          } while (cursor !== null);

          expect(new Set(seen).size).toBe(seen.length);
          for (const id of present) expect(seen).toContain(id);
        },
      ),
      { numRuns: 80 },
    );
  });
});
