import { describe, expect, it } from "vitest";
import type { SharingInput } from "../../src/index.js";
import { aMember, aWorld, twoLinkableMembers } from "../support/builders.js";
import { eventsOf } from "../support/events.js";
import { aSharingWorld, sees, shareAs } from "./sharing-world.js";

describe("R27, R35: the record of sharing", () => {
  it("R35: a share records contact_shared with the sharing before and after", async () => {
    const { world, acme, sato, tanaka, contact } = await aSharingWorld();
    const shared = await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id],
      coEditing: true,
    });
    expect(shared.version).toBe(contact.version + 1);
    const events = await eventsOf(world.book, acme.admin.id, acme.organisation.id);
    expect(events.filter((event) => event.type === "contact_shared")).toEqual([
      expect.objectContaining({
        actorId: sato.id,
        contactId: contact.id,
        before: { visibility: "private", coEditing: false },
        after: { visibility: "members", members: [tanaka.id], groups: [], coEditing: true },
      }),
    ]);
  });

  it("R35: a share that changes nothing records nothing and keeps the version", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const sharing: SharingInput = { visibility: "members", members: [tanaka.id], coEditing: true };
    const shared = await shareAs(world, sato.id, contact, sharing);
    const before = world.store.snapshot();
    const again = await shareAs(world, sato.id, contact, sharing);
    expect(again).toEqual(shared);
    expect(world.store.snapshot()).toEqual(before);
    await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id, tanaka.id],
      coEditing: true,
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R25, R27: a share made on a stale version is CONFLICT and changes nothing", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const edited = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { memo: "moved on" },
      {
        expectedVersion: contact.version,
      },
    );
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", members: [tanaka.id] },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { contactId: contact.id, currentVersion: edited.version },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect(await sees(world, tanaka.id, contact)).toBe(false);
  });
});

describe("R27: the order of a sharing list is not a change", () => {
  it("R27: the same members and groups in another order record nothing and keep the version", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const tanaka = await aMember(world, acme);
    const suzuki = await aMember(world, acme);
    const customer = await world.book.contacts.addCustomer(sato.id, {
      familyName: "山田",
      emails: [{ address: "yamada@example.com" }],
    });
    const shared = await world.book.contacts.share(
      sato.id,
      customer.id,
      { visibility: "members", members: [tanaka.id, suzuki.id] },
      { expectedVersion: customer.version },
    );
    const before = world.store.snapshot();
    const same = await world.book.contacts.share(
      sato.id,
      customer.id,
      { visibility: "members", members: [suzuki.id, tanaka.id] },
      { expectedVersion: shared.version },
    );
    expect(same.version).toBe(shared.version);
    expect(world.store.snapshot()).toEqual(before);
  });
});
