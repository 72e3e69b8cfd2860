import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLineWorksContact, readLineWorksContacts } from "../../../src/interop.js";

describe("bad LINE WORKS input: every problem is an entry or an issue with its JSON path, nothing throws", () => {
  it("text that is not JSON, and a response with no contacts array, are one failed entry and no cursor", () => {
    expect(readLineWorksContacts("<html>502</html>")).toEqual({
      entries: [
        { ok: false, index: 0, error: { code: "NOT_JSON", path: "", message: "the text is not JSON" } },
      ],
      nextCursor: null,
    });
    expect(readLineWorksContacts({ contacts: {} }).entries[0]).toMatchObject({
      ok: false,
      error: { code: "INVALID_VALUE", path: "/contacts" },
    });
    expect(readLineWorksContact("[")).toMatchObject({ ok: false, error: { code: "NOT_JSON" } });
  });

  it("contacts that are not objects are failed entries at their index; the others are read", () => {
    const page = readLineWorksContacts({
      contacts: [{ contactName: { lastName: "A" } }, "B", null, { contactName: { firstName: "C" } }],
      responseMetaData: { nextCursor: null },
    });
    expect(
      page.entries.map((entry) => (entry.ok ? entry.index : `${entry.index}:${entry.error.code}`)),
    ).toEqual([0, "1:NOT_A_CONTACT", "2:NOT_A_CONTACT", 3]);
    expect(page.nextCursor).toBeNull();
  });

  it("wrong types are issues at their JSON Pointer", () => {
    const entry = readLineWorksContact({
      contactName: "山田",
      telephones: [{ type: "CELLPHONE" }, { type: "CELLPHONE", telephone: "090-1234-5678" }],
      events: [{ type: "BIRTHDAY", date: "1990-02-30" }],
      memo: 5,
      contactTagIds: "tag-1",
      customProperties: { rank: 3 },
      permission: { accessibleRange: "SOME" },
      linkedExternalUser: { id: 1 },
    });
    if (!entry.ok) throw new Error("expected a record");
    expect(entry.record.fields.phones).toHaveLength(1);
    expect(entry.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["INVALID_VALUE", "/contactName"],
      ["INVALID_VALUE", "/telephones/0/telephone"],
      ["INVALID_DATE", "/events/0/date"],
      ["INVALID_VALUE", "/memo"],
      ["INVALID_VALUE", "/contactTagIds"],
      ["INVALID_VALUE", "/customProperties/rank"],
      ["INVALID_VALUE", "/permission/accessibleRange"],
      ["INVALID_VALUE", "/linkedExternalUser/id"],
    ]);
  });

  it("over the limits: more than 500 sharing members is refused, huge strings are cut, lists stop at 100", () => {
    const entry = readLineWorksContact({
      contactName: { lastName: "山".repeat(100_000) },
      emails: Array.from({ length: 300 }, (_, i) => ({ type: "WORK", email: `a${i}@example.jp` })),
      memo: "メモ".repeat(10_000),
      permission: {
        accessibleRange: "MEMBER",
        accessibleMembers: Array.from({ length: 501 }, (_, i) => ({ id: `u${i}`, type: "USER" })),
      },
    });
    if (!entry.ok) throw new Error("expected a record");
    expect(entry.record.fields.familyName).toHaveLength(100);
    expect(entry.record.fields.emails).toHaveLength(100);
    expect(entry.record.fields.memo).toHaveLength(4000);
    expect(entry.permission).toBeNull();
    expect(entry.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["TOO_LONG", "/contactName/lastName"],
      ["TOO_MANY", "/emails"],
      ["TOO_LONG", "/memo"],
      ["INVALID_VALUE", "/permission/accessibleMembers"],
    ]);
  });

  it("a response over maxChars is TOO_LARGE before it is parsed", () => {
    const text = JSON.stringify({ contacts: [{ memo: "x".repeat(5000) }] });
    expect(readLineWorksContacts(text, { maxChars: 1000 }).entries[0]).toMatchObject({
      ok: false,
      error: { code: "TOO_LARGE" },
    });
  });

  it("a getter that throws is a failed entry, not a throw", () => {
    const hostile = {};
    Object.defineProperty(hostile, "telephones", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(readLineWorksContacts({ contacts: [hostile] }).entries[0]).toMatchObject({
      ok: false,
      error: { code: "INVALID_VALUE" },
    });
  });

  it("for all JSON values, reading never throws", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        readLineWorksContacts(value);
        readLineWorksContacts({ contacts: [value] });
        readLineWorksContact(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it("for all contact-shaped objects with random property values, reading gives a record", () => {
    const keys = [
      "contactName",
      "telephones",
      "emails",
      "locations",
      "events",
      "customProperties",
      "permission",
      "linkedExternalUser",
      "memo",
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue()), (contact) => {
        expect(readLineWorksContact(contact).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
