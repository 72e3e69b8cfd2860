import type { JsonIssue } from "./issues.js";

/** The default of a JSON reader's `maxChars`: 8 Mi UTF-16 units, as a vCard reader's card limit. */
export const defaultMaxChars = 8 << 20;

/** JSON text parsed, or a value that is already parsed; an issue for text that is not JSON. */
export function parseJson(
  input: unknown,
  maxChars: number,
): { ok: true; value: unknown } | { ok: false; error: JsonIssue } {
  if (typeof input !== "string") return { ok: true, value: input };
  if (input.length > maxChars) {
    return {
      ok: false,
      error: { code: "TOO_LARGE", path: "", message: `the JSON text is over ${maxChars} characters` },
    };
  }
  try {
    return { ok: true, value: JSON.parse(input) };
  } catch {
    return { ok: false, error: { code: "NOT_JSON", path: "", message: "the text is not JSON" } };
  }
}
