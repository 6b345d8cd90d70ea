import { describe, expect, it } from 'vitest';
import { KeyWindow } from '../../src/windows/key-window.js';
import type { CompiledIndicator } from '../../src/compile/compile-rule-set.js';
import { createScreener } from '../../src/index.js';
import { DAY, HOUR, MINUTE, T0, compile, hitsOf, indicator, row, screenAll, tx, type Doc, type TxInput } from '../helpers/rules.js';

/** A key window for one rule, fed directly, with measure values by name. */
class Harness {
  readonly rule: CompiledIndicator;
  win: KeyWindow;
  constructor(partial: Doc) {
    // Unless given, the trigger and the text use the first measure.
    const first = Object.keys((partial.measures as Doc | undefined) ?? { n: 0 })[0]!;
    const doc = indicator({ trigger: { measure: first, op: 'gte', value: 0 }, explain: `{${first}}`, ...partial });
    this.rule = compile([doc]).indicators[0]!;
    this.win = new KeyWindow(this.rule);
  }
  add(t: TxInput): this {
    this.win.add(row(tx(t)));
    return this;
  }
  /** Values in internal units: counts, or GBP minor units. */
  values(): Record<string, number | null> {
    return Object.fromEntries(this.rule.measures.map((m) => [m.name, this.win.value(m.index)]));
  }
  value(name: string): number | null {
    return this.win.value(this.rule.measureIndex.get(name)!);
  }
  ids(name: string): string[] {
    // evidence(measure, key): the key stands in for the account when the scope is the account.
    const evidence = this.win.evidence.bind(this.win) as (m: number, key: string) => { ids: string[] };
    return evidence(this.rule.measureIndex.get(name)!, 'A1').ids;
  }
  /** Replaces the window by its JSON round trip. */
  roundTrip(): this {
    this.win = KeyWindow.fromState(this.rule, JSON.parse(JSON.stringify(this.win.toState())));
    return this;
  }
}

const ALL_MEASURES = {
  n: { fn: 'count' },
  total: { fn: 'sum', of: 'amount' },
  lo: { fn: 'min', of: 'amount' },
  hi: { fn: 'max', of: 'amount' },
  avg: { fn: 'mean', of: 'amount' },
  towns: { fn: 'distinct', of: 'merchant.city' },
};

