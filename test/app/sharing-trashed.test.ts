import { describe, expect, it } from "vitest";
import { aSharingWorld, sees, shareAs } from "./sharing-world.js";

describe("R31: a trashed contact and its sharers", () => {
  it("R31: a trashed contact is hidden from every sharer while its owner finds it in the trash", async () => {
    const { world, acme, sato, tanaka, suzuki, contact } = await aSharingWorld();
    const team = await world.book.groups.create(sato.id, { name: "Team", members: [suzuki.id] });
    await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id],
      groups: [team.id],
      coEditing: true,
    });
    await world.book.trash.delete(sato.id, contact.id);
    for (const sharer of [tanaka, suzuki]) {
      expect(await sees(world, sharer.id, contact)).toBe(false);
      await expect(world.book.contacts.talkAccess(sharer.id, contact.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(
        world.book.contacts.edit(
          sharer.id,
          contact.id,
          { memo: "x" },
          { expectedVersion: contact.version + 2 },
        ),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await world.book.trash.list(sharer.id)).items).toEqual([]);
    }
    expect(await sees(world, acme.admin.id, contact)).toBe(false);
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({ code: "IN_TRASH" });
    const trash = await world.book.trash.list(sato.id);
    expect(trash.items.map((entry) => entry.contact.id)).toEqual([contact.id]);
  });

  it("R32: restoring brings the sharing back, so the sharers see it again", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id], coEditing: true });
    await world.book.trash.delete(sato.id, contact.id);
    const restored = await world.book.trash.restore(sato.id, contact.id);
    expect(restored.sharing).toEqual({
      visibility: "members",
      members: [tanaka.id],
      groups: [],
      coEditing: true,
    });
    expect(await sees(world, tanaka.id, contact)).toBe(true);
  });
});
