import { existsSync } from 'node:fs';
import { bundledRulesDir, readRuleDocuments } from '../../compile/load-rules.js';
import { RuleSetError } from '../../errors.js';
import { evaluateAlerts } from '../../evaluate/evaluate-alerts.js';
import { formatEvaluation, formatSweep } from '../../evaluate/format.js';
import { readLabelsCsv } from '../../evaluate/labels.js';
import { screenForEvaluation } from '../../evaluate/screen-for-evaluation.js';
import { parseSweepSpec, sweepParameter, type SweepRow } from '../../evaluate/sweep.js';
import { readTransactions, type InputFormat } from '../../ingest/read-transactions.js';
import type { Transaction } from '../../schema/transaction.js';
import { SCREENING_INPUT_OPTIONS, UsageError, choice, many, parse, positiveInt } from '../args.js';
import type { CliContext } from '../context.js';
import { note } from '../context.js';
import { loadRunInputs } from '../load-inputs.js';

/** Help text of `msht-redflags evaluate`. */
export const EVALUATE_HELP = `Usage: msht-redflags evaluate <transactions> --labels <labels.csv> [options]

Screens labelled transactions (e.g. from "msht-redflags generate") and compares the alerts with the
labels, at account level: per typology TP / FP / FN, precision, recall and F1 with 95% Wilson
intervals, alerts per 1,000 accounts per month, median days from first planted activity to alert,
false positives by background archetype (innocent look-alikes against their < 1% target) and hits
per indicator.

Options:
  --labels <file>           labels CSV (account_id, planted, scenario, typology, archetype, start, …; required)
  --rules <dir|file>        rule files or directories (repeatable; default: the bundled MSHT pack)
  --mapping <file>          column mapping for the transactions CSV (default: canonical headers)
  --input-format csv|ndjson input format (default: from the file extension)
  --profiles <file>         customer profiles (CSV or NDJSON)
  --fx <file>               FX rates CSV: date,currency,rate_to_base (generated data needs its fx.csv)
  --base-currency <code>    currency that rule thresholds are in (default GBP)
  --time-zone <zone>        IANA time zone for local hours (default Europe/London)
  --accounts <n>            population size for alert rates (default: the labelled accounts)
  --format table|json       output (default table)
  --sweep <rule.param=a:b:step>
                            re-screen once per value of one rule parameter and print the trade-off,
                            e.g. --sweep lodging_velocity.minStaysPerWeek=2:6:1
  -h, --help                this help

Exit codes: 0 completed; 2 usage or configuration error; 1 unexpected failure.`;

/**
 * `msht-redflags evaluate`: screens labelled transactions and prints detection quality (or a threshold sweep).
 *
 * @param argv - the command's arguments
 * @param ctx - streams and clock
 * @returns the exit code
 * @throws {UsageError} for bad arguments; {RuleSetError} for bad rules, labels or mapping (exit code 2)
 * @example
 * await evaluateCommand(['out/transactions.csv', '--labels', 'out/labels.csv', '--fx', 'out/fx.csv'], ctx) //=> 0
 */