describe('measures', () => {
  it('count, sum, min, max, mean and distinct have exact values as entries come and go', () => {
    const h = new Harness({ window: 'PT1H', measures: ALL_MEASURES });
    h.add({ at: T0, amount: '5.00', merchant: { city: 'Iași' } });
    expect(h.values()).toEqual({ n: 1, total: 500, lo: 500, hi: 500, avg: 500, towns: 1 });
    h.add({ at: T0 + 10 * MINUTE, amount: '3.00', merchant: { city: 'IASI' } });
    expect(h.values()).toEqual({ n: 2, total: 800, lo: 300, hi: 500, avg: 400, towns: 1 });
    h.add({ at: T0 + 20 * MINUTE, amount: '4.01', merchant: { city: 'Leeds' } });
    expect(h.values()).toEqual({ n: 3, total: 1201, lo: 300, hi: 500, avg: 1201 / 3, towns: 2 });
    h.add({ at: T0 + 30 * MINUTE, amount: '0.10' }); // no city: not a distinct value
    expect(h.values()).toEqual({ n: 4, total: 1211, lo: 10, hi: 500, avg: 1211 / 4, towns: 2 });
    // At T0+60min the first entry (5.00, Iași) leaves; the max moves to 4.01; Iași still has one entry.
    h.add({ at: T0 + 60 * MINUTE, amount: '1.00', merchant: { city: 'Luton' } });
    expect(h.values()).toEqual({ n: 4, total: 811, lo: 10, hi: 401, avg: 811 / 4, towns: 3 });
    // At T0+70min the 3.00 (IASI) leaves: Iași is gone.
    h.add({ at: T0 + 70 * MINUTE, amount: '2.00', merchant: { city: 'Luton' } });
    expect(h.values()).toEqual({ n: 4, total: 711, lo: 10, hi: 401, avg: 711 / 4, towns: 2 });
    // At T0+90min the 0.10 leaves: the min moves up.
    // At T0+90min the 4.01 (T0+20) and the 0.10 (T0+30, exactly at the edge) leave: the min moves up.
    h.add({ id: 'last', at: T0 + 90 * MINUTE, amount: '9.99' });
    expect(h.values()).toEqual({ n: 3, total: 1299, lo: 100, hi: 999, avg: 433, towns: 1 });
    expect(h.ids('n')).toHaveLength(3);
    expect(h.ids('n').at(-1)).toBe('last');
  });

  it('a measure with "where" counts only what passes it', () => {
    const h = new Harness({
      window: 'P1D',
      measures: {
        inflow: { fn: 'sum', of: 'amount', where: { field: 'direction', op: 'eq', value: 'in' } },
        outflow: { fn: 'sum', of: 'amount', where: { field: 'direction', op: 'eq', value: 'out' } },
        bigOut: { fn: 'count', where: { all: [{ field: 'direction', op: 'eq', value: 'out' }, { field: 'amount', op: 'gte', value: 100 }] } },
        payers: { fn: 'distinct', of: 'counterparty.id', where: { field: 'direction', op: 'eq', value: 'in' } },
      },
    });
    h.add({ id: 'i1', direction: 'in', amount: '250.00', counterparty: { id: 'P1' } });
    h.add({ id: 'i2', direction: 'in', amount: '50.00', counterparty: { id: 'P2' } });
    h.add({ id: 'o1', direction: 'out', amount: '100.00', counterparty: { id: 'P3' } });
    h.add({ id: 'o2', direction: 'out', amount: '99.99', counterparty: { id: 'P1' } });
    expect(h.values()).toEqual({ inflow: 30000, outflow: 19999, bigOut: 1, payers: 2 });
    expect(h.ids('inflow')).toEqual(['i1', 'i2']);
    expect(h.ids('bigOut')).toEqual(['o1']);
    expect(h.ids('payers')).toEqual(['i1', 'i2']);
  });

  it('an empty window has count 0, sum 0 and null min, max and mean', () => {
    const h = new Harness({
      window: 'P1D',
      measures: {
        n: { fn: 'count', where: { field: 'amount', op: 'gt', value: 1000 } },
        total: { fn: 'sum', of: 'amount', where: { field: 'amount', op: 'gt', value: 1000 } },
        lo: { fn: 'min', of: 'amount', where: { field: 'amount', op: 'gt', value: 1000 } },
        hi: { fn: 'max', of: 'amount', where: { field: 'amount', op: 'gt', value: 1000 } },
        avg: { fn: 'mean', of: 'amount', where: { field: 'amount', op: 'gt', value: 1000 } },
        towns: { fn: 'distinct', of: 'merchant.city', where: { field: 'amount', op: 'gt', value: 1000 } },
      },
    });
    h.add({ amount: '10.00', merchant: { city: 'Leeds' } });
    expect(h.values()).toEqual({ n: 0, total: 0, lo: null, hi: null, avg: null, towns: 0 });
  });

  it('a trigger on an empty min, max or mean is false, whatever the comparison', () => {
    const big = { field: 'amount', op: 'gt', value: 1000 };
    for (const fn of ['min', 'max', 'mean']) {
      for (const cmp of [{ op: 'lt', value: 1e9 }, { op: 'gte', value: 0 }, { op: 'ne', value: 5 }, { op: 'between', value: [0, 1e9] }]) {
        const rules = compile([indicator({ measures: { m: { fn, of: 'amount', where: big } }, trigger: { measure: 'm', ...cmp }, explain: '{m}' })]);
        expect(hitsOf(screenAll(rules, [tx({ amount: '10.00' })])), `${fn} ${cmp.op}`).toEqual([]);
      }
    }
  });

  it('sums are exact in minor units', () => {
    const h = new Harness({ window: 'P1D', measures: { total: { fn: 'sum', of: 'amount' }, avg: { fn: 'mean', of: 'amount' } } });
    for (let i = 0; i < 1000; i++) h.add({ at: T0 + i, amount: i % 2 === 0 ? '0.10' : '0.20' });
    expect(h.values()).toEqual({ total: 15000, avg: 15 });
  });
});

