import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScreener, explainAlert, loadRules, type Alert, type CustomerProfile, type Hit } from '../../src/index.js';

/**
 * Golden tests of the six typologies (issue 4): for each, a short history on account A1 that crosses
 * the review threshold (level, score and members asserted; the explained alert text compared with
 * test/fixtures/typologies/<id>.golden.txt) and one that stays below it (the member hits asserted,
 * no alert). Run with UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
 */
const dir = join(import.meta.dirname, '../fixtures/typologies');
const rules = loadRules();
const FX = [
  { date: '2026-01-01', currency: 'EUR', rateToBase: '0.85' },
  { date: '2026-01-01', currency: 'RON', rateToBase: '0.17' },
];
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Scenario {
  description: string;
  profiles: CustomerProfile[];
  transactions: unknown[];
}
interface Fixture {
  typology: string;
  entity: string;
  above: Scenario & { expect: { alert: true; level: 'review' | 'high'; score: number; members: string[] } };
  below: Scenario & { expect: { alert: false; maxScore: number; members: string[] } };
}

function run(c: Scenario): { alerts: Alert[]; hits: Hit[] } {
  const s = createScreener({ rules, fx: FX, timeZone: 'Europe/London', profiles: c.profiles });
  const alerts: Alert[] = [];
  const hits: Hit[] = [];
  const take = (events: ReturnType<typeof s.push>): void => {
    for (const e of events) {
      if (e.type === 'alert') alerts.push(e.alert);
      if (e.type === 'hit') hits.push(e.hit);
      if (e.type === 'rejected') throw new Error(`rejected: ${JSON.stringify(e.rejection)}`);
    }
  };
  for (const tx of c.transactions) take(s.push(tx));
  take(s.flush());
  return { alerts, hits };
}

/** Highest score the typology reached for the entity: member weights whose last hit lies within the lookback. */
function maxScore(typologyId: string, entity: string, hits: Hit[]): number {
  const typ = rules.typologies.find((t) => t.id === typologyId)!;
  const weights = new Map([...typ.members].map(([r, w]) => [r, w]));
  const last = new Map<string, number>();
  let best = 0;
  for (const h of hits) {
    if (!weights.has(h.ruleId) || !h.accounts.includes(entity)) continue;
    const t = Date.parse(h.at);
    last.set(h.ruleId, t);
    let units = 0;
    for (const [r, lt] of last) if (lt > t - typ.lookbackMs) units += weights.get(r)!;
    best = Math.max(best, units);
  }
  return best / 10_000;
}

const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const fixtures: Fixture[] = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);

describe('typology golden scenarios', () => {
  it('every typology of the bundled pack has a scenario file', () => {
    expect(fixtures.map((f) => f.typology).sort()).toEqual(rules.typologies.map((t) => t.id).sort());
  });

  for (const fx of fixtures) {
    describe(fx.typology, () => {
      it(`alerts: ${fx.above.description}`, () => {
        const { alerts } = run(fx.above);
        const mine = alerts.filter((a) => a.typology.id === fx.typology && a.entity.key === fx.entity);
        expect(mine.length, `no ${fx.typology} alert on ${fx.entity}`).toBeGreaterThan(0);
        const last = mine[mine.length - 1]!;
        expect(last.level).toBe(fx.above.expect.level);
        expect(last.score).toBeCloseTo(fx.above.expect.score, 10);
        expect(last.score).toBeGreaterThanOrEqual(last.thresholds.review);
        expect(last.reasons.map((r) => r.ruleId).sort()).toEqual([...fx.above.expect.members].sort());
        // The score is the sum of the reasons' weights.
        expect(last.reasons.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(last.score, 10);
        const text = explainAlert(last);
        const golden = join(dir, `${fx.typology}.golden.txt`);
        if (UPDATE || !existsSync(golden)) {
          if (!UPDATE) throw new Error(`missing golden file ${golden}: run with UPDATE_GOLDEN=1`);
          writeFileSync(golden, text.endsWith('\n') ? text : `${text}\n`);
        }
        const expected = readFileSync(golden, 'utf8');
        expect(text.endsWith('\n') ? text : `${text}\n`).toBe(expected);
      });

      it(`stays below review: ${fx.below.description}`, () => {
        const { alerts, hits } = run(fx.below);
        expect(alerts.filter((a) => a.typology.id === fx.typology).map((a) => a.entity.key)).toEqual([]);
        const typ = rules.typologies.find((t) => t.id === fx.typology)!;
        const members = [...new Set(hits.filter((h) => typ.members.has(h.ruleId) && h.accounts.includes(fx.entity)).map((h) => h.ruleId))].sort();
        expect(members).toEqual([...fx.below.expect.members].sort());
        const score = maxScore(fx.typology, fx.entity, hits);
        expect(score).toBeCloseTo(fx.below.expect.maxScore, 10);
        expect(score).toBeLessThan(typ.reviewUnits / 10_000);
      });
    });
  }
});
