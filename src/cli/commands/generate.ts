import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ZodError } from 'zod';
import { fxRatesForGenerated } from '../../evaluate/fx-table.js';
import { generateTransactions, planPopulation } from '../../generate/index.js';
import { SCENARIOS, type GenerateOptions, type Scenario } from '../../generate/types.js';
import { writeCanonicalCsv, writeLabelsCsv, writeNdjson, writeProfilesCsv, writeTwoSidedCsv } from '../../generate/write.js';
import { createAtomicWriteStream, writeFileAtomic } from '../../report/atomic-write.js';
import { choice, parse, positiveInt, UsageError } from '../args.js';
import type { CliContext } from '../context.js';
import { note } from '../context.js';

/** Help text of `msht-redflags generate`. */
export const GENERATE_HELP = `Usage: msht-redflags generate --out-dir <dir> [options]

Generates a labelled synthetic population: believable background accounts plus accounts planted
with MSHT scenarios. Deterministic: the same options give the same bytes.

Writes into <dir>:
  transactions.csv      canonical CSV (or transactions.ndjson, or payments.csv with --format)
  profiles.csv          customer profiles (KYC attributes)
  labels.csv            ground truth: planted accounts (scenario, typology, start, end, intensity)
                        and background accounts (archetype); never part of the transactions
  fx.csv                the exchange rates the generator used (e.g. RON, EUR → GBP)

Options:
  --seed <n>                    integer seed (default 1)
  --accounts <n>                number of accounts (default 1000)
  --days <n>                    length of the period in days (default 90)
  --start <YYYY-MM-DD>          first day (default 2025-01-01)
  --out-dir <dir>               output directory (created when missing; required)
  --format csv|ndjson|two-sided transactions format (default csv; two-sided = one row per payment, SAML-D style)
  --planted <scenario=share,…>  share of accounts planted per scenario, e.g. popup=0.01,victim=0.02
                                (scenarios: ${SCENARIOS.join(', ')})
  --intensity <lo:hi>           intensity range of planted instances, 0 faint … 1 blatant (default 0.15:1)
  --base-currency <code>        currency of UK accounts and of the FX table (default GBP)
  -h, --help                    this help

Then: msht-redflags evaluate <dir>/transactions.csv --labels <dir>/labels.csv --profiles <dir>/profiles.csv --fx <dir>/fx.csv`;

/**
 * `msht-redflags generate`: writes a labelled synthetic population (transactions, profiles, labels, FX table) into a directory.
 *
 * @param argv - the command's arguments
 * @param ctx - streams and clock
 * @returns the exit code
 * @throws {UsageError} for bad arguments (exit code 2)
 * @example
 * await generateCommand(['--seed', '1', '--accounts', '500', '--out-dir', 'out'], ctx) //=> 0
 */
