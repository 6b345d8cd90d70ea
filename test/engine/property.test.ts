import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, createScreener, createScreenStream, fxRatesForGenerated, generateTransactions, loadRules, type RuleSet, type ScreenEvent, type Transaction } from '../../src/index.js';
import { KeyWindow } from '../../src/windows/key-window.js';
import type { Row } from '../../src/engine/row.js';
import { createLocalClock } from '../../src/engine/local-time.js';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const HOUR = 3_600_000;
const T0 = Date.parse('2026-01-05T00:00:00Z');
const CITIES = ['Leeds', 'Luton', 'Slough', 'Iași', 'IASI', 'Bristol'];
const MCCS = ['7011', '5814', '4121', '6011', '3502'];

const rulesDocs = [
  { json: { type: 'list', id: 'mcc.lodging', title: 'Lodging', kind: 'codes', items: ['7011'], ranges: [['3501', '3835']] } },
  {
    json: {
      type: 'indicator', id: 'all_measures', version: '1.0.0', title: 'All measures', description: 'Every measure kind at once.',
      when: { field: 'direction', op: 'eq', value: 'out' },
      window: 'PT30H',
      measures: {
        n: { fn: 'count' },
        lodging: { fn: 'count', where: { field: 'merchant.mcc', op: 'in', list: 'mcc.lodging' } },
        total: { fn: 'sum', of: 'amount' },
        lo: { fn: 'min', of: 'amount' },
        hi: { fn: 'max', of: 'amount', window: 'PT10H' },
        avg: { fn: 'mean', of: 'amount', where: { field: 'amount', op: 'gte', value: 20 } },
        cities: { fn: 'distinct', of: 'merchant.city' },
        baseline: { fn: 'count', window: 'P4D' },
      },
      trigger: { any: [{ measure: 'lodging', op: 'gte', value: 3 }, { measure: 'n', op: 'gt', ref: 'baseline', factor: 0.9 }] },
      cooldown: 'PT6H',
      explain: '{n} payments, {lodging} lodging, {total} total in {cities} towns',
    },
  },
  {
    json: {
      type: 'indicator', id: 'swept', version: '1.0.0', title: 'Money in then out', description: 'In, then most of it out.',
      window: 'P3D',
      measures: {
        swept: {
          fn: 'sequence',
          first: { field: 'direction', op: 'eq', value: 'in' },
          then: { field: 'direction', op: 'eq', value: 'out' },
          within: 'PT12H',
          share: 0.7,
        },
      },
      trigger: { measure: 'swept', op: 'gte', value: 2 },
      explain: '{swept} credits swept out',
    },
  },
  {
    json: {
      type: 'indicator', id: 'shared_device', version: '1.0.0', title: 'Shared device', description: 'One device, many accounts.',
      scope: 'device.id', window: 'P2D',
      measures: { accounts: { fn: 'distinct', of: 'accountId' } },
      trigger: { measure: 'accounts', op: 'gte', value: 3 },
      explain: '{accounts} accounts on device {key}',
    },
  },
  {
    json: {
      type: 'typology', id: 'combo', version: '1.0.0', title: 'Combination', description: 'Test typology.', lookback: 'P2D',
      members: [{ rule: 'all_measures', weight: 0.5 }, { rule: 'swept', weight: 0.4 }, { rule: 'shared_device', weight: 0.3 }],
      thresholds: { review: 0.5, high: 0.9 },
    },
  },
];

const rules: RuleSet = compileRuleSet(rulesDocs);

interface Draft {
  dt: number;
  acc: number;
  dir: 'in' | 'out';
  cents: number;
  mcc: number;
  city: number;
  dev: number;
}

const draftArb = fc.record({
  dt: fc.integer({ min: 0, max: 8 * HOUR }),
  acc: fc.integer({ min: 0, max: 3 }),
  dir: fc.constantFrom('in' as const, 'out' as const),
  cents: fc.integer({ min: 1, max: 500_00 }),
  mcc: fc.integer({ min: 0, max: MCCS.length - 1 }),
  city: fc.integer({ min: 0, max: CITIES.length - 1 }),
  dev: fc.integer({ min: 0, max: 2 }),
});

