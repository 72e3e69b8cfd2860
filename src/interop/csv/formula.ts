// OWASP's advice for CSV injection: a cell a spreadsheet would run as a formula (one starting
// with =, +, -, @, tab or CR) is written after a single quote, which spreadsheets show as text.
// A phone in E.164 (`+81…`) or a yearless date (`--04-12`) starts so too: it is written with the
// quote, and the reader takes one quote off a cell that starts with quotes followed by one of
// those characters. A cell that already starts so (`'+x`) gets a quote more, so every value
// comes back as it was.

const guarded = /^'*[=+\-@\t\r]/;

/** A cell as written: with a leading `'` when a spreadsheet would read it as a formula. */
export const guardCell = (value: string): string => (guarded.test(value) ? `'${value}` : value);

/** A cell as read: one leading `'` taken off where {@link guardCell} would have put it. */
export const unguardCell = (cell: string): string =>
  cell.startsWith("'") && guarded.test(cell) ? cell.slice(1) : cell;
