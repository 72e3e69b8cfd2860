import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readVCards, type VCardEntry } from "../../../src/interop.js";
import { androidJapaneseFile } from "../fixtures/android-ja-2.1.js";
import { aRecord } from "./records.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

function records(entries: readonly VCardEntry[]) {
  return entries.map((entry) => {
    if (!entry.ok) throw new Error(`line ${entry.error.line}: ${entry.error.message}`);
    expect(entry.issues).toEqual([]);
    return entry.record;
  });
}

describe("vCard fixtures modelled on real exporters", () => {
  it("iPhone vCard 3.0: X-PHONETIC readings, item groups with X-ABLabel, Apple label tokens, a fold inside UTF-8, an inline photo", () => {
    const entries = readVCards(fixture("iphone-3.0.vcf"));
    // The fixture's photo: a JPEG's start and end markers around bytes in a fixed pattern.
    const photo = Uint8Array.from({ length: 150 }, (_, i) => (i * 37 + 11) & 0xff);
    photo.set([0xff, 0xd8]);
    photo.set([0xff, 0xd9], 148);
    expect(records(entries)).toEqual([
      aRecord(
        {
          familyName: "山田",
          givenName: "太郎",
          familyNameReading: "やまだ",
          givenNameReading: "たろう",
          department: "営業部",
          title: "課長",
          phones: [
            { label: "mobile", e164: "+819012345678", raw: "090-1234-5678" },
            { label: "work", e164: "+81312345678", raw: "03-1234-5678" },
            { label: "大阪支社", e164: "+81661234567", raw: "06-6123-4567" },
            { label: "work fax", e164: "+81312345679", raw: "03-1234-5679" },
          ],
          emails: [
            { label: "work", address: "taro.yamada@example.co.jp" },
            { label: "home", address: "taro@example.jp" },
          ],
          addresses: [{ label: "work", value: "〒100-0005 東京都千代田区丸の内1-1-1 サンプルビル5F" }],
          websites: [{ label: "homepage", value: "https://example.co.jp" }],
          messengers: [{ label: "twitter", value: "taro_y" }],
          dates: [
            { label: "記念日", date: "2010-04-01" },
            { label: "誕生日", date: "--07-07" },
          ],
          memo: "展示会で名刺交換。担当は営業部の佐藤さん、次回は来月の定例会で見積もりを提出する。\n駐車場あり。",
        },
        {
          profile: { nickname: "タロー", company: "株式会社サンプル", photoUrl: null },
          photo: { mediaType: "image/jpeg", data: photo },
        },
      ),
      aRecord(
        {
          phones: [{ label: "main", e164: "+81120123456", raw: "0120-123-456" }],
          emails: [{ label: "work", address: "info@test.example" }],
        },
        { profile: { nickname: null, company: "株式会社テスト", photoUrl: null } },
      ),
    ]);
    expect(entries.map((entry) => entry.line)).toEqual([1, 33]);
    const first = entries[0];
    expect(first?.ok && first.extras.map((extra) => [extra.group, extra.name, extra.value])).toEqual([
      [null, "PRODID", "-//Apple Inc.//iPhone OS 17.5.1//EN"],
      ["item2", "X-ABADR", "jp"],
    ]);
  });

  it("Google Contacts vCard 3.0: X-PHONETIC, escaped colon in URL, X-ABDATE, CATEGORIES as group names, photo URL", () => {
    expect(records(readVCards(fixture("google-3.0.vcf")))).toEqual([
      aRecord(
        {
          familyName: "田中",
          givenName: "花子",
          familyNameReading: "たなか",
          givenNameReading: "はなこ",
          title: "マネージャー",
          phones: [{ label: "mobile", e164: "+818098765432", raw: "080-9876-5432" }],
          emails: [{ label: "home", address: "hanako.tanaka@example.com" }],
          addresses: [{ label: "home", value: "〒150-0002 東京都渋谷区渋谷2-21-1" }],
          websites: [{ label: "PROFILE", value: "http://hanako.example.com/blog" }],
          dates: [
            { label: "誕生日", date: "1990-05-20" },
            { label: "記念日", date: "2015-06-01" },
          ],
          memo: "取引開始は2015年。\nCustomField: 値",
        },
        {
          profile: {
            nickname: null,
            company: "Example Corp.",
            photoUrl: "https://lh3.googleusercontent.com/contacts/AB12cd34",
          },
          groupNames: ["myContacts", "取引先"],
        },
      ),
      aRecord(
        {
          familyName: "Smith",
          givenName: "John Q.",
          phones: [{ label: "work", e164: "+14155552671", raw: "+1 415-555-2671" }],
          emails: [{ label: "work", address: "john.smith@example.org" }],
          addresses: [{ label: "work", value: "1 Market St, Suite 400, San Francisco, CA 94105, USA" }],
          messengers: [{ label: "Skype", value: "john.smith" }],
        },
        { groupNames: ["myContacts"] },
      ),
    ]);
  });

  it("Outlook vCard 2.1: bare TYPE parameters, Windows-1252, quoted-printable soft breaks, ADR preferred over LABEL", () => {
    const entries = readVCards(fixture("outlook-2.1.vcf"));
    expect(records(entries)).toEqual([
      aRecord(
        {
          familyName: "Müller",
          givenName: "Anna",
          department: "Sales",
          title: "Account Manager",
          phones: [
            { label: "work", e164: "+49301234567", raw: "+49 30 1234567" },
            { label: "mobile", e164: "+4915112345678", raw: "+49 151 12345678" },
            { label: "work fax", e164: "+49301234568", raw: "+49 30 1234568" },
          ],
          emails: [{ label: null, address: "anna.mueller@contoso.example" }],
          addresses: [{ label: "work", value: "Friedrichstraße 1, Berlin, 10117, Deutschland" }],
          websites: [{ label: "work", value: "http://www.contoso.example" }],
          dates: [{ label: "誕生日", date: "1985-04-12" }],
          // The soft break's next line starts with a space: it is part of the value, not a fold.
          memo: "Met at the trade fair; follow up\n in May.",
        },
        { profile: { nickname: null, company: "Contoso Ltd.", photoUrl: null } },
      ),
    ]);
    const [card] = entries;
    expect(card?.ok && card.version).toBe("2.1");
    expect(card?.ok && card.extras.map((extra) => extra.name)).toEqual([
      "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
      "X-MS-OL-DESIGN",
      "REV",
    ]);
  });

  it("Android Japanese vCard 2.1 in Shift_JIS: SOUND;X-IRMC-N half-width readings, DoCoMo whole readings, QP split inside a character", () => {
    const entries = readVCards(androidJapaneseFile());
    expect(records(entries)).toEqual([
      aRecord({
        familyName: "安藤ロイド",
        familyNameReading: "アンドウロイド",
        phones: [{ label: "mobile", e164: "+819000000001", raw: "090-0000-0001" }],
      }),
      aRecord(
        {
          familyName: "安藤",
          givenName: "ロイド",
          familyNameReading: "アンドウ",
          givenNameReading: "ロイド",
          department: "開発部",
          phones: [
            { label: null, e164: "+81300000002", raw: "03-0000-0002" },
            { label: "home", e164: "+81312345678", raw: "0312345678" },
          ],
          emails: [{ label: "mobile", address: "android@docomo.example.ne.jp" }],
          addresses: [{ label: "home", value: "東京都渋谷区桜丘町26-1 表参道ソフトビル6号室" }],
          memo: "メモ\n２行目",
        },
        // CP932's ㈱, and ソ whose second byte is a backslash (0x5C) in ASCII.
        { profile: { nickname: null, company: "㈱ソフト", photoUrl: null } },
      ),
      aRecord({
        familyName: "山田",
        givenName: "花子",
        familyNameReading: "ヤマダ",
        givenNameReading: "ハナコ",
        emails: [{ label: null, address: "hanako@example.ne.jp" }],
      }),
      aRecord(
        {
          familyName: "佐藤",
          givenName: "花子",
          familyNameReading: "さとう",
          givenNameReading: "はなこ",
          phones: [{ label: "mobile", e164: "+818011112222", raw: "080-1111-2222" }],
        },
        { profile: { nickname: "はな", company: null, photoUrl: null } },
      ),
    ]);
    expect(entries.map((entry) => entry.line)).toEqual([1, 7, 22, 28]);
  });
});
