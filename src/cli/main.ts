import { RuleSetError, MshtError } from '../errors.js';
import { UsageError } from './args.js';
import type { CliContext } from './context.js';
import { screenCommand } from './commands/screen.js';
import { rulesCommand } from './commands/rules.js';
import { COMMANDS_EXTRA, EXTRA_HELP } from './commands/extra.js';

export const MAIN_HELP = `msht-redflags — screen bank transactions for the financial red flags of modern slavery and human trafficking

Usage: msht-redflags <command> [options]

Commands:
  screen <file|->     screen a CSV/NDJSON export and write explained alerts
  rules list|validate|show <id>
                      list, check or explain the rule pack
${EXTRA_HELP}
Run "msht-redflags <command> --help" for a command's options.
Exit codes: 0 completed; 2 usage or configuration error; 1 unexpected failure.`;

/**
 * Runs the command line with the given arguments; returns the exit code (never calls process.exit).
 */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        ctx.stdout.write(`${MAIN_HELP}\n`);
        return cmd === undefined ? 2 : 0;
      case '--version':
        ctx.stdout.write(`${VERSION}\n`);
        return 0;
      case 'screen':
        return await screenCommand(rest, ctx);
      case 'rules':
        return await rulesCommand(rest, ctx);
      default: {
        const extra = COMMANDS_EXTRA[cmd];
        if (extra !== undefined) return await extra(rest, ctx);
        throw new UsageError(`unknown command "${cmd}" (try --help)`);
      }
    }
  } catch (e) {
    if (e instanceof RuleSetError) {
      ctx.stderr.write(`msht-redflags: ${e.message.split('\n')[0]}\n${e.prettify()}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      ctx.stderr.write(`msht-redflags: ${e.message}\n`);
      return 2;
    }
    if (e instanceof MshtError && e.code !== 'internal') {
      ctx.stderr.write(`msht-redflags: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') {
      ctx.stderr.write(`msht-redflags: cannot read ${err.path ?? 'file'}: ${err.code}\n`);
      return 2;
    }
    ctx.stderr.write(`msht-redflags: unexpected failure: ${err.stack ?? String(e)}\n`);
    return 1;
  }
}

const VERSION = '0.1.0';

// Run when executed as the bin (not when imported by tests).
const isMain = (() => {
  const arg = process.argv[1] ?? '';
  return /(?:^|[\\/])(?:cli\.(?:c|m)?js|main\.ts|msht-redflags)$/.test(arg);
})();
if (isMain) {
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, now: () => Date.now() }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`msht-redflags: unexpected failure: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
