import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RuleSetError, compileRuleSet, loadRules, parseJsonSafely, safeLoadRules, type RuleDocument } from '../../src/index.js';
import { indicator, list, typology, type Doc } from '../helpers/rules.js';

/** Compiles documents named `rules/<n>.json` and returns the prettified error (fails if nothing is thrown). */
function prettyError(docs: (Doc | RuleDocument)[], options: Parameters<typeof compileRuleSet>[1] = {}): string {
  const documents = docs.map((d, i) => ('json' in d && Object.keys(d).every((k) => k === 'json' || k === 'file') ? (d as RuleDocument) : { json: d, file: `rules/${i}.json` }));
  try {
    compileRuleSet(documents, options);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleSetError);
    return (e as RuleSetError).prettify();
  }
  throw new Error('expected a RuleSetError');
}

/** Issue codes of a failing compile. */
function codes(docs: Doc[], options: Parameters<typeof compileRuleSet>[1] = {}): string[] {
  try {
    compileRuleSet(docs.map((json) => ({ json })), options);
  } catch (e) {
    if (e instanceof RuleSetError) return e.issues.map((i) => i.code);
    throw e;
  }
  return [];
}

const nest = (depth: number): Doc => {
  let c: Doc = { field: 'direction', op: 'eq', value: 'out' };
  for (let i = 0; i < depth; i++) c = { not: c };
  return c;
};

describe('golden: prettified rule-load errors', () => {
  it('unknown top-level field (strict)', () => {
    expect(prettyError([indicator({ colour: 'red' })])).toMatchInlineSnapshot(`
      "✖ unknown field "colour"
        → at rules/0.json: (root)"
    `);
  });

  it('unknown field path in a condition', () => {
    expect(prettyError([indicator({ when: { all: [{ field: 'merchant.colour', op: 'eq', value: 'red' }] } })])).toMatchInlineSnapshot(`
      "✖ unknown field "merchant.colour" (see the field catalogue in the README)
        → at rules/0.json: when.all[0].field"
    `);
  });

  it('a typo in an operator', () => {
    expect(prettyError([indicator({ when: { field: 'amount', op: 'gtee', value: 10 } })])).toMatchInlineSnapshot(`
      "✖ unknown operator "gtee": expected one of eq, ne, gt, gte, lt, lte, between, in, notIn, matchesAny, matchesNone, hasAny, hasNone, exists, missing, localTimeBetween
        → at rules/0.json: when.op"
    `);
  });

  it('unknown measure in the trigger', () => {
    expect(prettyError([indicator({ trigger: { any: [{ measure: 'n', op: 'gte', value: 1 }, { measure: 'stays', op: 'gte', value: 8 }] } })])).toMatchInlineSnapshot(`
      "✖ unknown measure "stays" (known: n)
        → at rules/0.json: trigger.any[1].measure"
    `);
  });

  it('unknown list', () => {
    expect(prettyError([indicator({ when: { field: 'merchant.mcc', op: 'in', list: 'mcc.lodgng' } })])).toMatchInlineSnapshot(`
      "✖ unknown list "mcc.lodgng"
        → at rules/0.json: when.list"
    `);
  });

  it('a list of the wrong kind', () => {
    expect(
      prettyError([list('names.hotels', 'names', ['hotel']), indicator({ when: { field: 'merchant.mcc', op: 'in', list: 'names.hotels' } })]),
    ).toMatchInlineSnapshot(`
      "✖ list "names.hotels" holds names; use "matchesAny" for name lists
        → at rules/1.json: when.list"
    `);
  });

  it('unknown $param', () => {
    expect(
      prettyError([indicator({ parameters: { minStays: { value: 8, description: 'Stays.' } }, trigger: { measure: 'n', op: 'gte', value: { $param: 'minStay' } } })]),
    ).toMatchInlineSnapshot(`
      "✖ unknown parameter "minStay" (declare it under "parameters")
        → at rules/0.json: trigger.value"
    `);
  });

  it('a duration in months', () => {
    expect(prettyError([indicator({ window: 'P1M' })])).toMatchInlineSnapshot(`
      "✖ expected an ISO-8601 duration in weeks, days, hours or minutes, e.g. "P30D" or "PT48H" (months and years are not allowed: their length varies)
        → at rules/0.json: window"
    `);
  });

  it('a duplicate id across two documents', () => {
    expect(prettyError([indicator({ version: '1.0.0' }), indicator({ version: '1.1.0' })])).toMatchInlineSnapshot(`
      "✖ duplicate rule id "test_rule" (also in rules/0.json)
        → at rules/1.json: id"
    `);
  });

  it('a typology member that names no rule', () => {
    expect(prettyError([indicator(), typology({ members: [{ rule: 'test_rule', weight: 0.5 }, { rule: 'lodging_velocty', weight: 0.5 }] })])).toMatchInlineSnapshot(`
      "✖ typology member "lodging_velocty" names no indicator rule
        → at rules/1.json: members[1].rule"
    `);
  });

  it('an unknown placeholder in explain', () => {
    expect(prettyError([indicator({ explain: '{n} payments at {merchants} places to {windowEnd}' })])).toMatchInlineSnapshot(`
      "✖ unknown placeholder {merchants}: use a measure name or one of windowStart, windowEnd, key, scope, window
        → at rules/0.json: explain"
    `);
  });

  it('conditions nested deeper than 8', () => {
    expect(codes([indicator({ when: nest(8) })])).toEqual([]);
    expect(prettyError([indicator({ when: nest(9) })])).toMatchInlineSnapshot(`
      "✖ conditions may nest at most 8 levels deep
        → at rules/0.json: when.not.not.not.not.not.not.not.not.not"
    `);
  });

  it('money measure compared with a count measure', () => {
    expect(
      prettyError([
        indicator({
          measures: { n: { fn: 'count' }, spent: { fn: 'sum', of: 'amount' } },
          trigger: { measure: 'spent', op: 'gt', ref: 'n', factor: 2 },
          explain: '{n} {spent}',
        }),
      ]),
    ).toMatchInlineSnapshot(`
      "✖ cannot compare money measure "spent" with count measure "n"
        → at rules/0.json: trigger.ref"
    `);
  });

  it('money measure compared with a non-money field, and a money field with a number field', () => {
    expect(
      prettyError([
        indicator({
          when: { field: 'amount', op: 'eq', ref: 'local.hour' },
          measures: { spent: { fn: 'sum', of: 'amount' } },
          trigger: { measure: 'spent', op: 'gt', ref: 'local.hour' },
          explain: '{spent}',
        }),
      ]),
    ).toMatchInlineSnapshot(`
      "✖ cannot compare money field "amount" with number field "local.hour"
        → at rules/0.json: when.ref
      ✖ "local.hour" is a number field; a money measure compares with a money field
        → at rules/0.json: trigger.ref"
    `);
  });
});

