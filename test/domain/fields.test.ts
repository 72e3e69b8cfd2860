import { describe, expect, it } from "vitest";
import { emptyOwnerFields } from "../../src/domain/contact.js";
import {
  applyChange,
  asContactId,
  asGroupId,
  asMemberId,
  asOrganisationId,
  type CustomerContact,
  customerRequirementsMet,
  type LinkedContact,
  type OwnerFields,
  privateSharing,
  syncedFieldNames,
} from "../../src/index.js";

const at = new Date("2026-04-01T00:00:00.000Z");

function aLinkedContact(): LinkedContact {
  return Object.freeze({
    id: asContactId("con_1"),
    kind: "linked",
    ownerId: asMemberId("mem_sato"),
    organisationId: asOrganisationId("org_acme"),
    targetMemberId: asMemberId("mem_lee"),
    targetOrganisationId: asOrganisationId("org_globex"),
    fields: {
      ...emptyOwnerFields,
      familyName: "李",
      givenName: "敏",
      phones: [{ label: "mobile", e164: "+819012345678", raw: "090-1234-5678" }],
      tags: ["VIP"],
    },
    synced: Object.freeze({ nickname: "ミン", company: "Globex", photoUrl: "https://example.com/lee.png" }),
    groups: [asGroupId("grp_1")],
    sharing: privateSharing,
    trash: null,
    version: 3,
    createdAt: at,
    updatedAt: at,
  });
}

