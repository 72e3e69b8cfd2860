import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createVCardReader,
  iterateVCards,
  readVCards,
  streamVCards,
  type VCardEntry,
} from "../../../src/interop.js";
import { androidJapaneseFile } from "../fixtures/android-ja-2.1.js";

const fixtures = [
  readFileSync(new URL("../fixtures/iphone-3.0.vcf", import.meta.url)),
  readFileSync(new URL("../fixtures/google-3.0.vcf", import.meta.url)),
  readFileSync(new URL("../fixtures/outlook-2.1.vcf", import.meta.url)),
  androidJapaneseFile(),
];

/** `bytes` cut at the given offsets. */
function chunksOf(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    chunks.push(bytes.subarray(from, to));
    from = to;
  }
  return chunks;
}

describe("reading in chunks", () => {
  it("cards read from chunks cut anywhere (inside CRLF, inside a character, inside a soft break) are the cards of the whole", () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.array(fc.nat(), { maxLength: 30 }), (file, cuts) => {
        const whole = readVCards(file);
        const reader = createVCardReader();
        const pushed: VCardEntry[] = [];
        for (const chunk of chunksOf(file, cuts)) pushed.push(...reader.push(chunk));
        pushed.push(...reader.end());
        expect(pushed).toEqual(whole);
      }),
    );
  });

  it("a byte order mark split over chunks is still skipped", () => {
    const bytes = new TextEncoder().encode("\uFEFFBEGIN:VCARD\r\nN:A;;;;\r\nEND:VCARD\r\n");
    const entries = [...iterateVCards([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)])];
    expect(entries.map((entry) => entry.ok && entry.record.fields.familyName)).toEqual(["A"]);
  });

  it("iterateVCards yields each card as soon as its END arrives, before the rest is read", () => {
    const card = (name: string) => new TextEncoder().encode(`BEGIN:VCARD\r\nN:${name};;;;\r\nEND:VCARD\r\n`);
    let pulled = 0;
    function* source() {
      for (const name of ["A", "B", "C"]) {
        pulled++;
        yield card(name);
      }
    }
    const cards = iterateVCards(source());
    const first = cards.next();
    expect(first.value?.ok && first.value.record.fields.familyName).toBe("A");
    expect(pulled).toBe(1);
  });

  it("streamVCards reads an async iterable and a web ReadableStream alike", async () => {
    const file = fixtures[0] as Uint8Array;
    const whole = readVCards(file);
    async function* asyncChunks() {
      for (let i = 0; i < file.length; i += 100) yield file.subarray(i, i + 100);
    }
    const fromIterable: VCardEntry[] = [];
    for await (const entry of streamVCards(asyncChunks())) fromIterable.push(entry);
    expect(fromIterable).toEqual(whole);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(file.subarray(0, 700));
        controller.enqueue(file.subarray(700));
        controller.close();
      },
    });
    const fromStream: VCardEntry[] = [];
    for await (const entry of streamVCards({ getReader: () => stream.getReader() })) fromStream.push(entry);
    expect(fromStream).toEqual(whole);
  });

  it("a string is read as text: CHARSET applies only to encoded values", () => {
    const [entry] = readVCards(
      "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:山田;;;;\r\nNOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=83=81=83=82\r\nEND:VCARD\r\n",
    );
    expect(entry?.ok && [entry.record.fields.familyName, entry.record.fields.memo]).toEqual(["山田", "メモ"]);
  });

  it("a long string is read in slices without splitting a surrogate pair", () => {
    const memo = "🗼".repeat(70_000);
    const [entry] = readVCards(`BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:${memo}\r\nEND:VCARD\r\n`);
    expect(entry?.ok && entry.record.fields.memo).toBe(memo.slice(0, 4000));
  });
});
