import { existsSync, readFileSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { createScreener } from '../../engine/screener.js';
import { readTransactions } from '../../ingest/read-transactions.js';
import type { InputFormat } from '../../ingest/read-transactions.js';
import type { Alert, Hit, Rejection, ScreenEvent } from '../../schema/alert.js';
import type { Transaction } from '../../schema/transaction.js';
import { writeFileAtomic } from '../../report/atomic-write.js';
import { REJECTION_CSV_HEADER, rejectionToCsvCells, toCsvRow } from '../../report/csv-output.js';
import { renderHtmlReport } from '../../report/html/render-html-report.js';
import { createPseudonymiser, readKeyFile, type Pseudonymiser } from '../../privacy/pseudonymise.js';
import { MshtError } from '../../errors.js';
import { choice, many, parse, positiveInt, SCREENING_INPUT_OPTIONS, UsageError } from '../args.js';
import type { CliContext } from '../context.js';
import { note } from '../context.js';
import { alertsToCsv, alertsToTable, latestRevisions } from '../format-alerts.js';
import { loadRunInputs } from '../load-inputs.js';
import { openSink } from '../output.js';

export const SCREEN_HELP = `Usage: msht-redflags screen <file|-> [options]

Screens a CSV or NDJSON transaction file (or stdin with "-") and writes the alerts.

Options:
  --rules <dir|file>        rule files or directories (repeatable; default: the bundled MSHT pack)
  --mapping <file>          column mapping for a bank's CSV export (default: canonical snake_case headers)
  --input-format csv|ndjson input format (default: from the file extension; csv for stdin)
  --profiles <file>         customer profiles (CSV or NDJSON)
  --fx <file>               FX rates CSV: date,currency,rate_to_base
  --base-currency <code>    currency that rule thresholds are in (default GBP)
  --time-zone <zone>        IANA time zone for local hours (default Europe/London)
  --allowed-lateness <dur>  reorder transactions up to this late, e.g. PT1H (default 0)
  --format <f>              ndjson | json | csv | table | html (default ndjson)
  --out <file>              write alerts here (atomically) instead of stdout
  --rejects <file>          write rejected rows here (.csv or .ndjson)
  --hits                    also output indicator hits (ndjson and json formats)
  --state <file>            checkpoint file: resume a killed run, or continue from yesterday's windows
  --checkpoint-every <n>    transactions between checkpoints (default 10000)
  --pseudonymise <key-file> replace account, customer, counterparty and device ids by keyed HMAC pseudonyms
  --include-references      show payment references in the HTML report (off: they may hold personal data)
  -h, --help                this help

Exit codes: 0 the run completed (alerts or not); 2 usage or configuration error; 1 unexpected failure.`;

const StateSchema = z
  .object({
    format: z.literal('msht-redflags/run-state'),
    version: z.literal(1),
    input: z.object({ path: z.string(), size: z.number(), head: z.string() }).strict(),
    records: z.number().int().nonnegative(),
    completed: z.boolean(),
    /** Screener counts carried over from the previous input (daily continuation), so this run's figures are the difference. */
    carried: z.object({ screened: z.number(), rejected: z.number(), hits: z.number() }).strict(),
    snapshot: z.unknown(),
    alertEvents: z.array(z.unknown()),
    hits: z.array(z.unknown()),
    rejects: z.array(z.unknown()),
  })
  .strict();
type RunState = z.infer<typeof StateSchema>;

/**
 * `msht-redflags screen`: screen a file and write alerts.
 */
export async function screenCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...SCREENING_INPUT_OPTIONS,
    'allowed-lateness': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    rejects: { type: 'string' },
    hits: { type: 'boolean' },
    state: { type: 'string' },
    'checkpoint-every': { type: 'string' },
    pseudonymise: { type: 'string' },
    'include-references': { type: 'boolean' },
  });
  if (values.help === true) {
    ctx.stdout.write(`${SCREEN_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('screen needs exactly one input file (or "-" for stdin)');
  const input = positionals[0]!;
  const fromStdin = input === '-';
  if (!fromStdin && !existsSync(input)) throw new UsageError(`cannot read "${input}": no such file`);
  const format = choice('format', values.format, ['ndjson', 'json', 'csv', 'table', 'html'] as const, 'ndjson');
  const inputFormat = values['input-format'] === undefined ? undefined : choice<InputFormat>('input-format', values['input-format'], ['csv', 'ndjson'], 'csv');
  if (format === 'html' && fromStdin) throw new UsageError('--format html reads the input twice (for the timelines), so it needs a file, not stdin');
  if (values.state !== undefined && fromStdin) throw new UsageError('--state needs a file input: a resumed run must re-read the same input');
  const checkpointEvery = positiveInt('checkpoint-every', values['checkpoint-every'], 10_000);
  const pseudo: Pseudonymiser | undefined = values.pseudonymise === undefined ? undefined : createPseudonymiser(readKeyFile(values.pseudonymise));

  const inputs = await loadRunInputs({ rules: many(values.rules), mapping: values.mapping, profiles: values.profiles, fx: values.fx, baseCurrency: values['base-currency'] });
  const screener = createScreener({
    rules: inputs.rules,
    fx: inputs.fx,
    profiles: inputs.profiles,
    validate: false,
    ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
    ...(values['allowed-lateness'] === undefined ? {} : { allowedLateness: values['allowed-lateness'] }),
  });

  // ---- resume or continue from a state file ----
  const identity = fromStdin ? undefined : inputIdentity(input);
  let skip = 0;
  let alertEvents: Extract<ScreenEvent, { type: 'alert' }>[] = [];
  let hits: Hit[] = [];
  const rejects: Rejection[] = [...inputs.profileRejects.map((r) => ({ ...r, source: r.source ?? values.profiles }))];
  // A daily continuation restores yesterday's screener counts too; this run's figures are the difference.
  let carried = { screened: 0, rejected: 0, hits: 0 };
  if (values.state !== undefined && existsSync(values.state)) {
    const state = readState(values.state);
    screener.restore(state.snapshot);
    if (identity !== undefined && sameInput(state.input, identity)) {
      skip = state.records;
      carried = state.carried;
      alertEvents = state.alertEvents as typeof alertEvents;
      hits = state.hits as Hit[];
      rejects.length = 0;
      rejects.push(...(state.rejects as Rejection[]));
      note(ctx, `resuming ${input} after ${skip} records from ${values.state}`);
    } else {
      if (!state.completed) {
        throw new MshtError(
          'invalid_snapshot',
          `state file "${values.state}" holds an unfinished run of ${state.input.path} (${state.records} records screened); ` +
            `re-run with that same input to resume it, or delete the state file to start over`,
        );
      }
      carried = { screened: screener.stats.screened, rejected: screener.stats.rejected, hits: screener.stats.hits };
      note(ctx, `continuing from the windows in ${values.state} (previous input ${state.input.path})`);
    }
  }

  const started = ctx.now();
  const stream = readTransactions(fromStdin ? ctx.stdin : input, {
    ...(inputFormat === undefined ? {} : { format: inputFormat }),
    mapping: inputs.mapping,
    ...(values.mapping === undefined ? {} : { mappingFile: values.mapping }),
    source: fromStdin ? 'stdin' : input,
  });
  const progress = ctx.stderr.isTTY === true && ctx.env.CI === undefined;
  let lastProgress = started;
  let records = 0;
  const lineOf = new Map<string, number>();
  const saveState = async (completed: boolean) => {
    if (values.state === undefined || identity === undefined) return;
    const state: RunState = {
      format: 'msht-redflags/run-state', version: 1, input: identity, records, completed, carried,
      snapshot: screener.snapshot(), alertEvents, hits, rejects,
    };
    // The state holds raw identifiers (windows, alerts): readable by the owner only.
    await writeFileAtomic(values.state, JSON.stringify(state), { mode: 0o600 });
  };

  for await (const rec of stream) {
    records++;
    if (records <= skip) continue;
    if (rec.kind === 'rejected') rejects.push(rec.rejection);
    else {
      lineOf.set(rec.transaction.id, rec.line);
      for (const e of screener.push(rec.transaction)) {
        if (e.type === 'alert') alertEvents.push(e);
        else if (e.type === 'hit') {
          if (values.hits === true) hits.push(e.hit);
        } else if (e.type === 'rejected') rejects.push(withLine(e.rejection, lineOf));
        else if (e.type === 'evicted') note(ctx, `evicted: ${JSON.stringify(pseudo === undefined ? e.eviction : { ...e.eviction, key: pseudo.id(e.eviction.key) })}`);
      }
      if (lineOf.size > 100_000) lineOf.clear();
    }
    if (values.state !== undefined && records % checkpointEvery === 0) await saveState(false);
    if (progress && records % 5000 === 0 && ctx.now() - lastProgress > 500) {
      lastProgress = ctx.now();
      const secs = (lastProgress - started) / 1000;
      ctx.stderr.write(`\r  ${records.toLocaleString('en-GB')} rows · ${Math.round(records / secs).toLocaleString('en-GB')} rows/s · ${alertEvents.length} alert events `);
    }
  }
  for (const e of screener.flush()) {
    if (e.type === 'alert') alertEvents.push(e);
    else if (e.type === 'hit' && values.hits === true) hits.push(e.hit);
    else if (e.type === 'rejected') rejects.push(e.rejection);
  }
  if (progress) ctx.stderr.write('\r\x1b[K');
  await saveState(true);
  const elapsed = (ctx.now() - started) / 1000;

  // ---- outputs ----
  const p = <T,>(f: (x: T) => T) => (x: T) => (pseudo === undefined ? x : f(x));
  const outAlertEvents = alertEvents.map((e) => ({ ...e, alert: p<Alert>((a) => pseudo!.alert(a))(e.alert) }));
  const finalAlerts = latestRevisions(outAlertEvents.map((e) => e.alert));
  const outHits = hits.map(p<Hit>((h) => pseudo!.hit(h)));
  const sink = openSink(values.out, ctx.stdout);
  try {
    if (format === 'ndjson') {
      for (const e of outAlertEvents) await sink.write(`${JSON.stringify({ type: 'alert', change: e.change, alert: e.alert })}\n`);
      for (const h of outHits) await sink.write(`${JSON.stringify({ type: 'hit', hit: h })}\n`);
    } else if (format === 'json') {
      await sink.write(`${JSON.stringify({ alerts: finalAlerts, ...(values.hits === true ? { hits: outHits } : {}) }, null, 2)}\n`);
    } else if (format === 'csv') {
      await sink.write(alertsToCsv(finalAlerts));
    } else if (format === 'table') {
      await sink.write(alertsToTable(finalAlerts));
    } else {
      const transactions = await transactionsOf(input, inputs, inputFormat, values.mapping, alertEvents.map((e) => e.alert), pseudo);
      await sink.write(
        renderHtmlReport({
          title: 'MSHT red-flag screening report',
          generatedFrom: input,
          summary: summaryForReport(stream.stats.rowsRead, { screened: screener.stats.screened - carried.screened, hits: screener.stats.hits - carried.hits }, rejects, inputs.rules.baseCurrency, finalAlerts.length),
          alerts: finalAlerts,
          transactions,
          rules: { indicators: inputs.rules.indicators.map((i) => i.document), typologies: inputs.rules.typologies.map((t) => t.document) },
          pseudonymised: pseudo !== undefined,
          includeReferences: values['include-references'] === true,
        }),
      );
    }
    await sink.close();
  } catch (e) {
    sink.abort(e as Error);
    throw e;
  }
  if (values.rejects !== undefined) {
    const outRejects = rejects.map(p<Rejection>((r) => pseudo!.rejection(r)));
    const asCsv = !/\.(nd)?jsonl?$/i.test(values.rejects);
    await writeFileAtomic(
      values.rejects,
      asCsv ? [toCsvRow(REJECTION_CSV_HEADER), ...outRejects.map((r) => toCsvRow(rejectionToCsvCells(r)))].join('') : outRejects.map((r) => `${JSON.stringify(r)}\n`).join(''),
    );
  }

  // ---- summary ----
  const st = stream.stats;
  const ss = { ...screener.stats, screened: screener.stats.screened - carried.screened, rejected: screener.stats.rejected - carried.rejected, hits: screener.stats.hits - carried.hits };
  const byReason = new Map<string, number>();
  for (const r of rejects) byReason.set(r.code, (byReason.get(r.code) ?? 0) + 1);
  const byTypology = new Map<string, string>();
  for (const a of finalAlerts) {
    const k = a.typology.id;
    const prev = byTypology.get(k) ?? '';
    byTypology.set(k, prev === '' ? a.level : `${prev},${a.level}`);
  }
  const counts = (s: string) => {
    const m = new Map<string, number>();
    for (const x of s.split(',')) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m].map(([k, v]) => `${k} ${v}`).join(', ');
  };
  const reconciled = st.rowsRead === st.rowsAccepted + st.rowsRejected + st.rowsSkipped && st.transactions === ss.screened + (ss.rejected) + ss.buffered;
  const fmt = (n: number) => n.toLocaleString('en-GB');
  note(ctx, `msht-redflags screen ${input}`);
  note(ctx, `  rows read        ${fmt(st.rowsRead)}${st.rowsSkipped > 0 ? ` (${fmt(st.rowsSkipped)} with no monitored account)` : ''}`);
  note(ctx, `  transactions     ${fmt(st.transactions)}`);
  note(ctx, `  screened         ${fmt(ss.screened)}`);
  note(ctx, `  rejected         ${fmt(rejects.length)}${byReason.size > 0 ? ` (${[...byReason].map(([k, v]) => `${k} ${fmt(v)}`).join(', ')})` : ''}`);
  note(ctx, `  hits             ${fmt(ss.hits)}`);
  note(ctx, `  alerts           ${fmt(finalAlerts.length)}${byTypology.size > 0 ? ` (${[...byTypology].map(([k, v]) => `${k}: ${counts(v)}`).join('; ')})` : ''}`);
  note(ctx, `  elapsed          ${elapsed.toFixed(2)} s (${fmt(Math.round(st.rowsRead / Math.max(elapsed, 1e-3)))} rows/s)`);
  note(ctx, `  counts reconcile ${reconciled ? 'yes' : 'NO'}: rows = accepted + rejected + skipped; transactions = screened + rejected by the screener`);
  if (!reconciled) throw new MshtError('internal', 'counts do not reconcile');
  return 0;
}

function withLine(r: Rejection, lineOf: Map<string, number>): Rejection {
  const line = r.transactionId === undefined ? undefined : lineOf.get(r.transactionId);
  return line === undefined || r.line !== undefined ? r : { ...r, line };
}

function summaryForReport(rowsRead: number, ss: { screened: number; hits: number }, rejects: readonly Rejection[], baseCurrency: string, alerts: number) {
  const rejectedByCode: Record<string, number> = {};
  for (const r of rejects) rejectedByCode[r.code] = (rejectedByCode[r.code] ?? 0) + 1;
  return { rowsRead, screened: ss.screened, rejected: rejects.length, rejectedByCode, hits: ss.hits, alerts, baseCurrency };
}

/**
 * Identifies an input file for resuming without reading all of it: its size and a hash of its first
 * and last 64 KiB. A file that was appended to, truncated or rewritten at either end is another input.
 */
function inputIdentity(path: string): { path: string; size: number; head: string } {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const h = createHash('sha256');
  const chunk = 65_536;
  const head = Buffer.alloc(Math.min(size, chunk));
  readSync(fd, head, 0, head.length, 0);
  h.update(head);
  if (size > chunk) {
    const tail = Buffer.alloc(Math.min(size - chunk, chunk));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    h.update(tail);
  }
  closeSync(fd);
  return { path, size, head: h.digest('hex') };
}

function sameInput(a: { size: number; head: string }, b: { size: number; head: string }): boolean {
  return a.size === b.size && a.head === b.head;
}

function readState(path: string): RunState {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new MshtError('invalid_snapshot', `state file "${path}" is not readable JSON: ${(e as Error).message}`);
  }
  const r = StateSchema.safeParse(json);
  if (!r.success) throw new MshtError('invalid_snapshot', `state file "${path}" is not a msht-redflags run state (version 1): ${r.error.issues[0]?.message ?? ''} at ${r.error.issues[0]?.path.join('.') ?? ''}`);
  return r.data;
}

/** Second pass over the input for the HTML timelines: the alerted entities' transactions only. */
async function transactionsOf(
  input: string,
  inputs: Awaited<ReturnType<typeof loadRunInputs>>,
  inputFormat: InputFormat | undefined,
  mappingFile: string | undefined,
  rawAlerts: readonly Alert[],
  pseudo: Pseudonymiser | undefined,
): Promise<Transaction[]> {
  const accounts = new Set<string>();
  const customers = new Set<string>();
  for (const a of rawAlerts) {
    (a.entity.field === 'customerId' ? customers : accounts).add(a.entity.key);
    for (const r of a.reasons) for (const acc of r.accounts) accounts.add(acc);
  }
  const out: Transaction[] = [];
  for await (const rec of readTransactions(input, { ...(inputFormat === undefined ? {} : { format: inputFormat }), mapping: inputs.mapping, ...(mappingFile === undefined ? {} : { mappingFile }) })) {
    if (rec.kind !== 'transaction') continue;
    const tx = rec.transaction;
    if (!accounts.has(tx.accountId) && !(tx.customerId !== undefined && customers.has(tx.customerId))) continue;
    out.push(pseudo === undefined ? tx : pseudonymiseTx(tx, pseudo));
  }
  return out;
}

function pseudonymiseTx(tx: Transaction, p: Pseudonymiser): Transaction {
  const { reference: _ref, ...rest } = tx;
  return {
    ...rest,
    accountId: p.id(tx.accountId),
    ...(tx.customerId === undefined ? {} : { customerId: p.id(tx.customerId) }),
    ...(tx.counterparty === undefined
      ? {}
      : {
          counterparty: {
            ...tx.counterparty,
            ...(tx.counterparty.id === undefined ? {} : { id: p.id(tx.counterparty.id) }),
            ...(tx.counterparty.name === undefined ? {} : { name: p.id(tx.counterparty.name) }),
            ...(tx.counterparty.account === undefined ? {} : { account: p.id(tx.counterparty.account) }),
          },
        }),
    ...(tx.device === undefined ? {} : { device: { ...(tx.device.id === undefined ? {} : { id: p.id(tx.device.id) }), ...(tx.device.ip === undefined ? {} : { ip: p.id(tx.device.ip) }) } }),
  };
}