function aCustomerContact(): CustomerContact {
  return Object.freeze({
    id: asContactId("con_2"),
    kind: "customer",
    ownerId: asMemberId("mem_sato"),
    organisationId: asOrganisationId("org_acme"),
    profile: Object.freeze({ nickname: null, company: "山田商店", photoUrl: null }),
    fields: {
      ...emptyOwnerFields,
      familyName: "山田",
      emails: [{ label: null, address: "taro@yamada.example" }],
    },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
}

describe("applyChange", () => {
  it("R24: an empty change returns the very same contact and names nothing", () => {
    const contact = aLinkedContact();
    const result = applyChange(contact, {});
    expect(result.contact).toBe(contact);
    expect(result.changed).toEqual([]);
  });

  it("R24: a change to the values already there returns the very same contact and names nothing", () => {
    const contact = aLinkedContact();
    const result = applyChange(contact, {
      fields: {
        familyName: "李",
        phones: [{ label: "mobile", e164: "+819012345678", raw: "090-1234-5678" }],
        tags: ["VIP"],
        memo: null,
      },
      groups: [asGroupId("grp_1")],
    });
    expect(result.contact).toBe(contact);
    expect(result.changed).toEqual([]);
  });

  it("R24: names exactly the owner fields that changed and applies only them", () => {
    const contact = aLinkedContact();
    const { contact: next, changed } = applyChange(contact, {
      fields: { familyName: "李", memo: "初回訪問 2026/04", department: "営業部" },
    });
    expect(changed.sort()).toEqual(["department", "memo"]);
    expect(next.fields).toEqual({ ...contact.fields, memo: "初回訪問 2026/04", department: "営業部" });
    expect(next).not.toBe(contact);
  });

  it("R24: a change of groups is named `groups`", () => {
    const contact = aLinkedContact();
    const { contact: next, changed } = applyChange(contact, { groups: [asGroupId("grp_2")] });
    expect(changed).toEqual(["groups"]);
    expect(next.groups).toEqual(["grp_2"]);
    expect(next.fields).toEqual(contact.fields);
  });

  it("R24: a changed list is named once, whatever changed inside it", () => {
    const contact = aLinkedContact();
    const { changed } = applyChange(contact, {
      fields: { phones: [{ label: "work", e164: "+81312345678", raw: "03-1234-5678" }] },
    });
    expect(changed).toEqual(["phones"]);
  });

  it("R24: leaves id, owner, sharing, trash, version and dates to the caller", () => {
    const contact = aLinkedContact();
    const { contact: next } = applyChange(contact, { fields: { title: "部長" } });
    const { fields: _before, ...restBefore } = contact;
    const { fields: _after, ...restAfter } = next;
    expect(restAfter).toEqual(restBefore);
    expect(next.version).toBe(3);
  });

  it("R23: never touches the synced part of a linked contact", () => {
    const contact = aLinkedContact();
    const { contact: next } = applyChange(contact, {
      fields: { familyName: "Lee", givenName: "Min", memo: "x" },
      groups: [],
    });
    expect(next.kind).toBe("linked");
    expect((next as LinkedContact).synced).toBe(contact.synced);
    expect((next as LinkedContact).synced).toEqual({
      nickname: "ミン",
      company: "Globex",
      photoUrl: "https://example.com/lee.png",
    });
  });

  it("R23: a `profile` change on a linked contact is ignored: nothing named, the same contact back", () => {
    const contact = aLinkedContact();
    const result = applyChange(contact, { profile: { company: "Initech", nickname: "x", photoUrl: null } });
    expect(result.contact).toBe(contact);
    expect(result.changed).toEqual([]);
    expect(result.contact).not.toHaveProperty("profile");
  });

  it("R14: a customer's profile is the owner's: a change is applied and named `profile.<key>`", () => {
    const contact = aCustomerContact();
    const { contact: next, changed } = applyChange(contact, {
      profile: { company: "山田商事", nickname: null },
    });
    expect(changed).toEqual(["profile.company"]);
    expect(next).toMatchObject({
      kind: "customer",
      profile: { nickname: null, company: "山田商事", photoUrl: null },
    });
  });

  it("R14: a customer's unchanged profile and fields return the same contact", () => {
    const contact = aCustomerContact();
    const result = applyChange(contact, {
      profile: { company: "山田商店" },
      fields: { familyName: "山田" },
    });
    expect(result.contact).toBe(contact);
    expect(result.changed).toEqual([]);
  });

  it("R24: fields and profile changed together are all named", () => {
    const contact = aCustomerContact();
    const { changed } = applyChange(contact, {
      fields: { givenName: "太郎" },
      profile: { photoUrl: "https://example.com/taro.png" },
      groups: [asGroupId("grp_9")],
    });
    expect(changed.sort()).toEqual(["givenName", "groups", "profile.photoUrl"]);
  });

  it("R23: the synced field names are nickname, company and photoUrl", () => {
    expect([...syncedFieldNames].sort()).toEqual(["company", "nickname", "photoUrl"]);
  });
});

describe("customerRequirementsMet", () => {
  const phone = { label: null, e164: "+819012345678", raw: "090-1234-5678" };
  const email = { label: null, address: "taro@example.com" };
  const fieldsWith = (patch: Partial<OwnerFields>): OwnerFields => ({ ...emptyOwnerFields, ...patch });

  it("R22: a family name and a phone are enough", () => {
    expect(customerRequirementsMet(fieldsWith({ familyName: "山田", phones: [phone] }))).toBe(true);
  });

  it("R22: a given name and an email are enough", () => {
    expect(customerRequirementsMet(fieldsWith({ givenName: "太郎", emails: [email] }))).toBe(true);
  });

  it("R22: no name at all is not enough, even with phones and emails", () => {
    expect(customerRequirementsMet(fieldsWith({ phones: [phone], emails: [email] }))).toBe(false);
  });

  it("R22: a reading alone is not a name", () => {
    expect(
      customerRequirementsMet(
        fieldsWith({ familyNameReading: "やまだ", givenNameReading: "たろう", phones: [phone] }),
      ),
    ).toBe(false);
  });

  it("R22: a name without a phone or an email is not enough", () => {
    expect(customerRequirementsMet(fieldsWith({ familyName: "山田", givenName: "太郎" }))).toBe(false);
  });

  it("R22: other ways to reach someone (address, website, SNS) do not count as a phone or email", () => {
    const value = { label: null, value: "x" };
    expect(
      customerRequirementsMet(
        fieldsWith({ familyName: "山田", addresses: [value], websites: [value], messengers: [value] }),
      ),
    ).toBe(false);
  });

  it("R22: empty owner fields do not meet the requirements", () => {
    expect(customerRequirementsMet(emptyOwnerFields)).toBe(false);
  });
});

describe("applyChange compares values, not their spelling", () => {
  it("R24: the same phone with its keys in another order is no change", () => {
    const contact = {
      ...aCustomerContact(),
      fields: {
        ...aCustomerContact().fields,
        phones: [{ label: "office", e164: "+81312345678", raw: "03-1234-5678" }],
      },
    };
    const reordered = { phones: [{ raw: "03-1234-5678", e164: "+81312345678", label: "office" }] };
    const result = applyChange(contact, { fields: reordered });
    expect(result.changed).toEqual([]);
    expect(result.contact).toBe(contact);
  });
});
