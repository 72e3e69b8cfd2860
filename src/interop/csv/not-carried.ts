/**
 * What a CSV file cannot carry of a `ContactRecord`, field by field, and why: a record written
 * by `writeCsv` and read by `readCsv` comes back equal except for these
 * (test/interop/csv/round-trip.prop.test.ts checks exactly this list).
 */
export const csvNotCarried = {
  photo: "an inline photo's bytes: a spreadsheet cell is no place for an image (a photo URL is carried)",
  synced:
    "R23's sync marks: a spreadsheet has no place for provenance; a re-import makes them the owner's own values",
  phoneRaw:
    "a phone's text when it does not read as its own E.164 number in the writer's region: written as E.164",
  separatorInNames: "a group name or tag containing ':::', which separates them in their cell",
  repeatedNames: "a group name or tag given twice: it comes back once",
  starLabel:
    "a label, group name or tag starting with '* ', Google's mark of a primary item or a system group, which the reader takes off",
  halfWidthReadings: "half-width katakana in a reading: widened as R28 folds them (ｱﾝﾄﾞｳ → アンドウ)",
  emptyRecord: "a record with nothing in it: an empty row is no row",
} as const;

/** The names of {@link csvNotCarried}'s entries. */
export type CsvNotCarried = keyof typeof csvNotCarried;