describe('what a window keeps', () => {
  it('keeps only transactions some measure counts; the others still move the window in time', () => {
    const h = new Harness({ measures: { big: { fn: 'count', where: { field: 'amount', op: 'gt', value: 100 } } }, window: 'PT1H' });
    h.add({ at: T0, amount: '500.00' }).add({ at: T0 + 10 * MINUTE, amount: '5.00' }).add({ at: T0 + 20 * MINUTE, amount: '6.00' });
    expect(h.win.size).toBe(1);
    expect(h.value('big')).toBe(1);
    h.add({ at: T0 + HOUR, amount: '7.00' }); // uncounted, but the 500 has now left the window
    expect(h.value('big')).toBe(0);
    expect(h.win.size).toBe(0);
  });

  it('is idle exactly when its newest entry has left the longest window (and the cooldown has passed)', () => {
    const h = new Harness({ measures: { n: { fn: 'count', where: { field: 'amount', op: 'gt', value: 1 } }, base: { fn: 'count', window: 'PT3H' } }, window: 'PT1H' });
    const expectIdle = (at: number) => {
      const newest = h.win.newest;
      const byNewest = newest === undefined || newest <= at - 3 * HOUR;
      expect(h.win.isIdle(at)).toBe(byNewest && (h.win.lastHitAt === undefined || at >= h.win.lastHitAt + 3600_000));
    };
    expectIdle(T0);
    h.add({ at: T0, amount: '5.00' });
    for (const dt of [0, HOUR, 3 * HOUR - 1, 3 * HOUR, 5 * HOUR]) expectIdle(T0 + dt);
    h.add({ at: T0 + 4 * HOUR, amount: '0.50' }); // counted by base only; the first entry leaves every window
    for (const dt of [4 * HOUR, 7 * HOUR, 8 * HOUR]) expectIdle(T0 + dt);
    h.add({ at: T0 + 20 * HOUR, amount: '0.50' }); // everything before has left: the buffer resets
    expectIdle(T0 + 20 * HOUR);
    h.roundTrip();
    for (const dt of [20 * HOUR, 23 * HOUR, 24 * HOUR]) expectIdle(T0 + dt);
  });

  it('evidence names every customer of the counted transactions, through a JSON round trip', () => {
    const h = new Harness({ measures: { n: { fn: 'count' } }, window: 'P1D' });
    const customers = (): string[] => {
      const e = (h.win.evidence.bind(h.win) as (m: number, key: string) => { customers: Set<string> })(0, 'A1');
      return [...e.customers].sort();
    };
    h.add({ at: T0, customerId: 'C1' }).add({ at: T0 + MINUTE, customerId: 'C1' });
    expect(customers()).toEqual(['C1']);
    h.roundTrip();
    expect(customers()).toEqual(['C1']);
    h.add({ at: T0 + 2 * MINUTE, customerId: 'C2' }).add({ at: T0 + 3 * MINUTE });
    expect(customers()).toEqual(['C1', 'C2']);
    h.roundTrip();
    expect(customers()).toEqual(['C1', 'C2']);
    expect(h.win.toState().cust).toEqual(['C1', 'C1', 'C2', null]);
  });
});

