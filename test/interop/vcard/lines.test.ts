import { describe, expect, it } from "vitest";
import { lineSplitter, type PhysicalLine } from "../../../src/interop/vcard/lines.js";
import { type ContentLineBytes, unfolder } from "../../../src/interop/vcard/unfold.js";
import { readVCards } from "../../../src/interop.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function split(chunks: readonly Uint8Array[], max = 1000): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  const splitter = lineSplitter(max, (line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

function unfold(lines: readonly string[], keepFoldingSpace = false, max = 1000): ContentLineBytes[] {
  const out: ContentLineBytes[] = [];
  const unfolding = unfolder(max, (line) => out.push(line));
  unfolding.keepFoldingSpace = keepFoldingSpace;
  lines.forEach((line, i) => {
    const bytes = utf8(line);
    unfolding.line({ bytes, number: i + 1, cut: false, last: bytes.at(-1) ?? -1 });
  });
  unfolding.end();
  return out;
}

/** Bytes with a fold (CRLF + space) inserted after byte `at`. */
function foldedAt(bytes: Uint8Array, at: number): Uint8Array {
  return Uint8Array.from([...bytes.subarray(0, at), 0x0d, 0x0a, 0x20, ...bytes.subarray(at)]);
}

describe("splitting bytes into lines", () => {
  it("CRLF, LF and a lone CR each end a line, and a CRLF split between chunks ends one line", () => {
    const lines = split([utf8("a\r\nb\nc\rd\r"), utf8("\ne")]);
    expect(lines.map((line) => [line.number, text(line.bytes)])).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
      [4, "d"],
      [5, "e"],
    ]);
  });

  it("a line longer than the cap keeps only its start, is marked cut, and still knows its last byte", () => {
    const [line, next] = split([utf8(`NOTE:${"x".repeat(50)}=`), utf8("\r\nEND")], 10);
    expect(text(line?.bytes ?? new Uint8Array())).toBe("NOTE:xxxxx");
    expect(line?.cut).toBe(true);
    expect(line?.last).toBe(0x3d);
    expect(next?.cut).toBe(false);
  });

  it("a chunk's tail is copied, so a caller may reuse its buffer", () => {
    const lines: PhysicalLine[] = [];
    const splitter = lineSplitter(100, (line) => lines.push(line));
    const buffer = utf8("abc");
    splitter.push(buffer);
    buffer.fill(0x7a);
    splitter.push(utf8("\n"));
    expect(text(lines[0]?.bytes ?? new Uint8Array())).toBe("abc");
  });
});

describe("unfolding content lines", () => {
  it("RFC 6350 §3.2: a line starting with a space or tab continues the previous one, less that one character", () => {
    const [line] = unfold(["NOTE:one", " two", "\t three"]);
    expect(text(line?.bytes ?? new Uint8Array())).toBe("NOTE:onetwo three");
    expect(line?.line).toBe(1);
  });

  it("vCard 2.1 unfolds to the white space itself", () => {
    const [line] = unfold(["NOTE:one", " two"], true);
    expect(text(line?.bytes ?? new Uint8Array())).toBe("NOTE:one two");
  });

  it("a quoted-printable soft break joins the next line verbatim, its leading space included", () => {
    const [line, next] = unfold(["NOTE;ENCODING=QUOTED-PRINTABLE:a=", " b=", "c", "TEL:1"]);
    expect(text(line?.bytes ?? new Uint8Array())).toBe("NOTE;ENCODING=QUOTED-PRINTABLE:a bc");
    expect(next?.line).toBe(4);
  });

  it("a 2.1 base64 value runs over unindented lines to an empty line", () => {
    const lines = unfold(["PHOTO;ENCODING=BASE64;TYPE=JPEG:", "AAAA", "BBBB", "", "TEL:1"]);
    expect(lines.map((line) => text(line.bytes))).toEqual([
      "PHOTO;ENCODING=BASE64;TYPE=JPEG:AAAABBBB",
      "TEL:1",
    ]);
  });

  it("a base64 value ends at the next line with a colon even without an empty line", () => {
    const lines = unfold(["PHOTO;BASE64:", "AAAA", "END:VCARD"]);
    expect(lines.map((line) => text(line.bytes))).toEqual(["PHOTO;BASE64:AAAA", "END:VCARD"]);
  });

  it("a content line longer than the cap is marked cut", () => {
    const [line] = unfold(["NOTE:abc", " defghij"], false, 8);
    expect(line?.cut).toBe(true);
    expect(text(line?.bytes ?? new Uint8Array())).toBe("NOTE:abc");
  });
});

describe("a fold inside a multi-byte character", () => {
  const card = utf8("BEGIN:VCARD\r\nVERSION:4.0\r\nN:山田;太郎;;;\r\nNOTE:東京タワー🗼\r\nEND:VCARD\r\n");

  it("at every byte of every character of the value, the value still decodes as written", () => {
    const start = utf8("BEGIN:VCARD\r\nVERSION:4.0\r\nN:山田;太郎;;;\r\nNOTE:").length;
    const end = card.indexOf(0x0d, start);
    expect(end - start).toBe(19);
    for (let at = start + 1; at < end; at++) {
      const [entry] = readVCards(foldedAt(card, at));
      expect(entry?.ok && entry.record.fields.memo).toBe("東京タワー🗼");
    }
  });

  it("inside a name too, and the card's issues stay empty", () => {
    const at = card.indexOf(0xe5) + 1; // between the first and second byte of 山
    const [entry] = readVCards(foldedAt(card, at));
    expect(entry?.ok && entry.record.fields.familyName).toBe("山田");
    expect(entry?.ok && entry.issues).toEqual([]);
  });
});