export async function evaluateCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, {
    labels: { type: 'string' },
    ...SCREENING_INPUT_OPTIONS,
    accounts: { type: 'string' },
    format: { type: 'string' },
    sweep: { type: 'string' },
  });
  if (values.help === true) {
    ctx.stdout.write(`${EVALUATE_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('evaluate needs exactly one transactions file');
  const input = positionals[0]!;
  if (!existsSync(input)) throw new UsageError(`cannot read "${input}": no such file`);
  if (values.labels === undefined) throw new UsageError('evaluate needs --labels <labels.csv>');
  if (!existsSync(values.labels)) throw new UsageError(`cannot read "${values.labels}": no such file`);
  const format = choice('format', values.format, ['table', 'json'] as const, 'table');
  const inputFormat = values['input-format'] === undefined ? undefined : choice<InputFormat>('input-format', values['input-format'], ['csv', 'ndjson'], 'csv');
  const accounts = values.accounts === undefined ? undefined : positiveInt('accounts', values.accounts, 1);
  let spec: ReturnType<typeof parseSweepSpec> | undefined;
  if (values.sweep !== undefined) {
    try {
      spec = parseSweepSpec(values.sweep);
    } catch (e) {
      throw new UsageError(`--sweep: ${(e as Error).message}`);
    }
  }

  const rulePaths = many(values.rules);
  const inputs = await loadRunInputs({ rules: rulePaths, mapping: values.mapping, profiles: values.profiles, fx: values.fx, baseCurrency: values['base-currency'] });
  const labels = await readLabelsCsv(values.labels);
  const started = ctx.now();
  let ingestRejected = 0;
  const open = () => {
    const stream = readTransactions(input, {
      ...(inputFormat === undefined ? {} : { format: inputFormat }),
      mapping: inputs.mapping,
      ...(values.mapping === undefined ? {} : { mappingFile: values.mapping }),
      source: input,
    });
    ingestRejected = 0;
    return (async function* (): AsyncGenerator<Transaction> {
      for await (const rec of stream) {
        if (rec.kind === 'transaction') yield rec.transaction;
        else ingestRejected++;
      }
    })();
  };
  const progress = ctx.stderr.isTTY === true && ctx.env.CI === undefined;
  const common = {
    fx: inputs.fx,
    profiles: inputs.profiles,
    validate: false,
    ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
  };
  const fmt = (n: number) => n.toLocaleString('en-GB');

  if (spec !== undefined) {
    const { documents, issues } = readRuleDocuments(rulePaths.length > 0 ? rulePaths : bundledRulesDir());
    if (issues.length > 0) throw new RuleSetError(issues);
    if (!inputs.rules.indicators.some((i) => i.id === spec.ruleId)) throw new UsageError(`--sweep: no indicator "${spec.ruleId}" in the rules`);
    const rows: SweepRow[] = [];
    await sweepParameter({
      documents,
      spec,
      transactions: open,
      labels,
      ...common,
      ...(values['base-currency'] === undefined ? {} : { baseCurrency: values['base-currency'] }),
      ...(accounts === undefined ? {} : { accounts }),
      onRow: (row) => {
        rows.push(row);
        if (progress) ctx.stderr.write(`\r  ${spec.ruleId}.${spec.param} = ${row.value}: ${row.alerts} alerts  `);
      },
    });
    if (progress) ctx.stderr.write('\r\x1b[K');
    if (format === 'json') ctx.stdout.write(`${JSON.stringify({ sweep: { ruleId: spec.ruleId, param: spec.param }, rows }, null, 2)}\n`);
    else ctx.stdout.write(formatSweep(spec, rows));
    note(ctx, `msht-redflags evaluate ${input}: ${spec.values.length} values of ${spec.ruleId}.${spec.param} in ${((ctx.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  }

  const run = await screenForEvaluation({
    rules: inputs.rules,
    transactions: open(),
    ...common,
    onProgress: (n) => {
      if (progress) ctx.stderr.write(`\r  ${fmt(n)} transactions screened  `);
    },
  });
  if (progress) ctx.stderr.write('\r\x1b[K');
  const screenedSecs = (ctx.now() - started) / 1000;
  const result = evaluateAlerts({
    alerts: run.alerts,
    hits: run.hits,
    labels,
    days: run.days,
    ...(accounts === undefined ? {} : { accounts }),
    typologies: inputs.rules.typologies.map((t) => ({ id: t.id, title: t.title })),
    indicators: inputs.rules.indicators.map((i) => i.id),
  });
  if (format === 'json') ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else ctx.stdout.write(formatEvaluation(result));
  const rejected = Object.entries(run.rejectedByCode).filter(([, v]) => v > 0);
  note(ctx, `msht-redflags evaluate ${input}`);
  note(ctx, `  transactions     ${fmt(run.transactions)} screened ${fmt(run.screened)}, rejected ${fmt(run.rejected + ingestRejected)}${rejected.length > 0 ? ` (${rejected.map(([k, v]) => `${k} ${fmt(v)}`).join(', ')})` : ''}`);
  note(ctx, `  labels           ${fmt(labels.planted.length)} planted, ${fmt(labels.background.length)} background accounts`);
  note(ctx, `  period           ${run.days} days · ${fmt(run.hits.length)} hits · ${fmt(result.alerts)} alerts`);
  note(ctx, `  elapsed          ${screenedSecs.toFixed(1)} s (${fmt(Math.round(run.transactions / Math.max(screenedSecs, 1e-3)))} transactions/s)`);
  if ((run.rejectedByCode.fx_missing ?? 0) > 0 && values.fx === undefined) note(ctx, '  note: transactions in other currencies were rejected for want of rates; pass --fx (generate writes fx.csv)');
  return 0;
}
