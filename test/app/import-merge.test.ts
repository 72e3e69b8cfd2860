import { describe, expect, it } from "vitest";
import { aMember, anOrganisation, aWorld } from "../support/builders.js";
import { eventsOf } from "../support/events.js";
import { anImporter, importAll, record, yamada } from "./import-world.js";

describe("importing records", () => {
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
});
