import { isCurrencyCode } from './currencies.js';
import { CHANNELS, type Transaction } from './transaction.js';

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);
const TOP = new Set(['id', 'timestamp', 'accountId', 'customerId', 'direction', 'amount', 'currency', 'channel', 'purpose', 'counterparty', 'merchant', 'location', 'reference', 'device', 'flags']);

/**
 * A quick structural check that accepts only transactions the canonical schema also accepts, unchanged:
 * plain objects, known keys, strings of the right lengths and shapes. It is a strict subset of
 * `TransactionSchema` — anything unusual (a key holding `undefined`, another prototype, a leap-day
 * timestamp, a fraction of a second…) answers `false` and is left to the schema, which then gives the
 * exact reason. The readers use it so that well-formed rows skip the general validator.
 *
 * @param x - a freshly built object (the readers' own output, not a caller's object)
 * @returns true only when `TransactionSchema` would accept `x` and return an equal object
 * @example
 * isPlainValidTransaction({ id: 't1', timestamp: '2026-03-01T21:15:00Z', accountId: 'A1', direction: 'out', amount: '9.50', currency: 'GBP', channel: 'card' }) //=> true
 */
export function isPlainValidTransaction(x: unknown): x is Transaction {
  if (!isPlain(x)) return false;
  const o = x as Record<string, unknown>;
  for (const k in o) if (!TOP.has(k) || o[k] === undefined) return false;
  if (!text(o.id, 200) || !text(o.accountId, 200) || !isoInstant(o.timestamp) || !amount(o.amount)) return false;
  if ((o.direction !== 'in' && o.direction !== 'out') || typeof o.channel !== 'string' || !CHANNEL_SET.has(o.channel)) return false;
  if (typeof o.currency !== 'string' || !isCurrencyCode(o.currency)) return false;
  if ('customerId' in o && !text(o.customerId, 200)) return false;
  if ('purpose' in o && !text(o.purpose, 100)) return false;
  if ('reference' in o && !(typeof o.reference === 'string' && o.reference.length <= 1000)) return false;
  if ('counterparty' in o && !part(o.counterparty, { id: 200, name: 300, account: 200 })) return false;
  if ('merchant' in o && !part(o.merchant, { name: 300, city: 200 }, true)) return false;
  if ('location' in o && !part(o.location, { city: 200, terminalId: 200 })) return false;
  if ('device' in o && !part(o.device, { id: 200, ip: 100 }, false, false)) return false;
  if ('flags' in o) {
    const f = o.flags;
    if (!Array.isArray(f) || Object.getPrototypeOf(f) !== Array.prototype || f.length > 50) return false;
    for (let i = 0; i < f.length; i++) if (!text(f[i], 100)) return false;
  }
  return true;
}

function isPlain(x: unknown): boolean {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const p = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

function text(v: unknown, max: number): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= max;
}

/** A nested object of optional text fields (and `country`, and for merchants `mcc`). */
function part(v: unknown, texts: Readonly<Record<string, number>>, mcc = false, country = true): boolean {
  if (!isPlain(v)) return false;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (x === undefined) return false;
    const max = texts[k];
    if (max !== undefined && Object.hasOwn(texts, k)) {
      if (!text(x, max)) return false;
    } else if (country && k === 'country') {
      if (!(typeof x === 'string' && x.length === 2 && upper(x.charCodeAt(0)) && upper(x.charCodeAt(1)))) return false;
    } else if (mcc && k === 'mcc') {
      if (!(typeof x === 'string' && x.length === 4 && digits(x, 0, 4))) return false;
    } else return false;
  }
  return true;
}

function upper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function digits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `^\d{1,15}(\.\d{1,8})?$` with a non-zero digit. */
function amount(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const dot = v.indexOf('.');
  const intLen = dot < 0 ? v.length : dot;
  if (intLen < 1 || intLen > 15 || !digits(v, 0, intLen)) return false;
  if (dot >= 0) {
    const fracLen = v.length - dot - 1;
    if (fracLen < 1 || fracLen > 8 || !digits(v, dot + 1, v.length)) return false;
  }
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}

/** `YYYY-MM-DDTHH:mm:ss` then `Z` or `±HH:mm`, a valid day of a non-leap-day date (29 February is left to the schema). */
function isoInstant(v: unknown): boolean {
  if (typeof v !== 'string' || (v.length !== 20 && v.length !== 25)) return false;
  if (!digits(v, 0, 4) || v.charCodeAt(4) !== 45 || !digits(v, 5, 7) || v.charCodeAt(7) !== 45 || !digits(v, 8, 10) || v.charCodeAt(10) !== 84) return false;
  if (!digits(v, 11, 13) || v.charCodeAt(13) !== 58 || !digits(v, 14, 16) || v.charCodeAt(16) !== 58 || !digits(v, 17, 19)) return false;
  const two = (at: number) => (v.charCodeAt(at) - 48) * 10 + v.charCodeAt(at + 1) - 48;
  const month = two(5);
  const day = two(8);
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]! || two(11) > 23 || two(14) > 59 || two(17) > 59) return false;
  if (v.length === 20) return v.charCodeAt(19) === 90; // Z
  const sign = v.charCodeAt(19);
  return (sign === 43 || sign === 45) && digits(v, 20, 22) && v.charCodeAt(22) === 58 && digits(v, 23, 25) && two(20) <= 23 && two(23) <= 59;
}
/** Days per month, February without the leap day. */
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
