import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ownSearchText, shownText } from "../../src/domain/address-book.js";
import { emptyOwnerFields } from "../../src/domain/contact.js";
import { sealCursor } from "../../src/domain/cursor.js";
import { isId } from "../../src/domain/text.js";
import {
  asContactId,
  asMemberId,
  asOrganisationId,
  type CustomerContact,
  decodeCursor,
  encodeCursor,
  foldForSearch,
  type LinkedContact,
  type OwnerFields,
  onTab,
  privateSharing,
  searchTextOf,
  sortKeyOf,
} from "../../src/index.js";

const emptyFields: OwnerFields = emptyOwnerFields;

const created = new Date("2026-04-01T00:00:00.000Z");

/** A customer contact with the given owner fields and profile; everything else neutral. */
function aCustomer(
  fields: Partial<OwnerFields> = {},
  profile: Partial<CustomerContact["profile"]> = {},
): CustomerContact {
  return {
    id: asContactId("con_1"),
    kind: "customer",
    ownerId: asMemberId("mem_1"),
    organisationId: asOrganisationId("org_1"),
    profile: { nickname: null, company: null, photoUrl: null, ...profile },
    fields: { ...emptyFields, ...fields },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: created,
    updatedAt: created,
  };
}

/** A linked contact with the given owner fields and synced profile. */
function aLinked(
  fields: Partial<OwnerFields> = {},
  synced: Partial<LinkedContact["synced"]> = {},
): LinkedContact {
  return {
    id: asContactId("con_2"),
    kind: "linked",
    ownerId: asMemberId("mem_1"),
    organisationId: asOrganisationId("org_1"),
    targetMemberId: asMemberId("mem_9"),
    targetOrganisationId: asOrganisationId("org_2"),
    synced: { nickname: null, company: "Globex", photoUrl: null, ...synced },
    fields: { ...emptyFields, ...fields },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: created,
    updatedAt: created,
  };
}

/** Whether a book query (as typed) would match the contact. */
const matches = (text: string, query: string) => text.includes(foldForSearch(query));

describe("sortKeyOf", () => {
  it("R26: the phonetic reading comes first, before the name", () => {
    const yamada = aCustomer({ familyName: "山田", givenName: "太郎", familyNameReading: "やまだ" });
    expect(sortKeyOf(yamada)).toBe("やまだ");
    const withGiven = aCustomer({
      familyName: "山田",
      familyNameReading: "やまだ",
      givenNameReading: "たろう",
    });
    expect(sortKeyOf(withGiven)).toBe("やまだたろう");
  });

  it("R26: a given-name reading alone still counts as the reading", () => {
    expect(sortKeyOf(aCustomer({ givenName: "太郎", givenNameReading: "タロウ" }))).toBe("たろう");
  });

  it("R26: without a reading the name decides, folded", () => {
    expect(sortKeyOf(aCustomer({ familyName: "Smith", givenName: "ANNA" }))).toBe("smithanna");
    expect(sortKeyOf(aCustomer({ givenName: "ｱﾝﾅ" }))).toBe("あんな");
  });

  it("R26: a customer with neither reading nor name sorts by its company, folded", () => {
    expect(sortKeyOf(aCustomer({}, { company: "ＡＣＭＥ㈱" }))).toBe("acme株式会社");
    expect(sortKeyOf(aCustomer({}, { company: null }))).toBe("");
  });

  it("R26: a linked contact never sorts by its synced company, so sync never moves it", () => {
    expect(sortKeyOf(aLinked({}, { company: "Globex" }))).toBe("");
    const named = aLinked({ familyName: "Lee" }, { company: "Globex" });
    expect(sortKeyOf(named)).toBe(sortKeyOf({ ...named, synced: { ...named.synced, company: "Zeta" } }));
  });

  it("R26, R28: ヤマダ, やまだ and ﾔﾏﾀﾞ sort together", () => {
    const keys = ["ヤマダ", "やまだ", "ﾔﾏﾀﾞ"].map((reading) =>
      sortKeyOf(aCustomer({ familyName: "山田", familyNameReading: reading })),
    );
    expect(new Set(keys).size).toBe(1);
  });

  it("R26: readings sort in gojūon order (いとう, さとう, やまだ)", () => {
    const keys = [
      aCustomer({ familyName: "山田", familyNameReading: "ヤマダ" }),
      aCustomer({ familyName: "伊藤", familyNameReading: "いとう" }),
      aCustomer({ familyName: "佐藤", familyNameReading: "ｻﾄｳ" }),
    ].map(sortKeyOf);
    expect([...keys].sort()).toEqual(["いとう", "さとう", "やまだ"]);
  });
});

