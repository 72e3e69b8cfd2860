import { describe, expect, it } from "vitest";
import {
  newCustomerInputOf,
  type ReadCard,
  readVCards,
  type VCardReadOptions,
} from "../../../src/interop.js";
import { aWorld } from "../../support/builders.js";

function cardOf(version: string, lines: readonly string[], options: VCardReadOptions = {}): ReadCard {
  const [entry] = readVCards(
    ["BEGIN:VCARD", `VERSION:${version}`, ...lines, "END:VCARD", ""].join("\r\n"),
    options,
  );
  if (!entry?.ok) throw new Error(`the card should read: ${JSON.stringify(entry)}`);
  return entry;
}
const fieldsOf = (version: string, ...lines: string[]) => cardOf(version, lines).record.fields;

describe("reading phones (R8)", () => {
  it("R8: a number is kept as written and matched by its E.164 form in the reader's region", () => {
    expect(fieldsOf("3.0", "TEL;TYPE=CELL:090-1234-5678").phones).toEqual([
      { label: "mobile", e164: "+819012345678", raw: "090-1234-5678" },
    ]);
    expect(cardOf("3.0", ["TEL:(415) 555-2671"], { region: "US" }).record.fields.phones).toEqual([
      { label: null, e164: "+14155552671", raw: "(415) 555-2671" },
    ]);
  });

  it("R8: a 4.0 tel: URI is read without its scheme and parameters", () => {
    expect(fieldsOf("4.0", "TEL;VALUE=uri;TYPE=voice,work:tel:+81-3-1234-5678;ext=12").phones).toEqual([
      { label: "work", e164: "+81312345678", raw: "+81-3-1234-5678" },
    ]);
  });

  it("R8: what is not a phone number is left out with an issue naming its line", () => {
    const card = cardOf("3.0", ["N:山田;;;;", "TEL:call me maybe", "TEL:090-1234-5678"]);
    expect(card.record.fields.phones.map((phone) => phone.e164)).toEqual(["+819012345678"]);
    expect(card.issues).toEqual([
      { code: "INVALID_PHONE", line: 4, property: "TEL", message: expect.stringContaining("R8") },
    ]);
  });
});

describe("reading labels", () => {
  it("TYPE values become words, preference and voice say nothing, X-ABLabel wins over TYPE", () => {
    expect(
      fieldsOf(
        "3.0",
        "TEL;TYPE=HOME,VOICE,PREF:03-1111-2222",
        "TEL;type=WORK;type=FAX:03-1111-3333",
        "item1.TEL;TYPE=CELL:090-1111-4444",
        "ITEM1.X-ABLabel:携帯",
        "item2.TEL:090-1111-5555",
        "item2.X-ABLabel:_$!<Mobile>!$_",
      ).phones.map((phone) => phone.label),
    ).toEqual(["home", "work fax", "携帯", "mobile"]);
  });

  it("2.1 bare parameters are TYPE values", () => {
    expect(fieldsOf("2.1", "EMAIL;INTERNET;HOME:a@example.jp").emails).toEqual([
      { label: "home", address: "a@example.jp" },
    ]);
  });
});

