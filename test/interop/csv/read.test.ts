import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvEntry, createCsvReader, iterateCsv, readCsv, streamCsv } from "../../../src/interop.js";
import { sjis } from "../support/shift-jis.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const names = (entries: readonly CsvEntry[]) =>
  entries.map((entry) =>
    entry.ok
      ? [entry.line, entry.record.fields.familyName, entry.record.fields.memo]
      : [entry.line, entry.error.code],
  );

describe("rows (RFC 4180)", () => {
  it("quoted cells with delimiters, doubled quotes and CRLF, LF or CR inside; rows ended by CRLF, LF or CR; lines counted", () => {
    const text = 'Last Name,Notes\r\n"A,1","say ""hi""\r\nline 2"\nB,"x\ry"\rC,\n"D",""';
    expect(names(readCsv(text))).toEqual([
      [2, "A,1", 'say "hi"\nline 2'],
      [4, "B", "x\ny"],
      [6, "C", null],
      [7, "D", null],
    ]);
  });

  it("any chunking of the bytes gives the same entries: a split quoted line break, CRLF or UTF-8 character is whole again", () => {
    const bytes = utf8('姓,メモ\r\n"山田","一行目\r\n二行目"\r\n佐藤,"a""b"\r\n');
    const whole = readCsv(bytes);
    expect(names(whole)).toEqual([
      [2, "山田", "一行目\n二行目"],
      [4, "佐藤", 'a"b'],
    ]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 8 }), (points) => {
        const at = [...new Set([0, ...points, bytes.length])].sort((a, b) => a - b);
        const chunks = at.slice(1).map((to, i) => bytes.slice(at[i], to));
        expect(readCsv(bytes)).toEqual([...iterateCsv(chunks)]);
      }),
    );
  });

  it("the four forms give the same entries", async () => {
    const bytes = utf8("Last Name,Phone\n山田,090-1234-5678\n佐藤,bad\n");
    const whole = readCsv(bytes);
    expect(readCsv(new TextDecoder().decode(bytes))).toEqual(whole);
    const reader = createCsvReader();
    expect([...bytes].flatMap((byte) => reader.push(Uint8Array.of(byte))).concat(reader.end())).toEqual(
      whole,
    );
    const streamed: CsvEntry[] = [];
    for await (const entry of streamCsv(new Blob([bytes]).stream())) streamed.push(entry);
    expect(streamed).toEqual(whole);
    expect(whole[1]).toMatchObject({
      ok: true,
      issues: [{ code: "INVALID_PHONE", line: 3, column: "Phone" }],
    });
  });

  it("a UTF-16 file (BOM) and a UTF-8 BOM are read as such; a BOM in text is skipped", () => {
    const text = "Last Name,Given Name\r\n山田,太郎\r\n";
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const expected = readCsv(text);
    expect(readCsv(le)).toEqual(expected);
    expect(readCsv(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8(text)))).toEqual(expected);
    expect(readCsv(`\ufeff${text}`)).toEqual(expected);
  });

  it("`;` and tab delimiters", () => {
    expect(names(readCsv("Last Name;Notes\nA;b,c\n", { delimiter: ";" }))).toEqual([[2, "A", "b,c"]]);
    expect(names(readCsv("Last Name\tNotes\nA\tb\n", { delimiter: "\t" }))).toEqual([[2, "A", "b"]]);
  });
});