describe('window boundaries: (t − size, t]', () => {
  it('an event exactly at t − size is out; one millisecond later is in', () => {
    const out = new Harness({ window: 'PT1H', measures: ALL_MEASURES });
    out.add({ at: T0, amount: '7.00', merchant: { city: 'A' } }).add({ at: T0 + HOUR, amount: '1.00', merchant: { city: 'B' } });
    expect(out.values()).toEqual({ n: 1, total: 100, lo: 100, hi: 100, avg: 100, towns: 1 });
    expect(out.win.size).toBe(1);

    const inside = new Harness({ window: 'PT1H', measures: ALL_MEASURES });
    inside.add({ at: T0 + 1, amount: '7.00', merchant: { city: 'A' } }).add({ at: T0 + HOUR, amount: '1.00', merchant: { city: 'B' } });
    expect(inside.values()).toEqual({ n: 2, total: 800, lo: 100, hi: 700, avg: 400, towns: 2 });
  });

  it('events at the same instant are all inside, and leave together', () => {
    const h = new Harness({ window: 'PT1H', measures: ALL_MEASURES });
    h.add({ at: T0, amount: '1.00' }).add({ at: T0, amount: '3.00' }).add({ at: T0, amount: '2.00' });
    expect(h.values()).toMatchObject({ n: 3, total: 600, lo: 100, hi: 300, avg: 200 });
    h.add({ at: T0 + HOUR - 1, amount: '5.00' });
    expect(h.values()).toMatchObject({ n: 4, lo: 100, hi: 500 });
    h.add({ at: T0 + HOUR, amount: '4.00' });
    expect(h.values()).toMatchObject({ n: 2, total: 900, lo: 400, hi: 500 });
  });

  it('the same boundary holds through the screener', () => {
    const rules = compile([indicator({ window: 'PT1H', trigger: { measure: 'n', op: 'gte', value: 2 }, cooldown: 'PT1M' })]);
    expect(hitsOf(screenAll(rules, [tx({ at: T0 }), tx({ at: T0 + HOUR })]))).toHaveLength(0);
    expect(hitsOf(screenAll(rules, [tx({ at: T0 + 1 }), tx({ at: T0 + HOUR })]))).toHaveLength(1);
    expect(hitsOf(screenAll(rules, [tx({ at: T0 }), tx({ at: T0 })]))).toHaveLength(1);
  });

  it('a hit reports the window it used, (from, to]', () => {
    const rules = compile([indicator({ window: 'PT1H', measures: { n: { fn: 'count' }, week: { fn: 'count', window: 'P7D' } }, explain: '{n} {week}' })]);
    const [hit] = hitsOf(screenAll(rules, [tx({ at: T0 })]));
    expect(hit!.window).toEqual({ from: '2026-01-04T23:00:00.000Z', to: '2026-01-05T00:00:00.000Z' });
    expect(hit!.measures.week!.window).toEqual({ from: '2025-12-29T00:00:00.000Z', to: '2026-01-05T00:00:00.000Z' });
  });
});

