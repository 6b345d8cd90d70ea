import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const dir = join(root, 'examples');
const run = promisify(execFile);
const examples = readdirSync(dir).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();
const MARK = '// Output:\n';

/** The expected stdout: the comment block after `// Output:`, one `// ` line per output line. */
function expectedOutput(source: string): string | undefined {
  const at = source.lastIndexOf(MARK);
  if (at < 0) return undefined;
  return source
    .slice(at + MARK.length)
    .split('\n')
    .filter((line, i, all) => !(i === all.length - 1 && line === ''))
    .map((line) => line.replace(/^\/\/ ?/, ''))
    .join('\n');
}

describe('examples', () => {
  it('are numbered and import the package by name', () => {
    expect(examples).toEqual(['01-screen-a-csv.ts', '02-write-your-own-rule.ts', '03-stream-with-checkpoint.ts', '04-generate-and-evaluate.ts', '05-tune-a-threshold.ts']);
    for (const f of examples) expect(readFileSync(join(dir, f), 'utf8')).toMatch(/from 'msht-redflags';/);
  });

  // Set UPDATE_EXAMPLES=1 to rewrite the Output blocks after a deliberate change (e.g. a recalibrated rule pack).
  it.each(examples)('%s prints exactly its // Output: block', async (file) => {
    const path = join(dir, file);
    const source = readFileSync(path, 'utf8');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const actual = stdout.replace(/\n$/, '');
    if (process.env.UPDATE_EXAMPLES === '1') {
      const at = source.lastIndexOf(MARK);
      const head = at < 0 ? `${source.replace(/\n*$/, '\n')}\n` : source.slice(0, at);
      writeFileSync(path, `${head}${MARK}${actual.split('\n').map((l) => (l === '' ? '//' : `// ${l}`)).join('\n')}\n`);
      return;
    }
    const expected = expectedOutput(source);
    expect(expected, `${file} has no // Output: block`).toBeDefined();
    expect(actual).toBe(expected);
  }, 60_000);
});
