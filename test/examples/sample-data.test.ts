import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadMapping } from '../../src/ingest/mapping.js';
import { readTransactions } from '../../src/ingest/read-transactions.js';
import { readLabelsCsv } from '../../src/evaluate/labels.js';

const root = join(import.meta.dirname, '../..');
const data = join(root, 'examples/data');
const run = promisify(execFile);
const FILES = ['sample-fx.csv', 'sample-labels.csv', 'sample-profiles.csv', 'sample-transactions.csv'];

describe('bundled sample data', () => {
  it('is exactly what examples/make-sample-data.ts writes (never drifts)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sample-'));
    await run(process.execPath, ['--import', 'tsx', join(root, 'examples/make-sample-data.ts'), out], { cwd: root });
    expect(readdirSync(out).sort()).toEqual(FILES);
    for (const f of FILES) expect(readFileSync(join(out, f)).equals(readFileSync(join(data, f))), `${f} differs: run npx tsx examples/make-sample-data.ts`).toBe(true);
  }, 60_000);

  it('is small, and its mapping reads every row', async () => {
    const total = [...FILES, 'sample-mapping.json'].reduce((s, f) => s + statSync(join(data, f)).size, 0);
    expect(total).toBeLessThan(1_000_000);
    const mapping = loadMapping(join(data, 'sample-mapping.json'));
    let ok = 0;
    let rejected = 0;
    const accounts = new Set<string>();
    for await (const r of readTransactions(join(data, 'sample-transactions.csv'), { mapping })) {
      if (r.kind === 'transaction') {
        ok++;
        accounts.add(r.transaction.accountId);
      } else rejected++;
    }
    expect(rejected).toBe(0);
    expect(ok).toBeGreaterThan(3000);
    expect(accounts.size).toBeGreaterThan(100);
    const labels = await readLabelsCsv(join(data, 'sample-labels.csv'));
    expect(labels.planted.length).toBeGreaterThanOrEqual(6);
  });

  it('npm run demo\'s command prints explained alerts on planted accounts', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(root, 'dist/cli.js'), 'screen', 'examples/data/sample-transactions.csv', '--mapping', 'examples/data/sample-mapping.json', '--profiles', 'examples/data/sample-profiles.csv', '--fx', 'examples/data/sample-fx.csv', '--format', 'table'],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.demo).toContain('--fx examples/data/sample-fx.csv');
    const labels = await readLabelsCsv(join(data, 'sample-labels.csv'));
    const alerted = labels.planted.filter((p) => stdout.includes(p.accountId));
    expect(alerted.length).toBeGreaterThanOrEqual(Math.ceil(labels.planted.length / 2));
  }, 60_000);
});