describe("searchTextOf", () => {
  const contact = aCustomer(
    {
      familyName: "山田",
      givenName: "太郎",
      familyNameReading: "ヤマダ",
      givenNameReading: "タロウ",
      department: "営業部",
      title: "部長",
      memo: "ゴルフ好き",
      tags: ["vip"],
      emails: [{ label: null, address: "taro@example.com" }],
    },
    { nickname: "Taro", company: "株式会社アクメ" },
  );
  const text = searchTextOf(contact);

  it.each([
    ["family name", "山田"],
    ["given name", "太郎"],
    ["full name", "山田 太郎"],
    ["family-name reading, in another script", "ﾔﾏﾀﾞ"],
    ["given-name reading, in another script", "たろう"],
    ["full reading", "やまだたろう"],
    ["nickname, in another case", "TARO"],
    ["company, abbreviated", "㈱アクメ"],
    ["department", "営業"],
    ["memo", "ゴルフ"],
  ])("R28: matches the %s (%s)", (_field, query) => {
    expect(matches(text, query)).toBe(true);
  });

  it("R28: a linked contact is matched on its synced nickname and company", () => {
    const linked = searchTextOf(aLinked({ familyName: "Lee" }, { nickname: "Minnie", company: "Globex" }));
    expect(matches(linked, "minnie")).toBe(true);
    expect(matches(linked, "ＧＬＯＢＥＸ")).toBe(true);
  });

  it("R28: fields the rule does not name (title, tags, emails) are not searched", () => {
    expect(matches(text, "部長")).toBe(false);
    expect(matches(text, "vip")).toBe(false);
    expect(matches(text, "example.com")).toBe(false);
  });

  it("R28: a query never matches across the end of one field and the start of the next", () => {
    expect(matches(text, "営業部ゴルフ")).toBe(false); // department, memo
    expect(matches(text, "部ゴ")).toBe(false);
    expect(matches(text, "taro株式会社")).toBe(false); // nickname, company
    expect(matches(text, "アクメ営業")).toBe(false); // company, department
    const adjacent = searchTextOf(aCustomer({ familyName: "ab", givenName: "cd" }, { nickname: "ef" }));
    expect(matches(adjacent, "abcd")).toBe(true); // the full name is one field
    expect(matches(adjacent, "cdab")).toBe(false);
    expect(matches(adjacent, "cdef")).toBe(false);
  });

  it("R28: any two single fields never match as one query across their border", () => {
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(word, word, (department, memo) => {
        const joined = searchTextOf(aCustomer({ familyName: "山", department, memo }));
        // A match across the border would need the end of one and the start of the other.
        const across = `${department.slice(-1)}${memo.slice(0, 1)}`;
        const inside = [department, memo].some((field) => field.includes(across));
        expect(joined.includes(across)).toBe(inside);
      }),
    );
  });
});

describe("ownSearchText and shownText", () => {
  // What a store relies on to keep the two parts apart and refold only the shown one on a sync.
  it("R23 + R28: a query matches searchTextOf exactly when it matches the owner's part or the shown part", () => {
    const text = fc.option(fc.string({ unit: fc.constantFrom("a", "b", "や", " ", "ｱ"), maxLength: 4 }), {
      nil: null,
    });
    const fields = fc.record({
      familyName: text,
      givenName: text,
      familyNameReading: text,
      givenNameReading: text,
      department: text,
      memo: text,
    });
    const shown = fc.record({
      nickname: text,
      company: fc.string({ unit: fc.constantFrom("a", "b", "や"), maxLength: 4 }),
    });
    const query = fc.string({ unit: fc.constantFrom("a", "b", "や", "あ"), minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fields, shown, query, (owner, synced, typed) => {
        const contact = aLinked(owner, synced);
        const q = foldForSearch(typed);
        const parts = ownSearchText(contact.fields).includes(q) || shownText(contact.synced).includes(q);
        expect(searchTextOf(contact).includes(q)).toBe(parts);
      }),
      {
        numRuns: 1_000,
        // A contact with none of the owner's fields: its text is the shown part alone.
        examples: [
          [
            {
              familyName: null,
              givenName: null,
              familyNameReading: null,
              givenNameReading: null,
              department: null,
              memo: "",
            },
            { nickname: "a", company: "b" },
            "ab",
          ],
        ],
      },
    );
  });
});

