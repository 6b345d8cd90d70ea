import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msht } from '../helpers/cli.js';



const TYPOLOGIES = ['controller_account', 'victim_account', 'popup_operation', 'funnel_cash_placement', 'cross_border_repatriation', 'front_business'];

describe('msht-redflags generate and evaluate', () => {
  it('generate is deterministic: the same seed writes the same bytes', async () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'gen-a-')), mkdtempSync(join(tmpdir(), 'gen-b-'))];
    for (const d of dirs) {
      const r = await msht(['generate', '--seed', '42', '--accounts', '150', '--days', '30', '--start', '2025-03-01', '--out-dir', d, '--intensity', '0.5:1']);
      expect(r.code, r.stderr).toBe(0);
    }
    const files = readdirSync(dirs[0]!).sort();
    expect(files).toEqual(['fx.csv', 'labels.csv', 'profiles.csv', 'transactions.csv']);
    for (const f of files) expect(readFileSync(join(dirs[1]!, f)).equals(readFileSync(join(dirs[0]!, f))), f).toBe(true);
    expect(readFileSync(join(dirs[0]!, 'fx.csv'), 'utf8')).toContain('2025-03-01,RON,0.1718213058');
    const other = mkdtempSync(join(tmpdir(), 'gen-c-'));
    await msht(['generate', '--seed', '43', '--accounts', '150', '--days', '30', '--start', '2025-03-01', '--out-dir', other, '--intensity', '0.5:1']);
    expect(readFileSync(join(other, 'transactions.csv')).equals(readFileSync(join(dirs[0]!, 'transactions.csv')))).toBe(false);
  });

  it('generate writes NDJSON and two-sided formats, and refuses bad options with exit code 2', async () => {
    const d = mkdtempSync(join(tmpdir(), 'gen-f-'));
    expect((await msht(['generate', '--accounts', '20', '--days', '5', '--out-dir', d, '--format', 'ndjson'])).code).toBe(0);
    expect((await msht(['generate', '--accounts', '20', '--days', '5', '--out-dir', d, '--format', 'two-sided'])).code).toBe(0);
    expect(readdirSync(d).sort()).toEqual(['fx.csv', 'labels.csv', 'payments.csv', 'profiles.csv', 'transactions.ndjson']);
    for (const bad of [['--planted', 'nosuch=0.1'], ['--planted', 'popup=2'], ['--intensity', '0.9:0.1'], ['--format', 'xml'], ['--accounts', '0']]) {
      const r = await msht(['generate', '--out-dir', d, ...bad]);
      expect(r.code, bad.join(' ')).toBe(2);
    }
    expect((await msht(['generate'])).code).toBe(2);
  });

  it('evaluate prints a table with every typology of the pack, and JSON on request', async () => {
    const d = mkdtempSync(join(tmpdir(), 'eval-'));
    const g = await msht(['generate', '--seed', '5', '--accounts', '200', '--days', '45', '--out-dir', d, '--planted', 'controller=0.02,victim=0.02,popup=0.02,funnel=0.02,repatriation=0.02,front_business=0.02']);
    expect(g.code, g.stderr).toBe(0);
    const args = [join(d, 'transactions.csv'), '--labels', join(d, 'labels.csv'), '--profiles', join(d, 'profiles.csv'), '--fx', join(d, 'fx.csv')];
    const r = await msht(['evaluate', ...args]);
    expect(r.code, r.stderr).toBe(0);
    for (const t of TYPOLOGIES) expect(r.stdout).toMatch(new RegExp(`^${t} `, 'm'));
    expect(r.stdout).toContain('alerts per 1,000 accounts per month');
    expect(r.stdout).toContain('romanian_worker');
    expect(r.stdout).toContain('Hits by indicator');
    expect(r.stderr).toContain('rejected 0');
    const j = await msht(['evaluate', ...args, '--format', 'json']);
    const parsed = JSON.parse(j.stdout) as { typologies: { id: string; planted: number }[] };
    expect(parsed.typologies.map((t) => t.id).sort()).toEqual([...TYPOLOGIES].sort());
    expect(parsed.typologies.every((t) => t.planted === 4)).toBe(true);
    const s = await msht(['evaluate', ...args, '--sweep', 'lodging_velocity.minStaysPerWeek=3:5:1']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.trimEnd().split('\n')).toHaveLength(3 + 3);
    expect((await msht(['evaluate', ...args, '--sweep', 'nosuch.rule=1:2:1'])).code).toBe(2);
    expect((await msht(['evaluate', join(d, 'transactions.csv')])).code).toBe(2);
  }, 120_000);

  it('every new command has --help', async () => {
    for (const cmd of ['generate', 'evaluate', 'demo']) {
      const r = await msht([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: msht-redflags ${cmd}`);
    }
    expect((await msht(['--help'])).stdout).toContain('evaluate <transactions>');
  });
});
