import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { normalisePhone } from "../../../src/domain/phone.js";
import { textProblem } from "../../../src/domain/text.js";
import {
  type ContactRecord,
  type CsvEntry,
  csvNotCarried,
  csvRowsOf,
  iterateCsv,
  readCsv,
  writeCsv,
  writeCsvBytes,
} from "../../../src/interop.js";
import { date, list, orNull } from "../support/records.js";
import { aRecord } from "../vcard/records.js";

// Characters that stress a CSV codec: the delimiter, quotes, the characters a formula starts
// with, the single quote that guards them, Japanese in and out of Shift_JIS.
const sjisSpecials = [..."山田太郎やまだヤマダｱﾝﾄﾞｳ㈱①,\"'=+-@;:\\/ "];
const specials = [...sjisSpecials, ..."𠮷😀é"];
const textOf = (chars: readonly string[]) => {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...chars) },
    { weight: 2, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)) },
  );
  const line = fc
    .string({ unit, minLength: 1, maxLength: 30 })
    .map((text) => text.trim())
    .filter((text) => text !== "" && textProblem(text, "line") === null && !text.startsWith("* "));
  const multiline = (trimmed: boolean) =>
    fc
      .string({ unit: fc.oneof(unit, fc.constantFrom("\n", "\t", " ")), minLength: 1, maxLength: 80 })
      .map((text) => (trimmed ? text.trim() : text))
      .filter((text) => text !== "" && textProblem(text, "multiline") === null);
  return { line, multiline };
};

// U+2212 (−), which a Mac types, has no Shift_JIS code (CP932's minus is U+FF0D).
const phones = [
  "090-1234-5678",
  "03-1234-5678",
  "+1 415-555-2671",
  "+81 3 1234 5678",
  "０９０－１２３４－５６７８",
];
const phoneOf = (raws: readonly string[]) =>
  fc.constantFrom(...raws).map((raw) => ({ raw, e164: normalisePhone(raw, "JP")?.e164 as string }));
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,10}$/), fc.constantFrom("example.jp", "example.co.jp"))
  .map(([local, domain]) => `${local}@${domain}`)
  .filter((address) => z.email().safeParse(address).success);

/** Records with only what CSV carries (see `csvNotCarried`), in the given characters. */
function records(chars: readonly string[]): fc.Arbitrary<ContactRecord> {
  const phone = phoneOf(chars === specials ? [...phones, "０９０−１２３４−５６７８"] : phones);
  const { line, multiline } = textOf(chars);
  const label = orNull(fc.oneof(fc.constantFrom("mobile", "work fax", "携帯"), line));
  const reading = line.filter((text) => !/[\uff61-\uff9f]/.test(text));
  const names = fc.uniqueArray(
    line.filter((name) => !name.includes(":::")),
    { maxLength: 3 },
  );
  return fc
    .record({
      familyName: orNull(line),
      givenName: orNull(line),
      familyNameReading: orNull(reading),
      givenNameReading: orNull(reading),
      department: orNull(line),
      title: orNull(line),
      phones: list(fc.record({ label, phone }).map(({ label, phone }) => ({ label, ...phone }))),
      emails: list(fc.record({ label, address: email })),
      addresses: list(fc.record({ label, value: multiline(true) })),
      websites: list(fc.record({ label, value: line })),
      messengers: list(fc.record({ label, value: line })),
      dates: list(fc.record({ label: line, date })),
      memo: orNull(multiline(false)),
      tags: names,
      customFields: list(fc.record({ label, value: multiline(true) })),
      nickname: orNull(line),
      company: orNull(line),
      photoUrl: orNull(
        fc.stringMatching(/^[a-z0-9/._-]{1,20}$/).map((path) => `https://example.com/${path}`),
      ),
      groupNames: names,
    })
    .map(({ nickname, company, photoUrl, groupNames, ...fields }) => ({
      fields,
      profile: { nickname, company, photoUrl },
      groupNames,
      synced: [],
      photo: null,
    }))
    .filter((record) => (csvRowsOf([record])[1] ?? []).some((cell) => cell !== ""));
}

const recordsOf = (entries: Iterable<CsvEntry>) =>
  [...entries].map((entry) => {
    if (!entry.ok) throw new Error(JSON.stringify(entry));
    expect(entry.issues).toEqual([]);
    return entry.record;
  });

