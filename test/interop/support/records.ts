import fc from "fast-check";
import { z } from "zod";
import { normalisePhone } from "../../../src/domain/phone.js";
import { textProblem } from "../../../src/domain/text.js";
import type { ContactRecord } from "../../../src/interop.js";

// Contact records for the property tests of every format (vCard, JSContact, LINE WORKS).

// Characters that stress a codec: Japanese in and out of Shift_JIS, half-width kana, emoji
// (four UTF-8 octets, no Shift_JIS), and every character with a meaning in vCard syntax.
const specials = [..."山田太郎やまだヤマダｱﾝﾄﾞｳ㈱①𠮷😀é;,\\:\"=^.-_@!?#'/ "];
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...specials) },
  { weight: 2, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)) },
);
export const lineText = (max: number) =>
  fc
    .string({ unit, minLength: 1, maxLength: Math.min(max, 40) })
    .map((text) => text.trim())
    .filter((text) => text !== "" && textProblem(text, "line") === null);
export const multiline = (max: number, trimmed: boolean) =>
  fc
    .string({
      unit: fc.oneof(unit, fc.constantFrom("\n", "\t", " ")),
      minLength: 1,
      maxLength: Math.min(max, 200),
    })
    .map((text) => (trimmed ? text.trim() : text))
    .filter((text) => text !== "" && textProblem(text, "multiline") === null);
export const orNull = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
// Labels: the words vCard has TYPE values for, their synonyms, and free text.
export const label = orNull(
  fc.oneof(fc.constantFrom("mobile", "work fax", "home", "携帯", "Work", "fax fax"), lineText(100)),
);
export const list = <T>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 3 });

export const phone = fc
  .constantFrom(
    "090-1234-5678",
    "03-1234-5678",
    "+1 415-555-2671",
    "０９０−１２３４−５６７８",
    "(03) 1234-5678",
    "+44 20 7946 0958",
  )
  .map((raw) => ({ raw, e164: normalisePhone(raw, "JP")?.e164 as string }));
export const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,10}$/),
    fc.constantFrom("example.jp", "example.co.jp", "Example.COM"),
  )
  .map(([local, domain]) => `${local}@${domain}`)
  // What partnerbook takes as an email (src/schemas.ts) is what the reader keeps.
  .filter((address) => z.email().safeParse(address).success);
export const date = fc
  .tuple(
    orNull(fc.integer({ min: 1900, max: 2100 })),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([year, month, day]) => {
    const md = `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    return year === null ? `--${md}` : `${year}-${md}`;
  });
export const dateLabel = fc.oneof(
  fc.constantFrom("誕生日", "記念日", "birthday", "Anniversary", "創立記念日"),
  lineText(100),
);
const photoUrl = fc.stringMatching(/^[a-z0-9/._-]{1,30}$/).map((path) => `https://example.com/${path}`);

export const record: fc.Arbitrary<ContactRecord> = fc
  .record({
    familyName: orNull(lineText(100)),
    givenName: orNull(lineText(100)),
    familyNameReading: orNull(lineText(100)),
    givenNameReading: orNull(lineText(100)),
    department: orNull(lineText(200)),
    title: orNull(lineText(200)),
    phones: list(fc.record({ label, phone }).map(({ label, phone }) => ({ label, ...phone }))),
    emails: list(fc.record({ label, address: email })),
    addresses: list(fc.record({ label, value: multiline(1000, true) })),
    websites: list(fc.record({ label, value: lineText(1000) })),
    messengers: list(fc.record({ label, value: lineText(1000) })),
    dates: list(fc.record({ label: dateLabel, date })),
    memo: orNull(multiline(4000, false)),
    tags: fc.uniqueArray(lineText(100), { maxLength: 3 }),
    customFields: list(fc.record({ label, value: multiline(1000, true) })),
    nickname: orNull(lineText(100)),
    company: orNull(lineText(200)),
    photoUrl: orNull(photoUrl),
    groupNames: fc.uniqueArray(lineText(100), { maxLength: 3 }),
    synced: fc.subarray(["nickname", "company", "photoUrl"] as const),
    photo: orNull(
      fc.record({
        mediaType: fc.constantFrom("image/jpeg", "image/png", "image/gif", null),
        data: fc.uint8Array({ maxLength: 300 }),
      }),
    ),
  })
  .map(({ nickname, company, photoUrl, groupNames, synced, photo, ...fields }) => {
    const profile = { nickname, company, photoUrl };
    return {
      fields,
      profile,
      groupNames,
      // R23: only a value that is there can have come from a sync.
      synced: synced.filter((field) => profile[field] !== null),
      photo,
    };
  });
