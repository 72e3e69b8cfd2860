import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guardCell, unguardCell } from "../../../src/interop/csv/formula.js";
import {
  createCsvWriter,
  csvRowsOf,
  readCsv,
  writeCsv,
  writeCsvBytes,
  writeCsvStream,
} from "../../../src/interop.js";
import { aRecord } from "../vcard/records.js";

const yamada = aRecord(
  {
    familyName: "山田",
    givenName: "太郎",
    phones: [
      { label: "携帯", raw: "090-1234-5678", e164: "+819012345678" },
      { label: null, raw: "+81 3-1234-5678", e164: "+81312345678" },
    ],
    dates: [{ label: "誕生日", date: "--04-12" }],
    memo: '=HYPERLINK("http://evil")',
  },
  { groupNames: ["取引先", "重要"] },
);

describe("writing", () => {
  it("partnerbook's Japanese and English headers, lists in as many numbered columns as the longest needs", () => {
    expect(csvRowsOf([yamada])[0]).toEqual([
      "姓",
      "名",
      "姓(フリガナ)",
      "名(フリガナ)",
      "ニックネーム",
      "会社名",
      "部署",
      "役職",
      "電話番号1 ラベル",
      "電話番号1",
      "電話番号2 ラベル",
      "電話番号2",
      "日付1 ラベル",
      "日付1",
      "メモ",
      "グループ",
      "タグ",
      "写真URL",
    ]);
    const en = csvRowsOf([yamada], { headers: "en", columns: { emails: 1, phones: 1 } })[0];
    expect(en?.slice(8, 12)).toEqual([
      "Phone 1 - Label",
      "Phone 1 - Value",
      "E-mail 1 - Label",
      "E-mail 1 - Value",
    ]);
    expect(writeCsv([yamada]).split("\r\n")[1]).toBe(
      `山田,太郎,,,,,,,携帯,090-1234-5678,,'+81 3-1234-5678,誕生日,'--04-12,"'=HYPERLINK(""http://evil"")",取引先 ::: 重要,,`,
    );
  });

  it("formula injection: cells starting with = + - @ tab or CR get a leading ', which the reader takes off (property)", () => {
    expect(guardCell("+81 90")).toBe("'+81 90");
    expect(guardCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(guardCell("'=x")).toBe("''=x");
    expect(guardCell("'plain")).toBe("'plain");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "\t", "\r", "a", " ") }),
        (value) => {
          const cell = guardCell(value);
          expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
          expect(unguardCell(cell)).toBe(value);
        },
      ),
    );
    const [entry] = readCsv(writeCsv([yamada]));
    expect(entry?.ok && entry.record).toEqual(yamada);
  });

  it("R8: a phone that does not read as itself in the region is written as E.164", () => {
    const rows = csvRowsOf([yamada], { region: "US" });
    expect(rows[1]?.slice(8, 12)).toEqual(["携帯", "'+819012345678", "", "'+81 3-1234-5678"]);
  });

  it("UTF-8 with a BOM by default, or without", () => {
    const bom = writeCsvBytes([yamada]);
    expect(bom.ok && [...bom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const plain = writeCsvBytes([yamada], { bom: false });
    // 姓 is U+59D3, E5 A7 93 in UTF-8.
    expect(plain.ok && [...plain.bytes.subarray(0, 3)]).toEqual([0xe5, 0xa7, 0x93]);
  });

  it("Shift_JIS: a character it lacks is written as ? and reported, or the whole file refused", () => {
    const record = aRecord({ familyName: "𠮷田", givenName: "太郎😀" });
    const replaced = writeCsvBytes([yamada, record], { charset: "shift_jis" });
    if (!replaced.ok) throw new Error("refused");
    expect(replaced.issues).toEqual([
      { code: "UNENCODABLE", record: 1, character: "𠮷" },
      { code: "UNENCODABLE", record: 1, character: "😀" },
    ]);
    const back = readCsv(replaced.bytes).flatMap((e) => (e.ok ? [e.record.fields] : []));
    expect(back.map((f) => [f.familyName, f.givenName])).toEqual([
      ["山田", "太郎"],
      ["?田", "太郎?"],
    ]);
    expect(writeCsvBytes([record], { charset: "shift_jis", unencodable: "refuse" })).toEqual({
      ok: false,
      issues: [
        { code: "UNENCODABLE", record: 0, character: "𠮷" },
        { code: "UNENCODABLE", record: 0, character: "😀" },
      ],
    });
  });

  it("fixed columns: items past them are left out and reported", () => {
    const writer = createCsvWriter({ columns: { phones: 1 } });
    const text = writer.header() + writer.row(yamada);
    expect(writer.issues).toEqual([{ code: "LEFT_OUT", record: 0, field: "phones" }]);
    const [entry] = readCsv(text);
    expect(entry?.ok && entry.record.fields.phones).toEqual([yamada.fields.phones[0]]);
  });

  it("the stream writes a header and one chunk per record, from an async iterable, and reads back the same", async () => {
    async function* records() {
      for (let i = 0; i < 50; i++) yield aRecord({ familyName: `山田${i}`, tags: ["a"] });
      yield aRecord({ familyName: "𠮷", phones: [...yamada.fields.phones, ...yamada.fields.phones] });
    }
    const issues: unknown[] = [];
    const chunks: Uint8Array[] = [];
    for await (const chunk of writeCsvStream(records(), {
      charset: "shift_jis",
      onIssue: (i) => issues.push(i),
    }))
      chunks.push(chunk);
    expect(chunks).toHaveLength(52);
    expect(issues).toEqual([
      { code: "LEFT_OUT", record: 50, field: "phones" },
      { code: "UNENCODABLE", record: 50, character: "𠮷" },
    ]);
    const read = readCsv(new Uint8Array(await new Blob(chunks).arrayBuffer()));
    expect(read.map((e) => e.ok && e.record.fields.familyName)).toEqual([
      ...Array.from({ length: 50 }, (_, i) => `山田${i}`),
      "?",
    ]);
  });
});
