import { normaliseLineBreaks, textProblem } from "../../domain/text.js";
import { fieldLimits, truncate } from "../field-limits.js";
import type { Property } from "./property.js";
import type { VCardIssue, VCardIssueCode } from "./types.js";

export { fieldLimits, truncate } from "../field-limits.js";

/** Where a value was read: its property's name and line. */
type Where = Pick<Property, "name" | "line">;

/** Collects a card's issues and checks its values against {@link fieldLimits}. */
export class CardChecks {
  readonly issues: VCardIssue[] = [];
  readonly #fullLists = new Set<unknown>();

  report(property: Where, code: VCardIssueCode, message: string): void {
    this.issues.push({ code, line: property.line, property: property.name, message });
  }

  /** One line of text, trimmed; `null` when empty or not text partnerbook takes (reported). */
  line(value: string, property: Where, max: number): string | null {
    return this.#checked(value.trim(), property, max, "line");
  }

  /** Text that may span lines (memo, address), line breaks as LF; trimmed unless `keepSpaces`. */
  multiline(value: string, property: Where, max: number, keepSpaces = false): string | null {
    const text = normaliseLineBreaks(value).replaceAll("\r", "\n");
    return this.#checked(keepSpaces ? text : text.trim(), property, max, "multiline");
  }

  #checked(text: string, property: Where, max: number, rule: "line" | "multiline"): string | null {
    if (text === "") return null;
    const problem = textProblem(text, rule);
    if (problem !== null) {
      this.report(property, "INVALID_TEXT", `${property.name} ${problem}`);
      return null;
    }
    if (text.length <= max) return text;
    this.report(property, "TOO_LONG", `${property.name} is longer than ${max} characters and was cut`);
    return truncate(text, max);
  }

  /** R21: adds to a list unless it already holds the most it may (reported once per list). */
  add<T>(list: T[], item: T, property: Where): void {
    if (list.length < fieldLimits.items) {
      list.push(item);
      return;
    }
    if (this.#fullLists.has(list)) return;
    this.#fullLists.add(list);
    this.report(
      property,
      "TOO_MANY",
      `more than ${fieldLimits.items} ${property.name} values; the rest are left out`,
    );
  }
}
