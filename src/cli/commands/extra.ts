import type { CliContext } from '../context.js';
import { reportCommand } from './report.js';

/** Commands beyond screen and rules, by name. */
export const COMMANDS_EXTRA: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = {
  report: reportCommand,
};

/** Help lines of the extra commands. */
export const EXTRA_HELP = `  report <alerts.ndjson> --transactions <file> --out report.html
                      a self-contained HTML investigation report
`;
