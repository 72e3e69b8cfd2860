import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyOwnerFields } from "../../../src/domain/contact.js";
import {
  type ContactRecord,
  type LineWorksTypedList,
  lineWorksCannotCarry,
  lineWorksContactOf,
  lineWorksLabelSynonyms,
  lineWorksLabelTypes,
  readLineWorksContact,
} from "../../../src/interop.js";
import { lineText, list, record } from "../support/records.js";

/** The record with every field LINE WORKS cannot carry emptied, by the paths the constant names. */
function withoutCannotCarry(written: ContactRecord): ContactRecord {
  const copy = structuredClone(written) as unknown as Record<string, unknown>;
  for (const path of lineWorksCannotCarry) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    const holder = keys.reduce((object, key) => object[key] as Record<string, unknown>, copy);
    holder[last] = Array.isArray(holder[last]) ? [] : null;
  }
  return copy as unknown as ContactRecord;
}

/** A label as LINE WORKS gives it back, from the documented tables: its own word for an enum value. */
function labelAfter(list: LineWorksTypedList, label: string | null): string | null {
  if (label === null) return null;
  const lower = label.toLowerCase();
  const words = lineWorksLabelTypes[list];
  for (const word of Object.values(words)) if (word !== null && word.toLowerCase() === lower) return word;
  const type = lineWorksLabelSynonyms[list][lower];
  return type === undefined ? label : (words[type] ?? null);
}

function expectedOf(written: ContactRecord): ContactRecord {
  const r = withoutCannotCarry(written);
  const f = r.fields;
  return {
    ...r,
    fields: {
      ...f,
      phones: f.phones.map((p) => ({ ...p, label: labelAfter("telephones", p.label) })),
      emails: f.emails.map((e) => ({ ...e, label: labelAfter("emails", e.label) })),
      addresses: f.addresses.map((a) => ({ ...a, label: labelAfter("locations", a.label) })),
      websites: f.websites.map((w) => ({ ...w, label: labelAfter("websites", w.label) })),
      messengers: f.messengers.map((m) => ({ ...m, label: labelAfter("messengers", m.label) })),
    },
  };
}

const tagMaps = (tags: readonly string[]) => ({
  tagIds: new Map(tags.map((tag, i) => [tag, `tag-${i}`])),
  tagNames: new Map(tags.map((tag, i) => [`tag-${i}`, tag])),
});

describe("LINE WORKS round trips", () => {
  it("contact → LINE WORKS → contact gives back every field it can carry; lineWorksCannotCarry comes back empty", () => {
    fc.assert(
      fc.property(record, (written) => {
        const { tagIds, tagNames } = tagMaps(written.fields.tags);
        const { contact, issues } = lineWorksContactOf(written, { tagIds });
        const entry = readLineWorksContact(JSON.stringify(contact), { tagNames });
        if (!entry.ok) throw new Error(JSON.stringify(entry));
        expect(entry.issues).toEqual([]);
        expect(entry.record).toEqual(expectedOf(written));
        // What it cannot carry is said, not dropped silently.
        const notCarried = issues.filter((issue) => issue.code === "NOT_CARRIED").map((issue) => issue.path);
        expect(notCarried).toEqual(
          [
            written.photo !== null && "/photo",
            written.profile.photoUrl !== null && "/profile/photoUrl",
            written.groupNames.length > 0 && "/groupNames",
            written.synced.length > 0 && "/synced",
          ].filter((path) => path !== false),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("labels in LINE WORKS' own words, and labels it has no word for, come back exactly", () => {
    const words = (kind: LineWorksTypedList) =>
      Object.values(lineWorksLabelTypes[kind]).filter((word): word is string => word !== null);
    const exact = (kind: LineWorksTypedList) =>
      fc
        .option(fc.oneof(fc.constantFrom(...words(kind)), lineText(100)), { nil: null })
        .filter((label) => labelAfter(kind, label) === label);
    fc.assert(
      fc.property(list(exact("telephones")), list(exact("messengers")), (phoneLabels, messengerLabels) => {
        const written: ContactRecord = {
          ...withoutCannotCarry(structuredClone(emptyish)),
          fields: {
            ...emptyish.fields,
            phones: phoneLabels.map((label) => ({ label, e164: "+819012345678", raw: "090-1234-5678" })),
            messengers: messengerLabels.map((label) => ({ label, value: "taro" })),
          },
        };
        const entry = readLineWorksContact(lineWorksContactOf(written).contact);
        expect(entry.ok && entry.record).toEqual(written);
      }),
    );
  });

  it("custom fields go to custom properties named by the writer's map, up to LINE WORKS' 5", () => {
    const fields = Array.from({ length: 7 }, (_, i) => ({ label: `項目${i}`, value: `値${i}` }));
    const names = new Map(fields.map((field, i) => [field.label, `item_${i}`]));
    const written = { ...emptyish, fields: { ...emptyish.fields, customFields: fields } };
    const { contact, issues } = lineWorksContactOf(written, { customPropertyNames: names });
    expect(contact.customProperties).toEqual({
      item_0: "値0",
      item_1: "値1",
      item_2: "値2",
      item_3: "値3",
      item_4: "値4",
    });
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["TOO_MANY", "/fields/customFields/5"],
      ["TOO_MANY", "/fields/customFields/6"],
    ]);
    const labels = new Map([...names].map(([label, name]) => [name, label]));
    const entry = readLineWorksContact(contact, { customPropertyLabels: labels });
    expect(entry.ok && entry.record.fields.customFields).toEqual(fields.slice(0, 5));
  });

  it("a custom field with no property name, and a tag with no id, are NOT_MAPPED", () => {
    const written = {
      ...emptyish,
      fields: { ...emptyish.fields, tags: ["VIP"], customFields: [{ label: "顧客ランク", value: "A" }] },
    };
    const { contact, issues } = lineWorksContactOf(written);
    expect(contact.customProperties).toBeUndefined();
    expect(contact.contactTagIds).toBeUndefined();
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["NOT_MAPPED", "/fields/tags/0"],
      ["NOT_MAPPED", "/fields/customFields/0"],
    ]);
  });

  it("R27: permission is the caller's, written as given; none without the option", () => {
    const permission = {
      accessibleRange: "MEMBER",
      masterUserId: "u1",
      accessibleMembers: [{ id: "u2", type: "USER" }],
    } as const;
    expect(lineWorksContactOf(emptyish, { permission }).contact.permission).toEqual(permission);
    expect("permission" in lineWorksContactOf(emptyish).contact).toBe(false);
  });

  it("over LINE WORKS' limits: a memo past 4000 and lists past 100 are cut, each with an issue", () => {
    const phones = Array.from({ length: 120 }, () => ({
      label: null,
      e164: "+819012345678",
      raw: "090-1234-5678",
    }));
    const written = { ...emptyish, fields: { ...emptyish.fields, memo: "あ".repeat(5000), phones } };
    const { contact, issues } = lineWorksContactOf(written);
    expect(contact.memo).toHaveLength(4000);
    expect(contact.telephones).toHaveLength(100);
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["TOO_MANY", "/telephones"],
      ["TOO_LONG", "/memo"],
    ]);
  });
});

const emptyish: ContactRecord = {
  fields: {
    ...emptyOwnerFields,
    familyName: "山田",
    givenName: "太郎",
    phones: [{ label: "携帯", e164: "+819012345678", raw: "090-1234-5678" }],
  },
  profile: { nickname: null, company: null, photoUrl: null },
  groupNames: [],
  synced: [],
  photo: null,
};
