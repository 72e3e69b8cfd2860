import { describe, expect, it } from "vitest";
import {
  type Contact,
  createPartnerbook,
  type IdSource,
  manualClock,
  sequentialIds,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { aWorld, testSecret, twoLinkableMembers, type World } from "../support/builders.js";
import { eventsOf } from "../support/events.js";

const day = 86_400_000;

/** Puts an existing contact into the trash directly in the store (the trash API comes later). */
async function putInTrash(world: World, contact: Contact, trashedAt: Date, retentionDays = 30) {
  await world.store.transaction((tx) =>
    tx.contacts.update(
      {
        ...contact,
        trash: { trashedAt, purgeAt: new Date(trashedAt.getTime() + retentionDays * day) },
        version: contact.version + 1,
      },
      contact.version,
    ),
  );
}

describe("R15 and R33: adding someone whose contact is in the trash", () => {
  it("R15: re-adding a person in the trash says so, with the contact id, and changes nothing", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await putInTrash(world, contact, world.clock.now());
    const before = world.store.snapshot();
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R31: a trashed contact cannot be talked to, nor listed; its owner reads IN_TRASH", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await putInTrash(world, contact, world.clock.now());
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: false,
      canViewHistory: false,
      reason: "in_trash",
    });
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
    expect((await world.book.contacts.list(sato.id)).items).toEqual([]);
  });

  it("R33: one instant before purgeAt it is still in the trash; at purgeAt it is gone and can be added anew", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await putInTrash(world, contact, world.clock.now());
    world.clock.advance(30 * day - 1);
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "IN_TRASH",
    });
    world.clock.advance(1);
    await expect(world.book.contacts.talkAccess(sato.id, contact.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again.status).toBe("added");
    expect(again.contact.trash).toBeNull();
    expect((await world.book.contacts.list(sato.id)).items.map((entry) => entry.contact.id)).toEqual([
      again.contact.id,
    ]);
  });
});

describe("R13: a repeated token from the id source", () => {
  it("R13: QR codes are not taken from the id source: one that repeats itself still gives each member their own", async () => {
    const base = sequentialIds();
    const ids: IdSource = { id: base.id, token: () => "same-token-every-time" };
    const book = createPartnerbook({
      store: memoryStore(),
      ids,
      secret: testSecret,
      clock: manualClock(new Date("2026-04-01T00:00:00.000Z")),
    });
    const { admin: first } = await book.organisations.create({
      name: "A",
      admin: { worksId: "first", displayName: "First" },
    });
    const { admin: second } = await book.organisations.create({
      name: "B",
      admin: { worksId: "second", displayName: "Second" },
    });
    const tokens = [(await book.qrCodes.mine(first.id)).token, (await book.qrCodes.mine(second.id)).token];
    expect(new Set(tokens).size).toBe(2);
    expect(tokens).not.toContain("same-token-every-time");
  });
});

describe("members.get", () => {
  it("reads a member, and an unknown id is NOT_FOUND", async () => {
    const world = aWorld();
    const { globex, lee } = await twoLinkableMembers(world);
    expect((await world.book.members.get(globex.admin.id, lee.id)).displayName).toBe("Lee Min");
    await expect(world.book.members.get(globex.admin.id, "mem_nobody" as never)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("R33, R35: re-adding a person whose contact is gone", () => {
  it("R33: the gone contact is purged (and recorded) and the person is added under a new id", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(31 * day);
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again.contact.id).not.toBe(contact.id);
    expect(again.contact.version).toBe(1);
    const events = await eventsOf(world.book, acme.admin.id, acme.organisation.id);
    expect(events.filter((e) => e.type === "contact_purged")).toMatchObject([
      { contactId: contact.id, reason: "expired" },
    ]);
    expect(world.store.snapshot().contacts.map((c) => c.id)).toEqual([again.contact.id]);
    expect(await world.book.trash.purgeExpired()).toBe(0);
  });
});
