// A label on a phone, email, address or website is free text in partnerbook and a TYPE in a
// vCard. Known words travel as TYPE values (so every app shows "mobile" as mobile), anything
// else as Apple's `itemN.X-ABLabel`, which Apple, Google and Android all read and write; a label
// that is both (携帯 → TYPE=CELL) is written both ways so that it comes back as it was.

/** The properties a label sits on; each has its own TYPE vocabulary. */
export type LabelledKind = "tel" | "email" | "adr" | "url";

// TYPE values that say nothing a label would (preference order, transport, "voice" for a phone).
const silentTypes = new Set([
  "voice",
  "pref",
  "internet",
  "x400",
  "x-internet",
  "dom",
  "intl",
  "postal",
  "parcel",
]);

/** The word partnerbook uses for a TYPE value; the value itself (lower case) for the rest. */
const wordOfType: Readonly<Record<string, string>> = { cell: "mobile" };

// Words a label may be made of, per kind, and the TYPE value each stands for.
const homeWork: Readonly<Record<string, string>> = {
  home: "home",
  自宅: "home",
  work: "work",
  会社: "work",
  勤務先: "work",
  仕事: "work",
};
const typeOfWord: Readonly<Record<LabelledKind, Readonly<Record<string, string>>>> = {
  tel: {
    ...homeWork,
    mobile: "cell",
    cell: "cell",
    携帯: "cell",
    携帯電話: "cell",
    fax: "fax",
    ファクス: "fax",
    ファックス: "fax",
    pager: "pager",
  },
  email: homeWork,
  adr: homeWork,
  url: homeWork,
};

/** The label TYPE values alone stand for: their words, in the order written, or `null`. */
export function labelOfTypes(types: readonly string[]): string | null {
  const words: string[] = [];
  for (const type of types) {
    const lower = type.toLowerCase();
    if (silentTypes.has(lower)) continue;
    const word = wordOfType[lower] ?? lower;
    if (!words.includes(word)) words.push(word);
  }
  return words.length === 0 ? null : words.join(" ");
}

/** How a writer carries a label: TYPE values, and the label itself when they do not say it all. */
export interface LabelCarriers {
  readonly types: readonly string[];
  readonly custom: string | null;
}

/** The TYPE values for a label, and whether it also needs an `X-ABLabel` to come back unchanged. */
export function carriersOf(label: string | null, kind: LabelledKind): LabelCarriers {
  if (label === null) return { types: [], custom: null };
  const vocabulary = typeOfWord[kind];
  const types: string[] = [];
  for (const word of label.split(" ")) {
    const type = vocabulary[word.toLowerCase()];
    if (type === undefined || types.includes(type)) return { types: [], custom: label };
    types.push(type);
  }
  return { types, custom: labelOfTypes(types) === label ? null : label };
}

// Apple writes its own labels as tokens, e.g. `_$!<Mobile>!$_`; these are the words for them.
const appleLabels: Readonly<Record<string, string>> = {
  mobile: "mobile",
  iphone: "iphone",
  home: "home",
  work: "work",
  main: "main",
  homefax: "home fax",
  workfax: "work fax",
  otherfax: "other fax",
  pager: "pager",
  other: "other",
  homepage: "homepage",
  anniversary: "anniversary",
};

/** An `X-ABLabel` value as a label: Apple's tokens as words, unknown tokens as their inner text. */
export function labelOfAppleLabel(value: string): string {
  const token = /^_\$!<(.*)>!\$_$/.exec(value);
  if (token === null) return value;
  const inner = token[1] as string;
  return appleLabels[inner.toLowerCase()] ?? inner;
}
