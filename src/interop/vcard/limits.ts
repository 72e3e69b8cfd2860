import { normaliseLineBreaks, textProblem } from "../../domain/text.js";
import type { Property } from "./property.js";
import type { VCardIssue, VCardIssueCode } from "./types.js";

/**
 * The lengths partnerbook takes (src/schemas.ts, R21), so that what a reader gives feeds
 * `contacts.addCustomer` without a VALIDATION error on length or characters.
 */
export const fieldLimits = {
  name: 100,
  nickname: 100,
  label: 100,
  tag: 100,
  department: 200,
  title: 200,
  company: 200,
  phone: 40,
  email: 254,
  address: 1000,
  website: 1000,
  messenger: 1000,
  customValue: 1000,
  photoUrl: 2000,
  memo: 4000,
  /** R21: items in each list. */
  items: 100,
} as const;

/** Cuts text to `max` UTF-16 units (zod counts those) without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

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