describe('every issue is reported at once', () => {
  it('collects the problems of several documents, each with its file', () => {
    const err = prettyError([
      indicator({ id: 'one', window: 'P1Y' }),
      indicator({ id: 'two', trigger: { measure: 'nope', op: 'gte', value: 1 } }),
      typology({ members: [{ rule: 'three', weight: 1 }] }),
      { type: 'list', id: 'bad list', title: 'x', kind: 'codes' },
    ]);
    expect(err).toMatchInlineSnapshot(`
      "✖ expected an ISO-8601 duration in weeks, days, hours or minutes, e.g. "P30D" or "PT48H" (months and years are not allowed: their length varies)
        → at rules/0.json: window
      ✖ unknown measure "nope" (known: n)
        → at rules/1.json: trigger.measure
      ✖ typology member "three" names no indicator rule
        → at rules/2.json: members[0].rule
      ✖ expected an id of lower-case letters, digits, "_", "-" or "." starting with a letter
        → at rules/3.json: id"
    `);
  });

  it('gives each issue a code, a path, the file and the rule id', () => {
    try {
      compileRuleSet([{ json: indicator({ id: 'my_rule', trigger: { measure: 'nope', op: 'gte', value: 1 } }), file: 'x.json' }]);
      expect.unreachable();
    } catch (e) {
      expect((e as RuleSetError).issues).toEqual([
        { code: 'unknown_measure', path: ['trigger', 'measure'], message: 'unknown measure "nope" (known: n)', file: 'x.json', ruleId: 'my_rule' },
      ]);
      expect((e as RuleSetError).code).toBe('invalid_config');
      expect((e as RuleSetError).message).toMatch(/^Invalid rule set: 1 problem\n✖ unknown measure/);
    }
  });
});

