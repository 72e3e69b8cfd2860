import { describe, expect, it } from "vitest";
import { aCustomerScene, aLinkedScene, edit, refusal, unchecked } from "./edit-world.js";

describe("R21: limits of the contact record", () => {
  const itemOf = {
    phones: (i: number) => ({ number: `090-1234-${String(i).padStart(4, "0")}` }),
    emails: (i: number) => ({ address: `person${i}@example.com` }),
    addresses: (i: number) => ({ value: `東京都千代田区${i}` }),
    websites: (i: number) => ({ value: `https://example.com/${i}` }),
    messengers: (i: number) => ({ label: "LINE", value: `@user${i}` }),
    dates: (i: number) => ({ label: `記念日${i}`, date: "--04-01" }),
    tags: (i: number) => `タグ${i}`,
    customFields: (i: number) => ({ label: `項目${i}`, value: String(i) }),
    groups: (i: number) => `grp_${i}`,
  } as const;
  const listsOf = (count: number, list: keyof typeof itemOf) =>
    unchecked({ [list]: Array.from({ length: count }, (_, i) => itemOf[list](i)) });

  it.each(Object.keys(itemOf) as (keyof typeof itemOf)[])(
    "R21: 101 %s are refused with VALIDATION naming the list, and nothing changes",
    async (list) => {
      const { world, sato, contact } = await aLinkedScene();
      const before = world.store.snapshot();
      const error = await refusal(edit(world, sato.id, contact, listsOf(101, list)));
      expect(error.code).toBe("VALIDATION");
      expect(error.issues.map((issue) => issue.path)).toEqual([[list]]);
      expect(world.store.snapshot()).toEqual(before);
    },
  );

  it.each(Object.keys(itemOf).filter((list) => list !== "groups") as (keyof typeof itemOf)[])(
    "R21: 100 %s are accepted",
    async (list) => {
      const { world, sato, contact } = await aLinkedScene();
      const edited = await edit(world, sato.id, contact, listsOf(100, list));
      expect(edited.fields[list as Exclude<typeof list, "groups">]).toHaveLength(100);
    },
  );

  it("R21: 101 phones are refused on a customer contact too", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
    });
    await expect(edit(world, sato.id, contact, listsOf(101, "phones"))).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["phones"] }],
    });
  });

  it("R21: a memo of 4,000 characters is accepted", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const memo = "あ".repeat(4000);
    const edited = await edit(world, sato.id, contact, { memo });
    expect(edited.fields.memo).toBe(memo);
    expect(edited.fields.memo).toHaveLength(4000);
  });

  it("R21: a memo of 4,001 characters is VALIDATION and changes nothing", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, { memo: "あ".repeat(4001) })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["memo"] }],
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R21: an over-long memo sinks the whole edit, other fields included", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(
      edit(world, sato.id, contact, { familyName: "李", memo: "x".repeat(4001) }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R22: a customer contact keeps a name and a way to reach them", () => {
  it("R22: removing the last phone of a customer without email is VALIDATION and changes nothing", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
    });
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, { phones: [] })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ path: ["phones"] }] },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R22: removing the last phone and the last email in one edit is VALIDATION and changes nothing", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
      emails: [{ address: "yamada@example.com" }],
    });
    const before = world.store.snapshot();
    await expect(
      edit(world, sato.id, contact, { phones: [], emails: [], memo: "連絡先なし" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R22: removing the phone while an email remains is fine", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
      emails: [{ address: "yamada@example.com" }],
    });
    const edited = await edit(world, sato.id, contact, { phones: [] });
    expect(edited.fields).toMatchObject({ phones: [], emails: [{ address: "yamada@example.com" }] });
  });

  it("R22: clearing both names of a customer contact is VALIDATION and changes nothing", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      givenName: "太郎",
      phones: [{ number: "090-1111-2222" }],
    });
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, { familyName: null, givenName: null })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ path: ["familyName"] }] },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R22: clearing one name while the other remains is fine", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      givenName: "太郎",
      phones: [{ number: "090-1111-2222" }],
    });
    const edited = await edit(world, sato.id, contact, { familyName: null });
    expect(edited.fields).toMatchObject({ familyName: null, givenName: "太郎" });
  });
});
