import { parseDate } from "../vcard/dates.js";

// Spreadsheets write dates as they show them: 1985-04-12, 1985/4/12, 1985年4月12日, 19850412,
// and without a year as --04-12 (Google) or 4/12.

const pad = (part: string) => part.padStart(2, "0");

/** A spreadsheet's date as partnerbook's `YYYY-MM-DD` or `--MM-DD`, or `null` if it is not one. */
export function parseCsvDate(text: string): string | null {
  const value = text.trim().normalize("NFKC");
  const full = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value);
  if (full !== null) return parseDate(`${full[1]}-${pad(full[2] ?? "")}-${pad(full[3] ?? "")}`, null);
  const yearless = /^(?:--)?(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?$/.exec(value);
  if (yearless !== null) return parseDate(`--${pad(yearless[1] ?? "")}-${pad(yearless[2] ?? "")}`, null);
  return parseDate(value, null);
}