describe('measures with their own window', () => {
  it('a baseline measure keeps what the rule window has dropped', () => {
    const h = new Harness({
      window: 'P1D',
      measures: { day: { fn: 'count' }, week: { fn: 'count', window: 'P7D' }, weekMax: { fn: 'max', of: 'amount', window: 'P7D' }, dayMax: { fn: 'max', of: 'amount' } },
    });
    h.add({ at: T0, amount: '90.00' });
    h.add({ at: T0 + 2 * DAY, amount: '10.00' });
    h.add({ at: T0 + 3 * DAY, amount: '20.00' });
    expect(h.values()).toEqual({ day: 1, week: 3, weekMax: 9000, dayMax: 2000 });
    h.add({ at: T0 + 7 * DAY, amount: '5.00' }); // T0 leaves the week exactly at T0 + 7 days
    expect(h.values()).toEqual({ day: 1, week: 3, weekMax: 2000, dayMax: 500 });
    expect(h.win.size).toBe(3);
    expect(h.ids('day')).toEqual([h.ids('week')[2]]);
  });

  it('behaviour change: last day against the weekly count with a factor', () => {
    const rules = compile([
      indicator({
        window: 'P1D',
        measures: { day: { fn: 'count' }, week: { fn: 'count', window: 'P7D' } },
        trigger: { all: [{ measure: 'day', op: 'gte', value: 3 }, { measure: 'day', op: 'gt', ref: 'week', factor: 0.5 }] },
        cooldown: 'PT1M',
        explain: '{day} today, {week} this week',
      }),
    ]);
    // Three quiet days with one payment each, then a burst: 3 in a day against 6 in the week is not > 3.
    const quiet = [0, 1, 2].map((d) => tx({ at: T0 + d * DAY }));
    const burst = [0, 1, 2].map((i) => tx({ at: T0 + 4 * DAY + i * HOUR }));
    expect(hitsOf(screenAll(rules, [...quiet, ...burst]))).toHaveLength(0);
    const hits = hitsOf(screenAll(rules, [...quiet, ...burst, tx({ at: T0 + 4 * DAY + 3 * HOUR })]));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.trigger).toEqual([
      { measure: 'day', op: 'gte', observed: 4, threshold: 3, passed: true },
      { measure: 'day', op: 'gt', observed: 4, threshold: 3.5, ref: 'week', factor: 0.5, passed: true },
    ]);
  });

  it('a ref comparison with a decimal factor is exact at equality (pass-through 55%)', () => {
    // out ≥ 0.55 × in with in = 1.00 and out = 0.55 is true: 55 ≥ 55. In binary floating point 0.55 × 100 = 55.00000000000001.
    const rules = compile([
      indicator({
        measures: {
          inflow: { fn: 'sum', of: 'amount', where: { field: 'direction', op: 'eq', value: 'in' } },
          outflow: { fn: 'sum', of: 'amount', where: { field: 'direction', op: 'eq', value: 'out' } },
        },
        trigger: { measure: 'outflow', op: 'gte', ref: 'inflow', factor: 0.55 },
        explain: '{outflow} of {inflow}',
      }),
    ]);
    const hits = hitsOf(screenAll(rules, [tx({ direction: 'in', amount: '1.00' }), tx({ at: T0 + MINUTE, direction: 'out', amount: '0.55' })]));
    expect(hits).toHaveLength(1);
  });
});

