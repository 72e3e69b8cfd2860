import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyOwnerFields } from "../../../src/domain/contact.js";
import {
  type ContactRecord,
  jsContactCannotCarry,
  jsContactCardOf,
  readJSContact,
  readJSContactCards,
} from "../../../src/interop.js";
import { record } from "../support/records.js";

const throughJson = (written: ContactRecord, uid?: string) =>
  readJSContact(JSON.stringify(jsContactCardOf(written, uid === undefined ? {} : { uid })));

describe("JSContact round trips", () => {
  it("carries every field of a record: jsContactCannotCarry is empty", () => {
    expect(jsContactCannotCarry).toEqual([]);
  });

  it("contact → JSContact → contact gives back every field (R21), the profile, groups, sync marks and photo", () => {
    fc.assert(
      fc.property(record, fc.option(fc.uuid(), { nil: undefined }), (written, uuid) => {
        const entry = throughJson(written, uuid === undefined ? undefined : `urn:uuid:${uuid}`);
        if (!entry.ok) throw new Error(JSON.stringify(entry));
        expect(entry.issues).toEqual([]);
        expect(entry.extras).toEqual([]);
        expect(entry.uid).toBe(uuid === undefined ? null : `urn:uuid:${uuid}`);
        expect(entry.record).toEqual(written);
      }),
      { numRuns: 300 },
    );
  });

  it("tags that are array indices ('12') keep their order through partnerbook.dev:tags", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom("12", "a", "3", "営業", "0"), { minLength: 1 }), (tags) => {
        const written = { ...throughJsonRecord(), fields: { ...throughJsonRecord().fields, tags } };
        const entry = throughJson(written);
        expect(entry.ok && entry.record.fields.tags).toEqual(tags);
      }),
    );
  });

  it("an array of cards reads back one entry each, in order", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (records) => {
        const entries = readJSContactCards(JSON.stringify(records.map((r) => jsContactCardOf(r))));
        expect(entries.map((entry) => entry.ok && entry.record)).toEqual(records);
        expect(entries.map((entry) => entry.index)).toEqual(records.map((_, i) => i));
      }),
      { numRuns: 50 },
    );
  });

  it("a card is 1.0 with a uid (RFC 9553) and 2.0 without one (RFC 9982)", () => {
    expect(jsContactCardOf(throughJsonRecord(), { uid: "urn:uuid:1" })).toMatchObject({
      version: "1.0",
      uid: "urn:uuid:1",
    });
    const card = jsContactCardOf(throughJsonRecord());
    expect(card.version).toBe("2.0");
    expect("uid" in card).toBe(false);
  });
});

function throughJsonRecord(): ContactRecord {
  return {
    fields: { ...emptyOwnerFields, familyName: "山田" },
    profile: { nickname: null, company: null, photoUrl: null },
    groupNames: [],
    synced: [],
    photo: null,
  };
}