describe("reading names, company and the rest", () => {
  it("ORG is company then department; TITLE the title; NICKNAME's list is one nickname", () => {
    const card = cardOf("3.0", [
      "ORG:株式会社サンプル;営業部;第一課",
      "TITLE:課長",
      "NICKNAME:Taro,Yama\\,chan",
    ]);
    expect(card.record.profile).toEqual({
      nickname: "Taro, Yama,chan",
      company: "株式会社サンプル",
      photoUrl: null,
    });
    expect(card.record.fields.department).toBe("営業部 第一課");
    expect(card.record.fields.title).toBe("課長");
  });

  it("a card with no N is named by its FN, whole; an empty N is a company card with no name", () => {
    expect(fieldsOf("4.0", "FN:山田 太郎").familyName).toBe("山田 太郎");
    expect(fieldsOf("3.0", "N:;;;;", "FN:株式会社テスト").familyName).toBeNull();
  });

  it("the middle names stay with the given name; prefixes and suffixes have no field", () => {
    expect(fieldsOf("3.0", "N:Smith;John;Quincy;Dr.;Jr.")).toMatchObject({
      familyName: "Smith",
      givenName: "John Quincy",
    });
  });

  it("3.0 escapes: \\n, \\, \\; \\\\ and Google's \\:", () => {
    const fields = fieldsOf("3.0", "NOTE:a\\nb\\, c\\; d\\\\ e", "URL:http\\://example.com");
    expect(fields.memo).toBe("a\nb, c; d\\ e");
    expect(fields.websites).toEqual([{ label: null, value: "http://example.com" }]);
  });

  it("2.1 has no \\n escape: a backslash before n stays", () => {
    expect(fieldsOf("2.1", "NOTE:C:\\new").memo).toBe("C:\\new");
  });

  it("several NOTEs are one memo, line by line, and the memo keeps its own spaces", () => {
    expect(fieldsOf("3.0", "NOTE:  one", "NOTE:two  ").memo).toBe("  one\ntwo  ");
  });

  it("CATEGORIES are group names by default, tags on request; partnerbook's own tags travel apart", () => {
    const lines = ["CATEGORIES:VIP,取引先,VIP", "X-PARTNERBOOK-TAGS:見込み"];
    const byDefault = cardOf("3.0", lines).record;
    expect([byDefault.groupNames, byDefault.fields.tags]).toEqual([["VIP", "取引先"], ["見込み"]]);
    const asTags = cardOf("3.0", lines, { categories: "tags" }).record;
    expect([asTags.groupNames, asTags.fields.tags]).toEqual([[], ["VIP", "取引先", "見込み"]]);
  });

  it("custom fields are X-PARTNERBOOK-FIELD with their X-ABLabel", () => {
    expect(
      fieldsOf("3.0", "item1.X-PARTNERBOOK-FIELD:G-0042", "item1.X-ABLabel:社員番号").customFields,
    ).toEqual([{ label: "社員番号", value: "G-0042" }]);
  });

  it("R23: X-PARTNERBOOK-SYNCED marks the profile values that came from a linked contact's sync", () => {
    const card = cardOf("3.0", [
      "NICKNAME;X-PARTNERBOOK-SYNCED=nickname:Min",
      "ORG;X-PARTNERBOOK-SYNCED=company:Globex;Sales",
      "PHOTO;VALUE=uri:https://example.com/min.jpg",
    ]);
    expect(card.record.synced).toEqual(["nickname", "company"]);
  });

  it("properties partnerbook has no field for are kept as extras, in file order", () => {
    const card = cardOf("4.0", ["X-FOO;X-BAR=1,2:baz", "item9.GENDER:F", "N:Doe;Jane;;;"]);
    expect(card.extras).toEqual([
      { group: null, name: "X-FOO", params: { "X-BAR": ["1", "2"] }, value: "baz", line: 3 },
      { group: "item9", name: "GENDER", params: {}, value: "F", line: 4 },
    ]);
  });
});

describe("reading addresses", () => {
  it("a 4.0 ADR's LABEL parameter is the address as written", () => {
    expect(
      fieldsOf("4.0", 'ADR;TYPE=work;LABEL="東京都千代田区丸の内1-1-1^n5F":;;丸の内1-1-1;千代田区;東京都;;')
        .addresses,
    ).toEqual([{ label: "work", value: "東京都千代田区丸の内1-1-1\n5F" }]);
  });

  it("a 2.1/3.0 LABEL property is the address when the card has no ADR", () => {
    expect(
      fieldsOf("2.1", "LABEL;HOME;ENCODING=QUOTED-PRINTABLE:1 Main St=0D=0ASpringfield").addresses,
    ).toEqual([{ label: "home", value: "1 Main St\nSpringfield" }]);
  });
});

describe("reading dates", () => {
  it.each([
    ["BDAY:19850412", "1985-04-12"],
    ["BDAY:1985-04-12", "1985-04-12"],
    ["BDAY:1985-04-12T00:00:00Z", "1985-04-12"],
    ["BDAY:--0412", "--04-12"],
    ["BDAY:--04-12", "--04-12"],
    ["BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12", "--04-12"],
    ["BDAY:--0229", "--02-29"],
  ])("%s is %s", (line, date) => {
    expect(fieldsOf("4.0", line).dates).toEqual([{ label: "誕生日", date }]);
  });

  it("an impossible or free-text date is left out with INVALID_DATE", () => {
    const card = cardOf("4.0", ["BDAY:19850230", "ANNIVERSARY;VALUE=text:circa 1800", "BDAY:1900-02-29"]);
    expect(card.record.fields.dates).toEqual([]);
    expect(card.issues.map((issue) => [issue.code, issue.line, issue.property])).toEqual([
      ["INVALID_DATE", 3, "BDAY"],
      ["INVALID_DATE", 4, "ANNIVERSARY"],
      ["INVALID_DATE", 5, "BDAY"],
    ]);
  });

  it("date labels can be the reader's own words", () => {
    expect(
      cardOf("4.0", ["BDAY:--0101", "ANNIVERSARY:20000101"], {
        dateLabels: { birthday: "birthday", anniversary: "wedding" },
      }).record.fields.dates,
    ).toEqual([
      { label: "birthday", date: "--01-01" },
      { label: "wedding", date: "2000-01-01" },
    ]);
  });
});

describe("reading messengers", () => {
  it("SOCIALPROFILE, Apple's X-SOCIALPROFILE, IMPP and Google's X- services", () => {
    expect(
      fieldsOf(
        "4.0",
        "SOCIALPROFILE;VALUE=text;SERVICE-TYPE=LINE:@taro",
        "X-SOCIALPROFILE;type=twitter;x-user=taro_y:http://twitter.com/taro_y",
        "IMPP:xmpp:taro@example.com",
        "X-SKYPE:taro.skype",
      ).messengers,
    ).toEqual([
      { label: "LINE", value: "@taro" },
      { label: "twitter", value: "taro_y" },
      { label: "xmpp", value: "xmpp:taro@example.com" },
      { label: "Skype", value: "taro.skype" },
    ]);
  });
});

