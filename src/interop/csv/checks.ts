import { normaliseLineBreaks, textProblem } from "../../domain/text.js";
import { fieldLimits, truncate } from "../field-limits.js";
import type { CsvIssue, CsvIssueCode } from "./types.js";

/** Collects a row's issues and checks its values against R21's limits. */
export class RowChecks {
  readonly issues: CsvIssue[] = [];
  readonly #fullLists = new Set<unknown>();

  constructor(readonly at: number) {}

  report(column: string | null, code: CsvIssueCode, message: string): void {
    this.issues.push({ code, line: this.at, column, message });
  }

  /** One line of text, trimmed; `null` when empty or not text partnerbook takes (reported). */
  line(value: string, column: string, max: number): string | null {
    return this.#checked(value.trim(), column, max, "line");
  }

  /** Text that may span lines, line breaks as LF; trimmed unless `keepSpaces`. */
  multiline(value: string, column: string, max: number, keepSpaces = false): string | null {
    const text = normaliseLineBreaks(value).replaceAll("\r", "\n");
    return this.#checked(keepSpaces ? text : text.trim(), column, max, "multiline");
  }

  #checked(text: string, column: string, max: number, rule: "line" | "multiline"): string | null {
    if (text === "") return null;
    const problem = textProblem(text, rule);
    if (problem !== null) {
      this.report(column, "INVALID_TEXT", `${column} ${problem}`);
      return null;
    }
    if (text.length <= max) return text;
    this.report(column, "TOO_LONG", `${column} is longer than ${max} characters and was cut`);
    return truncate(text, max);
  }

  /** R21: adds to a list unless it already holds the most it may (reported once per list). */
  add<T>(list: T[], item: T, column: string): void {
    if (list.length < fieldLimits.items) {
      list.push(item);
      return;
    }
    if (this.#fullLists.has(list)) return;
    this.#fullLists.add(list);
    this.report(column, "TOO_MANY", `more than ${fieldLimits.items} values; the rest are left out`);
  }
}
