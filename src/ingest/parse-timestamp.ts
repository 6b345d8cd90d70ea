import { tzOffset } from '@date-fns/tz';

/** Result of a timestamp parser: the canonical ISO-8601 string with offset, or why the cell is not a time. */
export type ParsedTimestamp = { ok: true; value: string } | { ok: false; reason: string };

/** A compiled date format: call it with a cell to get the canonical timestamp. */
export type TimestampParser = (raw: string) => ParsedTimestamp;

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';

/** The date-fns tokens a mapping's `dateFormat` may use, with what they read. */
const TOKENS: ReadonlyArray<readonly [string, Part, string]> = [
  ['yyyy', 'year', '(\\d{4})'],
  ['MM', 'month', '(\\d{2})'],
  ['M', 'month', '(\\d{1,2})'],
  ['dd', 'day', '(\\d{2})'],
  ['d', 'day', '(\\d{1,2})'],
  ['HH', 'hour', '(\\d{2})'],
  ['H', 'hour', '(\\d{1,2})'],
  ['mm', 'minute', '(\\d{2})'],
  ['ss', 'second', '(\\d{2})'],
  ['SSS', 'millisecond', '(\\d{3})'],
];
const SEPARATORS = new Set(['/', '-', '.', ':', ',', ' ']);

/**
 * Checks a `dateFormat` without compiling it.
 *
 * @param format - `"iso"` or a date-fns format string such as `"dd/MM/yyyy HH:mm"`
 * @returns a list of problems (empty when the format is usable)
 * @example
 * checkDateFormat('dd/MM/yyyy HH:mm') //=> []
 * checkDateFormat('dd/MM/yy') //=> ['unsupported token "yy" at 6 (allowed: yyyy, MM, M, dd, d, HH, H, mm, ss, SSS, \'T\' and / - . : , space)']
 */
export function checkDateFormat(format: string): string[] {
  if (format === 'iso') return [];
  const r = tokenize(format);
  return typeof r === 'string' ? [r] : [];
}

function tokenize(format: string): { regex: RegExp; order: Part[] } | string {
  let pattern = '^';
  const order: Part[] = [];
  let i = 0;
  outer: while (i < format.length) {
    if (format.startsWith("'T'", i)) {
      pattern += 'T';
      i += 3;
      continue;
    }
    for (const [tok, part, re] of TOKENS) {
      // longest match first: TOKENS lists `MM` before `M`, and a run like `MMM` is rejected below
      if (format.startsWith(tok, i) && format[i + tok.length] !== tok[0]) {
        if (order.includes(part)) return `"${tok}" at ${i} repeats the ${part}`;
        order.push(part);
        pattern += re;
        i += tok.length;
        continue outer;
      }
    }
    const ch = format[i]!;
    if (SEPARATORS.has(ch)) {
      pattern += ch === ' ' ? ' +' : `\\${ch}`;
      i++;
      continue;
    }
    let j = i;
    while (j < format.length && format[j] === ch) j++;
    return `unsupported token "${format.slice(i, j)}" at ${i} (allowed: yyyy, MM, M, dd, d, HH, H, mm, ss, SSS, 'T' and / - . : , space)`;
  }
  for (const needed of ['year', 'month', 'day'] as const) if (!order.includes(needed)) return `the format has no ${needed}`;
  if (order.includes('second') && !order.includes('minute')) return 'the format has seconds but no minutes';
  if (order.includes('minute') && !order.includes('hour')) return 'the format has minutes but no hour';
  return { regex: new RegExp(`${pattern}$`), order };
}

/**
 * Whether `timeZone` is an IANA time zone name this runtime knows.
 *
 * @param timeZone - e.g. `Europe/Bucharest`
 * @returns true when known
 * @example
 * isTimeZone('Europe/London') //=> true
 */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Compiles a mapping's date format into a parser that returns canonical ISO-8601 timestamps with the offset in
 * force at that local time (`2026-03-01T21:15:00+02:00`).
 *
 * - `"iso"`: ISO-8601 (`T` or a space between date and time; seconds and fraction optional). A stated offset
 *   (`Z`, `+02:00`, `+0200`) is kept; without one, the local time is read in `timeZone`.
 * - otherwise a date-fns format made of `yyyy MM M dd d HH H mm ss SSS`, `'T'` and separators `/ - . : ,` and
 *   space, read in `timeZone` (IANA). Missing time parts are 0.
 *
 * Calendar dates are checked (30/02/2026 is rejected). A local time that falls in a daylight-saving gap
 * (clocks go forward, e.g. 29/03/2026 03:30 in Europe/Bucharest) does not exist and is rejected; a local
 * time that occurs twice (clocks go back) is read as the first occurrence, the earlier instant.
 *
 * @param format - `"iso"` or a date-fns format
 * @param timeZone - IANA time zone for local times
 * @returns the parser
 * @throws {RangeError} when the format is invalid (check it first with {@link checkDateFormat})
 * @example
 * const p = compileTimestampParser('dd/MM/yyyy HH:mm', 'Europe/Bucharest');
 * p('01/03/2026 21:15') //=> { ok: true, value: '2026-03-01T21:15:00+02:00' }
 * p('30/02/2026 10:00').ok //=> false
 */
