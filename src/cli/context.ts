import type { Readable, Writable } from 'node:stream';

/** What a command needs from the process: streams, environment and working directory. Tests pass their own. */
export interface CliContext {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Wall-clock milliseconds, for elapsed time and progress only (never inside the engine). */
  readonly now: () => number;
}

/** Writes a line to stderr. */
export function note(ctx: CliContext, text: string): void {
  ctx.stderr.write(`${text}\n`);
}
