import { describe, expect, it } from "vitest";
import { aMember } from "../support/builders.js";
import { anImporter, importAll, record, yamada } from "./import-world.js";

describe("importing records", () => {
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
