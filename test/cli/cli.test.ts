import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msht } from '../helpers/cli.js';



const HEADER = 'id,timestamp,account_id,customer_id,direction,amount,currency,channel,purpose,counterparty_id,counterparty_name,counterparty_account,counterparty_country,merchant_mcc,merchant_name,merchant_city,merchant_country,location_city,location_country,terminal_id,reference,device_id,device_ip,flags';
const CITIES = ['Leeds', 'Luton', 'Slough', 'Reading', 'Bristol', 'Derby'];

/** An account that books hotels in many towns and takes many taxis, plus an ordinary salaried account. */
function sampleCsv(brokenEvery = 0): { text: string; rows: number; broken: number } {
  const lines = [HEADER];
  let n = 0;
  let broken = 0;
  let nb = 0;
  const day = (d: number, h: number) => new Date(Date.UTC(2026, 0, 1 + d, h)).toISOString();
  for (let d = 0; d < 40; d++) {
    lines.push(`S${n++},${day(d, 9)},ACC-SAL,C-SAL,out,23.10,GBP,card,,,,,,5411,Tesco,Leeds,GB,,,,,,,`);
    for (let k = 0; k < 2; k++) {
      const city = CITIES[(d + k) % CITIES.length]!;
      lines.push(`P${n++},${day(d, 12 + k)},ACC-POP,C-POP,out,89.00,GBP,card,,,,,,7011,Budget Inn ${city},${city},GB,,,,,,,`);
    }
    for (let k = 0; k < 2; k++) {
      const city = CITIES[(d + k) % CITIES.length]!;
      lines.push(`P${n++},${day(d, 20 + k)},ACC-POP,C-POP,out,14.50,GBP,card,,,,,,4121,Uber,${city},GB,,,,,,,`);
    }
    if (brokenEvery > 0) {
      for (let b = 0; b < brokenEvery; b++) {
        const kind = (d + b) % 4;
        lines.push(kind === 0 ? `B${nb++},not-a-date,ACC-X,,out,1.00,GBP,card,,,,,,,,,,,,,,,,` : kind === 1 ? `B${nb++},${day(d, 1)},ACC-X,,out,12;50,GBP,card,,,,,,,,,,,,,,,,` : kind === 2 ? `B${nb++},${day(d, 1)},ACC-X,,sideways,1.00,GBP,card` : `B${nb++},${day(d, 1)},ACC-X,,out,1.00,XXX,card,,,,,,,,,,,,,,,,`);
        broken++;
      }
    }
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1, broken };
}

