import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

describe('the published package', () => {
  it('builds ESM, CJS and type declarations that load', async () => {
    const esm = (await import(join(root, 'dist/index.js'))) as Record<string, unknown>;
    const { createRequire } = await import('node:module');
    const cjs = createRequire(import.meta.url)(join(root, 'dist/index.cjs')) as Record<string, unknown>;
    for (const name of ['createScreener', 'loadRules', 'compileRuleSet', 'explainAlert', 'createScreenStream', 'validateTransaction']) {
      expect(typeof esm[name], `ESM ${name}`).toBe('function');
      expect(typeof cjs[name], `CJS ${name}`).toBe('function');
    }
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
  });

  it('passes publint --strict and arethetypeswrong on the packed tarball', () => {
    const publint = execFileSync(bin('publint'), ['--strict'], { cwd: root, encoding: 'utf8' });
    expect(publint).toContain('All good');
    const attw = execFileSync(bin('attw'), ['--pack', '.', '--profile', 'node16', '--format', 'ascii'], { cwd: root, encoding: 'utf8' });
    expect(attw).toContain('No problems found');
  }, 180_000);
});
