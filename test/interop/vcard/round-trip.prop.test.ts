import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readVCards, type VCardVersion, writeVCardBytes } from "../../../src/interop.js";
import { record } from "../support/records.js";

describe("vCard round trips", () => {
  it.each<VCardVersion>(["3.0", "4.0", "2.1"])(
    "contact → vCard %s → contact gives back every field (R21), the profile, groups, sync marks and photo",
    (version) => {
      fc.assert(
        fc.property(record, (written) => {
          const entries = readVCards(writeVCardBytes(written, { version }));
          expect(entries).toHaveLength(1);
          const [entry] = entries;
          if (!entry?.ok) throw new Error(JSON.stringify(entry));
          expect(entry.issues).toEqual([]);
          expect(entry.extras.filter((extra) => extra.name !== "PRODID")).toEqual([]);
          expect(entry.record).toEqual(written);
        }),
        { numRuns: 300 },
      );
    },
  );

  it("many cards in one file come back one entry each, in order", () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        fc.constantFrom<VCardVersion>("3.0", "4.0", "2.1"),
        (records, version) => {
          const files = records.map((r) => writeVCardBytes(r, { version }));
          const file = new Uint8Array(files.reduce((sum, f) => sum + f.length, 0));
          let offset = 0;
          for (const f of files) {
            file.set(f, offset);
            offset += f.length;
          }
          expect(readVCards(file).map((entry) => entry.ok && entry.record)).toEqual(records);
        },
      ),
      { numRuns: 50 },
    );
  });
});
