import { describe, expect, it } from "vitest";
import type { Contact, MemberId } from "../../src/index.js";
import type { World } from "../support/builders.js";
import {
  aCustomer,
  aTrashWorld,
  day,
  eventsOf,
  listed,
  shareWithOrganisation,
  trashed,
} from "./trash-world.js";

const storedIds = (world: World) => world.store.snapshot().contacts.map((contact) => contact.id);

describe("R33: past purgeAt the contact is gone", () => {
  it("R33: exactly at purgeAt it is gone for every read, though purgeExpired has not run", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact);
    const { purgeAt } = await world.book.trash.delete(sato.id, contact.id);
    world.clock.set(purgeAt);
    expect(storedIds(world)).toContain(contact.id);
    const before = world.store.snapshot();
    for (const read of [
      () => world.book.contacts.get(sato.id, contact.id),
      () => world.book.contacts.talkAccess(sato.id, contact.id),
      () => world.book.trash.restore(sato.id, contact.id),
      () => world.book.trash.purge(sato.id, contact.id),
      () => world.book.trash.delete(sato.id, contact.id),
      () => world.book.contacts.get(kato.id, contact.id),
    ]) {
      await expect(read()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await listed(world, sato.id)).toEqual([]);
    expect(await listed(world, sato.id, "external")).toEqual([]);
    expect(await listed(world, kato.id)).toEqual([]);
    expect(await trashed(world, sato.id)).toEqual([]);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R33: one millisecond before purgeAt it is still in the trash", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const { purgeAt } = await world.book.trash.delete(sato.id, contact.id);
    world.clock.set(new Date(purgeAt.getTime() - 1));
    expect(await trashed(world, sato.id)).toEqual([contact.id]);
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({ code: "IN_TRASH" });
  });

  it("R33: re-adding that person after purgeAt creates a fresh contact, nothing of the old one", async () => {
    const { world, sato, kato, lee, contact } = await aTrashWorld();
    const edited = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { memo: "old memo", tags: ["old"] },
      { expectedVersion: contact.version },
    );
    await shareWithOrganisation(world, sato.id, edited, true);
    const { purgeAt } = await world.book.trash.delete(sato.id, contact.id);
    world.clock.set(new Date(purgeAt.getTime() + day));
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again.status).toBe("added");
    expect(again.contact).toMatchObject({
      kind: "linked",
      ownerId: sato.id,
      trash: null,
      groups: [],
      sharing: { visibility: "private", coEditing: false },
      createdAt: world.clock.now(),
    });
    expect(again.contact.fields.memo).toBeNull();
    expect(again.contact.fields.tags).toEqual([]);
    expect(await listed(world, sato.id)).toEqual([again.contact.id]);
    expect(await listed(world, kato.id)).toEqual([]);
    expect(await trashed(world, sato.id)).toEqual([]);
    expect(world.store.snapshot().contacts).toHaveLength(1);
  });

  it("R33: a customer contact past purgeAt is gone too", async () => {
    const { world, sato } = await aTrashWorld();
    const customer = await world.book.contacts.addCustomer(sato.id, aCustomer());
    const { purgeAt } = await world.book.trash.delete(sato.id, customer.id);
    world.clock.set(new Date(purgeAt.getTime() + 1));
    await expect(world.book.contacts.get(sato.id, customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(world.book.trash.restore(sato.id, customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await trashed(world, sato.id)).toEqual([]);
  });
});

describe("R34: purge from the trash", () => {
  it("R34: the owner's purge removes the contact from the store at once, for good", async () => {
    const { world, sato, lee, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    await world.book.trash.purge(sato.id, contact.id);
    expect(storedIds(world)).not.toContain(contact.id);
    expect(await trashed(world, sato.id)).toEqual([]);
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(world.book.trash.purge(sato.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again.status).toBe("added");
    expect(again.contact.id).not.toBe(contact.id);
  });

  it("R34: only the owner purges — a co-editor, an admin or an outsider gets NOT_FOUND, and nothing changes", async () => {
    const { world, acme, sato, kato, mori, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    await world.book.trash.delete(sato.id, contact.id);
    const before = world.store.snapshot();
    for (const actor of [kato.id, acme.admin.id, mori.id]) {
      await expect(world.book.trash.purge(actor, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R34: a co-editor cannot purge a live shared contact (NOT_PERMITTED)", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    const before = world.store.snapshot();
    await expect(world.book.trash.purge(kato.id, contact.id)).rejects.toMatchObject({
      code: "NOT_PERMITTED",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R34: purging a contact that is not in the trash is NOT_IN_TRASH, and nothing changes", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const before = world.store.snapshot();
    await expect(world.book.trash.purge(sato.id, contact.id)).rejects.toMatchObject({
      code: "NOT_IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect(await listed(world, sato.id)).toEqual([contact.id]);
  });
});

describe("R33: purgeExpired", () => {
  /** Sato's contacts trashed on day 0, 5 and 10 (30-day retention), one live, and kato's on day 2. */
  async function aTrashOverTime() {
    const setup = await aTrashWorld();
    const { world, sato, kato } = setup;
    const add = (owner: MemberId) => world.book.contacts.addCustomer(owner, aCustomer());
    const [day0, day5, day10, live, katos] = [
      setup.contact,
      await add(sato.id),
      await add(sato.id),
      await add(sato.id),
      await add(kato.id),
    ];
    const start = world.clock.now().getTime();
    const deleteOn = async (owner: MemberId, contact: Contact, on: number) => {
      world.clock.set(new Date(start + on * day));
      await world.book.trash.delete(owner, contact.id);
    };
    await deleteOn(sato.id, day0, 0);
    await deleteOn(kato.id, katos, 2);
    await deleteOn(sato.id, day5, 5);
    await deleteOn(sato.id, day10, 10);
    return { ...setup, start, day0, day5, day10, live, katos };
  }

  it("R33: purgeExpired removes exactly the contacts whose purgeAt has come, and no other", async () => {
    const { world, start, day0, day5, day10, live, katos } = await aTrashOverTime();
    world.clock.set(new Date(start + 35 * day));
    expect(await world.book.trash.purgeExpired()).toBe(3);
    expect(storedIds(world).sort()).toEqual([day10.id, live.id].sort());
    const purged = await eventsOf(world, "contact_purged");
    expect(purged.map((event) => event.contactId).sort()).toEqual([day0.id, day5.id, katos.id].sort());
    for (const event of purged) {
      expect(event).toMatchObject({ reason: "expired", actorId: null, at: world.clock.now() });
    }
  });

  it("R33: before anything is due, purgeExpired removes nothing and records nothing", async () => {
    const { world, start } = await aTrashOverTime();
    world.clock.set(new Date(start + 30 * day - 1));
    const before = world.store.snapshot();
    expect(await world.book.trash.purgeExpired()).toBe(0);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R33: purgeExpired is idempotent: a second run removes and records nothing", async () => {
    const { world, start, day10 } = await aTrashOverTime();
    world.clock.set(new Date(start + 35 * day));
    expect(await world.book.trash.purgeExpired()).toBe(3);
    const after = world.store.snapshot();
    expect(await world.book.trash.purgeExpired()).toBe(0);
    expect(world.store.snapshot()).toEqual(after);
    world.clock.set(new Date(start + 40 * day));
    expect(await world.book.trash.purgeExpired()).toBe(1);
    expect(storedIds(world)).not.toContain(day10.id);
  });

  it("R33: purgeExpired works through the due contacts in batches of any size", async () => {
    const { world, start } = await aTrashOverTime();
    world.clock.set(new Date(start + 40 * day));
    expect(await world.book.trash.purgeExpired({ batchSize: 1 })).toBe(4);
    expect(await eventsOf(world, "contact_purged")).toHaveLength(4);
    expect(await world.book.trash.purgeExpired({ batchSize: 1 })).toBe(0);
  });

  it("R33: a batch exactly the size of what is due still finishes", async () => {
    const { world, start } = await aTrashOverTime();
    world.clock.set(new Date(start + 35 * day));
    expect(await world.book.trash.purgeExpired({ batchSize: 3 })).toBe(3);
    expect(await eventsOf(world, "contact_purged")).toHaveLength(3);
  });

  it("R33: an invalid batchSize is VALIDATION, and nothing is removed", async () => {
    const { world, start } = await aTrashOverTime();
    world.clock.set(new Date(start + 40 * day));
    const before = world.store.snapshot();
    for (const batchSize of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(world.book.trash.purgeExpired({ batchSize })).rejects.toMatchObject({
        name: "PartnerbookError",
        code: "VALIDATION",
      });
    }
    await expect(world.book.trash.purgeExpired({ batchSize: "10" as never })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(world.store.snapshot()).toEqual(before);
  });
});
