import { describe, expect, it } from "vitest";
import { aWorld, twoLinkableMembers } from "../support/builders.js";
import { theCustomer } from "./contacts-world.js";

describe("customer contacts", () => {
  it("R14: a customer contact typed in by hand is linked to nobody, phones in E.164 with the raw kept", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const contact = await world.book.contacts.addCustomer(sato.id, {
      familyName: "山田",
      givenName: "太郎",
      company: "Yamada Shoten",
      phones: [{ label: "mobile", number: "090-1234-5678" }, { number: "+1 (415) 555-2671" }],
      emails: [{ address: "taro@yamada.example" }],
    });
    expect(contact).toMatchObject({
      kind: "customer",
      ownerId: sato.id,
      profile: { company: "Yamada Shoten", nickname: null, photoUrl: null },
      fields: {
        familyName: "山田",
        givenName: "太郎",
        phones: [
          { label: "mobile", e164: "+819012345678", raw: "090-1234-5678" },
          { label: null, e164: "+14155552671", raw: "+1 (415) 555-2671" },
        ],
        emails: [{ label: null, address: "taro@yamada.example" }],
      },
    });
    expect(contact).not.toHaveProperty("targetMemberId");
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(contact);
  });

  it("R22: a customer contact without a family or given name is refused with the issue path", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.addCustomer(sato.id, {
        company: "Nameless",
        phones: [{ number: "090-1111-2222" }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["familyName"] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R22: a customer contact without a phone or an email is refused with the issue path", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await expect(world.book.contacts.addCustomer(sato.id, { givenName: "太郎" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["phones"] }],
    });
    await expect(
      world.book.contacts.addCustomer(sato.id, { givenName: "太郎", phones: [], emails: [] }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["phones"] }] });
  });

  it("R22: a name and an email alone are enough", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const contact = await world.book.contacts.addCustomer(sato.id, {
      givenName: "太郎",
      emails: [{ address: "taro@example.com" }],
    });
    expect(contact.fields.phones).toEqual([]);
  });

  it("R14: a phone that is not a phone number is refused with its path and changes nothing", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.addCustomer(sato.id, {
        familyName: "山田",
        phones: [{ number: "090-1111-2222" }, { number: "not a number" }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["phones", 1, "number"] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R14: talk access through a customer contact is refused as customer_contact", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const contact = await world.book.contacts.addCustomer(sato.id, theCustomer);
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: false,
      canViewHistory: false,
      reason: "customer_contact",
    });
  });
});
