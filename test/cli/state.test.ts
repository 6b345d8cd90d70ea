import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, msht, root } from '../helpers/cli.js';
import { generateRows, toCsv } from '../security/gen-transactions.js';



/** Day 1 and day 2 of one stream, as two files. */
function twoDays(dir: string): { day1: string; day2: string; both: string } {
  const rows = generateRows({ seed: 5, background: 120, suspicious: 6, days: 50 });
  const cut = Math.floor(rows.length * 0.3);
  const day1 = join(dir, 'day1.csv');
  const day2 = join(dir, 'day2.csv');
  const both = join(dir, 'both.csv');
  writeFileSync(day1, toCsv(rows.slice(0, cut)));
  writeFileSync(day2, toCsv(rows.slice(cut)));
  writeFileSync(both, toCsv(rows));
  return { day1, day2, both };
}

describe('screen --state: regressions', () => {
  it('a killed next-day run resumes and ends with the alerts of an uninterrupted next-day run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msht-state-'));
    const { day1, day2 } = twoDays(dir);
    // Reference: day 1 then day 2, uninterrupted.
    const ref = join(dir, 'ref.json');
    expect((await msht(['screen', day1, '--state', ref, '--out', join(dir, 'ref1.ndjson')])).code).toBe(0);
    const refDay2 = await msht(['screen', day2, '--state', ref, '--out', join(dir, 'ref2.ndjson')]);
    expect(refDay2.code, refDay2.stderr).toBe(0);
    // Same, but day 2 is SIGKILLed after its first checkpoint, then re-run.
    const st = join(dir, 's.json');
    expect((await msht(['screen', day1, '--state', st, '--out', join(dir, 'a1.ndjson')])).code).toBe(0);
    const day1State = readFileSync(st, 'utf8');
    const child = spawn(process.execPath, [cli, 'screen', day2, '--state', st, '--checkpoint-every', '200', '--out', join(dir, 'a2.ndjson')], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill once a mid-run checkpoint of day 2 is on disk.
    let killed = false;
    for (let i = 0; i < 2000; i++) {
      const text = readFileSync(st, 'utf8');
      if (text !== day1State && (JSON.parse(text) as { completed: boolean }).completed === false) {
        killed = child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await exited;
    expect(killed, 'the run was killed mid-way').toBe(true);
    const again = await msht(['screen', day2, '--state', st, '--checkpoint-every', '200', '--out', join(dir, 'a2.ndjson')]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a2.ndjson'), 'utf8')).toBe(readFileSync(join(dir, 'ref2.ndjson'), 'utf8'));
    expect(again.stderr).toContain('counts reconcile yes');
  }, 120_000);

  it('refuses to continue an unfinished run with a different input (exit 2), leaving the state file as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msht-state-'));
    const { day1, day2 } = twoDays(dir);
    const st = join(dir, 's.json');
    expect((await msht(['screen', day1, '--state', st, '--out', join(dir, 'o.ndjson')])).code).toBe(0);
    const state = JSON.parse(readFileSync(st, 'utf8')) as { completed: boolean; records: number };
    state.completed = false;
    state.records = Math.floor(state.records / 2);
    writeFileSync(st, JSON.stringify(state));
    const before = readFileSync(st, 'utf8');
    const r = await msht(['screen', day2, '--state', st, '--out', join(dir, 'o2.ndjson')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unfinished run');
    expect(readFileSync(st, 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'o2.ndjson'))).toBe(false);
  }, 60_000);

  it('treats a file appended to after a run as another input (identity covers its end, not only its start)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msht-state-'));
    const { day1 } = twoDays(dir);
    const st = join(dir, 's.json');
    expect((await msht(['screen', day1, '--state', st, '--out', join(dir, 'o.ndjson')])).code).toBe(0);
    const state = JSON.parse(readFileSync(st, 'utf8')) as { completed: boolean };
    state.completed = false;
    writeFileSync(st, JSON.stringify(state));
    // Same size, same start, different end: must not be resumed as the same file.
    const text = readFileSync(day1, 'utf8');
    writeFileSync(day1, `${text.slice(0, -12)}${'9'.repeat(11)}\n`);
    const r = await msht(['screen', day1, '--state', st]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unfinished run');
  }, 60_000);
});
