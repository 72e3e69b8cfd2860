import { describe, expect, it } from "vitest";
import { aCustomerScene, aLinkedScene, edit, editEvents, refusal, unchecked } from "./edit-world.js";

describe("R25: synced fields cannot be edited", () => {
  it.each(["company", "nickname", "photoUrl"] as const)(
    "R25: an edit naming %s on a linked contact is SYNCED_FIELD naming it, and nothing changes",
    async (field) => {
      const { world, sato, contact } = await aLinkedScene();
      const value = field === "photoUrl" ? "https://example.com/fake.png" : "偽物";
      const before = world.store.snapshot();
      await expect(edit(world, sato.id, contact, unchecked({ [field]: value }))).rejects.toMatchObject({
        code: "SYNCED_FIELD",
        details: { field },
      });
      expect(world.store.snapshot()).toEqual(before);
    },
  );

  it("R25: an edit mixing allowed fields with a synced one is refused as a whole", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(
      edit(
        world,
        sato.id,
        contact,
        unchecked({ memo: "これは保存されない", familyName: "李", tags: ["VIP"], company: "Initech" }),
      ),
    ).rejects.toMatchObject({ code: "SYNCED_FIELD", details: { field: "company" } });
    expect(world.store.snapshot()).toEqual(before);
    const current = await world.book.contacts.get(sato.id, contact.id);
    expect(current).toEqual(contact);
    expect(await editEvents(world)).toEqual([]);
  });

  it("R25: a synced field set to null is refused too", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await expect(
      edit(world, sato.id, contact, unchecked({ nickname: null, givenName: "敏" })),
    ).rejects.toMatchObject({ code: "SYNCED_FIELD", details: { field: "nickname" } });
  });

  it.each(["company", "nickname", "photoUrl"] as const)(
    "R25: `profile.%s` on a linked contact is SYNCED_FIELD naming it, and nothing changes",
    async (field) => {
      const { world, sato, contact } = await aLinkedScene();
      const value = field === "photoUrl" ? "https://example.com/fake.png" : "偽物";
      const before = world.store.snapshot();
      await expect(
        edit(world, sato.id, contact, { memo: "保存されない", profile: { [field]: value } }),
      ).rejects.toMatchObject({ code: "SYNCED_FIELD", details: { field } });
      expect(world.store.snapshot()).toEqual(before);
    },
  );

  it("R25: the refusal message names the field for a person to read", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const error = await refusal(edit(world, sato.id, contact, { profile: { company: "Initech" } }));
    expect(error.message).toContain("company");
  });

  it("R25: in the types, a patch naming a synced field does not compile", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(
        sato.id,
        contact.id,
        // @ts-expect-error R25: `company` is synced on a linked contact, so the patch type forbids it
        { company: "x" },
        { expectedVersion: contact.version },
      ),
    ).rejects.toMatchObject({ code: "SYNCED_FIELD", details: { field: "company" } });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R14: on a customer contact `profile.company` (and nickname, photo) is the owner's to edit", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      company: "山田商店",
      phones: [{ number: "090-1111-2222" }],
    });
    const edited = await edit(world, sato.id, contact, {
      profile: { company: "山田商事株式会社", nickname: "やまちゃん", photoUrl: "https://example.com/y.png" },
    });
    expect(edited).toMatchObject({
      kind: "customer",
      version: contact.version + 1,
      profile: { company: "山田商事株式会社", nickname: "やまちゃん", photoUrl: "https://example.com/y.png" },
    });
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(edited);
    const [event] = await editEvents(world);
    expect(event).toMatchObject({ fields: expect.arrayContaining(["profile.company"]) });
  });

  it("R14: a customer's profile company named at the top level is refused, pointing to `profile`", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
    });
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, unchecked({ company: "山田商事" }))).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(world.store.snapshot()).toEqual(before);
  });
});
