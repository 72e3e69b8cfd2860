import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/index.js";
import { aLinkedScene, edit, unchecked } from "./edit-world.js";

describe("R25: versions", () => {
  it("R25: a successful edit bumps the version by exactly one and stamps the time", async () => {
    const { world, sato, contact } = await aLinkedScene();
    world.clock.advance(60_000);
    const edited = await edit(world, sato.id, contact, { memo: "一回目" });
    expect(edited.version).toBe(contact.version + 1);
    expect(edited.updatedAt).toEqual(world.clock.now());
    expect(edited.createdAt).toEqual(contact.createdAt);
    const again = await edit(world, sato.id, edited, { memo: "二回目" });
    expect(again.version).toBe(contact.version + 2);
  });

  it("R25: a stale expectedVersion is CONFLICT with the current version, and nothing is overwritten", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const first = await edit(world, sato.id, contact, { memo: "先に保存した内容" });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(
        sato.id,
        contact.id,
        { memo: "古い版からの上書き" },
        { expectedVersion: contact.version },
      ),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { currentVersion: first.version, contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect((await world.book.contacts.get(sato.id, contact.id)).fields.memo).toBe("先に保存した内容");
  });

  it("R25: an expectedVersion ahead of the contact is CONFLICT too", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await expect(
      world.book.contacts.edit(sato.id, contact.id, { memo: "x" }, { expectedVersion: contact.version + 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { currentVersion: contact.version } });
  });

  it("R25: of two edits made on the same version at once, one wins and the other is CONFLICT", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const results = await Promise.allSettled([
      edit(world, sato.id, contact, { memo: "A" }),
      edit(world, sato.id, contact, { memo: "B" }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ reason: { code: "CONFLICT" } });
    const winner = (won[0] as PromiseFulfilledResult<Contact>).value;
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(winner);
    expect(winner.version).toBe(contact.version + 1);
  });

  it("R25: expectedVersion is required", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await expect(
      world.book.contacts.edit(sato.id, contact.id, { memo: "x" }, unchecked({}) as never),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("R24: an edit that changes nothing returns the contact at the same version and records nothing", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, { memo: "同じ", tags: ["VIP"] });
    const before = world.store.snapshot();
    world.clock.advance(60_000);
    const same = await edit(world, sato.id, edited, {
      memo: "同じ",
      tags: ["VIP"],
      familyName: edited.fields.familyName,
    });
    expect(same).toEqual(edited);
    expect(same.version).toBe(edited.version);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R24: an empty patch changes nothing and records nothing", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    const same = await edit(world, sato.id, contact, {});
    expect(same).toEqual(contact);
    expect(world.store.snapshot()).toEqual(before);
  });
});
