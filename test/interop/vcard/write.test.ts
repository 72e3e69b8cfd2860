import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ContactRecord,
  contactRecordOf,
  readVCards,
  writeVCard,
  writeVCardBytes,
} from "../../../src/interop.js";
import { aWorld, twoLinkableMembers } from "../../support/builders.js";
import { aRecord } from "./records.js";

const taro = aRecord({
  familyName: "山田",
  givenName: "太郎",
  familyNameReading: "やまだ",
  givenNameReading: "たろう",
  phones: [{ label: "mobile", e164: "+819012345678", raw: "090-1234-5678" }],
});

/** The lines of a card, unfolded, without BEGIN/VERSION/PRODID/END. */
const linesOf = (vcf: string) =>
  vcf
    .replaceAll("\r\n ", "")
    .split("\r\n")
    .filter((line) => line !== "" && !/^(BEGIN|VERSION|PRODID|END):/.test(line));

describe("writing vCard 3.0 and 4.0", () => {
  it("3.0: N, FN and the readings as X-PHONETIC-*, which Apple, Google and Android import", () => {
    expect(linesOf(writeVCard(taro))).toEqual([
      "N:山田;太郎;;;",
      "FN:山田 太郎",
      "X-PHONETIC-LAST-NAME:やまだ",
      "X-PHONETIC-FIRST-NAME:たろう",
      "TEL;TYPE=CELL:090-1234-5678",
    ]);
  });

  it("4.0: RFC 9554's phonetic N paired with the name by ALTID, SORT-AS on the name, X-PHONETIC-* too", () => {
    expect(linesOf(writeVCard(taro, { version: "4.0" }))).toEqual([
      'N;ALTID=1;SORT-AS="やまだ,たろう":山田;太郎;;;',
      "N;ALTID=1;PHONETIC=script;SCRIPT=Hira:やまだ;たろう;;;",
      "FN;DERIVED=TRUE:山田 太郎",
      "X-PHONETIC-LAST-NAME:やまだ",
      "X-PHONETIC-FIRST-NAME:たろう",
      "TEL;TYPE=cell:090-1234-5678",
    ]);
  });

  it("every line is at most 75 octets, and no fold splits a character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }), (memo) => {
        const vcf = writeVCard(aRecord({ familyName: "山田", memo }), { version: "4.0" });
        const encoder = new TextEncoder();
        for (const line of vcf.split("\r\n")) {
          const bytes = encoder.encode(line);
          expect(bytes.length).toBeLessThanOrEqual(75);
          expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toBe(line);
        }
      }),
    );
  });

  it("text is escaped: \\ ; , and line breaks", () => {
    const vcf = writeVCard(aRecord({ familyName: "a;b", memo: "x\\y, z\nw" }));
    expect(linesOf(vcf)).toContain("N:a\\;b;;;;");
    expect(linesOf(vcf)).toContain("NOTE:x\\\\y\\, z\\nw");
  });

  it("a known label is a TYPE, any other an X-ABLabel of the property's group, a synonym both", () => {
    const record = aRecord({
      phones: [
        { label: "work fax", e164: "+81312345678", raw: "03-1234-5678" },
        { label: "大阪支社", e164: "+81661234567", raw: "06-6123-4567" },
        { label: "携帯", e164: "+819012345678", raw: "090-1234-5678" },
      ],
    });
    expect(linesOf(writeVCard(record)).filter((line) => /TEL|X-ABLabel/.test(line))).toEqual([
      "TEL;TYPE=WORK,FAX:03-1234-5678",
      "item1.TEL:06-6123-4567",
      "item1.X-ABLabel:大阪支社",
      "item2.TEL;TYPE=CELL:090-1234-5678",
      "item2.X-ABLabel:携帯",
    ]);
  });

  it("R8: a phone whose text does not read as its E.164 number in the region is written as E.164", () => {
    const record = aRecord({ phones: [{ label: null, e164: "+14155552671", raw: "(415) 555-2671" }] });
    expect(linesOf(writeVCard(record))).toContain("TEL:+14155552671");
    expect(linesOf(writeVCard(record, { version: "4.0" }))).toContain("TEL;VALUE=uri:tel:+14155552671");
    expect(linesOf(writeVCard(record, { region: "US" }))).toContain("TEL:(415) 555-2671");
  });

  it("dates: BDAY, ANNIVERSARY in 4.0, Apple's X-ABDATE with labels otherwise; yearless in each version's form", () => {
    const record = aRecord({
      dates: [
        { label: "誕生日", date: "--04-01" },
        { label: "記念日", date: "1999-10-10" },
        { label: "創立記念日", date: "2001-02-03" },
      ],
    });
    expect(linesOf(writeVCard(record)).filter((line) => !/^(N|FN):/.test(line))).toEqual([
      "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-01",
      "item1.X-ABDATE:1999-10-10",
      "item1.X-ABLabel:_$!<Anniversary>!$_",
      "item2.X-ABDATE:2001-02-03",
      "item2.X-ABLabel:創立記念日",
    ]);
    expect(
      linesOf(writeVCard(record, { version: "4.0" })).filter((line) => !/^(N|FN)[;:]/.test(line)),
    ).toEqual([
      "BDAY:--0401",
      "ANNIVERSARY:19991010",
      "item1.X-ABDATE:20010203",
      "item1.X-ABLabel:創立記念日",
    ]);
  });

  it("2.1 is written as bytes only", () => {
    expect(() => writeVCard(taro, { version: "2.1" as "3.0" })).toThrow(RangeError);
  });
});

