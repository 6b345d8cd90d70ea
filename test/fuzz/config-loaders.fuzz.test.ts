/**
 * Fuzz: the rule and mapping loaders over random and mutated JSON. Properties: `parseJsonSafely` returns or
 * throws `SyntaxError`; `compileRuleSet`, `parseMapping` and `loadRules` return or throw `RuleSetError` (all
 * issues, each with a path), never anything else, never hang, never pollute `Object.prototype`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRuleSet, type RuleDocument } from '../../src/compile/compile-rule-set.js';
import { bundledRulesDir, loadRules, parseJsonSafely, readRuleDocuments } from '../../src/compile/load-rules.js';
import { RuleSetError } from '../../src/errors.js';
import { DEFAULT_MAPPING, parseMapping } from '../../src/ingest/mapping.js';
import { bytesArb, cellArb, countCase, FUZZ_RUNS, FUZZ_TIMEOUT_MS } from './fuzz-helpers.js';

const { documents: BUNDLED } = readRuleDocuments(bundledRulesDir());
const LISTS = BUNDLED.filter((d) => (d.json as { type?: string }).type === 'list');
const RULES = BUNDLED.filter((d) => (d.json as { type?: string }).type !== 'list');

/** Every path to a value inside a JSON document. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

const HOSTILE_JSON: unknown[] = [
  null, true, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, -1, 1.5, '', 'P', 'P0D', 'PT0M', 'P99999999D', 'P1M', 'P1Y', '2026-02-30',
  '__proto__', 'constructor', '{"$param":"x"}', { $param: 'nope' }, { $param: '__proto__' }, [], [[]], {}, { all: [] }, { not: {} },
  { field: 'merchant.name', op: 'matchesAny', value: ['x'.repeat(201)] }, Array.from({ length: 10_001 }, (_, i) => String(i)),
  { field: 'amount', op: 'between', value: [5, 1] }, { op: 'localTimeBetween', value: ['22:00', '22:00'] },
];

/** A mutation of one document at one path: set to a hostile value, delete, or add a dangerous key. */
const mutationArb = fc.record({
  pathPick: fc.nat(),
  action: fc.constantFrom('set', 'delete', 'proto', 'wrap'),
  value: fc.oneof(fc.constantFrom(...HOSTILE_JSON), cellArb, fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>),
});

function mutate(json: unknown, m: { pathPick: number; action: string; value: unknown }): unknown {
  const doc = JSON.parse(JSON.stringify(json)) as unknown;
  const all = paths(doc);
  const path = all[m.pathPick % all.length]!;
  if (path.length === 0) return m.action === 'set' ? m.value : doc;
  let parent = doc as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (m.action === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.action === 'proto') {
    // an own "__proto__" key, as JSON.parse makes it
    return JSON.parse(JSON.stringify(doc).replace(/^\{/, '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},'));
  } else if (m.action === 'wrap') {
    parent[last] = { all: [{ any: [{ not: parent[last] }] }] };
  } else parent[last] = m.value;
  return doc;
}

function expectConfigErrorOrValue(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) expect(typeof i.message).toBe('string');
    expect(typeof e.prettify()).toBe('string');
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

const dir = mkdtempSync(join(tmpdir(), 'msht-fuzz-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz: rule and mapping loaders', () => {
  it('parseJsonSafely: a value or a SyntaxError, for random and deeply nested text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.json({ maxDepth: 5 }), fc.string({ maxLength: 80 }), fc.integer({ min: 1, max: 100_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)), fc.constantFrom('1e309', '-0', 'NaN', '{"__proto__":{"polluted":1}}', '\uFEFF{}')),
        (text) => {
          countCase('parseJsonSafely');
          try {
            parseJsonSafely(text);
          } catch (e) {
            expect(e).toBeInstanceOf(SyntaxError);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('compileRuleSet: a mutated bundled rule (with the lists) compiles or is a RuleSetError', () => {
    fc.assert(
      fc.property(fc.nat(RULES.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (pick, ms) => {
        countCase('compileRuleSet (mutated rules)');
        const target = RULES[pick]!;
        let json = target.json;
        for (const m of ms) json = mutate(json, m);
        const docs: RuleDocument[] = [...LISTS, { json, file: target.file ?? 'x.json' }];
        expectConfigErrorOrValue(() => compileRuleSet(docs));
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('compileRuleSet: random JSON documents are RuleSetErrors', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...HOSTILE_JSON)), { maxLength: 3 }), (docs) => {
        countCase('compileRuleSet (random)');
        expectConfigErrorOrValue(() => compileRuleSet(docs.map((json) => ({ json }))));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('parseMapping: mutated and random mappings parse or are RuleSetErrors', () => {
    const base = { type: 'mapping', name: 'm', columns: { ...DEFAULT_MAPPING.columns }, values: { direction: { D: 'out' } }, twoSided: null, dateFormat: 'dd/MM/yyyy HH:mm', timeZone: 'Europe/Bucharest' };
    fc.assert(
      fc.property(fc.oneof(fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce<unknown>((j, m) => mutate(j, m), base)), fc.jsonValue({ maxDepth: 4 })), (json) => {
        countCase('parseMapping');
        expectConfigErrorOrValue(() => parseMapping(json, 'm.json'));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('loadRules: random bytes, truncated rule files, BOM and CRLF in files are RuleSetErrors or load', () => {
    const sample = JSON.stringify(RULES[0]!.json, null, 2);
    fc.assert(
      fc.property(
        fc.oneof(
          bytesArb.map((b) => Buffer.from(b)),
          fc.nat(sample.length).map((n) => Buffer.from(sample.slice(0, n))),
          fc.constant(Buffer.from(`\uFEFF${sample.replaceAll('\n', '\r\n')}`)),
          fc.constant(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])),
        ),
        (bytes) => {
          countCase('loadRules (files)');
          const file = join(dir, 'r.json');
          writeFileSync(file, bytes);
          expectConfigErrorOrValue(() => loadRules([file, ...LISTS.map((l) => l.file!)]));
        },
      ),
      { numRuns: Math.max(1, Math.round(FUZZ_RUNS / 4)) },
    );
  }, FUZZ_TIMEOUT_MS);
});
