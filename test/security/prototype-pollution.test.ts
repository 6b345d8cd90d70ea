/**
 * Prototype pollution: `__proto__`, `constructor` and `prototype` keys in rule files, mapping files, NDJSON
 * transactions, profiles and snapshots are rejected or stay inert keys; `Object.prototype` is never touched.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/compile/compile-rule-set.js';
import { bundledRulesDir, loadRules, parseJsonSafely, readRuleDocuments } from '../../src/compile/load-rules.js';
import { createScreener } from '../../src/engine/screener.js';
import { RuleSetError, SnapshotError } from '../../src/errors.js';
import { loadMapping } from '../../src/ingest/mapping.js';
import { readNdjson } from '../../src/ingest/read-ndjson.js';
import { readProfiles } from '../../src/ingest/read-profiles.js';
import type { IngestRecord } from '../../src/ingest/types.js';

const dir = mkdtempSync(join(tmpdir(), 'msht-pp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function notPolluted(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}
afterEach(notPolluted);

const PAYLOADS = [
  '"__proto__": { "polluted": "yes" }',
  '"constructor": { "prototype": { "polluted": "yes" } }',
  '"prototype": { "polluted": "yes" }',
] as const;

/** Inserts `member` as the first member of the JSON object text. */
const inject = (json: string, member: string) => json.replace(/^\s*\{/, `{ ${member},`);

const LISTS = readRuleDocuments(bundledRulesDir()).documents.filter((d) => (d.json as { type?: string }).type === 'list').map((d) => d.file!);
const LODGING = JSON.stringify(readRuleDocuments(join(bundledRulesDir(), 'indicators/001-lodging_velocity.json')).documents[0]!.json);

function loadOne(text: string): unknown {
  const file = join(dir, 'rule.json');
  writeFileSync(file, text);
  try {
    return loadRules([file, ...LISTS]);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleSetError);
    return e;
  }
}

