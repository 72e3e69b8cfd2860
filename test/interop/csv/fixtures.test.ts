import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../../src/interop.js";
import { excelJapaneseFile } from "../fixtures/excel-ja-sjis.js";
import { aRecord } from "../vcard/records.js";

const google = readFileSync(new URL("../fixtures/google-contacts.csv", import.meta.url));

describe("a Google Contacts export (English headers, Japanese names, ::: lists)", () => {
  const entries = readCsv(google);

  it("reports the columns partnerbook has no field for once, on the header", () => {
    expect(entries.filter((entry) => !entry.ok)).toEqual([
      expect.objectContaining({
        line: 1,
        error: expect.objectContaining({ code: "UNKNOWN_COLUMN", column: "Relation 1 - Label" }),
      }),
      expect.objectContaining({
        line: 1,
        error: expect.objectContaining({ code: "UNKNOWN_COLUMN", column: "Relation 1 - Value" }),
      }),
    ]);
  });

  it("R8, R28: reads names, phonetic names, phones split at :::, labels without Google's * mark, groups without system ones", () => {
    const rows = entries.filter((entry) => entry.ok);
    expect(rows.map((row) => [row.line, row.issues])).toEqual([
      [2, []],
      [4, []],
    ]);
    expect(rows[0]?.extras).toEqual([
      { column: "Relation 1 - Label", value: "Spouse" },
      { column: "Relation 1 - Value", value: "山田花子" },
    ]);
    expect(rows[0]?.record).toEqual(
      aRecord(
        {
          familyName: "山田",
          givenName: "太郎",
          familyNameReading: "やまだ",
          givenNameReading: "たろう",
          department: "営業部",
          title: "部長",
          phones: [
            { label: "Mobile", raw: "090-1234-5678", e164: "+819012345678" },
            { label: "Mobile", raw: "080-2222-3333", e164: "+818022223333" },
            { label: "Work", raw: "+81 3-1234-5678", e164: "+81312345678" },
          ],
          emails: [
            { label: "Work", address: "taro@example.co.jp" },
            { label: "Home", address: "taro.home@example.jp" },
          ],
          addresses: [{ label: "Work", value: "〒100-0005 東京都千代田区丸の内1-1-1" }],
          websites: [{ label: null, value: "https://example.co.jp" }],
          dates: [
            { label: "誕生日", date: "1980-04-12" },
            { label: "Anniversary", date: "2010-06-01" },
          ],
          memo: "初回訪問 2024/5\n担当: 佐藤",
          customFields: [{ label: "社員番号", value: "A-123" }],
        },
        {
          profile: {
            nickname: "タロー",
            company: "株式会社サンプル",
            photoUrl: "https://lh3.googleusercontent.com/a/photo1",
          },
          groupNames: ["取引先", "重要"],
        },
      ),
    );
    expect(rows[1]?.record).toEqual(
      aRecord({
        familyName: "佐藤",
        givenName: "花子",
        familyNameReading: "さとう",
        givenNameReading: "はなこ",
        phones: [{ label: null, raw: "+1 415-555-2671", e164: "+14155552671" }],
        emails: [{ label: null, address: "hanako@example.jp" }],
        // A structured address with no formatted one is joined as vCard's ADR is.
        addresses: [{ label: "Home", value: "〒150-0001 TokyoShibuya-ku1-2-3 Jingumae" }],
        dates: [{ label: "誕生日", date: "--11-03" }],
      }),
    );
  });
});

describe("a Japanese Excel CSV in Shift_JIS", () => {
  it("R8, R28: is found to be Shift_JIS, its headers known as typed, half-width readings widened", () => {
    const entries = readCsv(excelJapaneseFile());
    expect(entries.map((entry) => entry.ok && [entry.line, entry.issues, entry.extras])).toEqual([
      [2, [], []],
      [4, [], []],
    ]);
    expect(entries.map((entry) => entry.ok && entry.record)).toEqual([
      aRecord(
        {
          familyName: "安藤",
          givenName: "花子",
          familyNameReading: "アンドウ",
          givenNameReading: "ハナコ",
          department: "開発部",
          title: "部長",
          phones: [
            { label: "mobile", raw: "090-0000-0001", e164: "+819000000001" },
            { label: "work", raw: "03-0000-0002", e164: "+81300000002" },
          ],
          emails: [{ label: null, address: "hanako@example.jp" }],
          addresses: [{ label: null, value: "東京都渋谷区桜丘町" }],
          memo: "メモ\n２行目",
          dates: [{ label: "誕生日", date: "1985-04-12" }],
        },
        { profile: { nickname: null, company: "㈱ソフト", photoUrl: null }, groupNames: ["取引先"] },
      ),
      aRecord(
        {
          familyName: "山田",
          familyNameReading: "ヤマダ",
          phones: [{ label: "work", raw: "03-0000-0003", e164: "+81300000003" }],
        },
        { profile: { nickname: null, company: "株式会社アンドロイド", photoUrl: null } },
      ),
    ]);
  });

  it("reads the same with the charset named", () => {
    expect(readCsv(excelJapaneseFile(), { charset: "Windows-31J" })).toEqual(readCsv(excelJapaneseFile()));
  });
});
