import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainValidTransaction } from '../../src/schema/fast-validate.js';
import { TransactionSchema, generateTransactions } from '../../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

/** Strings near each field's accepted shapes, including the edges of every rule. */
const nearTimestamp = fc.oneof(
  fc.constantFrom('2026-03-01T21:15:00Z', '2026-03-01T21:15:00+02:00', '2024-02-29T00:00:00Z', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T21:60:00Z', '2026-03-01T21:15:60Z', '2026-03-01t21:15:00Z', '2026-03-01T21:15:00.250Z', '2026-03-01T21:15:00+24:00', '2026-03-01T21:15:00+02:60', '2026-03-01T21:15:00', '2026-03-01 21:15:00Z', '0000-01-01T00:00:00Z', '2026-03-01T21:15:00-00:00'),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('Z', '+01:00', '-05:30', '+23:59', 'z', '+0100', ''))
    .map(([y, mo, d, h, mi, z]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(mi).padStart(2, '0')}${z}`),
);
const nearAmount = fc.oneof(
  fc.constantFrom('0', '0.00', '00.01', '1', '1.', '.5', '1.123456789', '123456789012345', '1234567890123456', '1e3', '-1', ' 1', '1,00', '٣'),
  fc.stringMatching(/^[0-9]{1,16}(\.[0-9]{0,9})?$/),
);
const nearText = (max: number) => fc.oneof(fc.constantFrom('', 'x'.repeat(max), 'x'.repeat(max + 1), 'Iași'), fc.string({ maxLength: 5 }));
const nearCountry = fc.constantFrom('GB', 'RO', 'gb', 'G', 'GBR', 'Ro', '12');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });
/** Mostly a valid value, sometimes one near an edge: so that many candidates are valid as a whole. */
const mostly = <T>(valid: fc.Arbitrary<T>, near: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: near, weight: 1 });
const word = fc.stringMatching(/^[A-Za-z0-9 .-]{1,12}$/);

const candidate = fc.record(
  {
    id: mostly(word, nearText(200)),
    timestamp: mostly(fc.constantFrom('2026-03-01T21:15:00Z', '2026-12-31T23:59:59-05:30'), nearTimestamp),
    accountId: mostly(word, nearText(200)),
    customerId: mostly(word, nearText(200)),
    direction: mostly(fc.constantFrom('in', 'out'), fc.constantFrom('IN', '')),
    amount: mostly(fc.constantFrom('1.00', '250', '0.5'), nearAmount),
    currency: mostly(fc.constantFrom('GBP', 'RON', 'EUR'), fc.constantFrom('gbp', 'XXX', 'ZZZ', 'constructor')),
    channel: mostly(fc.constantFrom('card', 'atm', 'other'), fc.constantFrom('Card', 'toString')),
    purpose: mostly(word, nearText(100)),
    counterparty: fc.record({ id: maybe(mostly(word, nearText(200))), name: maybe(mostly(word, nearText(300))), account: maybe(mostly(word, nearText(200))), country: maybe(mostly(fc.constantFrom('GB', 'RO'), nearCountry)) }, { requiredKeys: [] }),
    merchant: fc.record({ mcc: maybe(fc.constantFrom('7011', '701', '70111', 'abcd', '٧٠١١')), name: maybe(mostly(word, nearText(300))), city: maybe(mostly(word, nearText(200))), country: maybe(mostly(fc.constantFrom('GB', 'RO'), nearCountry)), extra: fc.option(fc.constant('x'), { freq: 10 }) }, { requiredKeys: [] }),
    location: fc.record({ city: maybe(mostly(word, nearText(200))), country: maybe(mostly(fc.constantFrom('GB', 'RO'), nearCountry)), terminalId: maybe(mostly(word, nearText(200))) }, { requiredKeys: [] }),
    reference: mostly(fc.string({ maxLength: 5 }), fc.constant('r'.repeat(1001))),
    device: fc.record({ id: maybe(mostly(word, nearText(200))), ip: maybe(mostly(word, nearText(100))), country: fc.option(nearCountry, { freq: 10 }) }, { requiredKeys: [] }),
    flags: mostly(fc.array(mostly(word, nearText(100)), { maxLength: 3 }), fc.constant(Array.from({ length: 51 }, () => 'f'))),
    unknown: fc.option(fc.constant(1), { freq: 10 }),
  },
  { requiredKeys: ['id', 'timestamp', 'accountId', 'direction', 'amount', 'currency', 'channel'] },
);

describe('isPlainValidTransaction: a strict subset of the transaction schema', () => {
  it('property: whatever it accepts, the schema accepts and returns unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(candidate, (c) => {
        // fc.option's nil leaves keys holding undefined: drop those that the generator meant as absent.
        for (const o of [c, c.counterparty, c.merchant, c.location, c.device] as Record<string, unknown>[]) {
          if (o !== undefined) for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null) delete o[k];
        }
        if (!isPlainValidTransaction(c)) return;
        accepted++;
        const r = TransactionSchema.safeParse(c);
        expect(r.success, JSON.stringify(c)).toBe(true);
        expect(r.data).toEqual(c);
      }),
      { numRuns: RUNS * 4 },
    );
    expect(accepted).toBeGreaterThan(RUNS / 50); // about 1% of candidates are valid as a whole
  });

  it('accepts every generated transaction (the readers’ fast path is the common path)', () => {
    let n = 0;
    for (const t of generateTransactions({ seed: 3, accounts: 60, days: 5, start: '2026-01-05' })) {
      expect(isPlainValidTransaction(t)).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(300);
  });

  it('leaves unusual objects to the schema', () => {
    const ok = { id: 't', timestamp: '2026-03-01T21:15:00Z', accountId: 'A', direction: 'out', amount: '1.00', currency: 'GBP', channel: 'card' };
    expect(isPlainValidTransaction(ok)).toBe(true);
    expect(isPlainValidTransaction({ ...ok, customerId: undefined })).toBe(false);
    expect(isPlainValidTransaction(Object.assign(Object.create({ inherited: 1 }), ok))).toBe(false);
    expect(isPlainValidTransaction(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(ok).slice(1)}`))).toBe(false);
    expect(isPlainValidTransaction({ ...ok, timestamp: '2024-02-29T00:00:00Z' })).toBe(false); // valid, but left to the schema
    expect(TransactionSchema.safeParse({ ...ok, timestamp: '2024-02-29T00:00:00Z' }).success).toBe(true);
    expect(isPlainValidTransaction({ ...ok, merchant: { constructor: 'x' } })).toBe(false);
  });
});
