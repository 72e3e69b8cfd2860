import { normalisePhone, type Region } from "../../domain/phone.js";
import type { ContactRecord } from "../record.js";
import type { CsvListField } from "./types.js";

// partnerbook's own export: one column per field, and each list flattened into numbered pairs
// of columns (`Phone 1 - Label`, `Phone 1 - Value`; `電話番号1 ラベル`, `電話番号1`), the
// Google Contacts shape, which the reader knows in both languages.

/** The language of the header row. */
export type CsvHeaderLanguage = "ja" | "en";

/** How many numbered columns each list gets. */
export type CsvColumnCounts = Readonly<Record<CsvListField, number>>;

/** The header row of a layout, and the cells of a record under it. */
export interface Layout {
  readonly headers: readonly string[];
  /** The cells of a record, and the lists that had more items than their columns. */
  cells(record: ContactRecord): { cells: string[]; leftOut: CsvListField[] };
}

type Words = Readonly<Record<string, string>>;

const single: Readonly<Record<CsvHeaderLanguage, Words>> = {
  en: {
    familyName: "Family Name",
    givenName: "Given Name",
    familyNameReading: "Family Name Reading",
    givenNameReading: "Given Name Reading",
    nickname: "Nickname",
    company: "Company",
    department: "Department",
    title: "Job Title",
    memo: "Memo",
    groupNames: "Groups",
    tags: "Tags",
    photoUrl: "Photo URL",
  },
  ja: {
    familyName: "姓",
    givenName: "名",
    familyNameReading: "姓(フリガナ)",
    givenNameReading: "名(フリガナ)",
    nickname: "ニックネーム",
    company: "会社名",
    department: "部署",
    title: "役職",
    memo: "メモ",
    groupNames: "グループ",
    tags: "タグ",
    photoUrl: "写真URL",
  },
};

const listWords: Readonly<Record<CsvHeaderLanguage, Readonly<Record<CsvListField, string>>>> = {
  en: {
    phones: "Phone",
    emails: "E-mail",
    addresses: "Address",
    websites: "Website",
    messengers: "Messenger",
    dates: "Date",
    customFields: "Custom Field",
  },
  ja: {
    phones: "電話番号",
    emails: "メールアドレス",
    addresses: "住所",
    websites: "ウェブサイト",
    messengers: "メッセンジャー",
    dates: "日付",
    customFields: "カスタム項目",
  },
};

const pairHeaders = (language: CsvHeaderLanguage, field: CsvListField, n: number): [string, string] =>
  language === "en"
    ? [`${listWords.en[field]} ${n} - Label`, `${listWords.en[field]} ${n} - Value`]
    : [`${listWords.ja[field]}${n} ラベル`, `${listWords.ja[field]}${n}`];

/** The list fields in the order they are written. */
export const listFields: readonly CsvListField[] = [
  "phones",
  "emails",
  "addresses",
  "websites",
  "messengers",
  "dates",
  "customFields",
];

/** Group names and tags in one cell, as Google writes its labels. */
export const itemSeparator = " ::: ";

/** The items of a list as label and value texts. */
function itemsOf(record: ContactRecord, field: CsvListField, region: Region): [string | null, string][] {
  const f = record.fields;
  switch (field) {
    case "phones":
      // R8: as typed when that reads as the same number in the region, else E.164.
      return f.phones.map((p) => [p.label, normalisePhone(p.raw, region)?.e164 === p.e164 ? p.raw : p.e164]);
    case "emails":
      return f.emails.map((e) => [e.label, e.address]);
    case "dates":
      return f.dates.map((d) => [d.label, d.date]);
    default:
      return f[field].map((item) => [item.label, item.value]);
  }
}

/** The layout of a file with these counts. */
export function layoutOf(language: CsvHeaderLanguage, counts: CsvColumnCounts, region: Region): Layout {
  const words = single[language] as Readonly<Record<string, string>>;
  const w = (key: string) => words[key] as string;
  const headers = [
    ...["familyName", "givenName", "familyNameReading", "givenNameReading", "nickname", "company"].map(w),
    ...["department", "title"].map(w),
    ...listFields.flatMap((field) =>
      Array.from({ length: counts[field] }, (_, i) => pairHeaders(language, field, i + 1)).flat(),
    ),
    ...["memo", "groupNames", "tags", "photoUrl"].map(w),
  ];
  return {
    headers,
    cells(record) {
      const { fields, profile } = record;
      const cells = [
        fields.familyName,
        fields.givenName,
        fields.familyNameReading,
        fields.givenNameReading,
        profile.nickname,
        profile.company,
        fields.department,
        fields.title,
      ].map((value) => value ?? "");
      const leftOut: CsvListField[] = [];
      for (const field of listFields) {
        const items = itemsOf(record, field, region);
        if (items.length > counts[field]) leftOut.push(field);
        for (let i = 0; i < counts[field]; i++) {
          const [label, value] = items[i] ?? [null, ""];
          cells.push(label ?? "", value);
        }
      }
      cells.push(
        fields.memo ?? "",
        record.groupNames.join(itemSeparator),
        fields.tags.join(itemSeparator),
        profile.photoUrl ?? "",
      );
      return { cells, leftOut };
    },
  };
}

/** The counts that fit every record: the longest list of each field. */
export function countsFitting(records: Iterable<ContactRecord>): Record<CsvListField, number> {
  const counts = Object.fromEntries(listFields.map((field) => [field, 0])) as Record<CsvListField, number>;
  for (const record of records) {
    for (const field of listFields) counts[field] = Math.max(counts[field], record.fields[field].length);
  }
  return counts;
}