describe('rule files', () => {
  it('parseJsonSafely keeps "__proto__" an own key and never sets a prototype', () => {
    const v = parseJsonSafely('{"__proto__": {"polluted": "yes"}, "a": {"__proto__": {"polluted": "yes"}}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it.each(PAYLOADS)('a top-level %s in a rule file is a load error (unknown key)', (payload) => {
    const e = loadOne(inject(LODGING, payload));
    expect(e).toBeInstanceOf(RuleSetError);
    expect((e as RuleSetError).prettify()).toMatch(/__proto__|constructor|prototype/);
  });

  it.each(['when', 'trigger'])('a "__proto__" key inside %s is a load error', (key) => {
    const json = JSON.parse(LODGING) as Record<string, unknown>;
    const text = JSON.stringify(json).replace(`"${key}":{`, `"${key}":{"__proto__":{"polluted":"yes"},`);
    expect(loadOne(text)).toBeInstanceOf(RuleSetError);
  });

  it.each(['measures', 'parameters'])('a "__proto__" key inside the %s record is dropped (zod strips it): inert', (key) => {
    const json = JSON.parse(LODGING) as Record<string, unknown>;
    const text = JSON.stringify(json).replace(`"${key}":{`, `"${key}":{"__proto__":{"fn":"count","value":1,"description":"x","polluted":"yes"},`);
    const rs = loadOne(text) as { indicators: { measures: { name: string }[]; document: { parameters: object } }[] };
    expect(rs).not.toBeInstanceOf(RuleSetError);
    const rule = rs.indicators[0]!;
    expect(rule.measures.map((m) => m.name)).not.toContain('__proto__');
    expect(Object.getPrototypeOf(rule.document.parameters)).toBe(Object.prototype);
    expect((rule.document.parameters as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a measure named "constructor" is an ordinary measure; "toString" or "constructor" as an undeclared measure or parameter is an error', () => {
    const json = JSON.parse(LODGING) as { measures: Record<string, unknown>; trigger: unknown; explain: string };
    const ok = { ...json, measures: { ...json.measures, constructor: { fn: 'count' } }, trigger: { any: [json.trigger, { measure: 'constructor', op: 'gte', value: 100 }] } };
    expect(loadOne(JSON.stringify(ok))).not.toBeInstanceOf(RuleSetError);
    for (const bad of [
      { ...json, trigger: { measure: 'toString', op: 'gte', value: 1 } },
      { ...json, trigger: { measure: 'constructor', op: 'gte', value: 1 } },
      { ...json, trigger: { measure: 'stays', op: 'gte', value: { $param: 'constructor' } } },
      { ...json, trigger: { measure: 'stays', op: 'gte', value: { $param: 'hasOwnProperty' } } },
    ]) {
      const e = loadOne(JSON.stringify(bad));
      expect(e).toBeInstanceOf(RuleSetError);
    }
  });

  it('a rule with the id "constructor" and overrides do not reach Object members', () => {
    const json = { ...(JSON.parse(LODGING) as Record<string, unknown>), id: 'constructor' };
    const docs = readRuleDocuments(LISTS).documents;
    const rs = compileRuleSet([...docs, { json, file: 'c.json' }], { overrides: {} });
    expect(rs.indicators[0]!.id).toBe('constructor');
    expect(() => compileRuleSet([...docs, { json, file: 'c.json' }], { overrides: JSON.parse('{"__proto__": {"minStaysPerMonth": 1}}') as Record<string, Record<string, unknown>> })).toThrow(RuleSetError);
  });
});

describe('mapping files', () => {
  const base = { type: 'mapping', name: 'm', columns: { id: 'id', timestamp: 'ts', accountId: 'acc', direction: 'dir', amount: 'amt', currency: 'ccy', channel: 'ch' } };
  it.each([
    ['top level', (j: string) => inject(j, PAYLOADS[0])],
    ['columns', (j: string) => j.replace('"columns":{', '"columns":{"__proto__":"x",')],
    ['values', (j: string) => j.replace('"name":"m"', '"name":"m","values":{"constructor":{"prototype":"in"}}')],
  ])('a prototype key in %s is rejected', (_where, edit) => {
    const file = join(dir, 'm.json');
    writeFileSync(file, edit(JSON.stringify(base)));
    expect(() => loadMapping(file)).toThrow(RuleSetError);
  });

  it('a "__proto__" key in constants is dropped: it cannot supply a required field through the prototype chain', () => {
    const file = join(dir, 'm3.json');
    const { currency: _c, ...cols } = base.columns;
    writeFileSync(file, JSON.stringify({ ...base, columns: cols }).replace('"name":"m"', '"name":"m","constants":{"__proto__":{"currency":"GBP","polluted":"yes"}}'));
    // without the real constant the mapping lacks "currency": a load error, not a constant inherited from a prototype
    expect(() => loadMapping(file)).toThrow(/currency/);
  });

  it('a "__proto__" raw value inside a value map is inert (it maps nothing)', () => {
    const file = join(dir, 'm2.json');
    writeFileSync(file, JSON.stringify(base).replace('"name":"m"', '"name":"m","values":{"direction":{"__proto__":"out","D":"out"}}'));
    try {
      const m = loadMapping(file);
      expect(Object.keys(m.values.direction ?? {})).not.toContain('polluted');
    } catch (e) {
      expect(e).toBeInstanceOf(RuleSetError);
    }
  });
});

describe('NDJSON transactions and profiles', () => {
  const tx = '{"id":"t1","timestamp":"2026-03-01T10:00:00Z","accountId":"A1","direction":"out","amount":"1.00","currency":"GBP","channel":"card"}';
  it.each([...PAYLOADS, '"merchant": { "__proto__": { "polluted": "yes" } }', '"\\u005f\\u005fproto\\u005f\\u005f": { "polluted": "yes" }'])('a transaction with %s is rejected, naming the key', async (payload) => {
    const out: IngestRecord[] = [];
    for await (const r of readNdjson(Readable.from([`${inject(tx, payload)}\n`]))) out.push(r);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'rejected', rejection: { code: 'invalid', line: 1 } });
    expect(out[0]!.kind === 'rejected' && out[0]!.rejection.message).toMatch(/forbidden key "(__proto__|constructor|prototype)"/);
  });

  it('profiles: prototype keys in NDJSON are rejected; CSV headers named "__proto__"/"constructor" are ignored columns', async () => {
    const nd = await readProfiles(Readable.from(['{"customerId":"C1","__proto__":{"polluted":"yes"}}\n{"customerId":"C2","constructor":{"prototype":{"polluted":"yes"}}}\n']), { format: 'ndjson' });
    expect(nd.profiles.size).toBe(0);
    expect(nd.rejected).toHaveLength(2);
    // regression: these headers used to crash readProfiles ("path.indexOf is not a function")
    const csv = await readProfiles(Readable.from(['customer_id,__proto__,constructor,prototype\nC1,{"polluted":1},x,y\n']), { format: 'csv' });
    expect([...csv.profiles.values()]).toEqual([{ customerId: 'C1' }]);
  });

  it('the screener (validate: true) rejects pushed objects with own prototype keys', () => {
    const s = createScreener({ rules: loadRules() });
    const ev = s.push(JSON.parse(inject(tx, '"constructor": {"prototype": {"polluted": "yes"}}')));
    expect(ev[0]).toMatchObject({ type: 'rejected' });
  });
});

describe('snapshots', () => {
  const rules = loadRules();
  const make = () => {
    const s = createScreener({ rules });
    for (let i = 0; i < 20; i++) s.push({ id: `t${i}`, timestamp: new Date(Date.UTC(2026, 2, 1, i)).toISOString(), accountId: '__proto__', customerId: 'constructor', direction: 'out', amount: '80.00', currency: 'GBP', channel: 'card', merchant: { mcc: '7011', name: `Hotel ${i % 5}`, city: ['Leeds', 'York', 'Hull', 'Bath'][i % 4]! } });
    return s;
  };

  it('scope keys named "__proto__" / "constructor" survive a snapshot round trip as plain keys', () => {
    const a = make();
    const b = createScreener({ rules });
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.snapshot()).toEqual(a.snapshot());
  });

  it.each([
    ['top level', (t: string) => inject(t, PAYLOADS[0])],
    ['windows', (t: string) => t.replace('"windows":{', '"windows":{"__proto__":[["x",{"polluted":"yes"}]],')],
    ['typologies', (t: string) => t.replace('"typologies":{', '"typologies":{"constructor":[["x",{"prototype":{"polluted":"yes"}}]],')],
    ['stats', (t: string) => t.replace('"stats":{', '"stats":{"__proto__":{"polluted":"yes"},')],
    ['config', (t: string) => t.replace('"config":{', '"config":{"__proto__":{"polluted":"yes"},')],
  ])('prototype keys in the snapshot %s are rejected or inert', (_where, edit) => {
    const text = edit(JSON.stringify(make().snapshot()));
    const s = createScreener({ rules });
    try {
      s.restore(JSON.parse(text));
    } catch (e) {
      expect(e).toBeInstanceOf(SnapshotError);
      return;
    }
    // accepted: it must still work, and hold no "polluted" anywhere reachable
    s.push({ id: 'n1', timestamp: '2026-03-05T10:00:00Z', accountId: 'A1', direction: 'out', amount: '1.00', currency: 'GBP', channel: 'card' });
    expect((s.stats as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
});
