import { describe, expect, it } from "vitest";
import { aMember, anOrganisation } from "../support/builders.js";
import { aLinkedScene, edit } from "./edit-world.js";

describe("R24, R27: who may edit", () => {
  it("R27: a colleague who cannot see the contact gets NOT_FOUND and nothing changes", async () => {
    const { world, acme, contact } = await aLinkedScene();
    const colleague = await aMember(world, acme);
    const before = world.store.snapshot();
    await expect(edit(world, colleague.id, contact, { memo: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R27: a colleague who sees a shared contact without co-editing gets NOT_PERMITTED", async () => {
    const { world, acme, sato, contact } = await aLinkedScene();
    const colleague = await aMember(world, acme);
    const shared = await world.book.contacts.share(
      sato.id,
      contact.id,
      { visibility: "organisation" },
      { expectedVersion: contact.version },
    );
    await expect(edit(world, colleague.id, shared, { memo: "x" })).rejects.toMatchObject({
      code: "NOT_PERMITTED",
    });
  });

  it("R31: a contact in the trash cannot be edited", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const { contact: trashed } = await world.book.trash.delete(sato.id, contact.id);
    await expect(edit(world, sato.id, trashed, { memo: "x" })).rejects.toMatchObject({ code: "IN_TRASH" });
  });

  it("R24: another organisation's member cannot edit it", async () => {
    const { world, contact } = await aLinkedScene();
    const other = await anOrganisation(world);
    await expect(edit(world, other.admin.id, contact, { memo: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