describe("onTab", () => {
  it("R26: the customers tab holds customer and linked contacts alike", () => {
    expect(onTab(aCustomer(), "customers")).toBe(true);
    expect(onTab(aLinked(), "customers")).toBe(true);
  });

  it("R26: the external tab holds linked contacts only", () => {
    expect(onTab(aLinked(), "external")).toBe(true);
    expect(onTab(aCustomer(), "external")).toBe(false);
  });
});

describe("book cursors", () => {
  it("R26: a position survives encoding, also with Japanese text", () => {
    for (const sortKey of ["", "smith", "やまだたろう", "株式会社アクメ", "𠮷野家"]) {
      const position = { sortKey, id: asContactId("con_42") };
      expect(decodeCursor(encodeCursor(position))).toEqual(position);
    }
  });

  it("R26: a cursor is opaque and URL-safe", () => {
    const cursor = encodeCursor({ sortKey: "やまだ??>>~~", id: asContactId("con_1") });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain("やまだ");
  });

  // Sort keys are folded, so they hold no control character; ids are ids.
  const sortKeys = fc.string({ unit: "binary", maxLength: 40 }).map((key) => key.replace(/\p{Cc}/gu, ""));
  const ids = fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).filter(isId);

  it("R26: any position a contact can have round-trips", () => {
    fc.assert(
      fc.property(sortKeys, ids, (sortKey, id) => {
        const position = { sortKey, id: asContactId(id) };
        expect(decodeCursor(encodeCursor(position))).toEqual(position);
      }),
    );
  });

  it.each([
    ["a NUL in the sort key", "a\u0000b", "con_1"],
    ["a C1 control in the sort key", "a\u0085b", "con_1"],
    ["a lone surrogate in the sort key", "a\ud800b", "con_1"],
    ["a sort key longer than folding can make", "あ".repeat(3601), "con_1"],
    ["an empty id", "a", ""],
    ["an id with a NUL", "a", "con\u00001"],
    ["an id with a right-to-left override", "a", "con\u202e1"],
    ["an id of 101 characters", "a", "c".repeat(101)],
  ])(
    "R26: a cursor with %s, checksum and all, decodes to null: no contact has that position",
    (_what, sortKey, id) => {
      expect(decodeCursor(sealCursor("book", [sortKey, id]))).toBeNull();
    },
  );

  it("R26: a cursor of another list (the trash) decodes to null", () => {
    expect(decodeCursor(sealCursor("trash", ["a", "con_1"]))).toBeNull();
  });

  it("R26: any change to a cursor — a character replaced, cut short, lengthened — decodes to null", () => {
    const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    fc.assert(
      fc.property(sortKeys, ids, fc.nat(), fc.nat({ max: 63 }), (sortKey, id, at, replacement) => {
        const cursor = encodeCursor({ sortKey, id: asContactId(id) });
        const index = at % cursor.length;
        const replaced =
          base64url[(base64url.indexOf(cursor[index] as string) + 1 + (replacement % 63)) % 64];
        const changed = [
          `${cursor.slice(0, index)}${replaced}${cursor.slice(index + 1)}`,
          cursor.slice(0, index),
          `${cursor}A`,
        ];
        for (const other of changed) expect(decodeCursor(other)).toBeNull();
      }),
    );
  });

  const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

  it.each([
    ["garbage", "not a cursor!"],
    ["percent signs", "%%%"],
    ["base64 of text that is not JSON", base64("hello")],
    ["base64 of a JSON object", base64('{"sortKey":"a","id":"b"}')],
    ["base64 of a one-element array", base64('["a"]')],
    ["base64 of a three-element array", base64('["a","b","c"]')],
    ["base64 of an array with a number", base64('["a",1]')],
    ["base64 of JSON null", base64("null")],
    ["base64 of bytes that are not UTF-8", Buffer.from([0xff, 0xfe, 0xfd]).toString("base64url")],
  ])("R26: decoding %s gives null", (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });

  it("R26: decoding never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string(), (cursor) => {
        const decoded = decodeCursor(cursor);
        if (decoded !== null) {
          expect(typeof decoded.sortKey).toBe("string");
          expect(typeof decoded.id).toBe("string");
        }
      }),
    );
  });
});
