import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/index.js";
import { aCustomer, aTrashWorld, day, listed, shareWithOrganisation, trashed } from "./trash-world.js";

describe("R32: restore", () => {
  it("R32: restore by the owner brings back fields, groups and sharing exactly", async () => {
    const { world, acme, sato, kato, contact } = await aTrashWorld();
    const group = await world.book.groups.create(sato.id, { name: "Project X", members: [acme.admin.id] });
    const edited = await world.book.contacts.edit(
      sato.id,
      contact.id,
      {
        familyName: "Lee",
        givenName: "Min",
        department: "Sales",
        phones: [{ label: "work", number: "03-1234-5678" }],
        emails: [{ address: "lee@globex.example" }],
        memo: "prefers mornings",
        tags: ["vip"],
        dates: [{ label: "birthday", date: "--05-17" }],
        groups: [group.id],
      },
      { expectedVersion: contact.version },
    );
    const before = await world.book.contacts.share(
      sato.id,
      contact.id,
      { visibility: "members", members: [kato.id], groups: [group.id], coEditing: true },
      { expectedVersion: edited.version },
    );
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(10 * day);
    const restored = await world.book.trash.restore(sato.id, contact.id);
    const now = world.clock.now();
    expect(restored).toEqual({ ...before, version: before.version + 2, updatedAt: now });
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(restored);
    expect(await listed(world, sato.id)).toEqual([contact.id]);
    expect(await listed(world, kato.id)).toEqual([contact.id]);
    expect(await listed(world, acme.admin.id)).toEqual([contact.id]);
    expect((await world.book.contacts.list(sato.id, { group: group.id })).items).toHaveLength(1);
    expect(await trashed(world, sato.id)).toEqual([]);
  });

  it("R32: restore shows the synced fields of the current profile, changed while in the trash", async () => {
    const { world, globex, sato, lee, contact } = await aTrashWorld();
    expect(contact.kind === "linked" && contact.synced).toEqual({
      nickname: "Min",
      company: "Globex",
      photoUrl: null,
    });
    await world.book.trash.delete(sato.id, contact.id);
    await world.book.members.updateProfile(lee.id, {
      nickname: "Minnie",
      photoUrl: "https://img.example/lee.png",
    });
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Japan");
    const restored = await world.book.trash.restore(sato.id, contact.id);
    expect(restored.kind).toBe("linked");
    expect(restored.kind === "linked" && restored.synced).toEqual({
      nickname: "Minnie",
      company: "Globex Japan",
      photoUrl: "https://img.example/lee.png",
    });
    expect(restored.fields).toEqual(contact.fields);
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(restored);
  });

  it("R32: restore reads the synced fields from the profile itself, not from what the trashed copy holds", async () => {
    const { world, globex, sato, lee, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    // A profile change that reached the store without the sync fan-out (e.g. another writer):
    // the trashed copy still says "Min".
    const current = await world.book.members.get(globex.admin.id, lee.id);
    await world.store.transaction((tx) =>
      tx.members.update({ ...current, nickname: "Minnie", version: current.version + 1 }, current.version),
    );
    const restored = await world.book.trash.restore(sato.id, contact.id);
    expect(restored.kind === "linked" && restored.synced.nickname).toBe("Minnie");
  });

  it("R32: a customer contact comes back with its own profile untouched", async () => {
    const { world, sato } = await aTrashWorld();
    const customer = await world.book.contacts.addCustomer(
      sato.id,
      aCustomer({ nickname: "Taro", company: "Initech", memo: "call after 3pm" }),
    );
    await world.book.trash.delete(sato.id, customer.id);
    world.clock.advance(day);
    const restored = await world.book.trash.restore(sato.id, customer.id);
    expect(restored).toEqual({ ...customer, version: 3, updatedAt: world.clock.now() });
  });

  it("R32: restore on day 29 works", async () => {
    const { world, sato, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(29 * day);
    const restored = await world.book.trash.restore(sato.id, contact.id);
    expect(restored.trash).toBeNull();
    expect(await listed(world, sato.id)).toEqual([contact.id]);
  });

  it("R32: restore one millisecond before 30 × 24 h works", async () => {
    const { world, sato, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(30 * day - 1);
    expect((await world.book.trash.restore(sato.id, contact.id)).trash).toBeNull();
  });

  it("R33: restore at exactly 30 × 24 h is NOT_FOUND: the contact is gone", async () => {
    const { world, sato, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(30 * day);
    const before = world.store.snapshot();
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R32: an organisation's retention of 7 days moves the boundary to 7 × 24 h", async () => {
    const { world, sato, contact } = await aTrashWorld({ retentionDays: 7 });
    const second = await world.book.contacts.addCustomer(sato.id, aCustomer());
    const deletedAt = world.clock.now();
    const entry = await world.book.trash.delete(sato.id, contact.id);
    await world.book.trash.delete(sato.id, second.id);
    expect(entry.purgeAt).toEqual(new Date(deletedAt.getTime() + 7 * day));
    expect(entry.daysLeft).toBe(7);
    world.clock.advance(7 * day - 1);
    expect((await world.book.trash.restore(sato.id, contact.id)).trash).toBeNull();
    world.clock.advance(1);
    await expect(world.book.trash.restore(sato.id, second.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("R32: the retention is the owner's organisation's, not the external user's", async () => {
    const { world, globex, sato, contact } = await aTrashWorld({ retentionDays: 3 });
    expect(globex.organisation.trashRetentionDays).toBe(30);
    const entry = await world.book.trash.delete(sato.id, contact.id);
    expect(entry.daysLeft).toBe(3);
  });

  it("R32: only the owner restores — a co-editor or an admin gets NOT_FOUND, and nothing changes", async () => {
    const { world, acme, sato, kato, mori, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    await world.book.trash.delete(sato.id, contact.id);
    const before = world.store.snapshot();
    for (const actor of [kato.id, acme.admin.id, mori.id]) {
      await expect(world.book.trash.restore(actor, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R32: restoring a contact that is not in the trash is NOT_IN_TRASH, and nothing changes", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const before = world.store.snapshot();
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toMatchObject({
      code: "NOT_IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R16: restore within the contact limit", () => {
  it("R16: trashed contacts do not count; a restore past the free plan's 500 is LIMIT_REACHED and changes nothing", async () => {
    const { world, sato, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    const customers: Contact[] = [];
    for (let i = 0; i < 500; i++) customers.push(await world.book.contacts.addCustomer(sato.id, aCustomer()));
    await expect(world.book.contacts.addCustomer(sato.id, aCustomer())).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    const before = world.store.snapshot();
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      details: { limit: 500 },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect(await trashed(world, sato.id)).toEqual([contact.id]);
    await world.book.trash.delete(sato.id, (customers[0] as Contact).id);
    expect((await world.book.trash.restore(sato.id, contact.id)).trash).toBeNull();
  });
});