describe('msht-redflags CLI (built bin, child process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msht-cli-'));

  it('--help on every command, exit 0', async () => {
    for (const args of [['--help'], ['screen', '--help'], ['rules', '--help'], ['report', '--help']]) {
      const r = await msht(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage/);
    }
  });

  it('usage errors exit 2 with a one-line reason', async () => {
    expect((await msht([])).code).toBe(2);
    const unknown = await msht(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('msht-redflags: unknown command "frobnicate" (try --help)');
    const missing = await msht(['screen', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv');
    const badFormat = await msht(['screen', '-', '--format', 'pdf']);
    expect(badFormat.code).toBe(2);
  });

  it('rules validate reports every problem with file and JSON path, exit 2', async () => {
    const bad = join(dir, 'bad-rule.json');
    const bad2 = join(dir, 'bad-rule-2.json');
    writeFileSync(bad, JSON.stringify({ type: 'indicator', id: 'x', version: '1.0.0', title: 'X', description: 'x', window: 'P1M', colour: 'red', measures: { n: { fn: 'count' } }, trigger: { measure: 'n', op: 'gte', value: 1 }, explain: '{n}' }));
    writeFileSync(bad2, JSON.stringify({ type: 'indicator', id: 'y', version: '1.0.0', title: 'Y', description: 'y', window: 'P1D', measures: { n: { fn: 'count' } }, trigger: { measure: 'm', op: 'gte', value: 1 }, explain: '{n}' }));
    const r = await msht(['rules', 'validate', '--rules', bad, '--rules', bad2]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('3 problems');
    expect(r.stderr).toContain('bad-rule.json: window');
    expect(r.stderr).toContain('unknown field "colour"');
    expect(r.stderr).toContain('bad-rule-2.json: trigger.measure');
  });

  it('rules list and show describe the bundled pack', async () => {
    const list = await msht(['rules', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Indicators \(3\d\)/);
    expect(list.stdout).toMatch(/Typologies \(6\)/);
    const show = await msht(['rules', 'show', 'lodging_velocity']);
    expect(show.stdout).toContain('Fires when:');
    expect(show.stdout).toContain('Sources:');
  });

  it('screens a file with thousands of broken rows without stopping, and the counts reconcile', async () => {
    const { text, rows, broken } = sampleCsv(60);
    const input = join(dir, 'mixed.csv');
    writeFileSync(input, text);
    const rejects = join(dir, 'rejects.csv');
    const r = await msht(['screen', input, '--format', 'json', '--rejects', rejects]);
    expect(r.code, r.stderr).toBe(0);
    expect(broken).toBeGreaterThanOrEqual(2000);
    expect(r.stderr).toContain(`rows read        ${rows.toLocaleString('en-GB')}`);
    expect(r.stderr).toContain(`rejected         ${broken.toLocaleString('en-GB')} (`);
    expect(r.stderr).toContain(`screened         ${(rows - broken).toLocaleString('en-GB')}`);
    expect(r.stderr).toContain('counts reconcile yes');
    const rejectLines = readFileSync(rejects, 'utf8').trim().split(/\r?\n/);
    expect(rejectLines.length - 1).toBe(broken);
    expect(rejectLines[0]).toBe('line,field,value,code,message,transaction_id,source');
    const out = JSON.parse(r.stdout) as { alerts: { entity: { key: string }; typology: { id: string } }[] };
    expect(out.alerts.length).toBeGreaterThan(0);
    expect(new Set(out.alerts.map((a) => a.entity.key))).toEqual(new Set(['ACC-POP']));
  });

  it('the good rows give the same alerts with or without broken rows mixed in', async () => {
    const clean = join(dir, 'clean.csv');
    const mixed = join(dir, 'mixed2.csv');
    writeFileSync(clean, sampleCsv(0).text);
    writeFileSync(mixed, sampleCsv(3).text);
    const a = await msht(['screen', clean, '--format', 'ndjson']);
    const b = await msht(['screen', mixed, '--format', 'ndjson']);
    expect(a.stdout).not.toBe('');
    expect(b.stdout).toBe(a.stdout);
  });

  it('reads stdin with "-", and writes --out atomically (no half file on failure)', async () => {
    const { text } = sampleCsv(0);
    const viaStdin = await msht(['screen', '-', '--format', 'table'], { input: text });
    expect(viaStdin.code).toBe(0);
    expect(viaStdin.stdout).toContain('LEVEL');
    const target = join(dir, 'alerts.ndjson');
    writeFileSync(target, 'previous content\n');
    const failing = await msht(['screen', join(dir, 'clean.csv'), '--out', target, '--fx', join(dir, 'missing-fx.csv')]);
    expect(failing.code).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('previous content\n');
    const ok = await msht(['screen', join(dir, 'clean.csv'), '--out', target]);
    expect(ok.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('"type":"alert"');
  });

  it('CSV output neutralises spreadsheet formulas', async () => {
    const lines = [HEADER];
    for (let d = 0; d < 20; d++) {
      const at = new Date(Date.UTC(2026, 0, 1 + d, 12)).toISOString();
      lines.push(`F${d}a,${at},=HYPERLINK("x"),C1,out,90.00,GBP,card,,,,,,7011,@SUM(A1) Inn ${CITIES[d % 6]},${CITIES[d % 6]},GB,,,,,,,`);
      lines.push(`F${d}b,${at.replace('T12', 'T13')},=HYPERLINK("x"),C1,out,15.00,GBP,card,,,,,,4121,Uber,${CITIES[d % 6]},GB,,,,,,,`);
    }
    const input = join(dir, 'formula.csv');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const r = await msht(['screen', input, '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`'=HYPERLINK`);
    expect(r.stdout).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('report turns alerts NDJSON + transactions into one self-contained HTML file', async () => {
    const alerts = join(dir, 'alerts.ndjson');
    const html = join(dir, 'report.html');
    const r = await msht(['report', alerts, '--transactions', join(dir, 'clean.csv'), '--out', html]);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<!doctype html>'.toLowerCase().slice(0, 9));
    expect(page).toContain('ACC-POP');
    expect(page).not.toMatch(/<script[^>]+src=/i);
    expect(existsSync(html)).toBe(true);
  });
});
