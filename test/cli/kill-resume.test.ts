/**
 * Kill and resume (issue 7): a `screen --state` run killed with SIGKILL at random points and re-run with the
 * same command ends with exactly the output of an uninterrupted run. Also: a corrupt or foreign-version state
 * file is a clear configuration error (exit 2), and a daily continuation gives day 2 the alerts it would get
 * in one run over both days.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRows, prng, toCsv } from '../security/gen-transactions.js';

const ROOT = resolve(import.meta.dirname, '../..');
// tsx is resolved from the repository, since the children run in a temporary directory
const CLI = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'src/cli/main.ts')];
const DAY2 = '2026-02-04';

let dir: string;
let full: string;

/** Runs the CLI to completion. */
function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI and SIGKILLs it after `delayMs` unless it has exited; resolves with how it ended. */
function runAndKill(args: string[], delayMs: number | undefined): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = delayMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (code !== 0 && signal === null) console.error(stderr);
      done({ code, signal });
    });
  });
}

function alertLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'msht-kill-'));
  // ~27k rows: 400 background accounts and 6 with the pop-up / cash pattern over 60 days
  const rows = generateRows({ background: 400, suspicious: 6, days: 60, seed: 11 });
  writeFileSync(join(dir, 'all.csv'), toCsv(rows));
  const cut = rows.findIndex((r) => (r.timestamp ?? '') >= DAY2);
  writeFileSync(join(dir, 'day1.csv'), toCsv(rows.slice(0, cut)));
  writeFileSync(join(dir, 'day2.csv'), toCsv(rows.slice(cut)));
  const r = run(['screen', 'all.csv', '--format', 'ndjson', '--out', 'full.ndjson']);
  expect(r.status, r.stderr).toBe(0);
  full = readFileSync(join(dir, 'full.ndjson'), 'utf8');
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('screen --state: kill and resume', () => {
  it('the uninterrupted run raises several alerts', () => {
    const raised = alertLines(full).filter((l) => (JSON.parse(l) as { change: string }).change === 'raised');
    expect(raised.length).toBeGreaterThanOrEqual(3);
  });

  it('SIGKILLed at random points and re-run, it ends with exactly the uninterrupted output', async () => {
    const rnd = prng(Number(process.env.KILL_SEED ?? 20260301));
    const args = ['screen', 'all.csv', '--format', 'ndjson', '--state', 's.json', '--checkpoint-every', '500', '--out', 'part.ndjson'];
    const killPoints: string[] = [];
    let finished = false;
    // four kills at random delays (startup of node + tsx is ~1 s; a full run with checkpoints ~4–8 s)
    for (let k = 0; k < 4 && !finished; k++) {
      const delay = Math.round(900 + rnd() * 4500);
      const r = await runAndKill(args, delay);
      const covered = existsSync(join(dir, 's.json')) ? (JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as { records: number; completed: boolean }) : undefined;
      killPoints.push(`${delay} ms → ${r.signal ?? `exit ${r.code}`}, state covers ${covered?.records ?? 0} records${covered?.completed === true ? ' (completed)' : ''}`);
      if (r.signal === null) {
        expect(r.code).toBe(0);
        finished = true;
      }
      // the output is written atomically at the end: never half a file
      if (!finished) expect(existsSync(join(dir, 'part.ndjson'))).toBe(false);
    }
    for (let attempt = 0; attempt < 3 && !finished; attempt++) {
      const r = await runAndKill(args, undefined);
      expect(r.code).toBe(0);
      finished = true;
    }
    console.info(`kill points: ${killPoints.join('; ')}`);
    const part = readFileSync(join(dir, 'part.ndjson'), 'utf8');
    const lines = alertLines(part);
    const keys = lines.map((l) => {
      const e = JSON.parse(l) as { alert: { alertId: string; revision: number } };
      return `${e.alert.alertId}#${e.alert.revision}`;
    });
    expect(new Set(keys).size).toBe(keys.length); // none twice
    expect(part).toBe(full); // none missing, same order, byte for byte
  }, 240_000);

  it('a corrupt state file is exit 2 with a clear message, and is left alone', () => {
    writeFileSync(join(dir, 'corrupt.json'), '{"format":"msht-redflags/run-state","version":1,"inp');
    const r = run(['screen', 'all.csv', '--state', 'corrupt.json', '--out', 'x.ndjson']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/state file "corrupt\.json" is not readable JSON/);
    expect(readFileSync(join(dir, 'corrupt.json'), 'utf8')).toContain('"inp');
    expect(existsSync(join(dir, 'x.ndjson'))).toBe(false);
  });

  it('a state file of another version (run state or snapshot inside it) is exit 2, never a fresh start', () => {
    const good = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as { version: number; snapshot: { version: number } };
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...good, version: 2 }));
    const r1 = run(['screen', 'all.csv', '--state', 'v2.json', '--out', 'x.ndjson']);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/is not a msht-redflags run state \(version 1\)/);
    writeFileSync(join(dir, 'snap9.json'), JSON.stringify({ ...good, snapshot: { ...good.snapshot, version: 9 } }));
    const r2 = run(['screen', 'all.csv', '--state', 'snap9.json', '--out', 'x.ndjson']);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/snapshot format version 9 cannot be restored/);
    expect(existsSync(join(dir, 'x.ndjson'))).toBe(false);
  });

  it('a state taken with other rules is exit 2', () => {
    const r = run(['screen', 'all.csv', '--state', 's.json', '--rules', join(ROOT, 'rules/lists'), '--rules', join(ROOT, 'rules/indicators/001-lodging_velocity.json'), '--out', 'x.ndjson']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/different rules/);
  });

  it('a daily continuation gives day 2 the alerts a single run over both days gives it', () => {
    const r1 = run(['screen', 'day1.csv', '--state', 'daily.json', '--out', 'o1.ndjson']);
    expect(r1.status, r1.stderr).toBe(0);
    const r2 = run(['screen', 'day2.csv', '--state', 'daily.json', '--out', 'o2.ndjson']);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r2.stderr).toMatch(/continuing from the windows/);
    const day2 = alertLines(readFileSync(join(dir, 'o2.ndjson'), 'utf8'));
    const expected = alertLines(full).filter((l) => (JSON.parse(l) as { alert: { updatedAt: string } }).alert.updatedAt >= DAY2);
    expect(day2.length).toBeGreaterThan(0);
    expect(day2).toEqual(expected);
    // and day 1's alerts are exactly the rest
    const day1 = alertLines(readFileSync(join(dir, 'o1.ndjson'), 'utf8'));
    expect([...day1, ...day2]).toEqual(alertLines(full));
  });
});
