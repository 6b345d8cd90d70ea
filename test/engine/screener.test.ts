import { describe, expect, it } from 'vitest';
import { compileRuleSet, createScreener, SnapshotError, type Alert, type ScreenEvent } from '../../src/index.js';

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 0, d, h)).toISOString();

const docs = [
  {
    json: {
      type: 'indicator', id: 'hotel', version: '1.0.0', title: 'Hotels', description: 'Hotel payments.',
      sources: [{ issuer: 'FINTRAC', ref: 'FINTRAC-2016-OA003', year: 2016 }],
      when: { all: [{ field: 'direction', op: 'eq', value: 'out' }, { field: 'merchant.mcc', op: 'eq', value: '7011' }] },
      window: 'P7D', cooldown: 'P7D',
      measures: { stays: { fn: 'count' } },
      trigger: { measure: 'stays', op: 'gte', value: 2 },
      explain: '{stays} hotel payments in the {window} to {windowEnd}',
    },
  },
  {
    json: {
      type: 'indicator', id: 'taxi', version: '1.0.0', title: 'Taxis', description: 'Taxi rides.',
      sources: [{ issuer: 'AUSTRAC', ref: 'Fintel Alliance guide', year: 2022 }],
      when: { all: [{ field: 'direction', op: 'eq', value: 'out' }, { field: 'merchant.mcc', op: 'eq', value: '4121' }] },
      window: 'P7D',
      measures: { rides: { fn: 'count' } },
      trigger: { measure: 'rides', op: 'gte', value: 2 },
      explain: '{rides} taxi rides',
    },
  },
  {
    json: {
      type: 'indicator', id: 'device', version: '1.0.0', title: 'Shared device', description: 'Many accounts on one device.',
      scope: 'device.id', window: 'P7D',
      measures: { accounts: { fn: 'distinct', of: 'accountId' } },
      trigger: { measure: 'accounts', op: 'gte', value: 3 },
      explain: '{accounts} accounts used device {key}',
    },
  },
  {
    json: {
      type: 'typology', id: 'popup', version: '1.0.0', title: 'Pop-up', description: 'Test.', lookback: 'P10D',
      members: [{ rule: 'hotel', weight: 0.4 }, { rule: 'taxi', weight: 0.3 }, { rule: 'device', weight: 0.5 }],
      thresholds: { review: 0.4, high: 0.7 },
    },
  },
];
const rules = compileRuleSet(docs);

let n = 0;
function tx(over: Record<string, unknown>) {
  return { id: `t${n++}`, timestamp: day(1), accountId: 'A', customerId: 'C', direction: 'out', amount: '50.00', currency: 'GBP', channel: 'card', ...over };
}
const hotel = (d: number, acc = 'A') => tx({ timestamp: day(d), accountId: acc, merchant: { mcc: '7011', name: 'Inn' } });
const taxi = (d: number, acc = 'A') => tx({ timestamp: day(d, 13), accountId: acc, merchant: { mcc: '4121', name: 'Cab' } });
const alerts = (ev: ScreenEvent[]) => ev.filter((e): e is Extract<ScreenEvent, { type: 'alert' }> => e.type === 'alert');

