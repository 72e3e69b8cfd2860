import { describe, expect, it } from "vitest";
import { eventsOf } from "../support/events.js";
import { aSharingWorld, sees, shareAs } from "./sharing-world.js";

describe("R27: co-editing", () => {
  it("R27: with co-editing on, everyone who sees the contact may edit it", async () => {
    const { world, acme, sato, tanaka, contact } = await aSharingWorld();
    const shared = await shareAs(world, sato.id, contact, { visibility: "organisation", coEditing: true });
    const edited = await world.book.contacts.edit(
      tanaka.id,
      contact.id,
      { memo: "from Tanaka" },
      {
        expectedVersion: shared.version,
      },
    );
    await world.book.contacts.edit(
      acme.admin.id,
      contact.id,
      { title: "部長" },
      {
        expectedVersion: edited.version,
      },
    );
    const now = await world.book.contacts.get(sato.id, contact.id);
    expect(now.fields).toMatchObject({ memo: "from Tanaka", title: "部長" });
    expect(now.ownerId).toBe(sato.id);
    const edits = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).filter(
      (e) => e.type === "contact_edited",
    );
    expect(edits.map((e) => e.actorId)).toEqual([tanaka.id, acme.admin.id]);
  });

  it("R27: with co-editing off, only the owner edits; the others get NOT_PERMITTED and nothing changes", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const shared = await shareAs(world, sato.id, contact, { visibility: "organisation", coEditing: false });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(tanaka.id, contact.id, { memo: "no" }, { expectedVersion: shared.version }),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    expect(world.store.snapshot()).toEqual(before);
    const mine = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { memo: "yes" },
      {
        expectedVersion: shared.version,
      },
    );
    expect(mine.fields.memo).toBe("yes");
  });

  it("R27: turning co-editing off takes the right to edit back", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id], coEditing: true });
    const off = await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id] });
    expect(off.sharing.coEditing).toBe(false);
    await expect(
      world.book.contacts.edit(tanaka.id, contact.id, { memo: "no" }, { expectedVersion: off.version }),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
  });

  it("R27: a co-editor cannot pass the contact on: sharing stays the owner's", async () => {
    const { world, sato, tanaka, suzuki, contact } = await aSharingWorld();
    const shared = await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id],
      coEditing: true,
    });
    await expect(
      world.book.contacts.share(
        tanaka.id,
        contact.id,
        { visibility: "members", members: [tanaka.id, suzuki.id] },
        {
          expectedVersion: shared.version,
        },
      ),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    expect(await sees(world, suzuki.id, contact)).toBe(false);
  });
});
