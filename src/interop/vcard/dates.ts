import type { VCardVersion } from "./types.js";

// partnerbook dates are `YYYY-MM-DD`, or `--MM-DD` without a year (the RFC 7095 form). vCards
// write them as `19850412` or `1985-04-12`, yearless as `--0412` (4.0) or, from Apple,
// `1604-04-12` with `X-APPLE-OMIT-YEAR=1604`; a time after `T` says nothing a birthday needs.

// Leap years everywhere: a yearless 29 February is a birthday.
const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function validDay(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29 && year !== null) return isLeap(year);
  return day <= (daysIn[month - 1] as number);
}

/** A vCard date as partnerbook's `YYYY-MM-DD` or `--MM-DD`, or `null` if it is not a date. */
export function parseDate(text: string, omitYear: string | null): string | null {
  const value = text.trim();
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(value);
  if (full !== null) {
    const [, year = "", month = "", day = ""] = full;
    const yearless = omitYear !== null && omitYear.trim() === year;
    if (!validDay(yearless ? null : Number(year), Number(month), Number(day))) return null;
    return yearless ? `--${month}-${day}` : `${year}-${month}-${day}`;
  }
  const partial = /^--(\d{2})-?(\d{2})(?:T.*)?$/.exec(value);
  if (partial !== null) {
    const [, month = "", day = ""] = partial;
    return validDay(null, Number(month), Number(day)) ? `--${month}-${day}` : null;
  }
  return null;
}

/** A year Apple writes in place of an unknown one (a leap year, so 29 February fits). */
const appleNoYear = "1604";

/** A partnerbook date as a vCard value of `version`, with the parameters it needs. */
export function formatDate(date: string, version: VCardVersion): { value: string; params: string[] } {
  const yearless = date.startsWith("--");
  const [year, month, day] = yearless ? [null, date.slice(2, 4), date.slice(5, 7)] : date.split("-");
  if (version === "4.0")
    return { value: yearless ? `--${month}${day}` : `${year}${month}${day}`, params: [] };
  if (version === "3.0" && yearless) {
    return { value: `${appleNoYear}-${month}-${day}`, params: [`X-APPLE-OMIT-YEAR=${appleNoYear}`] };
  }
  return { value: date, params: [] };
}
