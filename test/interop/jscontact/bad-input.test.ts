import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readJSContact, readJSContactCards } from "../../../src/interop.js";

const card = (properties: Record<string, unknown>) => ({
  "@type": "Card",
  version: "1.0",
  uid: "u1",
  ...properties,
});

describe("bad JSContact input: every problem is an entry or an issue with its JSON path, nothing throws", () => {
  it("text that is not JSON is one failed entry", () => {
    expect(readJSContact("{not json")).toEqual({
      ok: false,
      index: 0,
      error: { code: "NOT_JSON", path: "", message: "the text is not JSON" },
    });
    expect(readJSContactCards("[1,")).toHaveLength(1);
  });

  it("values that are not cards are failed entries at their index; the cards around them are read", () => {
    const entries = readJSContactCards([
      card({ name: { full: "A" } }),
      42,
      { "@type": "Group" },
      null,
      card({}),
    ]);
    expect(entries.map((entry) => (entry.ok ? entry.index : `${entry.index}:${entry.error.code}`))).toEqual([
      0,
      "1:NOT_A_CARD",
      "2:NOT_A_CARD",
      "3:NOT_A_CARD",
      4,
    ]);
  });

  it("properties of the wrong type are issues at their JSON Pointer; the rest of the card is read", () => {
    const entry = readJSContact(
      card({
        name: {
          components: [
            { kind: "surname", value: "山田" },
            { kind: "given", value: 7 },
          ],
        },
        phones: { p1: { number: 8190 }, p2: { number: "090-1234-5678" }, p3: { number: "call me" } },
        emails: "a@example.jp",
        anniversaries: { d1: { kind: "birth", date: { month: 2, day: 30 } } },
        keywords: { a: "yes" },
        "partnerbook.dev:synced": ["nickname", "owner"],
      }),
    );
    if (!entry.ok) throw new Error("expected a record");
    expect(entry.record.fields.familyName).toBe("山田");
    expect(entry.record.fields.phones).toEqual([
      { label: null, e164: "+819012345678", raw: "090-1234-5678" },
    ]);
    expect(entry.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["INVALID_VALUE", "/name/components/1/value"],
      ["INVALID_VALUE", "/phones/p1/number"],
      ["INVALID_PHONE", "/phones/p3/number"],
      ["INVALID_VALUE", "/emails"],
      ["INVALID_DATE", "/anniversaries/d1/date"],
      ["INVALID_VALUE", "/keywords/a"],
      ["INVALID_VALUE", "/partnerbook.dev:synced/1"],
    ]);
  });

  it("a card with no or an unknown version is read, with UNKNOWN_VERSION", () => {
    const entry = readJSContact({ "@type": "Card", name: { full: "山田" } });
    expect(entry.ok && entry.issues.map((issue) => issue.code)).toEqual(["UNKNOWN_VERSION"]);
    expect(entry.ok && entry.record.fields.familyName).toBe("山田");
  });

  it("R21: over-long text is cut with TOO_LONG, lists past 100 items stop with TOO_MANY", () => {
    const phones = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`p${i}`, { number: `+8190${String(i).padStart(8, "0")}` }]),
    );
    const entry = readJSContact(
      card({ name: { full: "山".repeat(5000) }, phones, notes: { n: { note: "x".repeat(10_000) } } }),
    );
    if (!entry.ok) throw new Error("expected a record");
    expect(entry.record.fields.familyName).toHaveLength(100);
    expect(entry.record.fields.memo).toHaveLength(4000);
    expect(entry.record.fields.phones).toHaveLength(100);
    expect(entry.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["TOO_LONG", "/name/full"],
      ["TOO_MANY", "/phones"],
      ["TOO_LONG", "/notes"],
    ]);
  });

  it("text over maxChars is a TOO_LARGE entry before it is parsed", () => {
    const [entry] = readJSContactCards(JSON.stringify([card({ notes: { n: { note: "x".repeat(2000) } } })]), {
      maxChars: 1000,
    });
    expect(entry?.ok === false && entry.error.code).toBe("TOO_LARGE");
  });

  it("control characters and bidi overrides are INVALID_TEXT, and a __proto__ keyword is a tag", () => {
    const entry = readJSContact(
      `{"@type":"Card","version":"2.0","name":{"full":"山田\\u202e太郎"},"keywords":{"__proto__":true}}`,
    );
    expect(entry.ok && entry.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["INVALID_TEXT", "/name/full"],
    ]);
    expect(entry.ok && entry.record.fields.tags).toEqual(["__proto__"]);
  });

  it("a getter that throws is a failed entry, not a throw", () => {
    const hostile = card({});
    Object.defineProperty(hostile, "phones", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(readJSContact(hostile)).toMatchObject({ ok: false, error: { code: "INVALID_VALUE" } });
  });

  it("for all JSON values, reading never throws and gives one entry per array item", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const entries = readJSContactCards(value);
        expect(entries).toHaveLength(Array.isArray(value) ? value.length : 1);
        readJSContact(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it("for all card-shaped objects with random property values, reading gives a record, the bad values as issues", () => {
    const keys = [
      "name",
      "phones",
      "emails",
      "addresses",
      "anniversaries",
      "keywords",
      "media",
      "notes",
      "partnerbook.dev:customFields",
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue()), (properties) => {
        const entry = readJSContact(card(properties));
        expect(entry.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
