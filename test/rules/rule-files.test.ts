import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleFileSchema, type IndicatorRule } from '../../src/schema/rule.js';
import { TransactionSchema } from '../../src/schema/transaction.js';
import { CustomerProfileSchema } from '../../src/schema/profile.js';
import { checkRuleFiles, readRuleFiles, type LoadedRuleFile } from '../../scripts/check-rule-files.js';
import { renderRuleCards } from '../../scripts/gen-rule-cards.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RULES = join(ROOT, 'rules');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');

const { files, problems: parseProblems } = readRuleFiles(RULES);
const indicators = files.filter((f): f is LoadedRuleFile & { data: IndicatorRule } => f.data.type === 'indicator');
const typologies = files.filter((f) => f.data.type === 'typology');
const lists = files.filter((f) => f.data.type === 'list');

describe('rule pack files', () => {
  it('every file parses with RuleFileSchema', () => {
    expect(parseProblems).toEqual([]);
    for (const sub of ['indicators', 'typologies', 'lists']) {
      for (const name of readdirSync(join(RULES, sub)).filter((n) => n.endsWith('.json'))) {
        const parsed = RuleFileSchema.safeParse(JSON.parse(readFileSync(join(RULES, sub, name), 'utf8')));
        expect(parsed.success, `${sub}/${name}`).toBe(true);
      }
    }
  });

  it('has at least 30 indicators and the 6 typologies', () => {
    expect(indicators.length).toBeGreaterThanOrEqual(30);
    expect(typologies.map((t) => t.data.id).sort()).toEqual([
      'controller_account',
      'cross_border_repatriation',
      'front_business',
      'funnel_cash_placement',
      'popup_operation',
      'victim_account',
    ]);
  });

  it('includes the client examples on both sides of the corridor and the short-stay rules', () => {
    const ids = new Set(indicators.map((f) => f.data.id));
    for (const id of ['ro_uk_remit', 'ro_uk_remit_ro_side', 'lodging_velocity', 'short_let_platform', 'multi_city_stays']) expect(ids.has(id), id).toBe(true);
  });

  it('every indicator and typology cites at least one source', () => {
    for (const f of [...indicators, ...typologies]) expect(f.data.sources.length, f.path).toBeGreaterThan(0);
  });

  it('every indicator says how well its sources support it', () => {
    for (const f of indicators) expect(f.data.evidence, f.path).toBeDefined();
  });

  it('every parameter is either sourced or marked as a default to calibrate', () => {
    for (const f of indicators) {
      for (const [name, p] of Object.entries(f.data.parameters)) {
        expect(p.source !== undefined || p.calibration !== undefined, `${f.path}: ${name}`).toBe(true);
      }
    }
  });

  it('ids are unique (id@version for rules, id for lists), and file names carry the id', () => {
    const keys = files.map((f) => (f.data.type === 'list' ? `list:${f.data.id}` : `${f.data.id}@${f.data.version}`));
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of indicators) expect(f.path).toMatch(new RegExp(`/\\d{3}-${f.data.id}\\.json$`));
  });

  it('every referenced list, parameter, measure and typology member exists', () => {
    expect(checkRuleFiles(files)).toEqual([]);
    const listIds = new Set(lists.map((l) => l.data.id));
    const named: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o['op'] === 'string' && typeof o['list'] === 'string') named.push(o['list']);
        Object.values(o).forEach(walk);
      }
    };
    indicators.forEach((f) => walk(f.data));
    for (const l of named) expect(listIds.has(l), l).toBe(true);
  });

  it('the checker reports broken references with file and path', () => {
    const broken = structuredClone(indicators[0]!) as LoadedRuleFile & { data: IndicatorRule };
    const rule = broken.data as { trigger: unknown; when?: unknown; explain: string };
    rule.trigger = { measure: 'nope', op: 'gte', value: { $param: 'missing' } };
    rule.when = { field: 'merchant.mcc', op: 'in', list: 'mcc.none' };
    rule.explain = '{what}';
    const problems = checkRuleFiles([broken, ...files.filter((f) => f !== indicators[0])]);
    const messages = problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toContain('trigger.measure: unknown measure "nope"');
    expect(messages).toContain('trigger.value: unknown parameter "missing"');
    expect(messages).toContain('when.list: unknown list "mcc.none"');
    expect(messages).toContain('explain: unknown placeholder "{what}"');
    expect(problems.every((p) => p.file === indicators[0]!.path)).toBe(true);
  });

  it('rules/README.md is up to date (run `npx tsx scripts/gen-rule-cards.ts`)', () => {
    const current = readFileSync(join(RULES, 'README.md'), 'utf8');
    expect(current === renderRuleCards(files), 'rules/README.md is out of date: run `npx tsx scripts/gen-rule-cards.ts`').toBe(true);
  });

  it('renders the same cards whatever the order of the files', () => {
    expect(renderRuleCards([...files].reverse())).toBe(renderRuleCards(files));
  });
});

describe('indicator fixtures (data only; the engine runs them in fixtures.test.ts)', () => {
  const fixtureNames = readdirSync(FIXTURES).filter((n) => n.endsWith('.json')).sort();

  it('there is one fixture per indicator, named by rule id', () => {
    expect(fixtureNames).toEqual(indicators.map((f) => `${f.data.id}.json`).sort());
  });

  for (const name of fixtureNames) {
    it(`${name}: well-formed positive and negative scenarios`, () => {
      const fx = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as {
        rule: string;
        positive: { description: string; profiles?: unknown[]; transactions: unknown[]; expect: { fires: boolean; key?: string; measures?: Record<string, unknown> } };
        negative: { description: string; profiles?: unknown[]; transactions: unknown[]; expect: { fires: boolean } };
      };
      const rule = indicators.find((f) => f.data.id === fx.rule)?.data;
      expect(rule, fx.rule).toBeDefined();
      expect(fx.positive.expect.fires).toBe(true);
      expect(fx.negative.expect.fires).toBe(false);
      for (const scenario of [fx.positive, fx.negative]) {
        expect(scenario.description.length).toBeGreaterThan(10);
        expect(scenario.transactions.length).toBeGreaterThan(0);
        expect(scenario.transactions.length).toBeLessThanOrEqual(40);
        const ids = new Set<string>();
        for (const tx of scenario.transactions) {
          const parsed = TransactionSchema.safeParse(tx);
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
          if (parsed.success) ids.add(parsed.data.id);
        }
        expect(ids.size).toBe(scenario.transactions.length);
        for (const p of scenario.profiles ?? []) expect(CustomerProfileSchema.safeParse(p).success).toBe(true);
      }
      for (const m of Object.keys(fx.positive.expect.measures ?? {})) expect(Object.keys(rule!.measures)).toContain(m);
    });
  }
});
