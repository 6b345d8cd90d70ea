import { KeywordMatcher, normaliseWords } from '../../src/util/text.js';
/**
 * Rule files cannot do unbounded work: nesting depth, node count, list sizes, keyword length, measures,
 * window length and file size are limited at load time (RULE_LIMITS, MAX_JSON_DEPTH, MAX_RULE_FILE_BYTES), and
 * keyword matching reads a bounded prefix of any text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/compile/compile-rule-set.js';
import { bundledRulesDir, loadRules, MAX_JSON_DEPTH, MAX_RULE_FILE_BYTES, readRuleDocuments } from '../../src/compile/load-rules.js';
import { createScreener } from '../../src/engine/screener.js';
import { RuleSetError } from '../../src/errors.js';
import { RULE_LIMITS } from '../../src/schema/rule.js';

const dir = mkdtempSync(join(tmpdir(), 'msht-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rule = (over: Record<string, unknown> = {}) => ({
  type: 'indicator', id: 'probe', version: '1.0.0', title: 'Probe', description: 'A probe rule.', scope: 'accountId', window: 'P7D',
  when: { field: 'direction', op: 'eq', value: 'out' }, measures: { n: { fn: 'count' } }, trigger: { measure: 'n', op: 'gte', value: 2 }, explain: '{n} payments',
  ...over,
});

function issuesOf(run: () => unknown): readonly { code: string; message: string }[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(RuleSetError);
    return (e as RuleSetError).issues;
  }
  return [];
}

const nest = (depth: number, leaf: unknown = { field: 'direction', op: 'eq', value: 'out' }): unknown => {
  let c = leaf;
  for (let i = 0; i < depth; i++) c = { not: c };
  return c;
};

describe('limits on rule files (checked at load)', () => {
  it('the limits have the documented values', () => {
    expect(RULE_LIMITS).toMatchObject({ maxConditionDepth: 8, maxConditionNodes: 256, maxListItems: 10_000, maxItemLength: 200, maxMeasures: 16, maxWindowMs: 400 * 86_400_000 });
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(MAX_RULE_FILE_BYTES).toBe(1_000_000);
  });

  it(`a condition nested deeper than ${RULE_LIMITS.maxConditionDepth} levels is a load error; ${RULE_LIMITS.maxConditionDepth} is fine`, () => {
    expect(issuesOf(() => compileRuleSet([{ json: rule({ when: nest(RULE_LIMITS.maxConditionDepth) }) }]))).toEqual([]);
    expect(issuesOf(() => compileRuleSet([{ json: rule({ when: nest(RULE_LIMITS.maxConditionDepth + 1) }) }])).map((i) => i.code)).toContain('too_deep');
  });

  it('a trigger nested too deep is a load error', () => {
    let t: unknown = { measure: 'n', op: 'gte', value: 2 };
    for (let i = 0; i < 12; i++) t = { not: t };
    expect(issuesOf(() => compileRuleSet([{ json: rule({ trigger: t }) }])).map((i) => i.code)).toContain('too_deep');
  });

  it('a rule file nested deeper than the JSON limit is refused before validation', () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, JSON.stringify(rule({ when: nest(200) })));
    const issues = issuesOf(() => loadRules([file]));
    expect(issues[0]?.message).toMatch(/nested deeper than 64/);
  });

  // BUG (src/compile/compile-rule-set.ts, not ours to edit): rule objects given straight to compileRuleSet (not
  // through a file, so parseJsonSafely's depth limit never ran) go into the recursive zod ConditionSchema
  // (z.lazy) before any depth check, and a 3,000-level `not` chain overflows the stack: RangeError instead of a
  // RuleSetError. Fix: check each document's nesting (≤ MAX_JSON_DEPTH) in compileRuleSet before safeParse.
  it('compileRuleSet with a 3,000-level condition object is a RuleSetError, not a crash', () => {
    const issues = issuesOf(() => compileRuleSet([{ json: rule({ when: nest(3_000) }) }]));
    expect(issues.length).toBeGreaterThan(0);
  });

  it(`more than ${RULE_LIMITS.maxConditionNodes} condition nodes is a load error`, () => {
    const leaves = Array.from({ length: 300 }, () => ({ field: 'direction', op: 'eq', value: 'out' }));
    expect(issuesOf(() => compileRuleSet([{ json: rule({ when: { any: leaves } }) }])).map((i) => i.code)).toContain('too_complex');
  });

  it(`an inline list of more than ${RULE_LIMITS.maxListItems} values, or a list file of more, is a load error`, () => {
    const many = Array.from({ length: RULE_LIMITS.maxListItems + 1 }, (_, i) => String(i));
    expect(issuesOf(() => compileRuleSet([{ json: rule({ when: { field: 'merchant.mcc', op: 'in', value: many } }) }])).length).toBeGreaterThan(0);
    const list = { type: 'list', id: 'big', title: 'Big', kind: 'names', items: many };
    expect(issuesOf(() => compileRuleSet([{ json: list }])).length).toBeGreaterThan(0);
  });

  it(`a keyword longer than ${RULE_LIMITS.maxItemLength} characters is a load error`, () => {
    const long = 'x'.repeat(RULE_LIMITS.maxItemLength + 1);
    expect(issuesOf(() => compileRuleSet([{ json: rule({ when: { field: 'merchant.name', op: 'matchesAny', value: [long] } }) }])).length).toBeGreaterThan(0);
    expect(issuesOf(() => compileRuleSet([{ json: { type: 'list', id: 'kw', title: 'K', kind: 'names', items: [long] } }])).length).toBeGreaterThan(0);
  });

  it(`more than ${RULE_LIMITS.maxMeasures} measures, or a window over 400 days, is a load error`, () => {
    const measures = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`m${i}`, { fn: 'count' }]));
    expect(issuesOf(() => compileRuleSet([{ json: rule({ measures, trigger: { measure: 'm0', op: 'gte', value: 1 } }) }])).map((i) => i.code)).toContain('too_complex');
    expect(issuesOf(() => compileRuleSet([{ json: rule({ window: 'P401D' }) }])).map((i) => i.code)).toContain('invalid_duration');
  });

  it('a rule file over 1,000,000 bytes is refused without being parsed', () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify(rule({ description: 'x'.repeat(1_000_001) })));
    expect(issuesOf(() => loadRules([file])).map((i) => i.code)).toEqual(['too_large']);
  });

  it('rule files cannot name a regular expression, code, or a file to read: no such operator or field exists', () => {
    for (const when of [{ field: 'merchant.name', op: 'regex', value: '(a+)+$' }, { field: 'merchant.name', op: 'eval', value: 'process.exit()' }, { field: 'merchant.name', op: 'matchesAny', list: '../../etc/passwd' }]) {
      expect(issuesOf(() => compileRuleSet([{ json: rule({ when }) }])).length).toBeGreaterThan(0);
    }
  });
});

describe('bounded keyword matching', () => {
  const lists = readRuleDocuments(bundledRulesDir()).documents.filter((d) => (d.json as { type?: string }).type === 'list');

  it('a 1 MB merchant name through the bundled rules (validation off) is screened fast', () => {
    const s = createScreener({ rules: loadRules(), validate: false });
    const name = 'airbnb uber hotel escort '.repeat(42_000); // ~1 MB
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) {
      s.push({ id: `t${i}`, timestamp: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString(), accountId: 'A1', direction: 'out', amount: '50.00', currency: 'GBP', channel: 'card', merchant: { mcc: '7011', name, city: 'Leeds' } });
    }
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  // Cost is counted, not timed: a Proxy counts how many words of the text the matcher reads.
  function countedFind(matcher: KeywordMatcher, text: string): { found: string | undefined; reads: number } {
    const words = normaliseWords(text);
    let reads = 0;
    const proxy = new Proxy(words, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    return { found: matcher.find(proxy), reads };
  }

  it('a keyword list of the maximum size costs at most words × longest phrase per text', () => {
    const items = Array.from({ length: RULE_LIMITS.maxListItems }, (_, i) => `word${i} hotel`);
    const m = new KeywordMatcher(items);
    const text = 'word9999 hotel and more words here';
    const r = countedFind(m, text);
    expect(r.found).toBe('word9999 hotel');
    expect(r.reads).toBeLessThanOrEqual(normaliseWords(text).length * 3);
    // And through a compiled rule: the list loads, and a matching name fires the rule.
    const rs = compileRuleSet([...lists, { json: { type: 'list', id: 'huge', title: 'H', kind: 'names', items } }, { json: rule({ when: { field: 'merchant.name', op: 'matchesAny', list: 'huge' } }) }]);
    expect(rs.lists.get('huge')?.matcher.size).toBe(RULE_LIMITS.maxListItems);
  });

  it('a hostile names list within the limits (shared long prefixes) stays within words × longest phrase', () => {
    const items = Array.from({ length: 4_900 }, (_, i) => `${'a '.repeat(95)}z${i.toString(36)}`.slice(0, RULE_LIMITS.maxItemLength));
    expect(JSON.stringify({ type: 'list', id: 'evil', title: 'E', kind: 'names', items }).length).toBeLessThan(MAX_RULE_FILE_BYTES);
    const m = new KeywordMatcher(items);
    const text = 'a '.repeat(150);
    const r = countedFind(m, text);
    expect(r.found).toBeUndefined();
    const longest = Math.max(...items.map((x) => normaliseWords(x).length));
    expect(r.reads).toBeLessThanOrEqual(normaliseWords(text).length * (longest + 1));
    expect(compileRuleSet([{ json: { type: 'list', id: 'evil', title: 'E', kind: 'names', items } }, { json: rule({ when: { field: 'merchant.name', op: 'matchesAny', list: 'evil' } }) }]).indicators).toHaveLength(1);
  });
});