describe('sequence', () => {
  const swept = (extra: Doc = {}) => ({
    window: 'P3D',
    measures: {
      swept: {
        fn: 'sequence',
        first: { field: 'direction', op: 'eq', value: 'in' },
        then: { field: 'direction', op: 'eq', value: 'out' },
        within: 'PT12H',
        share: 0.7,
        ...extra,
      },
    },
    explain: '{swept}',
  });

  it('counts a first transaction once outflows within the limit reach the share', () => {
    const h = new Harness(swept());
    h.add({ id: 'in1', at: T0, direction: 'in', amount: '100.00' });
    h.add({ id: 'o1', at: T0 + HOUR, direction: 'out', amount: '40.00' });
    expect(h.value('swept')).toBe(0);
    h.add({ id: 'o2', at: T0 + 2 * HOUR, direction: 'out', amount: '29.99' });
    expect(h.value('swept')).toBe(0); // 69.99 < 70
    h.add({ id: 'o3', at: T0 + 3 * HOUR, direction: 'out', amount: '0.01' });
    expect(h.value('swept')).toBe(1); // 70.00 = 70% of 100.00
    expect(h.ids('swept')).toEqual(['in1', 'o1', 'o2', 'o3']);
    h.add({ id: 'o4', at: T0 + 4 * HOUR, direction: 'out', amount: '50.00' });
    expect(h.value('swept')).toBe(1); // completed once; more outflow does not count it again
  });

  it('reaches the share exactly, without float error (share 0.55 of 1.00)', () => {
    const h = new Harness(swept({ share: 0.55 }));
    h.add({ at: T0, direction: 'in', amount: '1.00' });
    h.add({ at: T0 + MINUTE, direction: 'out', amount: '0.55' });
    expect(h.value('swept')).toBe(1);
  });

  it('"within" is inclusive: an outflow exactly at within counts, a millisecond later does not', () => {
    const at = new Harness(swept());
    at.add({ at: T0, direction: 'in', amount: '100.00' }).add({ at: T0 + 12 * HOUR, direction: 'out', amount: '100.00' });
    expect(at.value('swept')).toBe(1);
    const late = new Harness(swept());
    late.add({ at: T0, direction: 'in', amount: '100.00' }).add({ at: T0 + 12 * HOUR + 1, direction: 'out', amount: '100.00' });
    expect(late.value('swept')).toBe(0);
  });

  it('only outflows after the first transaction count', () => {
    const h = new Harness(swept());
    h.add({ at: T0, direction: 'out', amount: '100.00' }).add({ at: T0 + HOUR, direction: 'in', amount: '100.00' });
    expect(h.value('swept')).toBe(0);
  });

  it('with differentField, only outflows with another (folded) value count', () => {
    const h = new Harness(swept({ differentField: 'location.city' }));
    h.add({ at: T0, direction: 'in', amount: '100.00', location: { city: 'Iași' } });
    h.add({ at: T0 + HOUR, direction: 'out', amount: '100.00', location: { city: 'IASI' } }); // same town
    h.add({ at: T0 + 2 * HOUR, direction: 'out', amount: '100.00' }); // unknown town
    expect(h.value('swept')).toBe(0);
    h.add({ id: 'far', at: T0 + 3 * HOUR, direction: 'out', amount: '70.00', location: { city: 'Luton' } });
    expect(h.value('swept')).toBe(1);
    expect(h.ids('swept').at(-1)).toBe('far');
  });

  it('a completed sequence stays counted for the measure window after its first transaction', () => {
    const h = new Harness(swept());
    h.add({ at: T0, direction: 'in', amount: '100.00' }).add({ at: T0 + HOUR, direction: 'out', amount: '100.00' });
    h.add({ at: T0 + 3 * DAY - 1, direction: 'out', amount: '1.00' });
    expect(h.value('swept')).toBe(1);
    h.add({ at: T0 + 3 * DAY, direction: 'out', amount: '1.00' });
    expect(h.value('swept')).toBe(0);
  });

  it('survives a JSON round trip of the window state', () => {
    const h = new Harness(swept());
    h.add({ at: T0, direction: 'in', amount: '100.00' }).add({ at: T0 + HOUR, direction: 'out', amount: '30.00' });
    h.roundTrip();
    h.add({ at: T0 + 2 * HOUR, direction: 'out', amount: '40.00' });
    expect(h.value('swept')).toBe(1);
  });

  it('a key whose sequence can no longer complete is idle once "within" and the window have passed', () => {
    const h = new Harness(swept());
    h.add({ at: T0, direction: 'in', amount: '100.00' });
    expect(h.win.isIdle(T0 + HOUR)).toBe(false);
    // Nothing can happen for this key any more: the inflow expired after 12 hours, the window is 3 days.
    expect(h.win.isIdle(T0 + 30 * DAY)).toBe(true);
  });

  it('such a key is dropped by the screener instead of being evicted at the key cap', () => {
    const rules = compile([indicator({ ...swept(), trigger: { measure: 'swept', op: 'gte', value: 1 } })]);
    const events = screenAll(rules, [tx({ accountId: 'A1', direction: 'in', at: T0 }), tx({ accountId: 'A2', direction: 'in', at: T0 + 100 * DAY })], {
      limits: { maxKeysPerRule: 1 },
    });
    expect(events.filter((e) => e.type === 'evicted')).toEqual([]);
  });
});

