import { describe, expect, it } from "vitest";
import { scriptOf, widenKana } from "../../../src/interop/vcard/furigana.js";
import { readVCards } from "../../../src/interop.js";

/** The readings of a one-card file made of these lines. */
function readingsOf(version: string, ...lines: string[]) {
  const [entry] = readVCards(["BEGIN:VCARD", `VERSION:${version}`, ...lines, "END:VCARD", ""].join("\r\n"));
  if (!entry?.ok) throw new Error("the card should read");
  const { familyNameReading, givenNameReading } = entry.record.fields;
  return [familyNameReading, givenNameReading];
}

describe("R21: furigana from every carrier", () => {
  it("X-PHONETIC-LAST-NAME and X-PHONETIC-FIRST-NAME (Apple, Google, Android)", () => {
    expect(
      readingsOf("3.0", "N:山田;太郎;;;", "X-PHONETIC-LAST-NAME:やまだ", "X-PHONETIC-FIRST-NAME:たろう"),
    ).toEqual(["やまだ", "たろう"]);
  });

  it("SOUND;X-IRMC-N in half-width katakana comes back full-width, as R28 folds it", () => {
    expect(readingsOf("2.1", "N:安藤;ロイド;;;", "SOUND;X-IRMC-N:ｱﾝﾄﾞｳ;ﾛｲﾄﾞ;;;")).toEqual([
      "アンドウ",
      "ロイド",
    ]);
  });

  it("DoCoMo's whole reading in SOUND's first part is split where the name is", () => {
    expect(readingsOf("2.1", "N:山田;花子;;;", "SOUND;X-IRMC-N:ﾔﾏﾀﾞ ﾊﾅｺ;;;;")).toEqual(["ヤマダ", "ハナコ"]);
    expect(readingsOf("2.1", "N:山田;花子;;;", "SOUND;X-IRMC-N:ﾔﾏﾀﾞﾊﾅｺ;;;;")).toEqual(["ヤマダハナコ", null]);
    expect(readingsOf("2.1", "N:;花子;;;", "SOUND;X-IRMC-N:ﾊﾅｺ;;;;")).toEqual([null, "ハナコ"]);
  });

  it("SORT-STRING (vCard 3.0) is one string for the whole name", () => {
    expect(readingsOf("3.0", "N:山田;太郎;;;", "SORT-STRING:やまだ たろう")).toEqual(["やまだ", "たろう"]);
  });

  it("N;SORT-AS with the RFC's commas, or Android's semicolons", () => {
    expect(readingsOf("4.0", 'N;SORT-AS="やまだ,たろう":山田;太郎;;;')).toEqual(["やまだ", "たろう"]);
    expect(readingsOf("4.0", 'N;SORT-AS="あんどう;ろいど":安藤;ロイド;;;')).toEqual(["あんどう", "ろいど"]);
  });

  it("RFC 9554: the phonetic N paired with the name by ALTID", () => {
    expect(
      readingsOf(
        "4.0",
        "N;ALTID=1;LANGUAGE=ja:山田;太郎;;;",
        "N;ALTID=1;PHONETIC=script;SCRIPT=Hira:やまだ;たろう;;;",
      ),
    ).toEqual(["やまだ", "たろう"]);
  });

  it("the phonetic N, whichever comes first, is the name's reading and not the name", () => {
    const [entry] = readVCards(
      "BEGIN:VCARD\r\nVERSION:4.0\r\nN;ALTID=1;PHONETIC=script;SCRIPT=Kana:ヤマダ;;;;\r\nN;ALTID=1:山田;;;;\r\nEND:VCARD\r\n",
    );
    expect(entry?.ok && [entry.record.fields.familyName, entry.record.fields.familyNameReading]).toEqual([
      "山田",
      "ヤマダ",
    ]);
  });

  it("the most precise carrier wins when several disagree", () => {
    expect(
      readingsOf(
        "4.0",
        'N;ALTID=1;SORT-AS="そーと,あず":山田;太郎;;;',
        "SORT-STRING:そーと すとりんぐ",
        "X-PHONETIC-LAST-NAME:えっくす",
        "N;ALTID=1;PHONETIC=script;SCRIPT=Hira:やまだ;たろう;;;",
      ),
    ).toEqual(["やまだ", "たろう"]);
    expect(readingsOf("3.0", "N:山田;太郎;;;", "SORT-STRING:そーと", "X-PHONETIC-FIRST-NAME:たろう")).toEqual(
      [null, "たろう"],
    );
  });

  it("a card without readings has none", () => {
    expect(readingsOf("3.0", "N:Smith;John;;;")).toEqual([null, null]);
  });
});

describe("widenKana and scriptOf", () => {
  it("widens half-width katakana and leaves everything else as it is", () => {
    expect(widenKana("ｶﾞｰﾃﾞﾝ ＡＢＣ abc ①")).toBe("ガーデン ＡＢＣ abc ①");
  });

  it.each([
    ["やまだ たろう", "Hira"],
    ["ヤマダ・タロー", "Kana"],
    ["Yamada", "Latn"],
    ["やまダ", "Jpan"],
    ["김", "Zyyy"],
  ])("the script of %s is %s", (reading, script) => {
    expect(scriptOf(reading)).toBe(script);
  });
});
