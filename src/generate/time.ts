/**
 * Calendar and Europe/London clock arithmetic for the generator.
 *
 * Event times are held as integer seconds since the Unix epoch (UTC). Behaviour is written in local
 * UK time ("a salary at 06:00", "cash at 02:30"), converted with the UK daylight-saving rule
 * (BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October), and
 * printed as ISO-8601 with the offset in force (`+00:00` or `+01:00`). The rule is computed here
 * rather than read from the host's time-zone database so that output never depends on the machine.
 */

const bstCache = new Map<number, readonly [number, number]>();

function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  const day = last.getUTCDate() - last.getUTCDay();
  return Date.UTC(year, month, day, 1, 0, 0) / 1000;
}

function bstBounds(year: number): readonly [number, number] {
  let b = bstCache.get(year);
  if (b === undefined) {
    b = [lastSundayUtc(year, 2), lastSundayUtc(year, 9)] as const;
    bstCache.set(year, b);
  }
  return b;
}

/**
 * The Europe/London offset from UTC, in seconds, at an instant.
 *
 * @param epochSeconds - seconds since the Unix epoch
 * @returns 3600 during British Summer Time, else 0
 * @example
 * londonOffset(Date.UTC(2025, 6, 1) / 1000) //=> 3600
 */
export function londonOffset(epochSeconds: number): number {
  // Hot path: most calls fall in the same stretch of constant offset as the previous call.
  if (epochSeconds >= segment.from && epochSeconds < segment.to) return segment.offset;
  const year = new Date(epochSeconds * 1000).getUTCFullYear();
  const [start, end] = bstBounds(year);
  if (epochSeconds < start) segment = { from: Date.UTC(year, 0, 1) / 1000, to: start, offset: 0 };
  else if (epochSeconds < end) segment = { from: start, to: end, offset: 3600 };
  else segment = { from: end, to: Date.UTC(year + 1, 0, 1) / 1000, offset: 0 };
  return segment.offset;
}

/** The last stretch of constant offset seen (a pure cache: it never changes a result). */
let segment = { from: 0, to: 0, offset: 0 };

/** One local calendar day of the generated period. */
export interface CalendarDay {
  /** Index from the first day of the period (0-based). */
  readonly index: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly dayOfMonth: number;
  readonly daysInMonth: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** Epoch seconds of local midnight treated as if it were UTC (the naive local time base). */
  readonly naiveMidnight: number;
}

/**
 * Builds the calendar of a period.
 *
 * @param start - first day, `YYYY-MM-DD`
 * @param days - number of days (≥ 1)
 * @returns one {@link CalendarDay} per day
 * @throws {RangeError} when `start` is not a valid date
 * @example
 * buildCalendar('2025-01-30', 3).map((d) => d.date) //=> ['2025-01-30', '2025-01-31', '2025-02-01']
 */
export function buildCalendar(start: string, days: number): CalendarDay[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (m === null) throw new RangeError(`start must be YYYY-MM-DD, got ${start}`);
  const base = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(base) || new Date(base).toISOString().slice(0, 10) !== start) throw new RangeError(`invalid start date ${start}`);
  const out: CalendarDay[] = [];
  for (let i = 0; i < days; i++) {
    const d = new Date(base + i * 86_400_000);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    out.push({
      index: i,
      date: d.toISOString().slice(0, 10),
      year,
      month,
      dayOfMonth: d.getUTCDate(),
      daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
      weekday: ((d.getUTCDay() + 6) % 7) + 1,
      naiveMidnight: base / 1000 + i * 86_400,
    });
  }
  return out;
}

/**
 * Converts a local UK wall-clock time to epoch seconds.
 * Times in the spring-forward gap move one hour later; in the autumn overlap the first (BST) reading wins.
 *
 * @param naiveMidnight - {@link CalendarDay.naiveMidnight} of the local day
 * @param secondsOfDay - local seconds after midnight (may exceed 86,400 to mean a later day)
 * @returns epoch seconds
 * @example
 * localToEpoch(Date.UTC(2025, 6, 1) / 1000, 3600) === Date.UTC(2025, 6, 1) / 1000 //=> true
 */
export function localToEpoch(naiveMidnight: number, secondsOfDay: number): number {
  const naive = naiveMidnight + Math.floor(secondsOfDay);
  return naive - londonOffset(naive - 3600);
}

/**
 * Local day number (days since 1970-01-01 in UK local time) of an instant.
 *
 * @param epochSeconds - seconds since the Unix epoch
 * @returns an integer day number
 * @example
 * localDayNumber(Date.UTC(2025, 6, 1, 23, 30) / 1000) === localDayNumber(Date.UTC(2025, 6, 2, 0, 30) / 1000) //=> true
 */
export function localDayNumber(epochSeconds: number): number {
  return Math.floor((epochSeconds + londonOffset(epochSeconds)) / 86_400);
}

const dateCache = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Formats an instant as ISO-8601 in Europe/London local time with its offset.
 *
 * @param epochSeconds - seconds since the Unix epoch
 * @returns e.g. `"2025-07-01T21:15:00+01:00"`
 * @example
 * formatLondon(Date.UTC(2025, 0, 5, 21, 15) / 1000) //=> '2025-01-05T21:15:00+00:00'
 */
export function formatLondon(epochSeconds: number): string {
  const off = londonOffset(epochSeconds);
  const local = epochSeconds + off;
  const dayNo = Math.floor(local / 86_400);
  let date = dateCache.get(dayNo);
  if (date === undefined) {
    date = new Date(dayNo * 86_400_000).toISOString().slice(0, 10);
    if (dateCache.size > 4096) dateCache.clear();
    dateCache.set(dayNo, date);
  }
  const s = local - dayNo * 86_400;
  const h = Math.floor(s / 3600);
  const mi = Math.floor((s % 3600) / 60);
  const se = s % 60;
  return `${date}T${pad2(h)}:${pad2(mi)}:${pad2(se)}${off === 0 ? '+00:00' : '+01:00'}`;
}
