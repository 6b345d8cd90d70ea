import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const run = promisify(execFile);

describe('msht-redflags demo', () => {
  it.each([
    ['popup', 'popup_operation'],
    ['victim', 'victim_account'],
    ['repatriation', 'cross_border_repatriation'],
  ])('narrates the %s scenario up to an explained %s alert, with indicator sources', async (scenario, typology) => {
    const { stdout } = await run(process.execPath, [cli, 'demo', '--scenario', scenario], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain(`typology ${typology}`);
    expect(stdout).toMatch(/▶ .+ \([a-z_]+, weight \d\.\d\d\) fires/);
    expect(stdout).toMatch(/ {6}Source: \S+/);
    expect(stdout).toMatch(/score [█░]+ \d\.\d\d/);
    expect(stdout).toContain('■ ALERT raised');
    expect(stdout).toContain('Final alert, as an analyst reads it:');
    expect(stdout).toMatch(/^(REVIEW|HIGH) {2}/m);
  });

  it('is deterministic and refuses an unknown scenario', async () => {
    const a = await run(process.execPath, [cli, 'demo', '--scenario', 'funnel', '--seed', '3'], { cwd: root });
    const b = await run(process.execPath, [cli, 'demo', '--scenario', 'funnel', '--seed', '3'], { cwd: root });
    const strip = (s: string) => s.replace(/in \d+ ms/, 'in N ms');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    await expect(run(process.execPath, [cli, 'demo', '--scenario', 'nosuch'], { cwd: root })).rejects.toMatchObject({ code: 2 });
  });
});
