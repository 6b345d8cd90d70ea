import { describe, expect, it } from 'vitest';
import { MshtError, createFxConverter, createScreener } from '../../src/index.js';
import { HOUR, T0, compile, hitsOf, indicator, rejectionsOf, screenAll, tx } from '../helpers/rules.js';

describe('createFxConverter', () => {
  const fx = createFxConverter('GBP', [
    { date: '2026-02-01', currency: 'EUR', rateToBase: '0.90' },
    { date: '2026-01-01', currency: 'EUR', rateToBase: '0.85' },
    { date: '2026-01-01', currency: 'RON', rateToBase: '0.17' },
    { date: '2026-01-01', currency: 'JPY', rateToBase: '0.0052' },
  ]);

  it('converts the base currency exactly, at 1', () => {
    expect(fx.toBaseMinor('123.45', 'GBP', '1999-01-01')).toBe(12345);
    expect(fx.toBaseMinor('999999999999999.99', 'GBP', '2026-01-01')).toBe(99999999999999999);
    expect(fx.baseExponent).toBe(2);
  });

  it('uses the latest rate dated on or before the date (input order does not matter)', () => {
    expect(fx.toBaseMinor('100.00', 'EUR', '2026-01-01')).toBe(8500);
    expect(fx.toBaseMinor('100.00', 'EUR', '2026-01-31')).toBe(8500);
    expect(fx.toBaseMinor('100.00', 'EUR', '2026-02-01')).toBe(9000);
    expect(fx.toBaseMinor('100.00', 'EUR', '2027-06-30')).toBe(9000);
  });

  it('has no rate before the first date, nor for an unlisted currency', () => {
    expect(fx.toBaseMinor('100.00', 'EUR', '2025-12-31')).toBeUndefined();
    expect(fx.toBaseMinor('100.00', 'USD', '2026-01-01')).toBeUndefined();
  });

  it('multiplies in decimal and rounds half-even once, at the base minor unit', () => {
    const half = createFxConverter('GBP', [{ date: '2026-01-01', currency: 'EUR', rateToBase: '0.5' }]);
    expect(half.toBaseMinor('0.01', 'EUR', '2026-01-01')).toBe(0); // 0.5p → 0
    expect(half.toBaseMinor('0.03', 'EUR', '2026-01-01')).toBe(2); // 1.5p → 2
    expect(half.toBaseMinor('0.05', 'EUR', '2026-01-01')).toBe(2); // 2.5p → 2
    expect(half.toBaseMinor('0.07', 'EUR', '2026-01-01')).toBe(4); // 3.5p → 4
    expect(fx.toBaseMinor('0.125', 'GBP', '2026-01-01')).toBe(12);
    expect(fx.toBaseMinor('0.135', 'GBP', '2026-01-01')).toBe(14);
    expect(fx.toBaseMinor('0.12500001', 'GBP', '2026-01-01')).toBe(13);
    // 0.1 × 3 is 0.3 exactly in decimal (0.30000000000000004 in binary floating point).
    const three = createFxConverter('GBP', [{ date: '2026-01-01', currency: 'USD', rateToBase: '3' }]);
    expect(three.toBaseMinor('0.1', 'USD', '2026-01-01')).toBe(30);
    expect(fx.toBaseMinor('1234.56', 'RON', '2026-01-01')).toBe(20988); // 209.8752 → 209.88
    expect(fx.toBaseMinor('10000', 'JPY', '2026-01-01')).toBe(5200);
  });

  it('respects the minor unit of the base currency', () => {
    const jpy = createFxConverter('JPY', [{ date: '2026-01-01', currency: 'GBP', rateToBase: '192.345' }]);
    expect(jpy.toBaseMinor('1.00', 'GBP', '2026-01-01')).toBe(192);
    expect(jpy.toBaseMinor('2.5', 'JPY', '2026-01-01')).toBe(2);
    expect(jpy.toBaseMinor('3.5', 'JPY', '2026-01-01')).toBe(4);
    const bhd = createFxConverter('BHD');
    expect(bhd.toBaseMinor('1.2345', 'BHD', '2026-01-01')).toBe(1234);
  });

  it('refuses malformed rates and unknown base currencies', () => {
    const bad = (rateToBase: string) => () => createFxConverter('GBP', [{ date: '2026-01-01', currency: 'EUR', rateToBase }]);
    expect(bad('0')).toThrow(MshtError);
    expect(bad('-1')).toThrow(/FX rate \[0\]/);
    expect(bad('1e3')).toThrow(MshtError);
    expect(() => createFxConverter('GBP', [{ date: '2026-13-01', currency: 'EUR', rateToBase: '1' }])).toThrow(MshtError);
    expect(() => createFxConverter('GBP', [{ date: '2026-01-01', currency: 'XXX', rateToBase: '1' }])).toThrow(MshtError);
    expect(() => createFxConverter('XYZ')).toThrow(MshtError);
  });

  it('refuses a base currency that is an Object.prototype key', () => {
    for (const code of ['toString', 'constructor', '__proto__']) {
      expect(() => createFxConverter(code), code).toThrow(MshtError);
    }
  });
});

