/**
 * Shared helpers of the benchmark (bench/run.ts and its child processes): inputs from the seeded
 * generator, the FX table the generated RO-side accounts need, timing and statistics, and the
 * child-process protocol (a child prints one line `@@RESULT <json>` on stdout; progress goes to stderr).
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { generateTransactions } from '../src/generate/index.js';
import type { FxRate, Transaction } from '../src/index.js';

/** Rates for the generator's non-base currencies (RO-side accounts use RON). */
export const FX: FxRate[] = [
  { date: '2000-01-01', currency: 'RON', rateToBase: '0.17' },
  { date: '2000-01-01', currency: 'EUR', rateToBase: '0.85' },
];

/** First day of every generated period (a Monday). */
export const START = '2026-01-05';
/** Seed of every generated input. */
export const SEED = 20260105;
/**
 * Lower bound of the generator's transactions per account per day (measured ≈ 2.4–2.5), used to pick a
 * period long enough for the requested count; the stream is cut at exactly that count.
 */
const MIN_DAILY_RATE = 2.0;

/** Days of generation needed for about `n` transactions over `accounts` accounts. */
export function daysFor(n: number, accounts: number): number {
  return Math.min(3660, Math.max(1, Math.ceil(n / (accounts * MIN_DAILY_RATE)) + 1));
}

/**
 * The first `n` generated transactions over `accounts` accounts, streamed (never all held) unless the
 * caller collects them. With `n` = Infinity, everything generated over `days`.
 */
export function* generated(opts: { accounts: number; n: number; days?: number; seed?: number }): Generator<Transaction> {
  const days = opts.days ?? daysFor(opts.n, opts.accounts);
  let i = 0;
  if (opts.n <= 0) return;
  for (const tx of generateTransactions({ seed: opts.seed ?? SEED, accounts: opts.accounts, days, start: START })) {
    yield tx;
    if (++i >= opts.n) return;
  }
}

/** Generates into an array, timing it (generation is reported separately from screening). */
export function generateArray(opts: { accounts: number; n: number; days?: number }): { txs: Transaction[]; seconds: number } {
  const t0 = now();
  const txs = Array.from(generated(opts));
  return { txs, seconds: secondsSince(t0) };
}

/** Monotonic nanoseconds. */
export function now(): bigint {
  return process.hrtime.bigint();
}
/** Seconds elapsed since `t0`. */
export function secondsSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile (0–100) of an already sorted typed array. */
export function percentileSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Prints progress on stderr (stdout carries the result). */
export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/** Sends a child's result to the parent. */
export function sendResult(result: unknown): void {
  process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
}

/** Parses `--name value` pairs and bare `--flag`s. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) out.set(a.slice(2), argv[++i]!);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

/** The machine the numbers were measured on. */
export function machine(): { cpu: string; cores: number; memoryGB: number; node: string; platform: string; date: string } {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
  };
}

/** Peak resident set size of this process so far (Linux VmHWM), bytes; undefined elsewhere. */
export function peakRss(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m === null ? undefined : Number(m[1]) * 1024;
  } catch {
    return undefined;
  }
}