/** Bytes cut at the given points, as a stream would deliver them. */
function cut(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...at, bytes.length]) {
    chunks.push(bytes.slice(from, point));
    from = point;
  }
  return chunks;
}

describe("CSV round trips", () => {
  it.each(["ja", "en"] as const)(
    "contact → CSV text (%s headers) → contact gives back every field CSV carries",
    (headers) => {
      fc.assert(
        fc.property(fc.array(records(specials), { minLength: 1, maxLength: 4 }), (written) => {
          expect(recordsOf(readCsv(writeCsv(written, { headers })))).toEqual(written);
        }),
        { numRuns: 150 },
      );
    },
  );

  it("UTF-8 bytes with a BOM, cut anywhere (inside a character, a quoted line break, a CRLF), read the same", () => {
    fc.assert(
      fc.property(
        fc.array(records(specials), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (written, points) => {
          const result = writeCsvBytes(written);
          if (!result.ok) throw new Error("refused");
          expect(result.issues).toEqual([]);
          expect([...result.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
          expect(recordsOf(iterateCsv(cut(result.bytes, points)))).toEqual(written);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("Shift_JIS bytes, cut anywhere (inside a two-byte character too), read the same, the charset found on its own", () => {
    fc.assert(
      fc.property(
        fc.array(records(sjisSpecials), { minLength: 1, maxLength: 3 }),
        fc.constantFrom("ja", "en") as fc.Arbitrary<"ja" | "en">,
        fc.array(fc.nat(), { maxLength: 6 }),
        (written, headers, points) => {
          const result = writeCsvBytes(written, { charset: "shift_jis", headers });
          if (!result.ok) throw new Error("refused");
          expect(result.issues).toEqual([]);
          expect(recordsOf(iterateCsv(cut(result.bytes, points)))).toEqual(written);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("what CSV cannot carry (csvNotCarried)", () => {
  const base = aRecord({ familyName: "山田" });
  const back = (record: ContactRecord, region: "JP" | "US" = "JP") => {
    const [entry] = readCsv(writeCsv([record], { region }), { region });
    if (!entry?.ok) throw new Error(JSON.stringify(entry));
    return entry.record;
  };

  it("lists exactly the limits proven below", () => {
    expect(Object.keys(csvNotCarried).sort()).toEqual(
      [
        "emptyRecord",
        "halfWidthReadings",
        "phoneRaw",
        "photo",
        "repeatedNames",
        "separatorInNames",
        "starLabel",
        "synced",
      ].sort(),
    );
  });

  it("photo and synced: a record with them comes back without (property)", () => {
    fc.assert(
      fc.property(
        records(specials),
        fc.uint8Array({ minLength: 1, maxLength: 50 }),
        fc.subarray(["nickname", "company", "photoUrl"] as const),
        (record, data, synced) => {
          const withThem = { ...record, photo: { mediaType: "image/png", data }, synced };
          expect(back(withThem)).toEqual(record);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("phoneRaw (R8): a number that does not read as itself in the region comes back as its E.164 text", () => {
    const record = aRecord({
      familyName: "Doe",
      phones: [{ label: null, raw: "090-1234-5678", e164: "+819012345678" }],
    });
    expect(back(record, "US").fields.phones).toEqual([
      { label: null, raw: "+819012345678", e164: "+819012345678" },
    ]);
  });

  it("separatorInNames, repeatedNames, starLabel", () => {
    const record = aRecord(
      {
        familyName: "山田",
        tags: ["a:::b"],
        phones: [{ label: "* Main", raw: "03-1234-5678", e164: "+81312345678" }],
      },
      { groupNames: ["取引先", "* 重要"] },
    );
    const read = back(record);
    expect(read.fields.tags).toEqual(["a", "b"]);
    expect(read.groupNames).toEqual(["取引先", "重要"]);
    expect(read.fields.phones[0]?.label).toBe("Main");
    expect(back({ ...base, groupNames: ["x", "x"] }).groupNames).toEqual(["x"]);
  });

  it("halfWidthReadings: widened (R28)", () => {
    expect(back(aRecord({ familyNameReading: "ｱﾝﾄﾞｳ" })).fields.familyNameReading).toBe("アンドウ");
  });

  it("emptyRecord: an empty record is an empty row, which is no row", () => {
    expect(readCsv(writeCsv([aRecord({})]))).toEqual([]);
  });
});
