import { describe, expect, it } from "vitest";
import type { ImportRecord, ImportResult, NewCustomerInput } from "../../src/index.js";
import { aMember, anOrganisation } from "../support/builders.js";
import { eventsOf } from "../support/events.js";
import { anImporter, fillBook, importAll, record, yamada } from "./import-world.js";

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
});
