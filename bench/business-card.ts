import type { ContactRecord } from "../src/interop.js";

/** The last eight digits of a mobile number, different for each `i` below 10,000. */
const mobile = (i: number) => `${1000 + (i % 9000)}-${String(i % 10_000).padStart(4, "0")}`;

/**
 * A typical contact of a Japanese business book, varied by `i`: the record the vCard and CSV
 * benches write and read. `memo` is the note it carries (the CSV bench's has a line break, which
 * a CSV cell must quote).
 */
export function aBusinessCard(i: number, memo: string): ContactRecord {
  return {
    fields: {
      familyName: `山田${i}`,
      givenName: "太郎",
      familyNameReading: "やまだ",
      givenNameReading: "たろう",
      department: "営業部",
      title: "課長",
      phones: [
        { label: "mobile", e164: `+8190${mobile(i).replaceAll("-", "")}`, raw: `090-${mobile(i)}` },
        { label: "会社", e164: "+81312345678", raw: "03-1234-5678" },
      ],
      emails: [{ label: "work", address: `taro${i}@example.co.jp` }],
      addresses: [{ label: "work", value: "東京都千代田区丸の内1-1-1 サンプルビル5F" }],
      websites: [{ label: null, value: "https://example.co.jp" }],
      messengers: [],
      dates: [{ label: "誕生日", date: "1985-04-01" }],
      memo,
      tags: ["取引先"],
      customFields: [],
    },
    profile: { nickname: null, company: "株式会社サンプル", photoUrl: null },
    groupNames: ["プロジェクトA"],
    synced: [],
    photo: null,
  };
}