describe("writing vCard 2.1 for older Japanese phones", () => {
  const record = aRecord({
    ...taro.fields,
    memo: "一行目\n二行目",
    addresses: [
      { label: "home", value: "東京都渋谷区桜丘町26-1 セルリアンタワー6階 株式会社サンプル 営業部 御中" },
    ],
  });
  const bytes = writeVCardBytes(record, { version: "2.1" });
  const lines = new TextDecoder("shift_jis").decode(bytes).split("\r\n");

  it("Shift_JIS with CHARSET, readings also as SOUND;X-IRMC-N, bare TYPE parameters", () => {
    expect(lines.slice(0, 8)).toEqual([
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N;CHARSET=SHIFT_JIS:山田;太郎;;;",
      "FN;CHARSET=SHIFT_JIS:山田 太郎",
      "X-PHONETIC-LAST-NAME;CHARSET=SHIFT_JIS:やまだ",
      "X-PHONETIC-FIRST-NAME;CHARSET=SHIFT_JIS:たろう",
      "SOUND;X-IRMC-N;CHARSET=SHIFT_JIS:やまだ;たろう;;;",
      "TEL;CELL:090-1234-5678",
    ]);
  });

  it("quoted-printable for line breaks and long values, every line within 75 octets", () => {
    const ascii = new TextDecoder("latin1").decode(bytes).split("\r\n");
    const unbroken = new TextDecoder("latin1").decode(bytes).replaceAll("=\r\n", "").split("\r\n");
    expect(unbroken).toContain(
      "NOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=88=EA=8D=73=96=DA=0D=0A=93=F1=8D=73=96=DA",
    );
    expect(ascii.find((line) => line.startsWith("ADR;"))).toMatch(
      /^ADR;HOME;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:;;=93=8C/,
    );
    for (const line of ascii) expect(line.length).toBeLessThanOrEqual(75);
  });

  it("a value with a character Shift_JIS lacks goes as UTF-8, so nothing is lost", () => {
    const written = writeVCardBytes(aRecord({ familyName: "𠮷野" }), { version: "2.1" });
    const [entry] = readVCards(written);
    expect(entry?.ok && entry.record.fields.familyName).toBe("𠮷野");
    expect(new TextDecoder("latin1").decode(written)).toContain("N;CHARSET=UTF-8:");
  });
});

describe("R23: a linked contact's synced fields", () => {
  it("R23: are written and marked, and a re-import knows them as synced", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const group = await world.book.groups.create(sato.id, { name: "取引先" });
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const grouped = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { groups: [group.id] },
      { expectedVersion: 1 },
    );
    const record = contactRecordOf(grouped, new Map([[group.id, group.name]]));
    expect(record.synced).toEqual(["nickname", "company"]);
    for (const version of ["3.0", "4.0", "2.1"] as const) {
      const [entry] = readVCards(writeVCardBytes(record, { version }));
      expect(entry?.ok && entry.record).toEqual(record);
    }
    expect(writeVCard(record)).toContain("NICKNAME;X-PARTNERBOOK-SYNCED=nickname:Min");
    expect(writeVCard(record)).toContain("CATEGORIES:取引先");
  });

  it("a customer contact has nothing synced, and groups unknown to the map are left out", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const group = await world.book.groups.create(sato.id, { name: "VIP" });
    const contact = await world.book.contacts.addCustomer(sato.id, {
      familyName: "山田",
      emails: [{ address: "taro@example.jp" }],
      company: "株式会社サンプル",
      groups: [group.id],
    });
    const record: ContactRecord = contactRecordOf(contact);
    expect(record).toMatchObject({ synced: [], groupNames: [], profile: { company: "株式会社サンプル" } });
  });
});
