import { describe, expect, it } from 'vitest';
import { createLocalClock } from '../../src/engine/local-time.js';
import { MshtError, createScreener } from '../../src/index.js';
import { compile, indicator } from '../helpers/rules.js';

const at = (s: string) => Date.parse(s);
const read = (zone: string, s: string) => createLocalClock(zone)(at(s));

describe('Europe/London across the 2026 DST changes', () => {
  const london = (s: string) => read('Europe/London', s);

  it('springs forward at 01:00 UTC on Sunday 29 March: 00:59 GMT is followed by 02:00 BST', () => {
    expect(london('2026-03-29T00:59:59.999Z')).toEqual({ hour: 0, minuteOfDay: 59, weekday: 7, date: '2026-03-29' });
    expect(london('2026-03-29T01:00:00.000Z')).toEqual({ hour: 2, minuteOfDay: 120, weekday: 7, date: '2026-03-29' });
    expect(london('2026-03-29T12:00:00Z')).toEqual({ hour: 13, minuteOfDay: 780, weekday: 7, date: '2026-03-29' });
  });

  it('the local date changes at local midnight on both sides of the change', () => {
    expect(london('2026-03-28T23:59:00Z')).toEqual({ hour: 23, minuteOfDay: 1439, weekday: 6, date: '2026-03-28' });
    expect(london('2026-03-29T00:00:00Z')).toEqual({ hour: 0, minuteOfDay: 0, weekday: 7, date: '2026-03-29' });
    // After the change, local midnight is 23:00 UTC.
    expect(london('2026-03-29T22:59:00Z')).toEqual({ hour: 23, minuteOfDay: 1439, weekday: 7, date: '2026-03-29' });
    expect(london('2026-03-29T23:00:00Z')).toEqual({ hour: 0, minuteOfDay: 0, weekday: 1, date: '2026-03-30' });
  });

  it('falls back at 01:00 UTC on Sunday 25 October: 01:59 BST is followed by 01:00 GMT', () => {
    expect(london('2026-10-24T22:59:00Z')).toEqual({ hour: 23, minuteOfDay: 1439, weekday: 6, date: '2026-10-24' });
    expect(london('2026-10-24T23:00:00Z')).toEqual({ hour: 0, minuteOfDay: 0, weekday: 7, date: '2026-10-25' });
    expect(london('2026-10-25T00:59:59.999Z')).toEqual({ hour: 1, minuteOfDay: 119, weekday: 7, date: '2026-10-25' });
    expect(london('2026-10-25T01:00:00.000Z')).toEqual({ hour: 1, minuteOfDay: 60, weekday: 7, date: '2026-10-25' });
    expect(london('2026-10-25T23:59:00Z')).toEqual({ hour: 23, minuteOfDay: 1439, weekday: 7, date: '2026-10-25' });
    expect(london('2026-10-26T00:00:00Z')).toEqual({ hour: 0, minuteOfDay: 0, weekday: 1, date: '2026-10-26' });
  });
});