describe('cooldown', () => {
  const rules = compile([indicator({ window: 'P1D', cooldown: 'PT6H', trigger: { measure: 'n', op: 'gte', value: 2 } })]);

  it('no second hit for the same key before the cooldown has passed, and a hit again at its end', () => {
    const events = screenAll(rules, [
      tx({ id: 'a', at: T0 }),
      tx({ id: 'b', at: T0 + HOUR }), // hit
      tx({ id: 'c', at: T0 + 2 * HOUR }),
      tx({ id: 'd', at: T0 + 7 * HOUR - 1 }), // still cooling down
      tx({ id: 'e', at: T0 + 7 * HOUR }), // cooldown over
    ]);
    expect(hitsOf(events).map((h) => h.triggeringTransactionId)).toEqual(['b', 'e']);
  });

  it('is per key', () => {
    const events = screenAll(rules, [tx({ id: 'a', at: T0 }), tx({ id: 'b', at: T0 + 1 }), tx({ id: 'x', accountId: 'A2', at: T0 + 2 }), tx({ id: 'y', accountId: 'A2', at: T0 + 3 })]);
    expect(hitsOf(events).map((h) => h.triggeringTransactionId)).toEqual(['b', 'y']);
  });

  it('defaults to the rule window', () => {
    const noCooldown = compile([indicator({ window: 'PT2H', trigger: { measure: 'n', op: 'gte', value: 1 } })]);
    const events = screenAll(noCooldown, [tx({ id: 'a', at: T0 }), tx({ id: 'b', at: T0 + 2 * HOUR - 1 }), tx({ id: 'c', at: T0 + 2 * HOUR })]);
    expect(hitsOf(events).map((h) => h.triggeringTransactionId)).toEqual(['a', 'c']);
  });

  it('survives snapshot and restore', () => {
    const s1 = createScreener({ rules });
    s1.push(tx({ id: 'a', at: T0 }));
    expect(hitsOf(s1.push(tx({ id: 'b', at: T0 + HOUR })))).toHaveLength(1);
    const s2 = createScreener({ rules });
    s2.restore(JSON.parse(JSON.stringify(s1.snapshot())));
    expect(hitsOf(s2.push(tx({ id: 'c', at: T0 + 2 * HOUR })))).toHaveLength(0);
    expect(hitsOf(s2.push(tx({ id: 'd', at: T0 + 7 * HOUR })))).toHaveLength(1);
  });
});

