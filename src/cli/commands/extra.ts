import type { CliContext } from '../context.js';

/** Commands that come from other modules (generate, evaluate, demo, report), registered by name. */
export const COMMANDS_EXTRA: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = {};

/** Help lines of the extra commands. */
export const EXTRA_HELP = '';