describe('Europe/Bucharest across the 2026 DST changes', () => {
  const bucharest = (s: string) => read('Europe/Bucharest', s);

  it('springs forward at 01:00 UTC: 02:59 EET is followed by 04:00 EEST', () => {
    expect(bucharest('2026-03-29T00:59:59.999Z')).toEqual({ hour: 2, minuteOfDay: 179, weekday: 7, date: '2026-03-29' });
    expect(bucharest('2026-03-29T01:00:00.000Z')).toEqual({ hour: 4, minuteOfDay: 240, weekday: 7, date: '2026-03-29' });
  });

  it('local midnight is 22:00 UTC in winter and 21:00 UTC in summer', () => {
    expect(bucharest('2026-03-28T21:59:00Z')).toEqual({ hour: 23, minuteOfDay: 1439, weekday: 6, date: '2026-03-28' });
    expect(bucharest('2026-03-28T22:00:00Z')).toEqual({ hour: 0, minuteOfDay: 0, weekday: 7, date: '2026-03-29' });
    expect(bucharest('2026-03-29T20:59:00Z')).toEqual({ hour: 23, minuteOfDay: 1439, weekday: 7, date: '2026-03-29' });
    expect(bucharest('2026-03-29T21:00:00Z')).toEqual({ hour: 0, minuteOfDay: 0, weekday: 1, date: '2026-03-30' });
  });

  it('falls back at 01:00 UTC: 03:59 EEST is followed by 03:00 EET', () => {
    expect(bucharest('2026-10-24T20:59:00Z')).toEqual({ hour: 23, minuteOfDay: 1439, weekday: 6, date: '2026-10-24' });
    expect(bucharest('2026-10-24T21:00:00Z')).toEqual({ hour: 0, minuteOfDay: 0, weekday: 7, date: '2026-10-25' });
    expect(bucharest('2026-10-25T00:59:59.999Z')).toEqual({ hour: 3, minuteOfDay: 239, weekday: 7, date: '2026-10-25' });
    expect(bucharest('2026-10-25T01:00:00.000Z')).toEqual({ hour: 3, minuteOfDay: 180, weekday: 7, date: '2026-10-25' });
    expect(bucharest('2026-10-25T22:00:00Z')).toEqual({ hour: 0, minuteOfDay: 0, weekday: 1, date: '2026-10-26' });
  });

  it('reads the instant, whatever offset the timestamp was written with', () => {
    expect(bucharest('2026-07-01T00:30:00+03:00')).toEqual(bucharest('2026-06-30T21:30:00Z'));
    expect(bucharest('2026-07-01T00:30:00+03:00')).toEqual({ hour: 0, minuteOfDay: 30, weekday: 3, date: '2026-07-01' });
  });
});

describe('agrees with Intl minute by minute around the changes', () => {
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  function viaIntl(zone: string, ms: number) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' })
        .formatToParts(new Date(ms))
        .map((p) => [p.type, p.value]),
    );
    const hour = Number(parts.hour);
    return { hour, minuteOfDay: hour * 60 + Number(parts.minute), weekday: weekdays.indexOf(parts.weekday!) + 1, date: `${parts.year}-${parts.month}-${parts.day}` };
  }
  for (const zone of ['Europe/London', 'Europe/Bucharest', 'Asia/Kathmandu', 'America/St_Johns']) {
    it(zone, () => {
      const clock = createLocalClock(zone);
      for (const day of ['2026-03-28T12:00:00Z', '2026-10-24T12:00:00Z', '2026-03-07T12:00:00Z', '2026-10-31T12:00:00Z']) {
        // 36 hours in steps of 7 minutes and 13 seconds: crosses every quarter-hour bucket boundary differently.
        for (let ms = at(day); ms < at(day) + 36 * 3_600_000; ms += 433_000) {
          expect(clock(ms), new Date(ms).toISOString()).toEqual(viaIntl(zone, ms));
        }
      }
    });
  }
});

describe('time zone names', () => {
  it('an unknown zone throws invalid_time_zone', () => {
    expect(() => createLocalClock('Europe/Atlantis')).toThrow(MshtError);
    try {
      createLocalClock('Mars/Olympus');
    } catch (e) {
      expect((e as MshtError).code).toBe('invalid_time_zone');
      expect((e as MshtError).message).toBe('unknown time zone "Mars/Olympus"');
    }
  });

  it('the screener refuses an unknown zone at creation', () => {
    expect(() => createScreener({ rules: compile([indicator()]), timeZone: 'Not/AZone' })).toThrow(/unknown time zone/);
  });

  it('UTC and fixed zones work', () => {
    expect(read('UTC', '2026-03-29T01:00:00Z')).toEqual({ hour: 1, minuteOfDay: 60, weekday: 7, date: '2026-03-29' });
    expect(read('Etc/GMT-3', '2026-03-29T22:00:00Z')).toEqual({ hour: 1, minuteOfDay: 60, weekday: 1, date: '2026-03-30' });
  });
});
