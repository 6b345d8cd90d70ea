/**
 * Smoke test of the benchmark: `bench/run.ts --quick --json` runs every section at a tiny size in a
 * child process and reports positive numbers. No time is asserted (speed is the benchmark's business).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

function positive(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

describe('bench/run.ts --quick --json', () => {
  it('reports every section with positive numbers', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 58_000 });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const res = JSON.parse(lines[lines.length - 1]!);
    expect(res.machine.cores).toBeGreaterThan(0);
    expect(typeof res.machine.cpu).toBe('string');
    expect(res.machine.node).toBe(process.version);
    const s = res.sections;
    expect(Object.keys(s).sort()).toEqual(['core', 'e2e', 'jre', 'memory', 'rules']);

    expect(s.core.transactions).toBeGreaterThan(0);
    for (const x of [s.core.txPerSec, s.core.latencyUs.p50, s.core.latencyUs.p99, s.core.latencyUs.max, s.core.generation.txPerSec]) expect(positive(x)).toBe(true);

    for (const x of [s.e2e.rows, s.e2e.fastCsv.rowsPerSec, s.e2e.reader.rowsPerSec, s.e2e.endToEnd.rowsPerSec, s.e2e.endToEnd.ratioToFastCsv]) expect(positive(x)).toBe(true);
    expect(s.e2e.reader.rows).toBe(s.e2e.rows);

    for (const x of [s.jre.jsonRulesEngine.txPerSec, s.jre.screener.txPerSec, s.jre.screener.ratio, s.jre.predicates.txPerSec, s.jre.jsonRulesEngine.matches]) expect(positive(x)).toBe(true);
    expect(s.jre.sameAnswers).toBe(true);

    expect(s.memory.stream).toHaveLength(2);
    expect(s.memory.entities).toHaveLength(3);
    for (const m of [...s.memory.stream, ...s.memory.entities]) {
      for (const x of [m.transactions, m.peakRssMB, m.retainedHeapMB, m.screenerHeapMB, m.txPerSec]) expect(positive(x)).toBe(true);
    }
    expect(s.memory.stream[1].transactions).toBeGreaterThan(s.memory.stream[0].transactions);

    expect(s.rules.rows.map((x: { rules: number }) => x.rules)).toEqual([1, 10, 30, 100]);
    for (const x of s.rules.rows) expect(positive(x.txPerSec)).toBe(true);
  }, 60_000);
});
