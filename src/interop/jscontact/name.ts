// Furigana are JSContact's `phonetic` on each name component, with `phoneticScript` on the Name
// (RFC 9553 §2.2.1: one of the two phonetic properties must be set when a component has a
// phonetic). The RFC gives no kana example; the script is chosen from the reading's characters.

const hiragana = /^[\p{Script=Hiragana}\u30FC\u30FB\s]+$/u;
const katakana = /^[\p{Script=Katakana}\u30FC\u30FB\uFF70\s]+$/u;
const kana = /^[\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u30FB\uFF70\s]+$/u;
const latin = /^[\p{Script=Latin}\p{P}\s]+$/u;

/**
 * The ISO 15924 script of readings: `Hira` (ひらがな), `Kana` (カタカナ, half-width included),
 * `Hrkt` (both), `Latn` (romaji), else `Zyyy` (undetermined).
 */
export function phoneticScriptOf(readings: readonly string[]): string {
  const text = readings.join(" ");
  if (hiragana.test(text)) return "Hira";
  if (katakana.test(text)) return "Kana";
  if (kana.test(text)) return "Hrkt";
  if (latin.test(text)) return "Latn";
  return "Zyyy";
}

/** A JSContact NameComponent as partnerbook writes it. */
interface NameComponent {
  kind: "surname" | "given";
  value: string;
  phonetic?: string;
}

/** The Name of a card: surname first, as Japanese names are ordered. */
export function nameOf(
  family: string | null,
  given: string | null,
  familyReading: string | null,
  givenReading: string | null,
): Record<string, unknown> | null {
  const components: NameComponent[] = [];
  const part = (kind: NameComponent["kind"], value: string | null, reading: string | null) => {
    if (value === null && reading === null) return;
    // A reading without its name still needs a component to sit on; an empty value reads back as none.
    const component: NameComponent = { kind, value: value ?? "" };
    if (reading !== null) component.phonetic = reading;
    components.push(component);
  };
  part("surname", family, familyReading);
  part("given", given, givenReading);
  if (components.length === 0) return null;
  const name: Record<string, unknown> = { components, isOrdered: true, defaultSeparator: " " };
  const full = [family, given].filter((value) => value !== null).join(" ");
  if (full !== "") name.full = full;
  const readings = [familyReading, givenReading].filter((value) => value !== null);
  if (readings.length > 0) name.phoneticScript = phoneticScriptOf(readings);
  return name;
}
