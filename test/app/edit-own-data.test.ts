import { describe, expect, it } from "vitest";
import type { LinkedContact } from "../../src/index.js";
import { aLinkedScene, edit } from "./edit-world.js";

describe("R24: the owner edits their own data on a linked contact", () => {
  it("R24: the owner edits names, readings, department and title", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      familyName: "李",
      givenName: "敏",
      familyNameReading: "り",
      givenNameReading: "みん",
      department: "海外営業部",
      title: "部長",
    });
    expect(edited.fields).toEqual({
      ...contact.fields,
      familyName: "李",
      givenName: "敏",
      familyNameReading: "り",
      givenNameReading: "みん",
      department: "海外営業部",
      title: "部長",
    });
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(edited);
  });

  it("R24: `null` clears a name the contact started with", async () => {
    const { world, sato, contact } = await aLinkedScene();
    expect(contact.fields.familyName).toBe("Lee Min");
    const edited = await edit(world, sato.id, contact, { familyName: null, givenName: "Min" });
    expect(edited.fields).toMatchObject({ familyName: null, givenName: "Min" });
  });

  it("R24: phones are normalised to E.164 with the raw input and label kept", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      phones: [{ label: "携帯", number: "090-1234-5678" }, { number: "+1 (415) 555-2671" }],
    });
    expect(edited.fields.phones).toEqual([
      { label: "携帯", e164: "+819012345678", raw: "090-1234-5678" },
      { label: null, e164: "+14155552671", raw: "+1 (415) 555-2671" },
    ]);
    expect((await world.book.contacts.get(sato.id, contact.id)).fields.phones).toEqual(edited.fields.phones);
  });

  it("R21: a phone that is not a phone number is VALIDATION at its path and changes nothing", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(
      edit(world, sato.id, contact, { phones: [{ number: "090-1234-5678" }, { number: "call me" }] }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["phones", 1, "number"] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R24: emails are kept exactly as typed", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      emails: [{ label: "work", address: "Lee.Min@Globex.Example" }, { address: "min@example.jp" }],
    });
    expect(edited.fields.emails).toEqual([
      { label: "work", address: "Lee.Min@Globex.Example" },
      { label: null, address: "min@example.jp" },
    ]);
  });

  it("R24: addresses, websites, messengers, dates and custom fields are the owner's lists", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      addresses: [{ label: "本社", value: "東京都千代田区丸の内1-1-1" }],
      websites: [{ value: "https://globex.example" }],
      messengers: [{ label: "LINE", value: "@leemin" }],
      dates: [
        { label: "誕生日", date: "--04-01" },
        { label: "創立記念日", date: "1999-10-10" },
      ],
      customFields: [{ label: "社員番号", value: "G-0042" }],
    });
    expect(edited.fields).toMatchObject({
      addresses: [{ label: "本社", value: "東京都千代田区丸の内1-1-1" }],
      websites: [{ label: null, value: "https://globex.example" }],
      messengers: [{ label: "LINE", value: "@leemin" }],
      dates: [
        { label: "誕生日", date: "--04-01" },
        { label: "創立記念日", date: "1999-10-10" },
      ],
      customFields: [{ label: "社員番号", value: "G-0042" }],
    });
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(edited);
  });

  it("R21: a date that is neither YYYY-MM-DD nor --MM-DD is VALIDATION", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await expect(
      edit(world, sato.id, contact, { dates: [{ label: "誕生日", date: "4月1日" }] }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["dates", 0, "date"] }] });
  });

  it("R24: memo and tags are the owner's; an empty memo clears it", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      memo: "展示会で名刺交換。来月に再訪予定。",
      tags: ["VIP", "見込み"],
    });
    expect(edited.fields).toMatchObject({
      memo: "展示会で名刺交換。来月に再訪予定。",
      tags: ["VIP", "見込み"],
    });
    const cleared = await edit(world, sato.id, edited, { memo: "" });
    expect(cleared.fields.memo).toBeNull();
  });

  it("R24: the owner puts a linked contact into groups of their organisation", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const project = await world.book.groups.create(sato.id, { name: "プロジェクトA" });
    const edited = await edit(world, sato.id, contact, { groups: [project.id, project.id] });
    expect(edited.groups).toEqual([project.id]);
    const page = await world.book.contacts.list(sato.id, { group: project.id });
    expect(page.items.map((entry) => entry.contact.id)).toEqual([contact.id]);
  });

  it("R27: a group of another organisation is VALIDATION and changes nothing", async () => {
    const { world, sato, lee, contact } = await aLinkedScene();
    const theirs = await world.book.groups.create(lee.id, { name: "Globex team" });
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, { groups: [theirs.id] })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["groups", 0] }],
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R24: editing every owner field of a linked contact leaves its synced part as it was", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      familyName: "李",
      givenName: "敏",
      department: "営業部",
      phones: [{ number: "03-1234-5678" }],
      emails: [{ address: "lee@example.com" }],
      memo: "メモ",
      tags: ["取引中"],
    });
    expect(edited).toMatchObject({
      kind: "linked",
      synced: { nickname: "Min", company: "Globex", photoUrl: null },
    });
    expect((edited as LinkedContact).synced).toEqual((contact as LinkedContact).synced);
  });

  it("R22: a linked contact needs no name, phone or email: the owner may clear them all", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const withPhone = await edit(world, sato.id, contact, { phones: [{ number: "090-1234-5678" }] });
    const bare = await edit(world, sato.id, withPhone, { familyName: null, givenName: null, phones: [] });
    expect(bare.fields).toMatchObject({ familyName: null, givenName: null, phones: [], emails: [] });
  });
});
