// CSV for downloads that people open in spreadsheets. Every field is quoted, and a field
// that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return) is
// prefixed with an apostrophe so it shows as text instead of running.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows to CSV text with a header line; CRLF line ends as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
