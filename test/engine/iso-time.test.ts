import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../../src/util/iso-time.js';

describe('parseIsoInstant', () => {
  it('agrees with Date.parse on every instant and offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.integer({ min: 0, max: 4 }),
        (date, offset, fracDigits) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
          const frac = fracDigits === 0 ? '' : `.${String(date.getUTCMilliseconds()).padStart(3, '0').padEnd(fracDigits, '7').slice(0, fracDigits)}`;
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const off = offset === 0 && fracDigits % 2 === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const s = `${local}${frac}${off}`;
          expect(parseIsoInstant(s)).toBe(Date.parse(s));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('falls back to Date.parse for other shapes', () => {
    for (const s of ['2026-03-01', '2026-03-01T21:15Z', 'not a date', '2026-13-01T00:00:00Z']) {
      expect(Number.isNaN(parseIsoInstant(s)) ? NaN : parseIsoInstant(s)).toEqual(Number.isNaN(Date.parse(s)) ? NaN : Date.parse(s));
    }
  });
});
