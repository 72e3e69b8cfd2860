import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readVCards, writeVCardBytes } from "../../../src/interop.js";
import { fileOf, sjis } from "../support/shift-jis.js";
import { aRecord } from "./records.js";

const text = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

describe("bad input: every problem is an entry with its line, nothing throws", () => {
  it("a truncated file: the cards before are read, the open card is TRUNCATED at its BEGIN line", () => {
    const entries = readVCards(
      text("BEGIN:VCARD", "VERSION:3.0", "N:山田;;;;", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0", "N:佐藤;"),
    );
    expect(entries.map((entry) => entry.ok)).toEqual([true, false]);
    expect(entries[1]).toEqual({
      ok: false,
      line: 5,
      error: {
        code: "TRUNCATED",
        line: 5,
        property: null,
        message: "the card that starts at line 5 has no END:VCARD before the end of the file",
      },
    });
  });

  it("a card without END followed by another card: the first is TRUNCATED, the second read", () => {
    const entries = readVCards(text("BEGIN:VCARD", "N:A;;;;", "BEGIN:VCARD", "N:B;;;;", "END:VCARD"));
    expect(entries.map((entry) => (entry.ok ? entry.record.fields.familyName : entry.error.code))).toEqual([
      "TRUNCATED",
      "B",
    ]);
  });

  it("a file cut in the middle of a multi-byte character still gives an entry", () => {
    const bytes = new TextEncoder().encode(text("BEGIN:VCARD", "VERSION:4.0", "N:山田;;;;"));
    const [entry] = readVCards(bytes.subarray(0, bytes.length - 6));
    expect(entry?.ok === false && entry.error.code).toBe("TRUNCATED");
  });

  it("invalid Shift_JIS bytes: that property is left out with INVALID_BYTES at its line, the rest is read", () => {
    const file = fileOf([
      "BEGIN:VCARD",
      "VERSION:2.1",
      ["N;CHARSET=SHIFT_JIS:", sjis("山田"), ";;;;"],
      ["NOTE;CHARSET=SHIFT_JIS:", sjis("メモ"), Uint8Array.of(0x81, 0x20)],
      "TEL:090-1234-5678",
      "END:VCARD",
    ]);
    const [entry] = readVCards(file);
    expect(entry?.ok && entry.record.fields).toMatchObject({ familyName: "山田", memo: null });
    expect(entry?.ok && entry.record.fields.phones).toHaveLength(1);
    expect(entry?.ok && entry.issues).toEqual([
      {
        code: "INVALID_BYTES",
        line: 4,
        property: "NOTE",
        message: "NOTE has bytes that are not valid shift_jis",
      },
    ]);
  });

  it("a 10 MB line is not kept: LINE_TOO_LONG at its line, the card's other properties read", () => {
    const head = new TextEncoder().encode(text("BEGIN:VCARD", "VERSION:3.0", "N:山田;;;;"));
    const huge = new Uint8Array(10 * 1024 * 1024).fill(0x41);
    huge.set(new TextEncoder().encode("NOTE:"));
    const tail = new TextEncoder().encode(text("", "TEL:090-1234-5678", "END:VCARD"));
    const file = new Uint8Array(head.length + huge.length + tail.length);
    file.set(head);
    file.set(huge, head.length);
    file.set(tail, head.length + huge.length);
    const [entry] = readVCards(file, { maxLineBytes: 64 * 1024 });
    expect(entry?.ok && entry.record.fields.familyName).toBe("山田");
    expect(entry?.ok && entry.record.fields.memo).toBeNull();
    expect(entry?.ok && entry.record.fields.phones).toHaveLength(1);
    expect(entry?.ok && entry.issues).toEqual([
      {
        code: "LINE_TOO_LONG",
        line: 4,
        property: "NOTE",
        message: "NOTE is longer than 65536 bytes and was left out",
      },
    ]);
  });

  it("a card over the size cap is CARD_TOO_LARGE; the next card is read", () => {
    const notes = Array.from({ length: 50 }, () => `NOTE:${"x".repeat(100)}`);
    const entries = readVCards(
      text("BEGIN:VCARD", ...notes, "END:VCARD", "BEGIN:VCARD", "N:B;;;;", "END:VCARD"),
      { maxCardBytes: 2000 },
    );
    expect(entries.map((entry) => (entry.ok ? entry.record.fields.familyName : entry.error.code))).toEqual([
      "CARD_TOO_LARGE",
      "B",
    ]);
  });

  it("a card of a hundred thousand one-byte lines is CARD_TOO_LARGE, not a hundred thousand issues", () => {
    const lines = Array.from({ length: 100_000 }, () => "x");
    const [entry] = readVCards(text("BEGIN:VCARD", "VERSION:3.0", ...lines, "END:VCARD"));
    expect(entry?.ok === false && entry.error.code).toBe("CARD_TOO_LARGE");
  });

  it("lines outside any card are one NOT_A_VCARD entry per run, naming the lines", () => {
    const entries = readVCards(text("hello", "world", "BEGIN:VCARD", "N:A;;;;", "END:VCARD", "END:VCARD"));
    expect(entries.map((entry) => (entry.ok ? "card" : [entry.error.code, entry.error.message]))).toEqual([
      ["NOT_A_VCARD", "lines 1–2 are not inside BEGIN:VCARD … END:VCARD"],
      "card",
      ["NOT_A_VCARD", "line 6 is not inside BEGIN:VCARD … END:VCARD"],
    ]);
  });

  it("a line with no colon is MALFORMED_LINE; an unknown VERSION is read as 4.0 and said", () => {
    const [entry] = readVCards(text("BEGIN:VCARD", "VERSION:5.0", "N:A;;;;", "garbage", "END:VCARD"));
    expect(entry?.ok && [entry.version, entry.issues.map((issue) => [issue.code, issue.line])]).toEqual([
      "4.0",
      [
        ["UNKNOWN_VERSION", 2],
        ["MALFORMED_LINE", 4],
      ],
    ]);
  });

  it("a 2.1 AGENT's own card inside a card is not taken for the card", () => {
    const entries = readVCards(
      text(
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:Boss;;;;",
        "AGENT:",
        "BEGIN:VCARD",
        "N:Agent;;;;",
        "END:VCARD",
        "TEL:090-1234-5678",
        "END:VCARD",
      ),
    );
    expect(entries).toHaveLength(1);
    expect(
      entries[0]?.ok && [entries[0].record.fields.familyName, entries[0].record.fields.phones.length],
    ).toEqual(["Boss", 1]);
  });

  it("a charset the platform does not know is UNKNOWN_CHARSET on that property", () => {
    const [entry] = readVCards(
      fileOf([
        "BEGIN:VCARD",
        "VERSION:2.1",
        ["NOTE;CHARSET=X-KLINGON:", Uint8Array.of(0xe3, 0x81)],
        "END:VCARD",
      ]),
    );
    expect(entry?.ok && entry.issues.map((issue) => issue.code)).toEqual(["UNKNOWN_CHARSET"]);
  });

  it("never throws, whatever the bytes, and every entry's line is a line of the input", () => {
    const valid = writeVCardBytes(
      aRecord(
        {
          familyName: "山田",
          memo: "メモ\n二行目",
          phones: [{ label: "携帯", e164: "+819012345678", raw: "090-1234-5678" }],
        },
        { photo: { mediaType: "image/jpeg", data: Uint8Array.of(1, 2, 3) } },
      ),
      { version: "2.1" },
    );
    const mutated = fc
      .array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 12 })
      .map((edits) => {
        const bytes = valid.slice();
        for (const { at, byte } of edits) bytes[at % bytes.length] = byte;
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated), (bytes) => {
        const lines = bytes.filter((byte) => byte === 0x0a || byte === 0x0d).length + 1;
        for (const entry of readVCards(bytes)) {
          const line = entry.ok ? entry.line : entry.error.line;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lines);
        }
      }),
    );
  });
});