/** Turns drafts into a time-ordered stream with distinct timestamps (dt ≥ 1 ms apart). */
function toTransactions(drafts: Draft[]): Transaction[] {
  let t = T0;
  return drafts.map((d, i) => {
    t += d.dt + 1;
    return {
      id: `t${i}`,
      timestamp: new Date(t).toISOString(),
      accountId: `A${d.acc}`,
      customerId: `C${d.acc}`,
      direction: d.dir,
      amount: new Decimal(d.cents).dividedBy(100).toFixed(2),
      currency: 'GBP',
      channel: 'card',
      merchant: { mcc: MCCS[d.mcc]!, name: 'M', city: CITIES[d.city]! },
      device: { id: `D${d.dev}` },
    };
  });
}

function runAll(txs: readonly unknown[], opts: { lateness?: number; maxKeys?: number } = {}): ScreenEvent[] {
  const s = createScreener({ rules, allowedLateness: opts.lateness ?? 0, ...(opts.maxKeys === undefined ? {} : { limits: { maxKeys: opts.maxKeys } }) });
  const out: ScreenEvent[] = [];
  for (const tx of txs) out.push(...s.push(tx));
  out.push(...s.flush());
  return out;
}

const clock = createLocalClock('UTC');
function row(tx: Transaction): Row {
  const t = Date.parse(tx.timestamp);
  return { tx, t, amountMinor: Math.round(Number(tx.amount) * 100), local: clock(t), profile: undefined, profileMinor: undefined };
}

