// partnerbook keeps an address as the text a person would write on an envelope; a vCard ADR has
// seven parts (PO box; extended; street; locality; region; postal code; country). A Japanese
// address reads from the largest part down (〒100-0005 東京都千代田区丸の内1-1-1 ビル), any other
// from the smallest up (1 Main St, Suite 4, Springfield, IL 62701, USA).

const japaneseText = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;
const japan = /^(jp|jpn|japan|日本|日本国)$/i;

/** The text of an ADR's parts, in the order its country writes them. */
export function addressText(parts: readonly string[]): string {
  const [poBox = "", extended = "", street = "", locality = "", region = "", code = "", country = ""] =
    parts.map((part) => part.trim());
  const japanese = japan.test(country) || parts.some((part) => japaneseText.test(part));
  if (japanese) {
    return [
      japan.test(country) ? "" : country,
      code === "" ? "" : `〒${code}`,
      `${region}${locality}${street}`,
      extended,
      poBox,
    ]
      .filter((piece) => piece !== "")
      .join(" ");
  }
  return [street, extended, poBox, locality, [region, code].filter((p) => p !== "").join(" "), country]
    .filter((piece) => piece !== "")
    .join(", ");
}
