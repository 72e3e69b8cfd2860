import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openCursor, sealCursor } from "../../src/domain/cursor.js";

/** The bytes of a cursor as sealCursor lays them out: version, checksum, UTF-8 JSON. */
const bytesOf = (cursor: string) => Buffer.from(cursor, "base64url");
const cursorOf = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

describe("page cursors: opaque and verified", () => {
  it("a cursor opens to the parts it was sealed with, for the list it was sealed for", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: "grapheme", maxLength: 30 }).map((part) => part.replace(/\p{Cc}/gu, "")),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        (parts) => {
          const cursor = sealCursor("book", parts);
          expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(openCursor("book", cursor, parts.length)).toEqual(parts);
        },
      ),
    );
  });

  it("a cursor sealed for one list does not open for another, nor with another number of parts", () => {
    const cursor = sealCursor("trash", ["2026-05-01T00:00:00.000Z", "con_1"]);
    expect(openCursor("book", cursor, 2)).toBeNull();
    expect(openCursor("trash", cursor, 1)).toBeNull();
    expect(openCursor("trash", cursor, 3)).toBeNull();
  });

  it("another version, a wrong checksum or a cut payload does not open", () => {
    const bytes = bytesOf(sealCursor("book", ["やまだ", "con_1"]));
    const otherVersion = Uint8Array.from(bytes);
    otherVersion[0] = 2;
    const wrongChecksum = Uint8Array.from(bytes);
    wrongChecksum[1] = ((wrongChecksum[1] as number) + 1) % 256;
    for (const changed of [
      otherVersion,
      wrongChecksum,
      bytes.subarray(0, bytes.length - 1),
      bytes.subarray(0, 4),
    ]) {
      expect(openCursor("book", cursorOf(changed), 2)).toBeNull();
    }
  });

  it("a sealed cursor whose parts are not storable text (NUL, a C1 control, a lone surrogate) or not strings does not open", () => {
    for (const part of ["a\u0000b", "a\u0085b", "a\ud800b", "\udc00"]) {
      expect(openCursor("book", sealCursor("book", [part, "con_1"]), 2)).toBeNull();
    }
    expect(openCursor("book", sealCursor("book", [1 as unknown as string, "con_1"]), 2)).toBeNull();
  });

  it("the same position in another base64 spelling (padding, standard alphabet, spare bits) does not open", () => {
    const cursor = sealCursor("book", ["やまだ", "con_1"]);
    const standard = Buffer.from(cursor, "base64url").toString("base64");
    expect(standard).not.toBe(cursor);
    expect(openCursor("book", standard, 2)).toBeNull();
    expect(openCursor("book", `${cursor}=`, 2)).toBeNull();
  });

  it("opening never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), fc.nat({ max: 3 }), (text, arity) => {
        expect(() => openCursor("book", text, arity)).not.toThrow();
      }),
    );
  });
});
