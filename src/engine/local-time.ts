import { tzOffset } from '@date-fns/tz';
import { MshtError } from '../errors.js';

/** Local clock readings of one instant in the screener's time zone. */
export interface LocalTime {
  /** 0–23 */
  hour: number;
  /** 0–1439 */
  minuteOfDay: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  /** `YYYY-MM-DD` */
  date: string;
}

const BUCKET_MS = 15 * 60_000;

/**
 * Computes local time in one IANA zone, fast: the UTC offset is looked up once per 15-minute
 * bucket of UTC time (offsets only change on quarter-hour boundaries) and cached, so `Intl` is not
 * called per transaction.
 *
 * @param timeZone - IANA zone, e.g. `Europe/London`
 * @returns a function from epoch milliseconds to {@link LocalTime}
 * @throws {MshtError} `invalid_time_zone` for an unknown zone
 * @example
 * createLocalClock('Europe/Bucharest')(Date.parse('2026-07-01T21:30:00Z')).hour //=> 0
 */
export function createLocalClock(timeZone: string): (epochMs: number) => LocalTime {
  const probe = tzOffset(timeZone, new Date(0));
  if (!Number.isFinite(probe) || !isValidZone(timeZone)) throw new MshtError('invalid_time_zone', `unknown time zone "${timeZone}"`);
  const cache = new Map<number, number>();
  const dates = new Map<number, string>();
  return (epochMs) => {
    const bucket = Math.floor(epochMs / BUCKET_MS);
    let offsetMin = cache.get(bucket);
    if (offsetMin === undefined) {
      offsetMin = tzOffset(timeZone, new Date(bucket * BUCKET_MS));
      if (cache.size > 100_000) cache.clear();
      cache.set(bucket, offsetMin);
    }
    const localMinutes = Math.floor(epochMs / 60_000) + offsetMin;
    const dayNumber = Math.floor(localMinutes / 1440);
    const minuteOfDay = localMinutes - dayNumber * 1440;
    let date = dates.get(dayNumber);
    if (date === undefined) {
      date = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
      if (dates.size > 10_000) dates.clear();
      dates.set(dayNumber, date);
    }
    // Day 0 (1970-01-01) was a Thursday: ISO weekday 4.
    const weekday = ((((dayNumber + 3) % 7) + 7) % 7) + 1;
    return { hour: Math.floor(minuteOfDay / 60), minuteOfDay, weekday, date };
  };
}

function isValidZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