describe("bad input: an entry or an issue with its line, never a throw", () => {
  it("a quoted cell still open at the end of the file is TRUNCATED at the line its row starts", () => {
    expect(names(readCsv('Last Name,Notes\nA,b\nB,"open\nmore'))).toEqual([
      [2, "A", "b"],
      [3, "TRUNCATED"],
    ]);
  });

  it("a 10 MB row is ROW_TOO_LARGE, let go as it grows, and the next row is read", () => {
    const big = new Uint8Array(10 << 20).fill(0x61);
    const chunks = [utf8("Last Name,Notes\nA,"), big, utf8('\n"B","ok"\n')];
    expect(names([...iterateCsv(chunks)])).toEqual([
      [2, "ROW_TOO_LARGE"],
      [3, "B", "ok"],
    ]);
    // Quoted, with line breaks inside: the row ends where its quote closes, not at a line break.
    const quoted = [utf8('Last Name,Notes\nA,"'), big, utf8('\n\n"\nC,x\n')];
    expect(names([...iterateCsv(quoted, { maxRowBytes: 1 << 20 })])).toEqual([
      [2, "ROW_TOO_LARGE"],
      [5, "C", "x"],
    ]);
  });

  it("bytes valid in neither charset: INVALID_BYTES for that row only", () => {
    // The header settles Shift_JIS; 0x81 0x20 is a lead byte with no trail.
    const bytes = Uint8Array.of(
      ...sjis("姓,名\r\n山田,花子\r\n"),
      0x81,
      0x20,
      0x2c,
      0x41,
      0x0d,
      0x0a,
      ...sjis("安藤,ロイド\r\n"),
    );
    expect(names(readCsv(bytes))).toEqual([
      [2, "山田", null],
      [3, "INVALID_BYTES"],
      [4, "安藤", null],
    ]);
    expect(names(readCsv(utf8("姓\n山田\n"), { charset: "x-no-such" }))).toEqual([
      [1, "UNKNOWN_CHARSET"],
      [2, "UNKNOWN_CHARSET"],
    ]);
  });

  it("ragged rows: short rows are read, cells past the header are reported", () => {
    const entries = readCsv("Last Name,Given Name,Notes\nA\nB,b,n,extra,\n");
    expect(names(entries)).toEqual([
      [2, "A", null],
      [3, "B", "n"],
    ]);
    expect(entries[1]).toMatchObject({ issues: [{ code: "EXTRA_CELLS", line: 3, column: null }] });
  });

  it("a stray quote is kept as text and reported", () => {
    const entries = readCsv('Last Name\nO"Brien\n"Sm"ith\n');
    expect(entries.map((e) => e.ok && [e.record.fields.familyName, e.issues.map((i) => i.code)])).toEqual([
      ['O"Brien', ["STRAY_QUOTE"]],
      ["Smith", ["STRAY_QUOTE"]],
    ]);
  });

  it("an empty file, a header only, blank lines and rows of empty cells give nothing", () => {
    expect(readCsv(new Uint8Array(0))).toEqual([]);
    expect(readCsv("")).toEqual([]);
    expect(readCsv("Last Name,Given Name\r\n")).toEqual([]);
    expect(readCsv("\n\nLast Name,Given Name\n\n,\n,,\n")).toEqual([]);
  });

  it("a header partnerbook knows nothing of: NO_KNOWN_COLUMNS, and the rows are not read", () => {
    expect(names(readCsv("a,b\n1,2\n"))).toEqual([[1, "NO_KNOWN_COLUMNS"]]);
  });

  it("R21: values over their limits are cut and reported; more than 100 items are left out", () => {
    const header = ["Last Name", ...Array.from({ length: 101 }, (_, i) => `E-mail ${i + 1} - Value`)].join(
      ",",
    );
    const row = ["x".repeat(150), ...Array.from({ length: 101 }, (_, i) => `a${i}@example.jp`)].join(",");
    const [entry] = readCsv(`${header}\n${row}\n`);
    if (!entry?.ok) throw new Error("no record");
    expect(entry.record.fields.familyName).toHaveLength(100);
    expect(entry.record.fields.emails).toHaveLength(100);
    expect(entry.issues.map((issue) => issue.code)).toEqual(["TOO_LONG", "TOO_MANY"]);
  });

  it("no bytes whatever make a reader throw", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom("auto", "utf-8", "shift_jis"),
        (bytes, charset) => {
          const withHeader = Uint8Array.of(...utf8("Last Name,Phone,Notes\n"), ...bytes);
          expect(() => readCsv(withHeader, { charset, maxRowBytes: 64 })).not.toThrow();
          expect(() => readCsv(bytes, { charset })).not.toThrow();
        },
      ),
    );
  });
});
