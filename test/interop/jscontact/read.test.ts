import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsContactCardOf, readJSContact, readJSContactCards } from "../../../src/interop.js";
import { aRecord } from "../vcard/records.js";

const fixture = readFileSync(new URL("../fixtures/jscontact-card.json", import.meta.url), "utf8");

describe("reading a JSContact card", () => {
  it("a card with katakana phonetic components gives the record, its readings and its extras", () => {
    const entry = readJSContact(fixture);
    expect(entry).toEqual({
      ok: true,
      index: 0,
      uid: "urn:uuid:5b1c7e2a-3f0d-4c4e-9a57-0d6b2f1e8c31",
      record: aRecord(
        {
          familyName: "佐藤",
          givenName: "花子",
          familyNameReading: "サトウ",
          givenNameReading: "ハナコ",
          department: "営業本部 第二課",
          title: "課長",
          phones: [
            { label: "work", e164: "+81312345678", raw: "+81-3-1234-5678" },
            { label: "mobile", e164: "+818098765432", raw: "080-9876-5432" },
            { label: "work fax", e164: "+81312345679", raw: "+81-3-1234-5679" },
          ],
          emails: [
            { label: "work", address: "hanako.sato@minato.example.co.jp" },
            { label: "個人用", address: "hanako@example.jp" },
          ],
          addresses: [{ label: "work", value: "〒105-0022 東京都 港区 海岸1-2-3" }],
          websites: [{ label: "work", value: "https://minato.example.co.jp/" }],
          messengers: [
            { label: "LINE", value: "hanako_sato" },
            { label: null, value: "xmpp:hanako@example.jp" },
          ],
          dates: [
            { label: "誕生日", date: "--03-09" },
            { label: "記念日", date: "2015-06-20" },
          ],
          memo: "展示会で名刺交換。\n見積もりは月末に送付。",
          tags: ["重要", "展示会2026"],
        },
        {
          profile: {
            nickname: "はなちゃん",
            company: "株式会社みなと商事",
            photoUrl: "https://minato.example.co.jp/staff/sato.jpg",
          },
        },
      ),
      issues: [],
      extras: [
        { path: "/kind", value: "individual" },
        { path: "/created", value: "2026-11-02T09:15:00Z" },
        { path: "/example.com:score", value: 42 },
      ],
    });
  });

  it("furigana are written as phonetic components with the script they are in", () => {
    const card = (family: string, given: string) =>
      jsContactCardOf(
        aRecord({
          familyName: "山田",
          givenName: "太郎",
          familyNameReading: family,
          givenNameReading: given,
        }),
      );
    expect(card("やまだ", "たろう").name).toMatchObject({
      components: [
        { kind: "surname", value: "山田", phonetic: "やまだ" },
        { kind: "given", value: "太郎", phonetic: "たろう" },
      ],
      phoneticScript: "Hira",
    });
    expect(card("ヤマダ", "ﾀﾛｳ").name).toMatchObject({ phoneticScript: "Kana" });
    expect(card("やまだ", "タロウ").name).toMatchObject({ phoneticScript: "Hrkt" });
    expect(card("Yamada", "Taro").name).toMatchObject({ phoneticScript: "Latn" });
  });

  it("a phone is a tel: URI of its E.164 form, the number as typed kept in partnerbook.dev:raw", () => {
    const card = jsContactCardOf(
      aRecord({ phones: [{ label: "携帯", e164: "+819012345678", raw: "090-1234-5678" }] }),
    );
    expect(card.phones).toEqual({
      p1: {
        number: "tel:+819012345678",
        features: { mobile: true },
        label: "携帯",
        "partnerbook.dev:raw": "090-1234-5678",
      },
    });
  });

  it("a single card given to readJSContactCards is one entry", () => {
    expect(readJSContactCards(fixture).map((entry) => entry.ok)).toEqual([true]);
  });
});
