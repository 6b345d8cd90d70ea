import type { CliContext } from '../context.js';
import { demoCommand } from './demo.js';
import { evaluateCommand } from './evaluate.js';
import { generateCommand } from './generate.js';
import { reportCommand } from './report.js';

/** Commands beyond screen and rules, by name. */
export const COMMANDS_EXTRA: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = {
  report: reportCommand,
  generate: generateCommand,
  evaluate: evaluateCommand,
  demo: demoCommand,
};

/** Help lines of the extra commands. */
export const EXTRA_HELP = `  report <alerts.ndjson> --transactions <file> --out report.html
                      a self-contained HTML investigation report
  generate --out-dir <dir> [--seed N --accounts N --days N …]
                      a labelled synthetic population with planted MSHT scenarios
  evaluate <transactions> --labels <labels.csv> [--sweep rule.param=a:b:step]
                      detection quality against labels: precision, recall, look-alike false positives
  demo [--scenario controller|victim|popup|funnel|repatriation|front_business]
                      narrate one planted scenario step by step, from transactions to the alert
`;
