import { describe, expect, it } from "vitest";
import type { Contact, MemberId } from "../../src/index.js";
import { aMember } from "../support/builders.js";
import { anImporter } from "./import-world.js";

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
