import { describe, expect, it } from 'vitest';
import { AlertSchema, HitSchema, describeComparison, explainAlert, explainHit, formatSource, type Alert } from '../../src/index.js';
import { DAY, HOUR, T0, alertsOf, compile, hitsOf, indicator, list, screenAll, tx, typology } from '../helpers/rules.js';

const rules = compile([
  list('mcc.lodging', 'codes', ['7011']),
  indicator({
    id: 'lodging',
    title: 'Repeated short-stay accommodation payments',
    sources: [{ issuer: 'FINTRAC', ref: 'FINTRAC-2016-OA003', year: 2016 }],
    when: { all: [{ field: 'direction', op: 'eq', value: 'out' }, { field: 'merchant.mcc', op: 'in', list: 'mcc.lodging' }] },
    window: 'P7D',
    measures: {
      stays: { fn: 'count' },
      towns: { fn: 'distinct', of: 'merchant.city' },
      spent: { fn: 'sum', of: 'amount' },
      biggest: { fn: 'max', of: 'amount' },
    },
    trigger: { all: [{ measure: 'stays', op: 'gte', value: 3 }, { measure: 'spent', op: 'between', value: [100, 5000] }] },
    explain: '{stays} lodging payments in {towns} towns ({spent}, largest {biggest}) in the {window} to {windowEnd}',
  }),
  indicator({
    id: 'pass_through',
    title: 'Money in, most of it out',
    sources: [{ issuer: 'FinCEN', ref: 'FIN-2020-A008', year: 2020, url: 'https://www.fincen.gov/' }],
    window: 'P2D',
    measures: {
      inflow: { fn: 'sum', of: 'amount', where: { field: 'direction', op: 'eq', value: 'in' } },
      outflow: { fn: 'sum', of: 'amount', where: { field: 'direction', op: 'eq', value: 'out' } },
      avgOut: { fn: 'mean', of: 'amount', where: { field: 'direction', op: 'eq', value: 'out' } },
    },
    trigger: { all: [{ measure: 'inflow', op: 'gte', value: 1000 }, { measure: 'outflow', op: 'gte', ref: 'inflow', factor: 0.9 }] },
    explain: '{outflow} of {inflow} paid out within {window} (mean {avgOut})',
  }),
  typology({
    id: 'pop_up',
    title: 'Mobile sexual-exploitation operation',
    sources: [{ issuer: 'FATF', ref: 'FATF-2018', year: 2018 }],
    members: [{ rule: 'lodging', weight: 0.6 }, { rule: 'pass_through', weight: 0.5 }],
    thresholds: { review: 0.5, high: 1 },
  }),
]);

const stay = (id: string, at: number, city: string, amount: string) => tx({ id, at, merchant: { mcc: '7011', city, name: `Hotel ${city}` }, amount });
const txs = [
  stay('s1', T0 + 20 * HOUR, 'Leeds', '89.00'),
  stay('s2', T0 + DAY + 21 * HOUR, 'Iași', '1,234.50'.replace(',', '')),
  stay('s3', T0 + 2 * DAY + 22 * HOUR, 'IASI', '65.25'),
  tx({ id: 'in1', at: T0 + 3 * DAY, direction: 'in', amount: '1500.00', channel: 'transfer' }),
  tx({ id: 'out1', at: T0 + 3 * DAY + HOUR, amount: '700.00', channel: 'cash' }),
  tx({ id: 'out2', at: T0 + 3 * DAY + 2 * HOUR, amount: '650.01', channel: 'cash' }),
];
const events = screenAll(rules, txs);
const alerts = alertsOf(events);
const last = alerts.at(-1)! as Alert & { change: string };
const { change: _change, ...alert } = last;

/** Numbers of a structure: every number written in its JSON, plus the length of each of its arrays (counts such as "Transactions (4)"). */
function numbersOf(value: unknown): Set<number> {
  const out = numbersIn(JSON.stringify(value));
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      out.add(v.length);
      v.forEach(walk);
    } else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

/** Every number written in a text, with thousands separators removed. */
function numbersIn(text: string): Set<number> {
  return new Set((text.replace(/(\d),(?=\d{3})/g, '$1').match(/\d+(?:\.\d+)?/g) ?? []).map(Number));
}

describe('the sample alert', () => {
  it('is raised by the first member and updated (same id) by the second', () => {
    expect(alerts.map((a) => [a.change, a.alertId === alerts[0]!.alertId, a.revision, a.level, a.score])).toEqual([
      ['raised', true, 1, 'review', 0.6],
      ['updated', true, 2, 'high', 1.1],
    ]);
    expect(AlertSchema.parse(alert)).toEqual(alert);
    for (const h of hitsOf(events)) expect(HitSchema.parse(h)).toEqual(h);
  });
});

