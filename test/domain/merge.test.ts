import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Contact, emptyOwnerFields, type OwnerFields } from "../../src/domain/contact.js";
import { contactPointKeys, contactPointsOf, emailKey } from "../../src/domain/contact-points.js";
import { applyChange, type ContactChange } from "../../src/domain/fields.js";
import { mergeChange, overfullList } from "../../src/domain/merge.js";
import { aCustomer, aLinkedContact, aMember } from "../../src/testing/records.js";

const owner = aMember("mem_sato", "org_acme" as never);
const target = aMember("mem_lee", "org_globex" as never);
const phone = (e164: string, label: string | null = null) => ({ label, e164, raw: e164 });
const email = (address: string) => ({ label: null, address });

describe("contact points", () => {
  it("emailKey lower-cases ASCII letters and nothing else", () => {
    expect(emailKey("Taro.Yamada@Example.CO.JP")).toBe("taro.yamada@example.co.jp");
    expect(emailKey("ÄBC@example.com")).toBe("Äbc@example.com");
  });

  it("contactPointKeys names each phone and email once, phones first", () => {
    const points = contactPointsOf({
      phones: [phone("+819012345678"), phone("+819012345678", "work")],
      emails: [email("A@example.jp"), email("a@Example.jp")],
    });
    expect(points).toEqual({ phones: ["+819012345678"], emails: ["a@example.jp"] });
    expect(contactPointKeys({ phones: ["+81311112222"], emails: ["B@example.jp", "b@example.jp"] })).toEqual([
      "tel:+81311112222",
      "mail:b@example.jp",
    ]);
  });
});

describe("merging a record into a contact", () => {
  const held = aCustomer("con_1", owner, "山田", {
    fields: {
      ...emptyOwnerFields,
      familyName: "山田",
      title: "課長",
      phones: [phone("+819012345678", "mobile")],
      emails: [email("yamada@example.jp")],
      tags: ["顧客"],
      dates: [{ label: "birthday", date: "--05-17" }],
    },
    profile: { nickname: "やまちゃん", company: null, photoUrl: null },
  });

  it("fills empty fields, adds what lists lack, and overwrites nothing", () => {
    const change = mergeChange(held, {
      fields: {
        familyName: "Yamada",
        givenName: "太郎",
        title: "部長",
        phones: [phone("+819012345678", "other"), phone("+81312345678")],
        emails: [email("YAMADA@example.jp"), email("taro@example.jp")],
        tags: ["顧客", "展示会"],
        dates: [
          { label: "birthday", date: "--05-17" },
          { label: "anniversary", date: "--05-17" },
        ],
      },
      profile: { nickname: "たろう", company: "ヤマダ商事", photoUrl: null },
    });
    expect(change).toEqual({
      fields: {
        givenName: "太郎",
        phones: [phone("+819012345678", "mobile"), phone("+81312345678")],
        emails: [email("yamada@example.jp"), email("taro@example.jp")],
        tags: ["顧客", "展示会"],
        dates: [
          { label: "birthday", date: "--05-17" },
          { label: "anniversary", date: "--05-17" },
        ],
      },
      profile: { company: "ヤマダ商事" },
    });
  });

  it("adds none of the phones and emails other contacts hold", () => {
    const change = mergeChange(
      held,
      {
        fields: {
          phones: [phone("+81312345678"), phone("+81399998888")],
          emails: [email("Shared@example.jp")],
        },
      },
      { phones: ["+81312345678"], emails: ["shared@example.jp"] },
    );
    expect(change.fields).toEqual({ phones: [phone("+819012345678", "mobile"), phone("+81399998888")] });
  });

  it("R23: leaves a linked contact's synced part out", () => {
    const linked = aLinkedContact("con_2", owner, target);
    const change = mergeChange(linked, {
      fields: {},
      profile: { nickname: "x", company: "y", photoUrl: null },
    });
    expect(change).toEqual({ fields: {} });
  });

  it("R21: overfullList names a list past 100 items", () => {
    const tags = Array.from({ length: 101 }, (_, i) => `t${i}`);
    expect(overfullList({ ...emptyOwnerFields, tags })).toBe("tags");
    expect(overfullList({ ...emptyOwnerFields, tags: tags.slice(1) })).toBeNull();
  });

  const someFields: fc.Arbitrary<Partial<OwnerFields>> = fc.record(
    {
      givenName: fc.constantFrom("太郎", "花子"),
      title: fc.constantFrom("部長", "課長"),
      memo: fc.constantFrom("展示会", "紹介"),
      phones: fc.subarray([phone("+819012345678"), phone("+81312345678"), phone("+818011112222")]),
      emails: fc.subarray([email("a@example.jp"), email("A@EXAMPLE.JP"), email("b@example.jp")]),
      tags: fc.subarray(["vip", "顧客", "展示会"]),
    },
    { requiredKeys: [] },
  );

  it("merging keeps every value the contact had, and merging the same again changes nothing", () => {
    fc.assert(
      fc.property(someFields, someFields, (start, incoming) => {
        const contact: Contact = { ...held, fields: { ...held.fields, ...start } };
        const record: ContactChange = { fields: incoming };
        const once = applyChange(contact, mergeChange(contact, record)).contact;
        for (const key of Object.keys(contact.fields) as (keyof OwnerFields)[]) {
          const before = contact.fields[key];
          const after = once.fields[key];
          if (Array.isArray(before))
            expect((after as readonly unknown[]).slice(0, before.length)).toEqual(before);
          else if (before !== null) expect(after).toBe(before);
        }
        expect(applyChange(once, mergeChange(once, record)).changed).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
