import { describe, expect, it } from "vitest";
import type { PartnerbookEvent } from "../../src/index.js";
import { everyEvent } from "../support/events.js";
import { aTrashWorld, day, eventsOf, shareWithOrganisation } from "./trash-world.js";

describe("R35: every step of the trash is an event", () => {
  it("R35: delete, restore and purge record contact_trashed (with purgeAt), contact_restored and contact_purged (owner)", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const deletedAt = world.clock.now();
    const { purgeAt } = await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(day);
    await world.book.trash.restore(sato.id, contact.id);
    const restoredAt = world.clock.now();
    await world.book.trash.delete(sato.id, contact.id);
    const purgedAt = world.clock.now();
    await world.book.trash.purge(sato.id, contact.id);

    const trashedEvents = await eventsOf(world, "contact_trashed");
    expect(trashedEvents).toHaveLength(2);
    expect(trashedEvents[0]).toMatchObject({
      actorId: sato.id,
      contactId: contact.id,
      purgeAt,
      at: deletedAt,
    });
    expect(trashedEvents[1]?.purgeAt).toEqual(new Date(restoredAt.getTime() + 30 * day));
    expect(await eventsOf(world, "contact_restored")).toEqual([
      expect.objectContaining({ actorId: sato.id, contactId: contact.id, at: restoredAt }),
    ]);
    expect(await eventsOf(world, "contact_purged")).toEqual([
      expect.objectContaining({ actorId: sato.id, contactId: contact.id, reason: "owner", at: purgedAt }),
    ]);
    expect(heard.map((event) => event.type)).toEqual([
      "contact_trashed",
      "contact_restored",
      "contact_trashed",
      "contact_purged",
    ]);
  });

  it("R35: a refused delete, restore or purge records no event", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    const before = await everyEvent(world);
    await expect(world.book.trash.delete(kato.id, contact.id)).rejects.toThrow();
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toThrow();
    await expect(world.book.trash.purge(sato.id, contact.id)).rejects.toThrow();
    expect(await everyEvent(world)).toEqual(before);
  });
});
