import type { Rejection } from '../schema/alert.js';

/** A value that can go in a CSV cell. `null`/`undefined` become an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, hide a leading one). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20']);
/** A plain decimal number, e.g. `-12.50`: harmless, and kept as a number so spreadsheets can sum it. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/**
 * Escapes one CSV cell: neutralises spreadsheet formula injection, then quotes per RFC 4180.
 *
 * A text cell starting with `=`, `+`, `-`, `@`, tab or CR (or their full-width forms, which some spreadsheets
 * also accept) gets a leading `'`, so Excel, LibreOffice and Google Sheets show it as text instead of
 * evaluating it (OWASP "CSV injection"). Decision: a cell that is exactly a plain decimal number such as
 * `-12.50` or `+44` is left as is — it cannot carry a formula, and analysts need amounts to stay numeric.
 * Then a cell containing the delimiter, a quote, CR or LF is wrapped in quotes with inner quotes doubled.
 *
 * @param value - the cell value
 * @param delimiter - the delimiter in use (default `,`)
 * @returns the escaped cell text
 * @example
 * csvEscapeCell('=HYPERLINK("http://x")') //=> '"\'=HYPERLINK(""http://x"")"'
 * csvEscapeCell('-12.50') //=> '-12.50'
 * csvEscapeCell('a,b') //=> '"a,b"'
 */
export function csvEscapeCell(value: CsvCell, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && s.length > 0 && FORMULA_START.has(s[0]!) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) s = `"${s.replaceAll('"', '""')}"`;
  return s;
}

/**
 * Renders one CSV row (escaped cells, RFC 4180 `\r\n` line end).
 *
 * @param values - the cells
 * @param delimiter - the delimiter (default `,`)
 * @returns the row text, with its line end
 * @example
 * toCsvRow(['a', 1, null, '@SUM(A1)']) //=> "a,1,,'@SUM(A1)\r\n"
 */
export function toCsvRow(values: readonly CsvCell[], delimiter = ','): string {
  return `${values.map((v) => csvEscapeCell(v, delimiter)).join(delimiter)}\r\n`;
}

/** Header of the rejected-rows CSV. */
export const REJECTION_CSV_HEADER = ['line', 'field', 'value', 'code', 'message', 'transaction_id', 'source'] as const;

/**
 * The cells of one rejection, in {@link REJECTION_CSV_HEADER} order.
 *
 * @param r - the rejection
 * @returns its cells
 * @example
 * rejectionToCsvCells({ code: 'invalid', message: 'amount: bad', line: 7, field: 'amount', value: '1,2,3' })
 * //=> [7, 'amount', '1,2,3', 'invalid', 'amount: bad', undefined, undefined]
 */
export function rejectionToCsvCells(r: Rejection): CsvCell[] {
  return [r.line, r.field, r.value, r.code, r.message, r.transactionId, r.source];
}

/**
 * Renders rejections as a CSV document with a header row (formula-safe, RFC 4180).
 *
 * @param rejections - the rejections
 * @returns the CSV text
 * @example
 * rejectionsToCsv([{ code: 'invalid', message: 'x', line: 2 }]) //=> 'line,field,value,code,message,transaction_id,source\r\n2,,,invalid,x,,\r\n'
 */
export function rejectionsToCsv(rejections: Iterable<Rejection>): string {
  let out = toCsvRow(REJECTION_CSV_HEADER);
  for (const r of rejections) out += toCsvRow(rejectionToCsvCells(r));
  return out;
}
