import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MshtError } from '../errors.js';

/** A usage error: exit code 2 with a one-line reason. */
export class UsageError extends MshtError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/** Parses a command's arguments, turning node's parse errors into {@link UsageError}s. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!);
  }
}

/** Reads an option that may be repeated into a list. */
export function many(v: string | boolean | (string | boolean)[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** Validates a choice. */
export function choice<T extends string>(name: string, v: string | undefined, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${v}")`);
  return v as T;
}

/** Parses a positive integer option. */
export function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive whole number (got "${v}")`);
  return n;
}

/** Options every command that screens a file takes: rules, mapping, input format, profiles, FX, base currency, time zone. */
export const SCREENING_INPUT_OPTIONS = {
  rules: { type: 'string', multiple: true },
  mapping: { type: 'string' },
  'input-format': { type: 'string' },
  profiles: { type: 'string' },
  fx: { type: 'string' },
  'base-currency': { type: 'string' },
  'time-zone': { type: 'string' },
} as const;