export async function generateCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      seed: { type: 'string' },
      accounts: { type: 'string' },
      days: { type: 'string' },
      start: { type: 'string' },
      'out-dir': { type: 'string' },
      format: { type: 'string' },
      planted: { type: 'string' },
      intensity: { type: 'string' },
      'base-currency': { type: 'string' },
    },
    false,
  );
  void positionals;
  if (values.help === true) {
    ctx.stdout.write(`${GENERATE_HELP}\n`);
    return 0;
  }
  const outDir = values['out-dir'];
  if (outDir === undefined) throw new UsageError('generate needs --out-dir <dir>');
  const format = choice('format', values.format, ['csv', 'ndjson', 'two-sided'] as const, 'csv');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number (got "${values.seed}")`);
  const options: GenerateOptions = {
    seed,
    accounts: positiveInt('accounts', values.accounts, 1000),
    days: positiveInt('days', values.days, 90),
    ...(values.start === undefined ? {} : { start: values.start }),
    ...(values.planted === undefined ? {} : { planted: parsePlanted(values.planted) }),
    ...(values.intensity === undefined ? {} : { intensity: parseIntensity(values.intensity) }),
    ...(values['base-currency'] === undefined ? {} : { baseCurrency: values['base-currency'] }),
  };
  let plan: ReturnType<typeof planPopulation>;
  try {
    plan = planPopulation(options);
  } catch (e) {
    if (e instanceof ZodError) {
      const i = e.issues[0];
      throw new UsageError(`invalid generator option ${i?.path.join('.') ?? ''}: ${i?.message ?? e.message}`);
    }
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  mkdirSync(outDir, { recursive: true });
  const started = ctx.now();
  const txFile = join(outDir, format === 'csv' ? 'transactions.csv' : format === 'ndjson' ? 'transactions.ndjson' : 'payments.csv');
  const txs = generateTransactions(options);
  const out = createAtomicWriteStream(txFile);
  const writer = format === 'csv' ? writeCanonicalCsv : format === 'ndjson' ? writeNdjson : writeTwoSidedCsv;
  let rows: number;
  try {
    rows = await writer(txs, out, { end: true });
  } catch (e) {
    out.destroy(e as Error);
    throw e;
  }
  const profilesOut = createAtomicWriteStream(join(outDir, 'profiles.csv'));
  await writeProfilesCsv(plan.profiles, profilesOut, { end: true });
  const labelsOut = createAtomicWriteStream(join(outDir, 'labels.csv'));
  await writeLabelsCsv(plan.labels, labelsOut, { end: true });
  const o = plan.options;
  const fx = fxRatesForGenerated({ start: o.start, baseCurrency: o.baseCurrency, roCurrency: o.roCurrency });
  await writeFileAtomic(join(outDir, 'fx.csv'), `date,currency,rate_to_base\n${fx.map((r) => `${r.date},${r.currency},${r.rateToBase}\n`).join('')}`);

  const byScenario = new Map<string, number>();
  for (const p of plan.labels.planted) byScenario.set(p.scenario, (byScenario.get(p.scenario) ?? 0) + 1);
  const secs = (ctx.now() - started) / 1000;
  const fmt = (x: number) => x.toLocaleString('en-GB');
  note(ctx, `msht-redflags generate: seed ${o.seed}, ${fmt(o.accounts)} accounts, ${o.days} days from ${o.start}`);
  note(ctx, `  ${txFile}  ${fmt(rows)} rows`);
  note(ctx, `  planted accounts ${fmt(plan.labels.planted.length)} (${[...byScenario].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}), background ${fmt(plan.labels.background.length)}`);
  note(ctx, `  profiles.csv, labels.csv, fx.csv in ${outDir}`);
  note(ctx, `  elapsed ${secs.toFixed(1)} s (${fmt(Math.round(rows / Math.max(secs, 1e-3)))} rows/s)`);
  return 0;
}

/**
 * Parses `scenario=share,…` into generator planted shares.
 *
 * @param text - e.g. `popup=0.01,victim=0.02`
 * @returns shares by scenario
 * @throws {UsageError} for an unknown scenario or a share outside [0, 1]
 * @example
 * parsePlanted('popup=0.01') //=> { popup: 0.01 }
 */
export function parsePlanted(text: string): Partial<Record<Scenario, number>> {
  const out: Partial<Record<Scenario, number>> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [name, share] = part.split('=');
    if (!(SCENARIOS as readonly string[]).includes(name ?? '')) throw new UsageError(`--planted: unknown scenario "${name ?? ''}" (expected one of ${SCENARIOS.join(', ')})`);
    const v = Number(share);
    if (share === undefined || share.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1) throw new UsageError(`--planted: share of "${name ?? ''}" must be a number from 0 to 1 (got "${share ?? ''}")`);
    out[name as Scenario] = v;
  }
  return out;
}

/**
 * Parses `lo:hi` into an intensity range.
 *
 * @param text - e.g. `0.5:1`
 * @returns the range
 * @throws {UsageError} unless 0 ≤ lo ≤ hi ≤ 1
 * @example
 * parseIntensity('0.5:1') //=> [0.5, 1]
 */
export function parseIntensity(text: string): [number, number] {
  const m = /^\s*([0-9.]+)\s*:\s*([0-9.]+)\s*$/.exec(text);
  const lo = Number(m?.[1]);
  const hi = Number(m?.[2]);
  if (m === null || !Number.isFinite(lo) || !Number.isFinite(hi) || lo < 0 || hi > 1 || lo > hi) throw new UsageError(`--intensity must be lo:hi with 0 ≤ lo ≤ hi ≤ 1 (got "${text}")`);
  return [lo, hi];
}
