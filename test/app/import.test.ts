import { describe, expect, it } from "vitest";
import {
  type Contact,
  createPartnerbook,
  type ImportRecord,
  type ImportResult,
  isPartnerbookError,
  type MemberId,
  manualClock,
  type NewCustomerInput,
  sequentialIds,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { aMember, anOrganisation, aWorld, start, testSecret, type World } from "../support/builders.js";
import { eventsOf } from "../support/events.js";
import { interceptStore } from "../support/faulty-store.js";

const yamada: NewCustomerInput = {
  familyName: "山田",
  phones: [{ label: "mobile", number: "090-1234-5678" }],
  emails: [{ address: "yamada@example.jp" }],
};

const record = (contact: NewCustomerInput, line: number | null = null): ImportRecord => ({ line, contact });

/** A member of a fresh free organisation, in a fresh world. */
async function anImporter(world: World = aWorld()) {
  const acme = await anOrganisation(world, { name: "Acme" });
  const sato = await aMember(world, acme, { worksId: "sato", displayName: "佐藤" });
  return { world, acme, sato, book: world.book };
}

/** Imports `records` and hands back every result, in the order `onRecord` heard them. */
async function importAll(
  world: World,
  actor: MemberId,
  records: Iterable<ImportRecord> | AsyncIterable<ImportRecord>,
  options: { onExisting?: "skip" | "merge"; dryRun?: boolean } = {},
) {
  const results: ImportResult[] = [];
  const summary = await world.book.contacts.import(actor, records, {
    ...options,
    onRecord: (result) => {
      results.push(result);
    },
  });
  return { results, summary };
}

async function fillBook(world: World, owner: MemberId, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await world.book.contacts.addCustomer(owner, {
      givenName: `Filler ${i}`,
      emails: [{ address: `f${i}@example.com` }],
    });
  }
}

