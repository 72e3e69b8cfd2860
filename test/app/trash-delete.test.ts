import { describe, expect, it } from "vitest";
import type { ContactId } from "../../src/index.js";
import { aTrashWorld, day, listed, shareWithOrganisation } from "./trash-world.js";

describe("R30: only the owner deletes", () => {
  it("R30: the owner's delete moves the contact to the trash, restorable for 30 days", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const now = world.clock.now();
    const entry = await world.book.trash.delete(sato.id, contact.id);
    const purgeAt = new Date(now.getTime() + 30 * day);
    expect(entry.purgeAt).toEqual(purgeAt);
    expect(entry.daysLeft).toBe(30);
    expect(entry.contact.trash).toEqual({ trashedAt: now, purgeAt });
    expect(entry.contact.version).toBe(contact.version + 1);
    expect(world.store.snapshot().contacts.find((stored) => stored.id === contact.id)?.trash).toEqual({
      trashedAt: now,
      purgeAt,
    });
  });

  it("R30: a co-editor of a shared contact may edit it but not delete it (NOT_PERMITTED), and nothing changes", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    const shared = await shareWithOrganisation(world, sato.id, contact, true);
    const edited = await world.book.contacts.edit(
      kato.id,
      contact.id,
      { memo: "met at the fair" },
      { expectedVersion: shared.version },
    );
    expect(edited.fields.memo).toBe("met at the fair");
    const before = world.store.snapshot();
    await expect(world.book.trash.delete(kato.id, contact.id)).rejects.toMatchObject({
      name: "PartnerbookError",
      code: "NOT_PERMITTED",
    });
    expect(world.store.snapshot()).toEqual(before);
    expect(await listed(world, kato.id)).toEqual([contact.id]);
  });

  it("R30: an admin of the owner's organisation cannot delete a member's shared contact either", async () => {
    const { world, acme, sato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    const before = world.store.snapshot();
    await expect(world.book.trash.delete(acme.admin.id, contact.id)).rejects.toMatchObject({
      code: "NOT_PERMITTED",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R30: someone who cannot see the contact gets NOT_FOUND — an outsider, or a colleague it is not shared with — and nothing changes", async () => {
    const { world, sato, kato, lee, mori, contact } = await aTrashWorld();
    const before = world.store.snapshot();
    for (const actor of [mori.id, lee.id, kato.id]) {
      await expect(world.book.trash.delete(actor, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await shareWithOrganisation(world, sato.id, contact, true);
    const shared = world.store.snapshot();
    await expect(world.book.trash.delete(mori.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(world.store.snapshot()).toEqual(shared);
    expect(before.contacts[0]?.trash).toBeNull();
    expect(shared.contacts[0]?.trash).toBeNull();
  });

  it("R30: deleting a contact that does not exist is NOT_FOUND", async () => {
    const { world, sato } = await aTrashWorld();
    await expect(world.book.trash.delete(sato.id, "con_nope" as ContactId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
