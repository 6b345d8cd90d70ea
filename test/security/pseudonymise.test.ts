/**
 * `screen --pseudonymise <key-file>`: no raw account, customer, counterparty or device id in any output (alerts
 * in every format, hits, rejects CSV/NDJSON, the HTML report); pseudonyms are HMAC-SHA-256 under the key,
 * consistent within a key and different between keys; explanations carry no free-text references.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPseudonymiser } from '../../src/privacy/pseudonymise.js';
import { generateRows, toCsv } from './gen-transactions.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'src/cli/main.ts')];
const KEY1 = 'k1-0123456789abcdef-secret';
const KEY2 = 'k2-fedcba9876543210-secret';
let dir: string;
const out: Record<string, string> = {};

const ps = (key: string, v: string) => `ps_${createHmac('sha256', key).update(v, 'utf8').digest('hex').slice(0, 16)}`;

function run(args: string[]): string {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stderr;
}

/** Raw identifiers that must never appear in pseudonymised outputs. */
const RAW = /ACC-[BS]\d+|CUST-[BS]\d+|DEV-[BS]\d+|PAYER-\d+-\d+|EMPLOYER-1|secret-ref|cash from CUST/;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'msht-ps-'));
  const rows = generateRows({ background: 20, suspicious: 3, days: 40, seed: 5 });
  // bad rows that carry identifiers in their raw text: a wrong column count, a bad amount, a bad country, a duplicate id
  const csv = toCsv(rows).trimEnd().split('\n');
  csv.push(
    'BAD1,2026-02-10T10:00:00Z,ACC-S000,CUST-S000,out,12.00,GBP,card',
    'BAD2,2026-02-10T10:00:00Z,ACC-S001,CUST-S001,out,twelve,GBP,card,,PAYER-1-1,Someone,GB,,,,,,,secret-ref,DEV-S001',
    'BAD3,2026-02-10T10:00:00Z,ACC-S002,CUST-S002,out,12.00,GBP,card,,PAYER-1-2,Someone,ZZZ,,,,,,,secret-ref,DEV-S002',
  );
  csv.splice(5, 0, csv[4]!); // a duplicate transaction id
  writeFileSync(join(dir, 'in.csv'), `${csv.join('\n')}\n`);
  writeFileSync(join(dir, 'k1.key'), `${KEY1}\n`);
  writeFileSync(join(dir, 'k2.key'), KEY2);
  const common = ['screen', 'in.csv', '--pseudonymise', 'k1.key'];
  run([...common, '--format', 'ndjson', '--hits', '--out', 'a.ndjson', '--rejects', 'r.csv']);
  run([...common, '--format', 'json', '--hits', '--out', 'a.json', '--rejects', 'r.ndjson']);
  run([...common, '--format', 'csv', '--out', 'a.csv']);
  run([...common, '--format', 'table', '--out', 'a.txt']);
  run([...common, '--format', 'html', '--out', 'a.html']);
  run(['screen', 'in.csv', '--pseudonymise', 'k2.key', '--format', 'ndjson', '--out', 'b.ndjson']);
  run(['screen', 'in.csv', '--format', 'ndjson', '--out', 'plain.ndjson']);
  for (const f of ['a.ndjson', 'a.json', 'a.csv', 'a.txt', 'a.html', 'r.csv', 'r.ndjson', 'b.ndjson', 'plain.ndjson']) out[f] = readFileSync(join(dir, f), 'utf8');
}, 180_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('screen --pseudonymise', () => {
  it('the unpseudonymised run does hold the raw ids (so the checks below can fail)', () => {
    expect(out['plain.ndjson']).toMatch(/ACC-S000/);
    expect(out['plain.ndjson']!.split('\n').filter((l) => l.includes('"raised"')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(['a.ndjson', 'a.json', 'a.csv', 'a.txt', 'a.html'])('%s holds no raw account/customer/counterparty/device id and no reference text', (f) => {
    const m = RAW.exec(out[f]!);
    expect(m?.[0], `found ${m?.[0]} in ${f}`).toBeUndefined();
    expect(out[f]).toContain(ps(KEY1, 'ACC-S000'));
  });

  it.each(['r.csv', 'r.ndjson'])('the rejects file %s holds no raw id (bad rows are quoted in their raw form)', (f) => {
    expect(out[f]!.split('\n').length).toBeGreaterThan(4);
    const m = RAW.exec(out[f]!);
    expect(m?.[0], `found ${m?.[0]} in ${f}`).toBeUndefined();
  });

  it('pseudonyms are HMAC-SHA-256 under the key: the same within a key, different between keys', () => {
    const p1 = createPseudonymiser(Buffer.from(KEY1));
    expect(p1.id('ACC-S000')).toBe(ps(KEY1, 'ACC-S000'));
    expect(p1.id('ACC-S000')).toBe(createPseudonymiser(Buffer.from(KEY1)).id('ACC-S000'));
    expect(createPseudonymiser(Buffer.from(KEY2)).id('ACC-S000')).not.toBe(p1.id('ACC-S000'));
    expect(out['b.ndjson']).toContain(ps(KEY2, 'ACC-S000'));
    expect(out['b.ndjson']).not.toContain(ps(KEY1, 'ACC-S000'));
    // same alerts, same structure: only the identifiers differ
    const strip = (s: string) => s.replace(/ps_[0-9a-f]{16}/g, 'ps_X');
    expect(strip(out['b.ndjson']!)).toBe(strip(out['a.ndjson']!.split('\n').filter((l) => l.startsWith('{"type":"alert"')).join('\n') + '\n'));
    expect(() => createPseudonymiser(Buffer.from('short'))).toThrow(/at least 16 bytes/);
  });

  it('explanations list transaction ids, amounts, dates, merchants and countries, but no free-text reference', () => {
    const alerts = out['a.ndjson']!.split('\n').filter((l) => l.startsWith('{"type":"alert"')).map((l) => (JSON.parse(l) as { alert: { reasons: { text: string; transactionIds: string[]; measures: Record<string, { value: unknown }> }[] } }).alert);
    const reasons = alerts.flatMap((a) => a.reasons);
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) {
      expect(r.transactionIds.length).toBeGreaterThan(0);
      expect(r.transactionIds.every((id) => /^T\d{6}$/.test(id))).toBe(true);
      expect(r.text).not.toMatch(/secret-ref|cash from/);
    }
    expect(out['a.txt']).toMatch(/T\d{6}/);
    expect(out['a.txt']).toMatch(/\d+\.\d{2}/);
    expect(out['a.txt']).toMatch(/2026-/);
  });

  it('regression: rejections quoting a raw row drop it; identifying values are replaced in the message too', () => {
    const p = createPseudonymiser(Buffer.from(KEY1));
    expect(p.rejection({ code: 'parse_error', field: '(row)', line: 4, value: 'BAD1,ACC-S000,CUST-S000', message: 'expected 20 columns' })).toEqual({ code: 'parse_error', field: '(row)', line: 4, message: 'expected 20 columns' });
    expect(p.rejection({ code: 'duplicate', field: 'customerId', value: 'CUST-S000', message: 'customer CUST-S000 already has a profile (line 2)' }).message).toBe(`customer ${ps(KEY1, 'CUST-S000')} already has a profile (line 2)`);
    expect(p.rejection({ code: 'invalid', field: 'payer.accountId', value: 'ACC-S000', message: 'payer.accountId: too long' }).value).toBe(ps(KEY1, 'ACC-S000'));
    expect(p.rejection({ code: 'invalid', field: 'amount', value: 'twelve', message: 'amount: bad' }).value).toBe('twelve');
  });
});
