// R28: one folding for stored text and queries alike, so that the same person typed in
// hiragana, katakana, half-width katakana, full-width letters or any case matches.

const toHiragana = 0x60; // ァ (U+30A1) - ぁ (U+3041)
const katakana = /[\u30a1-\u30f6]/g;
const toHiraganaChar = (char: string) => String.fromCharCode(char.charCodeAt(0) - toHiragana);
const ignorable = /[\s\p{Cc}]/gu;

// Company-form abbreviations a Japanese book is full of, in the shape NFKC leaves them in
// (㈱ → (株)); they fold to the words they stand for so ㈱アクメ finds 株式会社アクメ.
const companyForms: readonly (readonly [string, string])[] = [
  ["(株)", "株式会社"],
  ["(有)", "有限会社"],
  ["(合)", "合同会社"],
  ["(資)", "合資会社"],
  ["(名)", "合名会社"],
  ["(社)", "社団法人"],
  ["(財)", "財団法人"],
];

/**
 * R28: folds text for matching: NFKC (full-width ＡＣＭＥ → ACME, half-width ﾔﾏﾀﾞ → ヤマダ,
 * ㈱ → (株)), lower case, katakana → hiragana (ヤマダ → やまだ), company-form abbreviations spelled
 * out, and whitespace removed (山田 太郎 = 山田太郎).
 *
 * @example
 * foldForSearch("ﾔﾏﾀﾞ") === foldForSearch("やまだ") // true
 * foldForSearch("ＡＣＭＥ㈱") // "acme株式会社"
 */
export function foldForSearch(text: string): string {
  let folded = text.normalize("NFKC").toLowerCase();
  if (folded.includes("(")) for (const [short, long] of companyForms) folded = folded.replaceAll(short, long);
  // Whole-string replaces, not a loop over characters: folding runs for every contact stored
  // and every one a profile change syncs.
  return folded.replace(ignorable, "").replace(katakana, toHiraganaChar);
}