describe('createScreener', () => {
  it('raises an alert when the score reaches review, updates it (same id) as members join, and never duplicates it', () => {
    const s = createScreener({ rules });
    const ev: ScreenEvent[] = [];
    for (const t of [hotel(1), hotel(2), hotel(3), taxi(3), taxi(4), hotel(5), taxi(5)]) ev.push(...s.push(t));
    const a = alerts(ev);
    expect(a.map((e) => [e.change, e.alert.level, e.alert.score, e.alert.revision])).toEqual([
      ['raised', 'review', 0.4, 1],
      ['updated', 'high', 0.7, 2],
    ]);
    expect(a[0]!.alert.alertId).toBe(a[1]!.alert.alertId);
    expect(a[1]!.alert.reasons.map((r) => [r.ruleId, r.weight])).toEqual([['hotel', 0.4], ['taxi', 0.3]]);
    expect(s.stats).toMatchObject({ alertsRaised: 1, alertsUpdated: 1 });
  });

  it('gives the same alert id in another run (deterministic) and a new alert after the score has lapsed', () => {
    const run = () => {
      const s = createScreener({ rules });
      return [hotel(1), hotel(2), hotel(20), hotel(21)].flatMap((t) => s.push(t));
    };
    n = 100;
    const first = alerts(run());
    n = 100;
    const second = alerts(run());
    expect(first.map((e) => e.alert.alertId)).toEqual(second.map((e) => e.alert.alertId));
    expect(first).toHaveLength(2);
    expect(first[0]!.alert.alertId).not.toBe(first[1]!.alert.alertId);
    expect(first.every((e) => e.change === 'raised')).toBe(true);
  });

  it('credits a device-scoped hit to every account whose transactions it lists', () => {
    const s = createScreener({ rules });
    const ev = ['A', 'B', 'C'].flatMap((acc, i) => s.push(tx({ timestamp: day(1, 10 + i), accountId: acc, customerId: `C${acc}`, device: { id: 'D1' } })));
    const hit = ev.find((e) => e.type === 'hit');
    expect(hit?.type === 'hit' && hit.hit.accounts).toEqual(['A', 'B', 'C']);
    expect(alerts(ev).map((e) => e.alert.entity.key)).toEqual(['A', 'B', 'C']);
  });

  it('rejects duplicates, late, invalid and unconvertible transactions with reasons, and screens the rest', () => {
    const s = createScreener({ rules, fx: [{ date: '2026-01-01', currency: 'EUR', rateToBase: '0.85' }] });
    const ok = hotel(5);
    const out = [
      ...s.push(ok),
      ...s.push(ok),
      ...s.push(hotel(4)),
      ...s.push({ ...hotel(6), amount: '12,50' }),
      ...s.push({ ...hotel(6), currency: 'RON' }),
      ...s.push({ ...hotel(6), currency: 'EUR' }),
    ];
    const rej = out.flatMap((e) => (e.type === 'rejected' ? [e.rejection] : []));
    expect(rej.map((r) => [r.code, r.field])).toEqual([
      ['duplicate', 'id'],
      ['late', 'timestamp'],
      ['invalid', 'amount'],
      ['fx_missing', 'currency'],
    ]);
    expect(rej[2]!.value).toBe('12,50');
    expect(s.stats).toMatchObject({ received: 6, screened: 2, rejected: 4, rejectedByCode: { duplicate: 1, late: 1, invalid: 1, fx_missing: 1 } });
  });

  it('reorders input within allowedLateness and rejects what is later than that', () => {
    const s = createScreener({ rules, allowedLateness: 'P1D' });
    const out = [...s.push(hotel(3)), ...s.push(hotel(2, 'A')), ...s.push(hotel(5)), ...s.push(hotel(1))];
    expect(out.filter((e) => e.type === 'rejected').map((e) => e.type === 'rejected' && e.rejection.code)).toEqual(['late']);
    const hit = out.find((e) => e.type === 'hit');
    expect(hit?.type === 'hit' && hit.hit.at).toBe(day(3));
    expect(s.stats.buffered).toBe(1);
    s.flush();
    expect(s.stats.buffered).toBe(0);
  });

  it('reports cap evictions as events and counts, never silently', () => {
    const s = createScreener({ rules, limits: { maxWindowEvents: 3, maxKeysPerRule: 2 } });
    const out = [hotel(1, 'A'), hotel(1, 'B'), hotel(1, 'C'), hotel(2, 'C'), hotel(2, 'C'), hotel(2, 'C'), hotel(2, 'C')].flatMap((t) => s.push(t));
    const ev = out.flatMap((e) => (e.type === 'evicted' ? [e.eviction] : []));
    expect(ev.map((e) => e.reason)).toEqual(['max_keys', 'max_window_events', 'max_window_events']); // C holds 5 events, 3 allowed
    expect(ev[0]).toMatchObject({ ruleId: 'hotel', key: 'A', dropped: 1 });
    expect(s.stats.evictions).toBe(3);
  });

  it('at the key cap evicts the least recently used key, not the oldest-created one', () => {
    const s = createScreener({ rules, limits: { maxKeys: 2 } });
    const out = [hotel(1, 'A'), hotel(1, 'B'), hotel(2, 'A'), hotel(3, 'C')].flatMap((t) => s.push(t));
    const ev = out.flatMap((e) => (e.type === 'evicted' ? [e.eviction] : []));
    expect(ev.map((e) => [e.reason, e.key])).toEqual([['max_keys', 'B']]);
  });

  it('a sweep at the key cap never drops a key the current transaction is still using (review finding)', () => {
    // r1 looks up account B's slots without creating a window (nothing counted); r2's new key hits the
    // cap and sweeps; r3 must still find B's slots in the map, or its window (and its hit) is lost.
    const ind = (id: string, scope: string, measures: object, value: number) => ({
      json: { type: 'indicator', id, version: '1.0.0', title: id, description: id, scope, window: 'PT1H', measures, trigger: { measure: Object.keys(measures)[0], op: 'gte', value }, explain: 'x' },
    });
    const rs = compileRuleSet([
      ind('r1', 'accountId', { big: { fn: 'count', where: { field: 'amount', op: 'gt', value: 1000 } } }, 1),
      ind('r2', 'counterparty.id', { n: { fn: 'count' } }, 100),
      ind('r3', 'accountId', { n: { fn: 'count' } }, 2),
    ]);
    const s = createScreener({ rules: rs, limits: { maxKeys: 2 } });
    const at = (m: number) => new Date(Date.UTC(2026, 0, 5, 12, m)).toISOString();
    const t = (m: number, acc: string, cp: string) => ({ id: `t${m}`, timestamp: at(m), accountId: acc, direction: 'out', amount: '10.00', currency: 'GBP', channel: 'card', counterparty: { id: cp } });
    const out = [t(0, 'B', 'c1'), t(1, 'B', 'c2'), t(2, 'A', 'c3'), t(3, 'A', 'c3')].flatMap((x) => s.push(x));
    const summary = out.map((e) => (e.type === 'hit' ? `hit ${e.hit.ruleId} ${e.hit.at}` : e.type === 'evicted' ? `evicted ${e.eviction.reason} ${e.eviction.ruleId} ${e.eviction.key}` : e.type));
    expect(summary.filter((x) => x.startsWith('hit'))).toEqual([`hit r3 ${at(1)}`, `hit r3 ${at(3)}`]);
  });

  it('a restore that fails part-way leaves the screener as it was (review finding: stats that cannot be cloned)', () => {
    const a = createScreener({ rules });
    const b = createScreener({ rules });
    const txs = [1, 2, 3, 4, 5].map((d) => hotel(d, d % 2 === 0 ? 'A' : 'B'));
    const expected = createScreener({ rules });
    const want = txs.flatMap((t) => expected.push(t));
    const got = [...b.push(txs[0]!), ...b.push(txs[1]!)];
    const snap = a.snapshot(); // an empty screener's: restoring it half-way would wipe b's windows
    expect(() => b.restore({ ...snap, stats: { ...snap.stats, note: () => 1 } })).toThrow(SnapshotError);
    for (const t of txs.slice(2)) got.push(...b.push(t));
    expect(got).toEqual(want);
  });

  it('refuses snapshots of another version, other rules or other options, and corrupt ones', () => {
    const s = createScreener({ rules });
    s.push(hotel(1));
    const snap = s.snapshot();
    expect(() => createScreener({ rules }).restore({ ...snap, version: 99 })).toThrow(/version 99/);
    const other = compileRuleSet(docs.slice(0, 1));
    expect(() => createScreener({ rules: other }).restore(snap)).toThrow(SnapshotError);
    expect(() => createScreener({ rules, timeZone: 'Europe/Bucharest' }).restore(snap)).toThrow(/other options/);
    expect(() => createScreener({ rules }).restore({ format: 'x' })).toThrow(SnapshotError);
    expect(() => createScreener({ rules }).restore({ ...snap, windows: { hotel: [['A', { t: 'nope' }]] } })).toThrow(SnapshotError);
  });

  it('hit evidence lists the transactions, measures and comparisons an analyst needs to re-derive it', () => {
    const s = createScreener({ rules });
    const a = hotel(1);
    const b = hotel(2);
    const ev = [...s.push(a), ...s.push(b)];
    const hit = ev.find((e) => e.type === 'hit');
    if (hit?.type !== 'hit') throw new Error('no hit');
    expect(hit.hit).toMatchObject({
      ruleId: 'hotel',
      triggeringTransactionId: b.id,
      transactionIds: [a.id, b.id],
      measures: { stays: { value: 2, unit: 'count', transactionIds: [a.id, b.id] } },
      trigger: [{ measure: 'stays', op: 'gte', observed: 2, threshold: 2, passed: true }],
      window: { from: new Date(Date.parse(day(2)) - 7 * 86_400_000).toISOString(), to: day(2) },
      text: '2 hotel payments in the 7 days to 2026-01-02',
    });
    const alert: Alert = alerts(ev)[0]!.alert;
    expect(alert.sources).toEqual([{ issuer: 'FINTRAC', ref: 'FINTRAC-2016-OA003', year: 2016 }]);
  });
});
