import { normaliseLineBreaks, textProblem } from "../../domain/text.js";
import { fieldLimits, truncate } from "../field-limits.js";
import type { JsonIssue, JsonIssueCode } from "./issues.js";

/** A plain JSON object (not an array, not null). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Collects the issues of one JSON contact and checks its values against partnerbook's limits
 * ({@link fieldLimits}, R21), so that a record read feeds `contacts.addCustomer` as the vCard
 * reader's do. Writers use it too, to cut what a target format cannot hold.
 */
export class JsonChecks {
  readonly issues: JsonIssue[] = [];
  readonly #fullLists = new Set<unknown>();

  report(path: string, code: JsonIssueCode, message: string): void {
    this.issues.push({ code, path, message });
  }

  /** A string, or `null` with an INVALID_VALUE issue when the value is there but not a string. */
  string(value: unknown, path: string): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return value;
    this.report(path, "INVALID_VALUE", `${path} is not a string`);
    return null;
  }

  /** One line of text, trimmed; `null` when empty or not text partnerbook takes (reported). */
  line(value: string, path: string, max: number): string | null {
    return this.#checked(value.trim(), path, max, "line");
  }

  /** Text that may span lines, line breaks as LF; trimmed unless `keepSpaces`. */
  multiline(value: string, path: string, max: number, keepSpaces = false): string | null {
    const text = normaliseLineBreaks(value).replaceAll("\r", "\n");
    return this.#checked(keepSpaces ? text : text.trim(), path, max, "multiline");
  }

  #checked(text: string, path: string, max: number, rule: "line" | "multiline"): string | null {
    if (text === "") return null;
    // Checked on the cut text: a huge value is not scanned whole before it is cut.
    const cut = text.length <= max ? text : truncate(text, max);
    const problem = textProblem(cut, rule);
    if (problem !== null) {
      this.report(path, "INVALID_TEXT", `${path} ${problem}`);
      return null;
    }
    if (cut !== text) this.report(path, "TOO_LONG", `${path} is longer than ${max} characters and was cut`);
    return cut;
  }

  /** R21: adds to a list unless it holds the most it may (reported once per list). */
  add<T>(list: T[], item: T, path: string, max: number = fieldLimits.items): void {
    if (list.length < max) {
      list.push(item);
      return;
    }
    if (this.#fullLists.has(list)) return;
    this.#fullLists.add(list);
    this.report(path, "TOO_MANY", `more than ${max} values at ${path}; the rest are left out`);
  }
}
