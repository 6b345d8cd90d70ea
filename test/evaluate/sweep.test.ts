import { describe, expect, it } from 'vitest';
import { bundledRulesDir, readRuleDocuments } from '../../src/compile/load-rules.js';
import { fxRatesForGenerated } from '../../src/evaluate/fx-table.js';
import { formatSweep } from '../../src/evaluate/format.js';
import { parseSweepSpec, sweepParameter } from '../../src/evaluate/sweep.js';
import { generatePopulation } from '../../src/generate/index.js';

describe('parseSweepSpec', () => {
  it('parses rule.param=a:b:step, inclusive, without float drift', () => {
    expect(parseSweepSpec('lodging_velocity.minStaysPerWeek=2:6:1')).toEqual({ ruleId: 'lodging_velocity', param: 'minStaysPerWeek', values: [2, 3, 4, 5, 6] });
    expect(parseSweepSpec('p2p_many_payers.minOneOffShare=0.5:0.8:0.1').values).toEqual([0.5, 0.6, 0.7, 0.8]);
    expect(parseSweepSpec('a.b.c=1:2:5').values).toEqual([1]);
    expect(parseSweepSpec('my.rule.x=1:2:1')).toMatchObject({ ruleId: 'my.rule', param: 'x' });
  });
  it('rejects malformed specs', () => {
    for (const bad of ['nodot=1:2:1', 'r.p=1:2', 'r.p=2:1:1', 'r.p=1:2:0', 'r.p=0:1000:1', 'r.p=a:b:c']) expect(() => parseSweepSpec(bad), bad).toThrow(RangeError);
  });
});

describe('sweepParameter', () => {
  it('gives one row per value, re-screening with the override', async () => {
    const pop = generatePopulation({ seed: 3, accounts: 120, days: 40, planted: { controller: 0.02, victim: 0, popup: 0.02, funnel: 0, repatriation: 0, front_business: 0 } });
    const { documents } = readRuleDocuments(bundledRulesDir());
    const spec = parseSweepSpec('p2p_many_payers.minPayers=2:20:9');
    const rows = await sweepParameter({ documents, spec, transactions: () => pop.transactions, labels: pop.labels, profiles: pop.profiles, fx: fxRatesForGenerated(pop.options) });
    expect(rows.map((r) => r.value)).toEqual([2, 11, 20]);
    // A higher threshold never fires the rule more often.
    expect(rows[0]!.ruleHits.hits).toBeGreaterThanOrEqual(rows[1]!.ruleHits.hits);
    expect(rows[1]!.ruleHits.hits).toBeGreaterThanOrEqual(rows[2]!.ruleHits.hits);
    expect(rows[0]!.typologies.map((t) => t.id)).toContain('controller_account');
    expect(rows[0]!.lookalikes.map((l) => l.archetype)).toEqual(['romanian_worker', 'business_traveller', 'night_shift']);
    const text = formatSweep(spec, rows);
    expect(text.trimEnd().split('\n')).toHaveLength(3 + 3);
  });
});