describe('incremental windows equal a brute-force recomputation', () => {
  const rule = rules.indicators.find((r) => r.id === 'all_measures')!;
  const swept = rules.indicators.find((r) => r.id === 'swept')!;

  it('count, sum, min, max, mean, distinct over (t − w, t], with snapshots mid-way', () => {
    fc.assert(
      fc.property(fc.array(draftArb, { minLength: 1, maxLength: 120 }), fc.nat(), (drafts, cut) => {
        const txs = toTransactions(drafts).filter((t) => t.direction === 'out');
        let win = new KeyWindow(rule);
        const seen: Row[] = [];
        txs.forEach((tx, i) => {
          const r = row(tx);
          seen.push(r);
          win.add(r);
          if (i === cut % Math.max(1, txs.length)) win = KeyWindow.fromState(rule, JSON.parse(JSON.stringify(win.toState())));
          for (const m of rule.measures) {
            const inWin = seen.filter((x) => x.t > r.t - m.windowMs && x.t <= r.t && (m.where === undefined || m.where(x)));
            const amounts = inWin.map((x) => x.amountMinor);
            let expected: number | null;
            switch (m.fn) {
              case 'count': expected = inWin.length; break;
              case 'sum': expected = amounts.reduce((a, b) => a + b, 0); break;
              case 'min': expected = amounts.length === 0 ? null : Math.min(...amounts); break;
              case 'max': expected = amounts.length === 0 ? null : Math.max(...amounts); break;
              case 'mean': expected = amounts.length === 0 ? null : amounts.reduce((a, b) => a + b, 0) / amounts.length; break;
              case 'distinct': expected = new Set(inWin.map((x) => m.distinctKey!(x)).filter((k) => k !== undefined)).size; break;
              default: continue;
            }
            expect(win.value(m.index), `${m.name} after ${tx.id}`).toBe(expected);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('sequence: firsts in the window whose follow-ups (allocated oldest first) reach the share', () => {
    fc.assert(
      fc.property(fc.array(draftArb, { minLength: 1, maxLength: 80 }), (drafts) => {
        const txs = toTransactions(drafts).filter((t) => t.accountId === 'A0');
        const win = new KeyWindow(swept);
        const m = swept.measures[0]!;
        const q = m.sequence!;
        const rows = txs.map(row);
        rows.forEach((r, i) => {
          win.add(r);
          // From scratch over the whole history: no state carried between steps, nothing evicted early.
          const pending: { t: number; amt: number; got: number }[] = [];
          const completed: number[] = [];
          for (let j = 0; j <= i; j++) {
            const x = rows[j]!;
            for (let k = pending.length - 1; k >= 0; k--) if (x.t - pending[k]!.t > q.withinMs) pending.splice(k, 1);
            if (q.then(x)) {
              let left = x.amountMinor;
              for (let k = 0; k < pending.length && left > 0; ) {
                const p = pending[k]!;
                const give = Math.min(left, Math.ceil(Math.max(0, q.share * p.amt - p.got)));
                p.got += give;
                left -= give;
                if (new Decimal(p.got).gte(new Decimal(String(q.share)).times(p.amt))) {
                  completed.push(p.t);
                  pending.splice(k, 1);
                } else k++;
              }
            }
            if (q.first(x)) pending.push({ t: x.t, amt: x.amountMinor, got: 0 });
          }
          expect(win.value(0)).toBe(completed.filter((t) => t > r.t - m.windowMs).length);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('screener invariants', () => {
  const streamArb = fc.array(draftArb, { minLength: 1, maxLength: 150 }).map(toTransactions);

  it('is deterministic: the same input gives byte-identical output', () => {
    fc.assert(
      fc.property(streamArb, (txs) => {
        expect(JSON.stringify(runAll(txs))).toBe(JSON.stringify(runAll(txs)));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('snapshot at any point + restore gives exactly the events of an uninterrupted run', () => {
    fc.assert(
      fc.property(streamArb, fc.nat(), fc.boolean(), fc.constantFrom(undefined, 2, 3), (txs, cutRaw, withLateness, maxKeys) => {
        const lateness = withLateness ? 3 * HOUR : 0;
        const limits = maxKeys === undefined ? {} : { limits: { maxKeys } };
        // Some noise: a duplicate and an out-of-order transaction.
        const input: unknown[] = [...txs];
        if (txs.length > 3) input.splice(2, 0, txs[1]);
        const expected = runAll(input, { lateness, ...(maxKeys === undefined ? {} : { maxKeys }) });
        const cut = cutRaw % (input.length + 1);
        const a = createScreener({ rules, allowedLateness: lateness, ...limits });
        const got: ScreenEvent[] = [];
        for (const tx of input.slice(0, cut)) got.push(...a.push(tx));
        const snap = JSON.parse(JSON.stringify(a.snapshot()));
        const b = createScreener({ rules, allowedLateness: lateness, ...limits });
        b.restore(snap);
        for (const tx of input.slice(cut)) got.push(...b.push(tx));
        got.push(...b.flush());
        expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
        expect(b.stats.screened + b.stats.rejected + b.stats.buffered).toBe(input.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('over a long stream with periodic sweeps and a key cap, snapshot + restore at several points gives the same events', { timeout: 60_000 }, () => {
    // Long enough for periodic sweeps (every 65,536 transactions at most) and cap evictions with the real pack.
    const pack = loadRules();
    const txs = [...generateTransactions({ seed: 5, accounts: 600, days: 60, start: '2026-01-05' })].slice(0, 80_000);
    expect(txs.length).toBe(80_000);
    const fx = fxRatesForGenerated({ start: '2026-01-05' });
    const opts = { rules: pack, fx, validate: false, limits: { maxKeys: 150 } } as const;
    const key = (e: ScreenEvent) => JSON.stringify(e);
    const whole = createScreener(opts);
    const expected = [...txs.flatMap((t) => whole.push(t)), ...whole.flush()].map(key);
    expect(expected.some((e) => e.includes('"max_keys"'))).toBe(true);
    for (const cut of [17_777, 65_537]) {
      const first = createScreener(opts);
      const before = txs.slice(0, cut).flatMap((t) => first.push(t));
      const second = createScreener(opts);
      second.restore(JSON.parse(JSON.stringify(first.snapshot())));
      const after = [...txs.slice(cut).flatMap((t) => second.push(t)), ...second.flush()];
      expect([...before, ...after].map(key)).toEqual(expected);
    }
  });

  it('disorder within the allowed lateness is reordered: same output as the sorted stream', () => {
    const L = 4 * HOUR;
    fc.assert(
      fc.property(streamArb, fc.array(fc.integer({ min: 0, max: L - 1 }), { minLength: 150, maxLength: 150 }), (txs, jitter) => {
        const sorted = runAll(txs, { lateness: L });
        const arrival = txs
          .map((tx, i) => ({ tx, key: Date.parse(tx.timestamp) + jitter[i]! }))
          .sort((x, y) => x.key - y.key)
          .map((x) => x.tx);
        const shuffled = runAll(arrival, { lateness: L });
        expect(shuffled.filter((e) => e.type === 'rejected')).toEqual([]);
        expect(JSON.stringify(shuffled)).toBe(JSON.stringify(sorted));
      }),
      { numRuns: RUNS },
    );
  });

  it('however the input is chunked (push, async iterable, Node stream), the events are the same', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 }), async (txs, sizes) => {
        const expected = JSON.stringify(runAll(txs));
        // Async iterable fed in uneven batches with awaits between them.
        async function* batches() {
          let i = 0;
          let k = 0;
          while (i < txs.length) {
            const n = sizes[k++ % sizes.length]!;
            for (const tx of txs.slice(i, i + n)) yield tx;
            i += n;
            await Promise.resolve();
          }
        }
        const viaScreen: ScreenEvent[] = [];
        for await (const e of createScreener({ rules }).screen(batches())) viaScreen.push(e);
        expect(JSON.stringify(viaScreen)).toBe(expected);
        const viaStream: ScreenEvent[] = [];
        await pipeline(
          Readable.from(batches()),
          createScreenStream(createScreener({ rules })),
          new Writable({ objectMode: true, write(e: ScreenEvent, _enc, cb) { viaStream.push(e); cb(); } }),
        );
        expect(JSON.stringify(viaStream)).toBe(expected);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('every pushed transaction is screened, rejected, or still buffered — counts reconcile', () => {
    fc.assert(
      fc.property(streamArb, fc.array(fc.constantFrom('dup', 'bad', 'late', 'fx'), { maxLength: 20 }), (txs, noise) => {
        const input: unknown[] = [...txs];
        noise.forEach((n, i) => {
          const base = txs[i % txs.length]!;
          if (n === 'dup') input.push(base);
          if (n === 'bad') input.push({ ...base, id: `bad${i}`, amount: '-3' });
          if (n === 'late') input.push({ ...base, id: `late${i}`, timestamp: '2020-01-01T00:00:00Z' });
          if (n === 'fx') input.push({ ...base, id: `fx${i}`, currency: 'RON' });
        });
        const s = createScreener({ rules });
        let rejected = 0;
        for (const tx of input) rejected += s.push(tx).filter((e) => e.type === 'rejected').length;
        s.flush();
        expect(s.stats.rejected).toBe(rejected);
        expect(s.stats.screened + s.stats.rejected).toBe(input.length);
        expect(s.stats.rejected).toBe(noise.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('reported sums are exact decimals', () => {
    const sumRules = compileRuleSet([
      {
        json: {
          type: 'indicator', id: 'sum_all', version: '1.0.0', title: 'Sum', description: 'Sum of everything.', window: 'P400D',
          measures: { total: { fn: 'sum', of: 'amount' }, n: { fn: 'count' } },
          trigger: { measure: 'n', op: 'gte', value: 1 }, cooldown: 'PT1M', explain: '{total}',
        },
      },
    ]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 99_999_99 }), { minLength: 1, maxLength: 200 }), (cents) => {
        const s = createScreener({ rules: sumRules });
        let last: ScreenEvent | undefined;
        cents.forEach((c, i) => {
          const ev = s.push({
            id: `x${i}`, timestamp: new Date(T0 + i * 120_000).toISOString(), accountId: 'A', direction: 'out',
            amount: new Decimal(c).dividedBy(100).toFixed(2), currency: 'GBP', channel: 'card',
          });
          last = ev.find((e) => e.type === 'hit') ?? last;
        });
        const expected = cents.reduce((a, c) => a.plus(new Decimal(c).dividedBy(100)), new Decimal(0)).toFixed(2);
        const hitEvents = last as Extract<ScreenEvent, { type: 'hit' }>;
        expect(hitEvents.hit.measures.total!.value).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
