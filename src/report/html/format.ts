/**
 * Plain-text formatting of numbers, money and times for the HTML report.
 * Deliberately locale-free so the same input renders the same bytes on every machine.
 */

/**
 * Group the integer part of a decimal string with thin commas and fix the fraction at `decimals` digits.
 * Works on the string, not on a float, so no amount is ever rounded by binary arithmetic
 * (extra fraction digits are cut, not rounded, and the cut is rare: money has two).
 *
 * @param value - A decimal string such as `"1234.5"` or a finite number.
 * @param decimals - Digits after the point; default 2.
 * @returns The grouped text, e.g. `"1,234.50"`.
 *
 * @example
 * formatDecimal('1234.5') //=> '1,234.50'
 */
export function formatDecimal(value: string | number, decimals = 2): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(decimals) : String(value)) : value.trim();
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (match === null) return text;
  const sign = match[1] ?? '';
  const whole = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').padEnd(decimals, '0').slice(0, decimals);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (decimals > 0 ? '.' + fraction : '');
}

/**
 * Format money as `1,234.50 GBP`.
 *
 * @param amount - Decimal string or number.
 * @param currency - ISO 4217 code, if known.
 * @returns The formatted amount.
 *
 * @example
 * formatMoney('89', 'GBP') //=> '89.00 GBP'
 */
export function formatMoney(amount: string | number, currency: string | undefined): string {
  const body = formatDecimal(amount, 2);
  return currency === undefined || currency === '' ? body : `${body} ${currency}`;
}

/**
 * Format a score or weight with up to three decimals and no trailing zeros.
 *
 * @param value - A finite number.
 * @returns E.g. `"0.7"`, `"1.25"`.
 *
 * @example
 * formatScore(0.7000000001) //=> '0.7'
 */
export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toFixed(3)));
}

/**
 * Format an ISO-8601 timestamp for reading, keeping the offset it was written with:
 * `2026-03-01T21:15:00+02:00` → `2026-03-01 21:15 +02:00`, `…Z` → `… UTC`.
 * A value that is not an ISO date-time is returned unchanged.
 *
 * @param iso - An ISO-8601 date-time.
 * @returns The readable form.
 *
 * @example
 * formatTimestamp('2026-03-01T21:15:00.000Z') //=> '2026-03-01 21:15 UTC'
 */
export function formatTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (match === null) return iso;
  const seconds = match[3] !== undefined && match[3] !== ':00' ? match[3] : '';
  const zone = match[5] === undefined ? '' : match[5] === 'Z' ? ' UTC' : ` ${match[5]}`;
  return `${match[1]} ${match[2]}${seconds}${zone}`;
}

/**
 * Format an ISO-8601 timestamp as its UTC date, `YYYY-MM-DD`.
 *
 * @param iso - An ISO-8601 date-time.
 * @returns The UTC calendar date, or the input when it cannot be parsed.
 *
 * @example
 * formatUtcDate('2026-03-02T01:00:00+02:00') //=> '2026-03-01'
 */
export function formatUtcDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
}

const OPERATOR_SYMBOLS: Readonly<Record<string, string>> = {
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  eq: '=',
  ne: '≠',
  between: 'between',
};

/**
 * The mathematical symbol of a comparison operator (`gte` → `≥`); unknown operators are returned as written.
 *
 * @param op - An operator name from a trigger.
 * @returns Its symbol.
 *
 * @example
 * operatorSymbol('gte') //=> '≥'
 */
export function operatorSymbol(op: string): string {
  return OPERATOR_SYMBOLS[op] ?? op;
}

/**
 * Format one number-like value of a measure or threshold: integers as they are, decimal strings grouped.
 *
 * @param value - A number, decimal string or `null`.
 * @param unit - `money` values get two decimals and the currency.
 * @param currency - Currency of money values.
 * @returns Text; `null` becomes `—` (an empty window has no min, max or mean).
 *
 * @example
 * formatValue('1520', 'money', 'GBP') //=> '1,520.00 GBP'
 */
export function formatValue(value: number | string | null, unit?: 'count' | 'money', currency?: string): string {
  if (value === null) return '—';
  if (unit === 'money') return formatMoney(value, currency);
  if (typeof value === 'number') return Number.isInteger(value) ? formatDecimal(value, 0) : formatScore(value);
  return /^-?\d+(\.\d+)?$/.test(value) ? (value.includes('.') ? formatDecimal(value, Math.min(value.split('.')[1]?.length ?? 0, 4)) : formatDecimal(value, 0)) : value;
}
