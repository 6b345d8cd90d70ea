import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScreener, loadRules, type CustomerProfile, type Hit, type Rejection } from '../../src/index.js';

/**
 * Runs every indicator's positive and negative fixture (test/fixtures/rules/<id>.json) through the
 * bundled rule pack: the positive history must fire the rule (with the expected measures at its first
 * hit); the innocent look-alike must not fire it.
 */
const dir = join(import.meta.dirname, '../fixtures/rules');
const rules = loadRules();
const FX = [
  { date: '2026-01-01', currency: 'EUR', rateToBase: '0.85' },
  { date: '2026-01-01', currency: 'RON', rateToBase: '0.17' },
];

interface Case {
  description: string;
  profiles?: CustomerProfile[];
  transactions: unknown[];
  expect: { fires: boolean; key?: string; measures?: Record<string, number | string> };
}
interface Fixture {
  rule: string;
  positive: Case;
  negative: Case;
}

function run(c: Case): { hits: Hit[]; rejected: Rejection[] } {
  const s = createScreener({ rules, fx: FX, timeZone: 'Europe/London', profiles: c.profiles ?? [] });
  const hits: Hit[] = [];
  const rejected: Rejection[] = [];
  for (const tx of c.transactions) {
    for (const e of s.push(tx)) {
      if (e.type === 'hit') hits.push(e.hit);
      if (e.type === 'rejected') rejected.push(e.rejection);
    }
  }
  for (const e of s.flush()) if (e.type === 'hit') hits.push(e.hit);
  return { hits, rejected };
}

const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const fixtures: Fixture[] = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);

describe('rule fixtures', () => {
  it('every enabled indicator in the bundled pack has a fixture', () => {
    const covered = new Set(fixtures.map((f) => f.rule));
    expect(rules.indicators.filter((r) => r.enabled && !covered.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  for (const fx of fixtures) {
    describe(fx.rule, () => {
      it(`fires: ${fx.positive.description}`, () => {
        const { hits, rejected } = run(fx.positive);
        expect(rejected).toEqual([]);
        const mine = hits.filter((h) => h.ruleId === fx.rule && (fx.positive.expect.key === undefined || h.scope.key === fx.positive.expect.key));
        expect(mine.length, `no ${fx.rule} hit`).toBeGreaterThan(0);
        const first = mine[0]!;
        for (const [name, value] of Object.entries(fx.positive.expect.measures ?? {})) {
          expect(first.measures[name]?.value, `measure ${name}`).toBe(value);
        }
        // Evidence is re-derivable: every listed transaction is one of the fixture's.
        const ids = new Set(fx.positive.transactions.map((t) => (t as { id: string }).id));
        for (const id of first.transactionIds) expect(ids.has(id)).toBe(true);
      });
      it(`stays silent: ${fx.negative.description}`, () => {
        const { hits, rejected } = run(fx.negative);
        expect(rejected).toEqual([]);
        expect(hits.filter((h) => h.ruleId === fx.rule).map((h) => h.text)).toEqual([]);
      });
    });
  }
});
