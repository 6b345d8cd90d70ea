import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/ingest/parse-amount.js';
import { checkDateFormat, compileTimestampParser } from '../../src/ingest/parse-timestamp.js';

const RO = { decimalSeparator: ',', thousandsSeparator: '.' } as const;
const UK = { decimalSeparator: '.', thousandsSeparator: ',' } as const;

describe('parseAmount', () => {
  it.each([
    ['1.234,56', RO, '1234.56', false],
    ['1.234.567,8', RO, '1234567.8', false],
    ['1234,56', RO, '1234.56', false],
    ['0,05', RO, '0.05', false],
    ['-1.234,56', RO, '1234.56', true],
    ['1.234', RO, '1234', false],
    ['1,234.56', UK, '1234.56', false],
    ['1234.56', UK, '1234.56', false],
    ['(12.50)', UK, '12.50', true],
    ['12.50-', UK, '12.50', true],
    ['−3.00', UK, '3.00', true],
    ['+7', UK, '7', false],
    ['007.10', UK, '7.10', false],
  ] as const)('%s → %s', (raw, style, value, negative) => {
    expect(parseAmount(raw, style)).toEqual({ ok: true, value, negative });
  });

  it.each([
    ['1.5', RO], // a dot in RO style must group thousands
    ['1,23', UK],
    ['1.234,56', UK], // the other convention
    ['1,234.56', RO],
    ['12,34,56', UK],
    ['1.2.3', RO],
    ['1e5', UK],
    ['12 GBP', UK],
    ['', UK],
    ['.5', UK],
    ['1,,234', UK],
    ['1234567890123456', UK],
    ['1.123456789', UK],
    ['NaN', UK],
  ] as const)('rejects %j', (raw, style) => {
    expect(parseAmount(raw, style).ok).toBe(false);
  });

  it('without a thousands separator, a grouped number is garbage', () => {
    expect(parseAmount('1,234.56', { decimalSeparator: '.', thousandsSeparator: null }).ok).toBe(false);
  });
});

describe('timestamps', () => {
  it('reads dd/MM/yyyy HH:mm in Europe/Bucharest across DST', () => {
    const p = compileTimestampParser('dd/MM/yyyy HH:mm', 'Europe/Bucharest');
    expect(p('01/03/2026 21:15')).toEqual({ ok: true, value: '2026-03-01T21:15:00+02:00' });
    // clocks go forward at 03:00 on 29 March 2026: 02:59 is +02:00, 04:00 is +03:00, 03:30 does not exist
    expect(p('29/03/2026 02:59')).toEqual({ ok: true, value: '2026-03-29T02:59:00+02:00' });
    expect(p('29/03/2026 04:00')).toEqual({ ok: true, value: '2026-03-29T04:00:00+03:00' });
    expect(p('29/03/2026 03:30')).toEqual({ ok: false, reason: '2026-03-29T03:30:00 does not exist in Europe/Bucharest (the clocks went forward)' });
    // clocks go back at 04:00 on 25 October 2026: 03:30 happens twice, the first (+03:00) is taken
    expect(p('25/10/2026 03:30')).toEqual({ ok: true, value: '2026-10-25T03:30:00+03:00' });
    expect(p('25/10/2026 04:30')).toEqual({ ok: true, value: '2026-10-25T04:30:00+02:00' });
  });

  it('reads yyyy/MM/dd HH:mm in Europe/London across DST', () => {
    const p = compileTimestampParser('yyyy/MM/dd HH:mm', 'Europe/London');
    expect(p('2026/01/15 09:00')).toEqual({ ok: true, value: '2026-01-15T09:00:00Z' });
    expect(p('2026/07/15 09:00')).toEqual({ ok: true, value: '2026-07-15T09:00:00+01:00' });
    expect(p('2026/03/29 01:30').ok).toBe(false); // 01:00 → 02:00
    expect(p('2026/10/25 01:30')).toEqual({ ok: true, value: '2026-10-25T01:30:00+01:00' });
  });

  it('rejects dates that do not exist and text that does not match', () => {
    const p = compileTimestampParser('dd.MM.yyyy HH:mm:ss', 'Europe/Bucharest');
    expect(p('30.02.2026 10:00:00')).toEqual({ ok: false, reason: '2026-02-30 is not a calendar date' });
    expect(p('29.02.2028 10:00:00').ok).toBe(true);
    expect(p('29.02.2026 10:00:00').ok).toBe(false);
    expect(p('01.13.2026 10:00:00').ok).toBe(false);
    expect(p('01.03.2026 24:00:00').ok).toBe(false);
    expect(p('2026-03-01 10:00:00').ok).toBe(false);
  });

  it('iso: keeps a stated offset and reads local times in the zone', () => {
    const p = compileTimestampParser('iso', 'Europe/Bucharest');
    expect(p('2026-03-01T21:15:00+02:00')).toEqual({ ok: true, value: '2026-03-01T21:15:00+02:00' });
    expect(p('2026-03-01T19:15:00Z')).toEqual({ ok: true, value: '2026-03-01T19:15:00Z' });
    expect(p('2026-03-01 21:15:00.5+0530')).toEqual({ ok: true, value: '2026-03-01T21:15:00.500+05:30' });
    expect(p('2026-07-01T21:15')).toEqual({ ok: true, value: '2026-07-01T21:15:00+03:00' });
    expect(p('2026-02-30T10:00:00Z').ok).toBe(false);
    expect(p('01/03/2026').ok).toBe(false);
  });

  it('accepts only allowlisted tokens', () => {
    expect(checkDateFormat("yyyy-MM-dd'T'HH:mm:ss")).toEqual([]);
    expect(checkDateFormat('d/M/yyyy H:mm')).toEqual([]);
    expect(checkDateFormat('MMM dd yyyy')[0]).toMatch(/unsupported token "MMM"/);
    expect(checkDateFormat('dd/MM/yyyy hh:mm a')[0]).toMatch(/unsupported token "hh"/);
    expect(checkDateFormat('dd/MM')[0]).toBe('the format has no year');
    expect(checkDateFormat('dd/MM/yyyy/dd')[0]).toMatch(/repeats the day/);
  });
});