describe('eviction and compaction', () => {
  it('a long gap empties the window', () => {
    const h = new Harness({ window: 'P1D', measures: ALL_MEASURES });
    for (let i = 0; i < 10; i++) h.add({ at: T0 + i * MINUTE, amount: `${i + 1}.00`, merchant: { city: `C${i}` } });
    h.add({ at: T0 + 400 * DAY, amount: '2.50', merchant: { city: 'Z' } });
    expect(h.values()).toEqual({ n: 1, total: 250, lo: 250, hi: 250, avg: 250, towns: 1 });
    expect(h.win.size).toBe(1);
    expect(h.win.newest).toBe(T0 + 400 * DAY);
  });

  it('an idle key (nothing in retention, cooldown over) is idle, and not before', () => {
    const h = new Harness({ window: 'P1D', measures: { n: { fn: 'count' }, week: { fn: 'count', window: 'P7D' } }, cooldown: 'P10D' });
    h.add({ at: T0 });
    h.win.lastHitAt = T0;
    expect(h.win.isIdle(T0 + 7 * DAY)).toBe(false); // cooldown still running
    expect(h.win.isIdle(T0 + 10 * DAY)).toBe(true);
  });

  /** Brute force: measures recomputed from the list of (t, cents, city) over (now − w, now]. */
  function brute(events: { t: number; c: number; city: string | undefined }[], now: number, w: number) {
    const inside = events.filter((e) => e.t > now - w && e.t <= now);
    const cs = inside.map((e) => e.c);
    return {
      n: inside.length,
      total: cs.reduce((a, b) => a + b, 0),
      lo: cs.length === 0 ? null : Math.min(...cs),
      hi: cs.length === 0 ? null : Math.max(...cs),
      towns: new Set(inside.flatMap((e) => (e.city === undefined ? [] : [e.city]))).size,
    };
  }

  it('lazy compaction keeps every measure right over thousands of entries, including min/max deques and round trips', () => {
    const measures = {
      n: { fn: 'count' },
      total: { fn: 'sum', of: 'amount' },
      lo: { fn: 'min', of: 'amount' },
      hi: { fn: 'max', of: 'amount' },
      towns: { fn: 'distinct', of: 'merchant.city' },
      longN: { fn: 'count', window: 'PT6H' },
      longLo: { fn: 'min', of: 'amount', window: 'PT6H' },
      longHi: { fn: 'max', of: 'amount', window: 'PT6H' },
      longTowns: { fn: 'distinct', of: 'merchant.city', window: 'PT6H' },
      bigLo: { fn: 'min', of: 'amount', where: { field: 'amount', op: 'gte', value: 25 } },
      bigTowns: { fn: 'distinct', of: 'merchant.city', window: 'PT6H', where: { field: 'amount', op: 'gte', value: 25 } },
    };
    const h = new Harness({ window: 'PT1H', measures });
    const events: { t: number; c: number; city: string | undefined; id: string }[] = [];
    let seed = 12345;
    const rnd = (n: number) => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) % n;
    };
    let t = T0;
    let compactions = 0;
    for (let i = 0; i < 6000; i++) {
      // Mostly small steps, some repeats of the same instant, occasional gaps longer than both windows.
      const step = rnd(100) === 0 ? 7 * HOUR : rnd(4) === 0 ? 0 : rnd(90) * 1000;
      t += step;
      const c = 1 + rnd(5000);
      const city = rnd(5) === 0 ? undefined : `c${rnd(30)}`;
      events.push({ t, c, city, id: `e${i}` });
      h.add({ id: `e${i}`, at: t, amount: (c / 100).toFixed(2), ...(city === undefined ? {} : { merchant: { city } }) });
      compactions += (h.win as unknown as { base: number }).base > 0 && i % 97 !== 0 ? 1 : 0;
      if (i % 97 === 0) h.roundTrip();
      const short = brute(events, t, HOUR);
      const long = brute(events, t, 6 * HOUR);
      const big = events.filter((e) => e.c >= 2500);
      expect(h.values(), `after event ${i}`).toEqual({
        ...short,
        longN: long.n,
        longLo: long.lo,
        longHi: long.hi,
        longTowns: long.towns,
        bigLo: brute(big, t, HOUR).lo,
        bigTowns: brute(big, t, 6 * HOUR).towns,
      });
      if (i % 50 === 0) {
        expect(h.ids('longN')).toEqual(events.filter((e) => e.t > t - 6 * HOUR).map((e) => e.id).slice(0, 200));
        expect(h.ids('bigLo')).toEqual(big.filter((e) => e.t > t - HOUR).map((e) => e.id));
      }
      expect(h.win.size).toBe(long.n);
    }
    expect(compactions).toBeGreaterThan(100); // the arrays really were compacted (base moved) between round trips
  });

  it('dropOldest removes the oldest entry from every measure that still holds it', () => {
    const h = new Harness({ window: 'P1D', measures: { n: { fn: 'count' }, lo: { fn: 'min', of: 'amount' }, towns: { fn: 'distinct', of: 'merchant.city' } } });
    h.add({ at: T0, amount: '1.00', merchant: { city: 'A' } }).add({ at: T0 + 1, amount: '2.00', merchant: { city: 'B' } });
    h.win.dropOldest();
    expect(h.values()).toEqual({ n: 1, lo: 200, towns: 1 });
    expect(h.win.size).toBe(1);
  });

  it('the screener caps the events of one key and says so', () => {
    const rules = compile([indicator({ window: 'P1D', measures: { n: { fn: 'count' } }, trigger: { measure: 'n', op: 'gte', value: 1000 } })]);
    const events = screenAll(rules, [0, 1, 2, 3].map((i) => tx({ at: T0 + i })), { limits: { maxWindowEvents: 3 } });
    expect(events.filter((e) => e.type === 'evicted').map((e) => e.type === 'evicted' && e.eviction)).toEqual([
      { reason: 'max_window_events', ruleId: 'test_rule', key: 'A1', dropped: 1, at: '2026-01-05T00:00:00.003Z' },
    ]);
  });
});