describe("reading photos", () => {
  it("a URL is the photo URL; base64 and data: URIs are the record's photo", () => {
    expect(cardOf("3.0", ["PHOTO;VALUE=uri:https://example.com/a.jpg"]).record.profile.photoUrl).toBe(
      "https://example.com/a.jpg",
    );
    expect(cardOf("3.0", ["PHOTO;ENCODING=b;TYPE=PNG:AQID"]).record.photo).toEqual({
      mediaType: "image/png",
      data: Uint8Array.of(1, 2, 3),
    });
    expect(cardOf("4.0", ["PHOTO:data:image/gif;base64,AQID"]).record.photo).toEqual({
      mediaType: "image/gif",
      data: Uint8Array.of(1, 2, 3),
    });
    expect(cardOf("4.0", ["PHOTO:data:,a%20b"]).record.photo).toEqual({
      mediaType: null,
      data: Uint8Array.of(97, 32, 98),
    });
  });

  it("a photo over the cap is refused before it is decoded; a photo that is no photo is refused", () => {
    const card = cardOf(
      "3.0",
      [`PHOTO;ENCODING=b;TYPE=JPEG:${"A".repeat(2000)}`, "PHOTO:ftp://example.com/a.jpg"],
      {
        maxPhotoBytes: 1000,
      },
    );
    expect(card.record.photo).toBeNull();
    expect(card.record.profile.photoUrl).toBeNull();
    expect(card.issues.map((issue) => [issue.code, issue.line])).toEqual([
      ["PHOTO_TOO_LARGE", 3],
      ["INVALID_PHOTO", 4],
    ]);
  });
});

describe("R21: what partnerbook takes", () => {
  it("R21: a list keeps 100 items and says the rest were left out, once", () => {
    const phones = Array.from({ length: 103 }, (_, i) => `TEL:090-0000-${String(i).padStart(4, "0")}`);
    const card = cardOf("3.0", phones);
    expect(card.record.fields.phones).toHaveLength(100);
    expect(card.issues).toEqual([
      { code: "TOO_MANY", line: 103, property: "TEL", message: expect.any(String) },
    ]);
  });

  it("R21: a memo over 4,000 characters is cut to 4,000, with TOO_LONG", () => {
    const card = cardOf("3.0", [`NOTE:${"あ".repeat(4100)}`]);
    expect(card.record.fields.memo).toHaveLength(4000);
    expect(card.issues.map((issue) => issue.code)).toEqual(["TOO_LONG"]);
  });

  it("text partnerbook refuses (controls, bidi overrides in a name) is left out with INVALID_TEXT", () => {
    const card = cardOf("3.0", ["N:山田\u202E;太郎;;;", "EMAIL:not-an-email"]);
    expect(card.record.fields.familyName).toBeNull();
    expect(card.record.fields.givenName).toBe("太郎");
    expect(card.issues.map((issue) => [issue.code, issue.property])).toEqual([
      ["INVALID_TEXT", "N"],
      ["INVALID_EMAIL", "EMAIL"],
    ]);
  });

  it("R14, R22: a record read from a file feeds contacts.addCustomer as it is", async () => {
    const world = aWorld();
    const { admin } = await world.book.organisations.create({
      name: "Acme",
      admin: { worksId: "sato@acme", displayName: "佐藤" },
    });
    const card = cardOf("3.0", [
      "N:山田;太郎;;;",
      "X-PHONETIC-LAST-NAME:やまだ",
      "ORG:株式会社サンプル;営業部",
      "TEL;TYPE=CELL:090-1234-5678",
      "item1.ADR:;;東京都千代田区1-1\\n5F;;;;",
      "item1.X-ABLabel:本社",
      "BDAY:--0401",
      "NOTE:メモ",
      "PHOTO;VALUE=uri:https://example.com/a.jpg",
    ]);
    const contact = await world.book.contacts.addCustomer(admin.id, newCustomerInputOf(card.record));
    expect(contact.fields).toEqual(card.record.fields);
    expect(contact.profile).toEqual(card.record.profile);
  });
});

describe("byte order marks", () => {
  it("a UTF-8 BOM is skipped; a UTF-16 file (BOM first) is read as text", () => {
    const text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;太郎;;;\r\nEND:VCARD\r\n";
    const utf8 = new TextEncoder().encode(`\uFEFF${text}`);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    for (const input of [utf8, utf16, `\uFEFF${text}`]) {
      const [entry] = readVCards(input);
      expect(entry?.ok && entry.record.fields.familyName).toBe("山田");
    }
  });
});
