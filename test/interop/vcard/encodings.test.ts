import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { charsetLabel, decodeBytes } from "../../../src/interop/charset.js";
import { shiftJisBytes } from "../../../src/interop/shift-jis.js";
import { decodeBase64, encodeBase64 } from "../../../src/interop/vcard/base64.js";
import { decodeQuotedPrintable, encodeQuotedPrintable } from "../../../src/interop/vcard/quoted-printable.js";
import { sjis } from "../support/shift-jis.js";

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe("quoted-printable", () => {
  it("=XX is a byte, in either case, and other characters are themselves", () => {
    expect(decodeQuotedPrintable(ascii("a=3Db=e3=81=82 c")).bytes).toEqual(
      Uint8Array.from([0x61, 0x3d, 0x62, 0xe3, 0x81, 0x82, 0x20, 0x63]),
    );
  });

  it("an = not followed by two hex digits stays, marked unclean; a last = (an unjoined soft break) goes", () => {
    expect(decodeQuotedPrintable(ascii("1+1=2"))).toEqual({ bytes: ascii("1+1=2"), clean: false });
    expect(decodeQuotedPrintable(ascii("abc="))).toEqual({ bytes: ascii("abc"), clean: true });
  });

  it("encoding never splits a character's bytes across a soft break, and every line fits 75 octets", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 120 }),
        fc.integer({ min: 0, max: 70 }),
        (text, used) => {
          const encoder = new TextEncoder();
          const units = Array.from(text, (char) => encoder.encode(char));
          const encoded = encodeQuotedPrintable(units, used);
          const lines = encoded.split("\r\n");
          lines.forEach((line, i) => {
            expect(line.length + (i === 0 ? used : 0)).toBeLessThanOrEqual(75);
          });
          // Each line between soft breaks holds whole characters.
          for (const line of lines) {
            const bytes = decodeQuotedPrintable(ascii(line.endsWith("=") ? line.slice(0, -1) : line)).bytes;
            expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).not.toThrow();
          }
          const joined = decodeQuotedPrintable(ascii(encoded.replaceAll("=\r\n", ""))).bytes;
          expect(new TextDecoder().decode(joined)).toBe(text);
        },
      ),
    );
  });

  it("a space at the very end is encoded, so no reader trims it", () => {
    expect(encodeQuotedPrintable([ascii("a"), ascii(" ")], 0)).toBe("a=20");
    expect(encodeQuotedPrintable([ascii(" "), ascii("a")], 0)).toBe(" a");
  });
});

describe("base64", () => {
  it("round-trips any bytes, and decoding skips folded white space", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const encoded = encodeBase64(bytes);
        expect(decodeBase64(encoded)).toEqual(bytes);
        expect(decodeBase64(encoded.replace(/(.{10})/g, "$1\r\n  "))).toEqual(bytes);
      }),
    );
  });

  it("anything but base64 and white space is refused", () => {
    expect(decodeBase64("AAA*")).toBeNull();
    expect(decodeBase64("AA==AA")).toBeNull();
  });
});

describe("charsets", () => {
  it("Shift_JIS is CP932: ㈱, ① and half-width katakana decode", () => {
    expect(decodeBytes(sjis("㈱①ｱﾝ"), "SHIFT_JIS", null)).toEqual({ ok: true, text: "㈱①ｱﾝ" });
  });

  it.each([
    ["SJIS", "shift_jis"],
    ["Windows-31J", "shift_jis"],
    ["cp932", "shift_jis"],
    ["JIS", "iso-2022-jp"],
    ["UTF8", "utf-8"],
    ["ISO-8859-1", "iso-8859-1"],
  ])("the charset name %s is read as %s", (name, label) => {
    expect(charsetLabel(name)).toBe(label);
  });

  it("ISO-2022-JP decodes, escapes and all", () => {
    const bytes = Uint8Array.from([0x1b, 0x24, 0x42, 0x3b, 0x33, 0x45, 0x44, 0x1b, 0x28, 0x42]); // 山田
    expect(decodeBytes(bytes, "ISO-2022-JP", null)).toEqual({ ok: true, text: "山田" });
  });

  it("bytes that are not valid in a declared charset are INVALID_BYTES, with no second guess", () => {
    expect(decodeBytes(Uint8Array.from([0x81]), "SHIFT_JIS", null)).toEqual({
      ok: false,
      code: "INVALID_BYTES",
      charset: "shift_jis",
    });
  });

  it("a value in no charset that is not UTF-8 is tried in the fallback", () => {
    expect(decodeBytes(sjis("山田"), null, "shift_jis")).toEqual({ ok: true, text: "山田" });
    expect(decodeBytes(sjis("山田"), null, null).ok).toBe(false);
  });

  it("a charset the platform does not know is UNKNOWN_CHARSET, unless the bytes are plain ASCII", () => {
    expect(decodeBytes(Uint8Array.from([0xe3]), "x-klingon", null)).toEqual({
      ok: false,
      code: "UNKNOWN_CHARSET",
      charset: "x-klingon",
    });
    expect(decodeBytes(ascii("abc"), "x-klingon", null)).toEqual({ ok: true, text: "abc" });
  });
});

describe("the Shift_JIS encoder", () => {
  it("agrees with the hand table of the fixtures for every character in it", () => {
    for (const char of "安藤ロイド山田花子株式会社ソフト表参道メモ２行目ビル㈱①\u3000ｱﾝﾄﾞｳ") {
      const point = char.codePointAt(0) as number;
      expect(shiftJisBytes(point), char).toEqual(sjis(char));
    }
  });

  it("writes what TextDecoder('shift_jis') reads back, for every character it can write", () => {
    const decoder = new TextDecoder("shift_jis", { fatal: true });
    let written = 0;
    for (let point = 0; point <= 0xffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const bytes = shiftJisBytes(point);
      if (bytes === null) continue;
      written++;
      expect(decoder.decode(bytes)).toBe(String.fromCodePoint(point));
    }
    // JIS X 0208, the NEC and IBM extensions, user-defined codes, ASCII and half-width kana.
    expect(written).toBeGreaterThan(9_000);
  });

  it("has nothing for characters outside Shift_JIS", () => {
    expect(shiftJisBytes(0x1f600)).toBeNull(); // 😀
    expect(shiftJisBytes(0x20bb7)).toBeNull(); // 𠮷
    expect(shiftJisBytes(0x00e9)).toBeNull(); // é
  });
});
