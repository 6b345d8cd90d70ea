import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The repository root. */
export const root = join(import.meta.dirname, '../..');
/** The built bin (test/global-setup.ts builds it before the suite). */
export const cli = join(root, 'dist/cli.js');
const run = promisify(execFile);

/** Result of running the CLI as a child process. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `msht-redflags` bin as a user would, with CI set (no progress line); never throws on a
 * non-zero exit code.
 *
 * @param args - command-line arguments
 * @param opts - `input` to write to stdin
 * @returns exit code and outputs
 * @example
 * const r = await msht(['rules', 'validate']); r.code //=> 0
 */
export async function msht(args: string[], opts: { input?: string } = {}): Promise<CliResult> {
  try {
    const p = run(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: '1' } });
    if (opts.input !== undefined) p.child.stdin?.end(opts.input);
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as CliResult;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