describe('explainAlert', () => {
  it('renders the alert (golden)', () => {
    expect(explainAlert(alert)).toMatchInlineSnapshot(`
      "HIGH  Mobile sexual-exploitation operation — account A1
      Score 1.10 (review ≥ 0.50, high ≥ 1.00) · raised 2026-01-07T22:00:00.000Z · revision 2, updated 2026-01-08T01:00:00.000Z · alert al_1e8ed1d53f965a716b69
      2 indicators contributed:
        1. Repeated short-stay accommodation payments (lodging@1.0.0), weight 0.60
           3 lodging payments in 2 towns (GBP 1,388.75, largest GBP 1,234.50) in the 7 days to 2026-01-07
           Trigger: stays 3 ≥ 3 ✓; spent 1388.75 between 100.00 and 5000.00 ✓
           Transactions (3): s1, s2, s3
           Window: 2025-12-31T22:00:00.000Z → 2026-01-07T22:00:00.000Z · fired at 2026-01-07T22:00:00.000Z on s3
        2. Money in, most of it out (pass_through@1.0.0), weight 0.50
           GBP 1,999.75 of GBP 1,500.00 paid out within 2 days (mean GBP 666.58)
           Trigger: inflow 1500.00 ≥ 1000.00 ✓; outflow 1999.75 ≥ 1350.00 (0.9 × inflow) ✓
           Transactions (4): s2, s3, in1, out1
           Window: 2026-01-06T01:00:00.000Z → 2026-01-08T01:00:00.000Z · fired at 2026-01-08T01:00:00.000Z on out1
      Sources:
        - FATF FATF-2018 (2018)
        - FINTRAC FINTRAC-2016-OA003 (2016)
        - FinCEN FIN-2020-A008 (2020) — https://www.fincen.gov/"
    `);
  });

  it('every number in the text is a number of the structure', () => {
    const inStructure = numbersOf(alert);
    const text = explainAlert(alert, { maxTransactionIds: 100 });
    const missing = [...numbersIn(text)].filter((n) => !inStructure.has(n));
    expect(missing).toEqual([]);
  });

  it('shows every measure value and every comparison of each reason', () => {
    const text = explainAlert(alert);
    for (const r of alert.reasons) {
      expect(text).toContain(r.text);
      for (const c of r.trigger) expect(text).toContain(describeComparison(c));
      for (const m of Object.values(r.measures)) {
        const v = m.value === null ? 'n/a' : m.unit === 'money' ? `GBP ${String(m.value).replace(/\B(?=(\d{3})+(?!\d))(?=.*\.)/g, ',')}` : String(m.value);
        expect(text, `${r.ruleId}`).toContain(v);
      }
    }
  });

  it('lists at most maxTransactionIds ids and always the count', () => {
    const text = explainAlert(alert, { maxTransactionIds: 1, sources: false });
    expect(text).toContain('Transactions (3): s1, … 2 more');
    expect(text).not.toContain('Sources:');
  });
});

describe('hit structure', () => {
  it('lists the transactions of all measures in event order', () => {
    const hit = hitsOf(events).find((h) => h.ruleId === 'pass_through')!;
    // s2 and s3 (lodging payments, also outflows) came before the credit in1.
    expect(hit.transactionIds).toEqual(['s2', 's3', 'in1', 'out1']);
  });

  it('keeps each measure\'s own transactions and window', () => {
    const hit = hitsOf(events).find((h) => h.ruleId === 'pass_through')!;
    expect(hit.measures).toEqual({
      inflow: { fn: 'sum', value: '1500.00', unit: 'money', currency: 'GBP', window: hit.window, transactionIds: ['in1'], transactionIdsTruncated: false },
      outflow: { fn: 'sum', value: '1999.75', unit: 'money', currency: 'GBP', window: hit.window, transactionIds: ['s2', 's3', 'out1'], transactionIdsTruncated: false },
      avgOut: { fn: 'mean', value: '666.58', unit: 'money', currency: 'GBP', window: hit.window, transactionIds: ['s2', 's3', 'out1'], transactionIdsTruncated: false },
    });
  });
});

describe('explainHit', () => {
  it('renders one hit', () => {
    const hit = hitsOf(events).find((h) => h.ruleId === 'pass_through')!;
    expect(explainHit(hit)).toMatchInlineSnapshot(`
      "  Money in, most of it out (pass_through@1.0.0) — accountId A1
        GBP 1,999.75 of GBP 1,500.00 paid out within 2 days (mean GBP 666.58)
        Trigger: inflow 1500.00 ≥ 1000.00 ✓; outflow 1999.75 ≥ 1350.00 (0.9 × inflow) ✓
        Transactions (4): s2, s3, in1, out1
        Window: 2026-01-06T01:00:00.000Z → 2026-01-08T01:00:00.000Z · fired at 2026-01-08T01:00:00.000Z on out1"
    `);
    const inStructure = numbersOf(hit);
    expect([...numbersIn(explainHit(hit))].filter((n) => !inStructure.has(n))).toEqual([]);
  });
});

describe('describeComparison and formatSource', () => {
  it('describe each kind of comparison', () => {
    expect(describeComparison({ measure: 'stays', op: 'gte', observed: 9, threshold: 8, passed: true })).toBe('stays 9 ≥ 8 ✓');
    expect(describeComparison({ measure: 'spent', op: 'between', observed: '50.00', threshold: ['100.00', '5000.00'], passed: false })).toBe('spent 50.00 between 100.00 and 5000.00 ✗');
    expect(describeComparison({ measure: 'out', op: 'gte', observed: '95.00', threshold: '90.00', ref: 'in', factor: 0.9, passed: true })).toBe('out 95.00 ≥ 90.00 (0.9 × in) ✓');
    expect(describeComparison({ measure: 'day', op: 'gt', observed: 4, threshold: 3, ref: 'week', factor: 1, passed: true })).toBe('day 4 > 3 (week) ✓');
    expect(describeComparison({ measure: 'lo', op: 'lt', observed: null, threshold: 5, passed: false })).toBe('lo n/a < 5 ✗');
  });

  it('format a source on one line', () => {
    expect(formatSource({ issuer: 'FinCEN', ref: 'FIN-2020-A008', year: 2020 })).toBe('FinCEN FIN-2020-A008 (2020)');
    expect(formatSource({ issuer: 'FinCEN', ref: 'FIN-2020-A008', year: 2020, title: 'Advisory', url: 'https://x.example/' })).toBe('FinCEN FIN-2020-A008, Advisory (2020) — https://x.example/');
  });
});