describe('other load-time checks', () => {
  it('parameters are substituted and re-validated', () => {
    expect(codes([indicator({ parameters: { w: { value: 'P1M', description: 'Window.' } }, window: { $param: 'w' } })])).toEqual(['invalid_format']);
    expect(codes([indicator({ parameters: { w: { value: 'P2D', description: 'Window.' } }, window: { $param: 'w' } })])).toEqual([]);
  });

  it('overrides and "only" must name existing rules and parameters', () => {
    expect(codes([indicator()], { overrides: { other_rule: { x: 1 } } })).toEqual(['unknown_rule']);
    expect(codes([indicator()], { overrides: { test_rule: { x: 1 } } })).toEqual(['unknown_parameter']);
    expect(codes([indicator()], { only: ['other_rule'] })).toEqual(['unknown_rule']);
  });

  it('a typology threshold above the sum of its weights is unreachable', () => {
    expect(codes([indicator(), typology({ members: [{ rule: 'test_rule', weight: 0.4 }], thresholds: { review: 0.5, high: 1 } })])).toEqual(['unreachable_threshold']);
  });

  it('a code range must be ordered and of equal-length codes', () => {
    expect(codes([list('r1', 'codes', [], { ranges: [['3835', '3501']] })])).not.toEqual([]);
    expect(codes([list('r2', 'codes', [], { ranges: [['100', '2000']] })])).not.toEqual([]);
  });

  it('an unknown base currency is an issue, even when it is an Object.prototype key', () => {
    expect(codes([], { baseCurrency: 'XYZ' })).toEqual(['invalid_option']);
    expect(codes([], { baseCurrency: 'toString' })).toEqual(['invalid_option']);
    expect(codes([], { baseCurrency: '__proto__' })).toEqual(['invalid_option']);
  });

  it('a scope must be an identifying field', () => {
    expect(codes([indicator({ scope: 'amount' })])).toEqual(['invalid_scope']);
  });
});

describe('loadRules from files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msht-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, content: unknown) => {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return p;
  };

  it('reports malformed JSON and schema problems of other files together, with file names', () => {
    const d = join(dir, 'mixed');
    write('mixed/a-good.json', indicator({ id: 'good' }));
    write('mixed/b-broken.json', '{ "type": "indicator", "id": ');
    write('mixed/c-bad.json', indicator({ id: 'bad', window: 'P1M' }));
    write('mixed/schema/ignored.json', '{ not json');
    write('mixed/notes.txt', 'not a rule');
    const r = safeLoadRules(d);
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = r.error.issues.map((i) => ({ code: i.code, file: i.file?.replace(dir, '<dir>'), path: i.path }));
    expect(issues).toEqual([
      { code: 'invalid_json', file: '<dir>/mixed/b-broken.json', path: [] },
      { code: 'invalid_format', file: '<dir>/mixed/c-bad.json', path: ['window'] },
    ]);
    expect(() => loadRules(d)).toThrow(RuleSetError);
  });

  it('loads a good directory', () => {
    const d = join(dir, 'good');
    write('good/list.json', list('mcc.lodging', 'codes', ['7011']));
    write('good/rule.json', indicator({ when: { field: 'merchant.mcc', op: 'in', list: 'mcc.lodging' } }));
    write('good/typ.json', typology());
    const r = safeLoadRules(d);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.indicators.map((i) => i.id)).toEqual(['test_rule']);
    expect(r.data.typologies.map((t) => t.id)).toEqual(['test_typology']);
    expect(r.data.files.get('test_rule')).toBe(join(d, 'rule.json').replace(`${process.cwd()}/`, ''));
  });

  it('a missing path is an issue, not a crash', () => {
    const r = safeLoadRules(join(dir, 'does-not-exist'));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.code)).toEqual(['unreadable']);
  });

  it('"__proto__" and "constructor" keys in a rule file do not pollute Object.prototype', () => {
    const d = join(dir, 'proto');
    write(
      'proto/rule.json',
      '{"type":"indicator","id":"p","version":"1.0.0","title":"t","description":"d","window":"P1D","measures":{"n":{"fn":"count"}},' +
        '"trigger":{"measure":"n","op":"gte","value":1},"explain":"x","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted2":true}},' +
        '"when":{"field":"direction","op":"eq","value":"out","__proto__":{"polluted3":true}}}',
    );
    const r = safeLoadRules(d);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted3).toBeUndefined();
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.code, i.path.join('.'), i.message])).toEqual([
      ['unrecognized_keys', 'when', 'unknown field "__proto__"'],
      ['unrecognized_keys', '', 'unknown fields "__proto__", "constructor"'],
    ]);
  });

  it('parseJsonSafely keeps "__proto__" an own key and refuses deep nesting', () => {
    const v = parseJsonSafely('{"__proto__":{"polluted":true},"a":[{"__proto__":{"x":1}}]}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseJsonSafely(`${'['.repeat(100)}${']'.repeat(100)}`)).toThrow(SyntaxError);
    expect(() => parseJsonSafely('{')).toThrow(SyntaxError);
  });

  it('compileRuleSet on objects with "__proto__" own keys (e.g. from JSON.parse) does not pollute either', () => {
    const json = JSON.parse('{"type":"list","id":"l","title":"t","kind":"codes","items":["1"],"__proto__":{"polluted4":true}}') as Doc;
    expect(codes([json])).toEqual(['unrecognized_keys']);
    expect(({} as Record<string, unknown>).polluted4).toBeUndefined();
  });
});