export function compileTimestampParser(format: string, timeZone: string): TimestampParser {
  if (format === 'iso') return (raw) => parseIso(raw.trim(), timeZone);
  const compiled = tokenize(format);
  if (typeof compiled === 'string') throw new RangeError(`invalid date format "${format}": ${compiled}`);
  const { regex, order } = compiled;
  return (raw) => {
    const m = regex.exec(raw.trim());
    if (m === null) return { ok: false, reason: `does not match the date format "${format}"` };
    const p: Record<Part, number> = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
    for (let k = 0; k < order.length; k++) p[order[k]!] = Number(m[k + 1]);
    return fromLocal(p, timeZone);
  };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(raw: string, timeZone: string): ParsedTimestamp {
  const m = ISO.exec(raw);
  if (m === null) return { ok: false, reason: 'not an ISO-8601 date-time (e.g. 2026-03-01T21:15:00+02:00)' };
  const p: Record<Part, number> = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    millisecond: m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0')),
  };
  const bad = checkParts(p);
  if (bad !== undefined) return { ok: false, reason: bad };
  const offset = m[8];
  if (offset === undefined) return fromLocal(p, timeZone);
  if (offset.toUpperCase() === 'Z') return { ok: true, value: render(p, 'Z') };
  const digits = offset.replace(':', '');
  const oh = Number(digits.slice(1, 3));
  const om = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
  if (oh > 18 || om > 59) return { ok: false, reason: `offset "${offset}" is out of range` };
  return { ok: true, value: render(p, `${digits[0]}${pad2(oh)}:${pad2(om)}`) };
}

function checkParts(p: Record<Part, number>): string | undefined {
  if (p.month < 1 || p.month > 12) return `month ${p.month} does not exist`;
  if (p.day < 1 || p.day > daysInMonth(p.year, p.month)) return `${p.year}-${pad2(p.month)}-${pad2(p.day)} is not a calendar date`;
  if (p.hour > 23) return `hour ${p.hour} is out of range`;
  if (p.minute > 59) return `minute ${p.minute} is out of range`;
  if (p.second > 59) return `second ${p.second} is out of range`;
  return undefined;
}

/** UTC offset (minutes) of `timeZone` at instant `t`, cached per 15-minute bucket (zone rules change on such boundaries). */
function offsetAt(timeZone: string, t: number): number {
  let cache = OFFSETS.get(timeZone);
  if (cache === undefined) OFFSETS.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(t / 900_000);
  let o = cache.get(bucket);
  if (o === undefined) {
    if (cache.size > 50_000) cache.clear(); // bounded: a long file walks forward in time
    o = tzOffset(timeZone, new Date(bucket * 900_000));
    cache.set(bucket, o);
  }
  return o;
}
const OFFSETS = new Map<string, Map<number, number>>();

function fromLocal(p: Record<Part, number>, timeZone: string): ParsedTimestamp {
  const bad = checkParts(p);
  if (bad !== undefined) return { ok: false, reason: bad };
  // The wall-clock time read as if it were UTC; the real instant is wall − offset, for an offset in force then.
  // Try the offsets in force a day before and a day after (at most one transition lies between): each candidate
  // instant is valid when the zone really has that offset at that instant. None valid: the local time fell in a
  // DST gap. Two valid: it occurred twice (clocks went back), and the earlier instant is taken.
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  if (Number.isNaN(wall)) return { ok: false, reason: 'not a valid date-time' };
  let best: { t: number; offset: number } | undefined;
  for (const guess of [offsetAt(timeZone, wall - 86_400_000), offsetAt(timeZone, wall + 86_400_000)]) {
    const t = wall - guess * 60_000;
    if (offsetAt(timeZone, t) === guess && (best === undefined || t < best.t)) best = { t, offset: guess };
  }
  if (best === undefined) return { ok: false, reason: `${render(p, '')} does not exist in ${timeZone} (the clocks went forward)` };
  const off = best.offset;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return { ok: true, value: render(p, off === 0 ? 'Z' : `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`) };
}

function render(p: Record<Part, number>, offset: string): string {
  const ms = p.millisecond === 0 ? '' : `.${String(p.millisecond).padStart(3, '0')}`;
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${ms}${offset}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