describe("importing records", () => {
  it("R14, R35: a new record becomes the customer contact addCustomer would make; its event says it was imported", async () => {
    const imported = await anImporter();
    const typed = await anImporter();
    const input: NewCustomerInput = { ...yamada, title: "部長", company: "ヤマダ商事", tags: ["展示会"] };
    const { results, summary } = await importAll(imported.world, imported.sato.id, [record(input, 2)]);
    const byHand = await typed.book.contacts.addCustomer(typed.sato.id, input);
    expect(summary).toEqual({ done: 1, added: 1, existing: 0, invalid: 0, refused: 0 });
    const [added] = results;
    expect(added).toMatchObject({ index: 0, line: 2, outcome: "added" });
    const contact = (added as Extract<ImportResult, { outcome: "added" }>).contact;
    const { id, ownerId, organisationId, ...rest } = contact;
    const { id: _id, ownerId: _owner, organisationId: _org, ...expected } = byHand;
    expect(rest).toEqual(expected);
    expect(await imported.book.contacts.get(imported.sato.id, id)).toEqual(contact);
    const events = await eventsOf(imported.book, imported.acme.admin.id, imported.acme.organisation.id);
    expect(events.at(-1)).toMatchObject({
      type: "contact_added",
      contactId: id,
      ownerId,
      actorId: ownerId,
      kind: "customer",
      via: "import",
    });
    expect(organisationId).toBe(imported.acme.organisation.id);
  });

  it("R15: a record whose phone (E.164 however typed) or email (any case) is in the owner's book is existing, and skipped by default", async () => {
    const { world, sato, book } = await anImporter();
    const held = await book.contacts.addCustomer(sato.id, yamada);
    const before = world.store.snapshot();
    const { results, summary } = await importAll(world, sato.id, [
      record({ familyName: "Yamada", phones: [{ number: "+81 90-1234-5678" }] }),
      record({ givenName: "T", emails: [{ address: "YAMADA@Example.JP" }], title: "部長" }),
    ]);
    expect(summary).toEqual({ done: 2, added: 0, existing: 2, invalid: 0, refused: 0 });
    for (const result of results) {
      expect(result).toMatchObject({
        outcome: "existing",
        contactId: held.id,
        action: "skipped",
        changed: [],
      });
    }
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R15: matching stays within the owner's book: a colleague's contact with the same phone is no match", async () => {
    const { world, acme, sato, book } = await anImporter();
    const suzuki = await aMember(world, acme);
    await book.contacts.addCustomer(suzuki.id, yamada);
    const { results } = await importAll(world, sato.id, [record(yamada)]);
    expect(results[0]?.outcome).toBe("added");
  });

  it("a merge fills empty fields and adds missing list items, overwrites nothing, and records the edit's event", async () => {
    const { world, acme, sato, book } = await anImporter();
    const held = await book.contacts.addCustomer(sato.id, {
      ...yamada,
      title: "課長",
      tags: ["顧客"],
      nickname: "やまちゃん",
    });
    const { results } = await importAll(
      world,
      sato.id,
      [
        record({
          familyName: "Yamada",
          givenName: "太郎",
          title: "部長",
          phones: [{ number: "0312345678" }, { label: "other", number: "+819012345678" }],
          emails: [{ address: "Yamada@Example.jp" }, { address: "taro@example.jp" }],
          tags: ["顧客", "展示会"],
          nickname: "たろう",
          company: "ヤマダ商事",
        }),
      ],
      { onExisting: "merge" },
    );
    expect(results[0]).toMatchObject({
      outcome: "existing",
      contactId: held.id,
      action: "merged",
      changed: ["givenName", "phones", "emails", "tags", "profile.company"],
    });
    const merged = await book.contacts.get(sato.id, held.id);
    expect(merged).toMatchObject({
      version: 2,
      profile: { nickname: "やまちゃん", company: "ヤマダ商事" },
      fields: {
        familyName: "山田",
        givenName: "太郎",
        title: "課長",
        tags: ["顧客", "展示会"],
        phones: [
          { label: "mobile", e164: "+819012345678", raw: "090-1234-5678" },
          { label: null, e164: "+81312345678", raw: "0312345678" },
        ],
        emails: [
          { label: null, address: "yamada@example.jp" },
          { label: null, address: "taro@example.jp" },
        ],
      },
    });
    const events = await eventsOf(book, acme.admin.id, acme.organisation.id);
    expect(events.at(-1)).toMatchObject({
      type: "contact_edited",
      contactId: held.id,
      actorId: sato.id,
      ownerId: sato.id,
      fields: ["givenName", "phones", "emails", "tags", "profile.company"],
    });
  });

  it("a merge that brings nothing new changes nothing and records no event", async () => {
    const { world, sato, book } = await anImporter();
    await book.contacts.addCustomer(sato.id, { ...yamada, title: "課長" });
    const before = world.store.snapshot();
    const { results } = await importAll(world, sato.id, [record({ ...yamada, title: "部長" })], {
      onExisting: "merge",
    });
    expect(results[0]).toMatchObject({ outcome: "existing", action: "merged", changed: [] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R23, R24: a merge into a linked contact adds to the owner's fields and leaves the synced part alone", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { name: "Acme" });
    const globex = await anOrganisation(world, { name: "Globex" });
    const sato = await aMember(world, acme);
    const lee = await aMember(world, globex, { displayName: "Lee Min", nickname: "Min" });
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.contacts.edit(
      sato.id,
      contact.id,
      { emails: [{ address: "lee@globex.example" }] },
      { expectedVersion: 1 },
    );
    const { results } = await importAll(
      world,
      sato.id,
      [
        record({
          familyName: "Lee",
          emails: [{ address: "LEE@globex.example" }],
          phones: [{ number: "080-2222-3333" }],
          nickname: "Imported",
          company: "Not Globex",
        }),
      ],
      { onExisting: "merge" },
    );
    expect(results[0]).toMatchObject({ outcome: "existing", contactId: contact.id, changed: ["phones"] });
    const merged = await world.book.contacts.get(sato.id, contact.id);
    expect(merged).toMatchObject({ kind: "linked", synced: { nickname: "Min", company: "Globex" } });
    expect(merged.fields.phones.map((phone) => phone.e164)).toEqual(["+818022223333"]);
  });

  it("R21: a merge that would make a list longer than 100 items is invalid, and changes nothing", async () => {
    const { world, sato, book } = await anImporter();
    const tags = Array.from({ length: 100 }, (_, i) => `tag ${i}`);
    await book.contacts.addCustomer(sato.id, { ...yamada, tags });
    const before = world.store.snapshot();
    const { results } = await importAll(world, sato.id, [record({ ...yamada, tags: ["one more"] }, 9)], {
      onExisting: "merge",
    });
    expect(results[0]).toMatchObject({
      line: 9,
      outcome: "invalid",
      error: { code: "VALIDATION", path: ["tags"] },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R15, R33: a record naming a contact in the owner's trash is refused IN_TRASH with its id; once gone, the record is added afresh", async () => {
    const { world, sato, book } = await anImporter();
    const trashed = await book.contacts.addCustomer(sato.id, yamada);
    await book.trash.delete(sato.id, trashed.id);
    const first = await importAll(world, sato.id, [record(yamada, 4)]);
    expect(first.results[0]).toMatchObject({
      line: 4,
      outcome: "refused",
      code: "IN_TRASH",
      contactId: trashed.id,
    });
    world.clock.advance(31 * 86_400_000);
    const second = await importAll(world, sato.id, [record(yamada)]);
    expect(second.results[0]?.outcome).toBe("added");
  });

  it("R22: invalid records are reported with their line, field and message, and the import carries on", async () => {
    const { world, sato } = await anImporter();
    const { results, summary } = await importAll(world, sato.id, [
      record({ familyName: "電話なし" }, 2),
      record({ familyName: "番号違い", phones: [{ number: "090-1234-5678" }, { number: "not a phone" }] }, 3),
      { line: 4, error: { path: ["TEL", 1], message: "unreadable TEL" } },
      null as unknown as ImportRecord,
      {
        line: 6,
        contact: { familyName: "余計", emails: [{ address: "x@example.jp" }], extra: 1 },
      } as ImportRecord,
      record(yamada, 7),
    ]);
    expect(summary).toEqual({ done: 6, added: 1, existing: 0, invalid: 5, refused: 0 });
    expect(results.map((result) => [result.index, result.line, result.outcome])).toEqual([
      [0, 2, "invalid"],
      [1, 3, "invalid"],
      [2, 4, "invalid"],
      [3, null, "invalid"],
      [4, 6, "invalid"],
      [5, 7, "added"],
    ]);
    const errors = results.map((result) => (result.outcome === "invalid" ? result.error : null));
    expect(errors[0]).toMatchObject({
      code: "VALIDATION",
      path: ["phones"],
      message: expect.stringContaining("R22"),
    });
    expect(errors[1]).toMatchObject({ path: ["phones", 1, "number"] });
    expect(errors[2]).toEqual({
      code: "VALIDATION",
      path: ["TEL", 1],
      message: "unreadable TEL",
      issues: [{ path: ["TEL", 1], message: "unreadable TEL" }],
    });
    expect(errors[3]?.path).toEqual([]);
    expect(errors[4]?.path).toEqual([]);
  });

  it("R27: a record filed in a group of another organisation is invalid at that group", async () => {
    const { world, sato } = await anImporter();
    const other = await anOrganisation(world);
    const theirs = await world.book.groups.create(other.admin.id, { name: "Theirs" });
    const ours = await world.book.groups.create(sato.id, { name: "Ours" });
    const { results } = await importAll(world, sato.id, [
      record({ ...yamada, groups: [ours.id, theirs.id] }),
    ]);
    expect(results[0]).toMatchObject({ outcome: "invalid", error: { path: ["groups", 1] } });
  });

  it("R16: an import stops adding at the limit and reports the rest refused", async () => {
    const { world, acme, sato, book } = await anImporter();
    const suzuki = await aMember(world, acme);
    await fillBook(world, suzuki.id, 497);
    const held = await book.contacts.addCustomer(sato.id, yamada);
    const fresh = (n: number) =>
      record({ familyName: `New ${n}`, emails: [{ address: `new${n}@example.jp` }] });
    const { results, summary } = await importAll(
      world,
      sato.id,
      [fresh(1), fresh(2), fresh(3), record({ ...yamada, title: "部長" }), fresh(4)],
      { onExisting: "merge" },
    );
    expect(summary).toEqual({ done: 5, added: 2, existing: 1, invalid: 0, refused: 2 });
    expect(results.map((result) => (result.outcome === "refused" ? result.code : result.outcome))).toEqual([
      "added",
      "added",
      "LIMIT_REACHED",
      "existing",
      "LIMIT_REACHED",
    ]);
    // At the limit a record already in the book is still merged.
    expect((await book.contacts.get(sato.id, held.id)).fields.title).toBe("部長");
    expect(world.store.snapshot().contacts.filter((contact) => contact.trash === null)).toHaveLength(500);
  });

  it("a dry run writes nothing — no contact, no event — and reports what the real run then does", async () => {
    const { world, sato, book } = await anImporter();
    await book.contacts.addCustomer(sato.id, yamada);
    const records = [
      record({ familyName: "New", emails: [{ address: "new@example.jp" }] }, 2),
      record({ ...yamada, title: "部長" }, 3),
      record({ familyName: "New again", emails: [{ address: "NEW@example.jp" }], title: "係長" }, 4),
      record({ familyName: "Bad" }, 5),
    ];
    const before = world.store.snapshot();
    const dry = await importAll(world, sato.id, records, { onExisting: "merge", dryRun: true });
    expect(world.store.snapshot()).toEqual(before);
    const real = await importAll(world, sato.id, records, { onExisting: "merge" });
    const shape = (result: ImportResult) =>
      result.outcome === "added" ? [result.outcome, result.contact.fields] : { ...result, contactId: null };
    expect(dry.summary).toEqual(real.summary);
    expect(dry.results.map(shape)).toEqual(real.results.map(shape));
    expect(real.summary).toEqual({ done: 4, added: 1, existing: 2, invalid: 1, refused: 0 });
  });

  it("importing the same records twice adds nothing the second time", async () => {
    const { world, sato } = await anImporter();
    const records = [
      record(yamada),
      record({ familyName: "鈴木", emails: [{ address: "suzuki@example.jp" }] }),
    ];
    expect((await importAll(world, sato.id, records)).summary.added).toBe(2);
    const before = world.store.snapshot();
    const again = await importAll(world, sato.id, records, { onExisting: "merge" });
    expect(again.summary).toEqual({ done: 2, added: 0, existing: 2, invalid: 0, refused: 0 });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R15: two imports of the same records side by side add each person once", async () => {
    const { world, sato, book } = await anImporter();
    const records = Array.from({ length: 20 }, (_, i) =>
      record({ familyName: `Person ${i}`, emails: [{ address: `p${i}@example.jp` }] }),
    );
    const [first, second] = await Promise.all([
      importAll(world, sato.id, records),
      importAll(world, sato.id, records),
    ]);
    expect((first?.summary.added ?? 0) + (second?.summary.added ?? 0)).toBe(20);
    expect((first?.summary.existing ?? 0) + (second?.summary.existing ?? 0)).toBe(20);
    // Each record was added by exactly one of the two.
    for (let i = 0; i < 20; i++) {
      expect([first?.results[i]?.outcome, second?.results[i]?.outcome].sort()).toEqual(["added", "existing"]);
    }
    const live = [];
    for await (const contact of book.contacts.export(sato.id)) live.push(contact);
    expect(live).toHaveLength(20);
  });
});

describe("how an import runs", () => {
  it("reads records one at a time, only once the record before is done and heard", async () => {
    const { world, sato } = await anImporter();
    const log: string[] = [];
    async function* records(): AsyncIterable<ImportRecord> {
      for (let i = 0; i < 3; i++) {
        log.push(`read ${i}`);
        yield record({ familyName: `P${i}`, emails: [{ address: `p${i}@example.jp` }] });
      }
    }
    const summary = await world.book.contacts.import(sato.id, records(), {
      onRecord: async (result) => {
        await Promise.resolve();
        log.push(`heard ${result.index}`);
      },
      onProgress: (progress) => {
        log.push(`progress ${progress.done}`);
      },
    });
    expect(log).toEqual([
      "read 0",
      "heard 0",
      "progress 1",
      "read 1",
      "heard 1",
      "progress 2",
      "read 2",
      "heard 2",
      "progress 3",
    ]);
    expect(summary).toEqual({ done: 3, added: 3, existing: 0, invalid: 0, refused: 0 });
  });

  it("progress counts each outcome and sums to the records done", async () => {
    const { world, sato, book } = await anImporter();
    await book.contacts.addCustomer(sato.id, yamada);
    const progress: unknown[] = [];
    await world.book.contacts.import(
      sato.id,
      [
        record(yamada),
        record({ familyName: "x" }),
        record({ ...yamada, emails: [], phones: [{ number: "03-0000-0000" }] }),
      ],
      {
        onProgress: (counts) => {
          progress.push(counts);
        },
      },
    );
    expect(progress).toEqual([
      { done: 1, added: 0, existing: 1, invalid: 0, refused: 0 },
      { done: 2, added: 0, existing: 1, invalid: 1, refused: 0 },
      { done: 3, added: 1, existing: 1, invalid: 1, refused: 0 },
    ]);
  });

  it("an unknown actor is UNKNOWN_ACTOR before any record is read", async () => {
    const { world } = await anImporter();
    let read = 0;
    function* records(): Iterable<ImportRecord> {
      read++;
      yield record(yamada);
    }
    await expect(world.book.contacts.import("mem_nobody" as MemberId, records())).rejects.toMatchObject({
      code: "UNKNOWN_ACTOR",
    });
    expect(read).toBe(0);
  });

  it("records that are not iterable, and options of the wrong shape, are VALIDATION", async () => {
    const { world, sato } = await anImporter();
    const importing = (records: unknown, options?: unknown) =>
      world.book.contacts.import(sato.id, records as ImportRecord[], options as never);
    for (const records of [null, 1, "records", { contact: yamada }]) {
      await expect(importing(records)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    for (const options of [
      1,
      { onExisting: "overwrite" },
      { onRecord: "log" },
      { signal: {} },
      { dry: true },
    ]) {
      await expect(importing([record(yamada)], options)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(world.store.snapshot().contacts).toEqual([]);
  });

  it("an aborted import stops before its next record; the records done stay", async () => {
    const { world, sato, book } = await anImporter();
    const controller = new AbortController();
    const records = [0, 1, 2].map((i) =>
      record({ familyName: `P${i}`, emails: [{ address: `p${i}@example.jp` }] }),
    );
    const importing = book.contacts.import(sato.id, records, {
      signal: controller.signal,
      onRecord: (result) => {
        if (result.index === 0) controller.abort(new Error("enough"));
      },
    });
    await expect(importing).rejects.toThrow("enough");
    expect(world.store.snapshot().contacts.map((contact) => contact.fields.familyName)).toEqual(["P0"]);
  });

  it("each record is atomic: a store failure in one record's transaction leaves nothing of it, keeps the records before, and stops the import", async () => {
    const store = memoryStore();
    // Armed once the scene is set: the import's first transaction only reads the actor, then each
    // record's transaction appends its events last — the third append is the second record's.
    let appends: number | null = null;
    const failing = interceptStore(store, {
      transaction: (run) => run(),
      call: (label, run) => {
        if (label === "events.appendAll" && appends !== null && ++appends === 3) {
          return Promise.reject(new Error("disk full"));
        }
        return run();
      },
    });
    const book = createPartnerbook({
      store: failing,
      clock: manualClock(start),
      ids: sequentialIds(),
      secret: testSecret,
    });
    const acme = await book.organisations.create({
      name: "Acme",
      admin: { worksId: "admin", displayName: "Admin" },
    });
    const sato = await book.members.create(acme.admin.id, { worksId: "sato", displayName: "佐藤" });
    const records = [0, 1, 2].map((i) =>
      record({ familyName: `P${i}`, emails: [{ address: `p${i}@example.jp` }] }),
    );
    appends = 0;
    await expect(book.contacts.import(sato.id, records)).rejects.toThrow("disk full");
    expect(store.snapshot().contacts.map((contact) => contact.fields.familyName)).toEqual(["P0"]);
    const events = store.snapshot().events.filter((event) => event.type === "contact_added");
    expect(events).toHaveLength(1);
  });

  it("a reader's failure stops the import with its own error; the records before stay", async () => {
    const { world, sato } = await anImporter();
    async function* records(): AsyncIterable<ImportRecord> {
      yield record(yamada);
      throw new Error("the file went away");
    }
    const failure = await world.book.contacts.import(sato.id, records()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(isPartnerbookError(failure)).toBe(false);
    expect(world.store.snapshot().contacts).toHaveLength(1);
  });
});

describe("exporting a book", () => {
  it("R27: export yields every contact the actor may see — their own and those shared with them — a page at a time", async () => {
    const { world, acme, sato, book } = await anImporter();
    const suzuki = await aMember(world, acme);
    const mine: Contact[] = [];
    for (let i = 0; i < 5; i++) {
      mine.push(
        await book.contacts.addCustomer(sato.id, {
          familyName: `Mine ${i}`,
          emails: [{ address: `m${i}@example.jp` }],
        }),
      );
    }
    const shared = await book.contacts.addCustomer(suzuki.id, {
      familyName: "Shared",
      emails: [{ address: "s@example.jp" }],
    });
    await book.contacts.share(suzuki.id, shared.id, { visibility: "organisation" }, { expectedVersion: 1 });
    await book.contacts.addCustomer(suzuki.id, {
      familyName: "Private",
      emails: [{ address: "p@example.jp" }],
    });
    const exported: string[] = [];
    for await (const contact of book.contacts.export(sato.id, { limit: 2 }))
      exported.push(contact.fields.familyName ?? "");
    const listed = (await book.contacts.list(sato.id, { limit: 200 })).items.map(
      (entry) => entry.contact.fields.familyName,
    );
    expect(exported).toEqual(listed);
    expect(exported.sort()).toEqual(["Mine 0", "Mine 1", "Mine 2", "Mine 3", "Mine 4", "Shared"]);
  });

  it("export of an unknown actor, or with a malformed query, fails on the first step", async () => {
    const { sato, book } = await anImporter();
    const first = (iterable: AsyncIterable<Contact>) => iterable[Symbol.asyncIterator]().next();
    await expect(first(book.contacts.export("mem_nobody" as MemberId))).rejects.toMatchObject({
      code: "UNKNOWN_ACTOR",
    });
    await expect(first(book.contacts.export(sato.id, { limit: 0 }))).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(first(book.contacts.export(sato.id, 7 as never))).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});
