import { describe, expect, it } from "vitest";
import type { MemberId } from "../../src/index.js";
import { aCustomer, aTrashWorld, day, listed, shareWithOrganisation, trashed } from "./trash-world.js";

describe("R31: while in the trash", () => {
  it("R31: the contact is in none of its owner's lists, and get says IN_TRASH with the contact id", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const customer = await world.book.contacts.addCustomer(sato.id, aCustomer());
    expect(await listed(world, sato.id, "external")).toEqual([contact.id]);
    await world.book.trash.delete(sato.id, contact.id);
    expect(await listed(world, sato.id, "customers")).toEqual([customer.id]);
    expect(await listed(world, sato.id, "external")).toEqual([]);
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
  });

  it("R31: talk and history are off through a trashed contact, and come back on restore", async () => {
    const { world, sato, contact } = await aTrashWorld();
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: true,
      canViewHistory: true,
      reason: "ok",
    });
    await world.book.trash.delete(sato.id, contact.id);
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: false,
      canViewHistory: false,
      reason: "in_trash",
    });
    await world.book.trash.restore(sato.id, contact.id);
    expect((await world.book.contacts.talkAccess(sato.id, contact.id)).canTalk).toBe(true);
  });

  it("R31: members it was shared with no longer see it — not listed, get and talkAccess NOT_FOUND, not in their trash", async () => {
    const { world, acme, sato, kato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact);
    expect(await listed(world, kato.id)).toEqual([contact.id]);
    expect(await listed(world, acme.admin.id, "external")).toEqual([contact.id]);
    await world.book.trash.delete(sato.id, contact.id);
    for (const sharer of [kato.id, acme.admin.id]) {
      expect(await listed(world, sharer)).toEqual([]);
      expect(await listed(world, sharer, "external")).toEqual([]);
      await expect(world.book.contacts.get(sharer, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(world.book.contacts.talkAccess(sharer, contact.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await trashed(world, sharer)).toEqual([]);
    }
  });

  it("R31: a contact shared with listed members and groups is hidden from them too", async () => {
    const { world, acme, sato, kato, contact } = await aTrashWorld();
    const group = await world.book.groups.create(sato.id, { name: "Project X", members: [acme.admin.id] });
    const grouped = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { groups: [group.id] },
      { expectedVersion: contact.version },
    );
    await world.book.contacts.share(
      sato.id,
      contact.id,
      { visibility: "members", members: [kato.id], groups: [group.id] },
      { expectedVersion: grouped.version },
    );
    const inGroup = async (actor: MemberId) =>
      (await world.book.contacts.list(actor, { group: group.id })).items.map((entry) => entry.contact.id);
    expect(await listed(world, kato.id)).toEqual([contact.id]);
    expect(await listed(world, acme.admin.id)).toEqual([contact.id]);
    expect(await inGroup(sato.id)).toEqual([contact.id]);
    expect(await inGroup(acme.admin.id)).toEqual([contact.id]);
    await world.book.trash.delete(sato.id, contact.id);
    expect(await listed(world, kato.id)).toEqual([]);
    expect(await listed(world, acme.admin.id)).toEqual([]);
    expect(await inGroup(sato.id)).toEqual([]);
    expect(await inGroup(acme.admin.id)).toEqual([]);
  });

  it("R31: a co-editor cannot edit or share a trashed contact (NOT_FOUND); the owner gets IN_TRASH", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    const shared = await shareWithOrganisation(world, sato.id, contact, true);
    const { contact: inTrash } = await world.book.trash.delete(sato.id, contact.id);
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(kato.id, contact.id, { memo: "x" }, { expectedVersion: inTrash.version }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      world.book.contacts.edit(sato.id, contact.id, { memo: "x" }, { expectedVersion: inTrash.version }),
    ).rejects.toMatchObject({ code: "IN_TRASH" });
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "private" },
        { expectedVersion: inTrash.version },
      ),
    ).rejects.toMatchObject({ code: "IN_TRASH" });
    expect(world.store.snapshot()).toEqual(before);
    expect(shared.sharing.visibility).toBe("organisation");
  });

  it("R31: deleting a contact already in the trash is IN_TRASH and does not move its purgeAt", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const first = await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(5 * day);
    const before = world.store.snapshot();
    await expect(world.book.trash.delete(sato.id, contact.id)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect((await world.book.trash.list(sato.id)).items[0]?.purgeAt).toEqual(first.purgeAt);
  });

  it("R32: trash.list shows the owner's trashed contact with its purgeAt and the days left", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const deletedAt = world.clock.now();
    expect(await trashed(world, sato.id)).toEqual([]);
    await world.book.trash.delete(sato.id, contact.id);
    const purgeAt = new Date(deletedAt.getTime() + 30 * day);
    const first = await world.book.trash.list(sato.id);
    expect(first.nextCursor).toBeNull();
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ purgeAt, daysLeft: 30, contact: { id: contact.id } });
    world.clock.advance(10 * day + 1);
    expect((await world.book.trash.list(sato.id)).items[0]?.daysLeft).toBe(20);
    world.clock.set(new Date(purgeAt.getTime() - 1));
    expect((await world.book.trash.list(sato.id)).items[0]?.daysLeft).toBe(1);
  });
});

describe("R15: adding someone who is in the trash", () => {
  it("R15: re-adding a trashed person, by search or by QR, is IN_TRASH with the contact id, and changes nothing", async () => {
    const { world, sato, lee, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    const { token } = await world.book.qrCodes.mine(lee.id);
    const before = world.store.snapshot();
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
    await expect(world.book.contacts.addFromQr(sato.id, token)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R15: another member of the owner's organisation can still add the same person", async () => {
    const { world, sato, kato, lee, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    const added = await world.book.contacts.addFromSearch(kato.id, lee.id);
    expect(added.status).toBe("added");
    expect(added.contact.id).not.toBe(contact.id);
  });
});
