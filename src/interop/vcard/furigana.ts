// Furigana (読み仮名) travels five ways and a reader takes all of them, the most precise first:
//   1. RFC 9554: a second N with PHONETIC (and SCRIPT), paired with the name by ALTID;
//   2. X-PHONETIC-LAST-NAME / X-PHONETIC-FIRST-NAME (Apple, Google, Android);
//   3. N;SORT-AS="やまだ,たろう" (RFC 6350; Android writes ";" between the parts);
//   4. SOUND;X-IRMC-N (2.1 from Japanese phones), often half-width katakana, and from DoCoMo
//      phones the whole reading in the first part;
//   5. SORT-STRING (3.0), one string for the whole name.

import { widenKana } from "../kana.js";

export { widenKana } from "../kana.js";

/** A family and given reading; either may be missing. */
export interface Readings {
  readonly family: string | null;
  readonly given: string | null;
}

/** What a card said about readings, carrier by carrier (`null` where it said nothing). */
export interface ReadingCarriers {
  phoneticName: readonly string[] | null;
  phoneticProperties: Readings | null;
  sortAs: readonly string[] | null;
  irmc: readonly string[] | null;
  sortString: string | null;
}

/** A fresh set of carriers, all silent. */
export const noCarriers = (): ReadingCarriers => ({
  phoneticName: null,
  phoneticProperties: null,
  sortAs: null,
  irmc: null,
  sortString: null,
});

const orNull = (text: string | undefined): string | null => {
  const trimmed = text?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
};

/**
 * One reading for the whole name, split where the name is: at the first space when the card
 * has both a family and a given name, else all of it for the one it has.
 */
function splitWhole(whole: string, names: Readings): Readings {
  const text = whole.trim();
  if (names.family !== null && names.given !== null) {
    const match = /^(\S+)[\s\u3000]+(.+)$/u.exec(text);
    if (match !== null) return { family: orNull(match[1]), given: orNull(match[2]) };
  }
  if (names.family === null && names.given !== null) return { family: null, given: orNull(text) };
  return { family: orNull(text), given: null };
}

/** Readings from N-shaped parts (family; given; …). */
function fromParts(parts: readonly string[]): Readings {
  return { family: orNull(parts[0]), given: orNull(parts[1]) };
}

/** The same, where a lone first part may be the whole name (DoCoMo's IrMC, a one-part SORT-AS). */
function fromLooseParts(parts: readonly string[], names: Readings): Readings {
  const [family = "", ...rest] = parts;
  return rest.every((part) => part.trim() === "") ? splitWhole(family, names) : fromParts(parts);
}

const said = (readings: Readings): boolean => readings.family !== null || readings.given !== null;

/** The readings a card gives, from the first carrier that says anything. */
export function readingsOf(carriers: ReadingCarriers, names: Readings): Readings {
  const candidates: (() => Readings | null)[] = [
    () => (carriers.phoneticName === null ? null : fromParts(carriers.phoneticName)),
    () => carriers.phoneticProperties,
    () => (carriers.sortAs === null ? null : fromLooseParts(sortAsParts(carriers.sortAs), names)),
    () => (carriers.irmc === null ? null : fromLooseParts(carriers.irmc.map(widenKana), names)),
    () => (carriers.sortString === null ? null : splitWhole(carriers.sortString, names)),
  ];
  for (const candidate of candidates) {
    const readings = candidate();
    if (readings !== null && said(readings)) return readings;
  }
  return { family: null, given: null };
}

// RFC 6350 lists SORT-AS parts with commas, in one quoted value or several; Android puts them
// in one quoted value with semicolons.
const sortAsParts = (values: readonly string[]): readonly string[] =>
  values.flatMap((value) => value.split(value.includes(";") ? ";" : ","));

/**
 * The RFC 9554 SCRIPT of a reading: `Hira` or `Kana` when it is all hiragana or all katakana,
 * `Latn` for Latin letters, `Jpan` for other Japanese, `Zyyy` (common) for the rest. The RFC
 * gives no Japanese example; this is partnerbook's choice.
 */
export function scriptOf(reading: string): string {
  const text = reading.replace(/[\sー・\u3000]/g, "");
  if (/^\p{Script=Hiragana}+$/u.test(text)) return "Hira";
  if (/^\p{Script=Katakana}+$/u.test(text)) return "Kana";
  if (/^[\p{Script=Latin}\p{P}\d]+$/u.test(text)) return "Latn";
  if (/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text)) return "Jpan";
  return "Zyyy";
}