describe('FX in the screener', () => {
  const rules = compile([indicator({ measures: { spent: { fn: 'sum', of: 'amount' } }, trigger: { measure: 'spent', op: 'gte', value: 0 }, cooldown: 'PT1M', explain: '{spent} spent' })]);
  const fx = [{ date: '2026-01-01', currency: 'EUR', rateToBase: '0.85' }];

  it('a missing rate rejects the transaction with fx_missing, and it is not screened', () => {
    const s = createScreener({ rules, fx });
    const events = s.push(tx({ id: 'usd', amount: '10.00', currency: 'USD' }));
    expect(events).toEqual([
      {
        type: 'rejected',
        rejection: { code: 'fx_missing', message: 'no USD→GBP rate dated on or before 2026-01-05', transactionId: 'usd', field: 'currency', value: 'USD' },
      },
    ]);
    expect(s.stats).toMatchObject({ received: 1, screened: 0, rejected: 1, rejectedByCode: { fx_missing: 1 } });
    // Nothing of it is in any window: the next transaction's sum does not include it.
    const next = hitsOf(s.push(tx({ id: 'gbp', at: T0 + HOUR, amount: '1.00' })));
    expect(next[0]!.measures.spent!.value).toBe('1.00');
    expect(next[0]!.transactionIds).toEqual(['gbp']);
  });

  it('a rate dated after the transaction does not apply', () => {
    const later = [{ date: '2026-01-06', currency: 'EUR', rateToBase: '0.85' }];
    expect(rejectionsOf(screenAll(rules, [tx({ currency: 'EUR' })], { fx: later })).map((r) => r.code)).toEqual(['fx_missing']);
  });

  it('the rate date is the local date in the screener time zone', () => {
    const fx2 = [
      { date: '2026-01-31', currency: 'EUR', rateToBase: '0.80' },
      { date: '2026-02-01', currency: 'EUR', rateToBase: '0.90' },
    ];
    const t = tx({ id: 'late-evening', amount: '100.00', currency: 'EUR', timestamp: '2026-01-31T22:30:00Z' });
    expect(hitsOf(screenAll(rules, [t], { fx: fx2 }))[0]!.measures.spent!.value).toBe('80.00');
    // 00:30 on 1 February in Bucharest.
    expect(hitsOf(screenAll(rules, [t], { fx: fx2, timeZone: 'Europe/Bucharest' }))[0]!.measures.spent!.value).toBe('90.00');
  });

  it('converted amounts feed the measures in the base currency', () => {
    const hits = hitsOf(screenAll(rules, [tx({ amount: '100.00', currency: 'EUR' }), tx({ at: T0 + HOUR, amount: '0.01' })], { fx }));
    expect(hits.map((h) => h.measures.spent!.value)).toEqual(['85.00', '85.01']);
    expect(hits[1]!.measures.spent!.currency).toBe('GBP');
    expect(hits[1]!.text).toBe('GBP 85.01 spent');
  });

  it('sums of many small amounts are exact decimal strings', () => {
    const txs = Array.from({ length: 1000 }, (_, i) => tx({ at: T0 + i * 60_000, amount: i % 2 === 0 ? '0.10' : '0.20' }));
    const hits = hitsOf(screenAll(rules, txs));
    expect(hits[1]!.measures.spent!.value).toBe('0.30');
    expect(hits.at(-1)!.measures.spent!.value).toBe('150.00');
    expect(hits.at(-1)!.text).toBe('GBP 150.00 spent');
    const eur = Array.from({ length: 10 }, (_, i) => tx({ at: T0 + i * 60_000, amount: '0.10', currency: 'EUR' }));
    const eurHits = hitsOf(screenAll(rules, eur, { fx: [{ date: '2026-01-01', currency: 'EUR', rateToBase: '3' }] }));
    expect(eurHits.at(-1)!.measures.spent!.value).toBe('3.00');
  });

  it('a bad FX table fails at screener creation', () => {
    expect(() => createScreener({ rules, fx: [{ date: 'yesterday', currency: 'EUR', rateToBase: '1' }] })).toThrow(MshtError);
  });
});
