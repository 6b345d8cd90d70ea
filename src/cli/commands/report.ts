import { existsSync } from 'node:fs';
import { readLines } from '../../ingest/read-lines.js';
import { readTransactions } from '../../ingest/read-transactions.js';
import { loadMapping, DEFAULT_MAPPING } from '../../ingest/mapping.js';
import { AlertSchema, type Alert } from '../../schema/alert.js';
import type { Transaction } from '../../schema/transaction.js';
import { renderHtmlReport } from '../../report/html/render-html-report.js';
import { loadRules } from '../../compile/load-rules.js';
import { MshtError } from '../../errors.js';
import { many, parse, UsageError } from '../args.js';
import type { CliContext } from '../context.js';
import { latestRevisions } from '../format-alerts.js';
import { openSink } from '../output.js';

export const REPORT_HELP = `Usage: msht-redflags report <alerts.ndjson> --transactions <file> [options]

Builds one self-contained HTML investigation report (works offline, from file://) from the alerts of
"msht-redflags screen --format ndjson" and the transactions they were screened from.

Options:
  --transactions <file>     the screened CSV/NDJSON file (for timelines and transaction tables)
  --mapping <file>          its column mapping (CSV)
  --rules <dir|file>        rule files for the appendix of rule cards (default: the bundled pack)
  --out <file>              where to write the report (default: stdout)
  --pseudonymised           mark identifiers as pseudonyms (when the alerts were made with --pseudonymise)
  --include-references      show payment references (off by default: they may hold personal data)
  -h, --help                this help`;

/**
 * `msht-redflags report`: alerts NDJSON + transactions → HTML.
 */
export async function reportCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, {
    transactions: { type: 'string' },
    mapping: { type: 'string' },
    rules: { type: 'string', multiple: true },
    out: { type: 'string' },
    pseudonymised: { type: 'boolean' },
    'include-references': { type: 'boolean' },
  });
  if (values.help === true) {
    ctx.stdout.write(`${REPORT_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('report needs one alerts file (NDJSON from "screen --format ndjson")');
  const alertsFile = positionals[0]!;
  for (const f of [alertsFile, values.transactions, values.mapping]) if (f !== undefined && !existsSync(f)) throw new UsageError(`cannot read "${f}": no such file`);
  if (values.transactions === undefined) throw new UsageError('report needs --transactions <file>');

  const alerts: Alert[] = [];
  for await (const { text, line } of readLines(alertsFile)) {
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MshtError('invalid_input', `${alertsFile}:${line}: not JSON`);
    }
    const candidate = json !== null && typeof json === 'object' && 'alert' in json ? (json as { alert: unknown }).alert : json;
    if (json !== null && typeof json === 'object' && (json as { type?: unknown }).type === 'hit') continue;
    const r = AlertSchema.safeParse(candidate);
    if (!r.success) throw new MshtError('invalid_input', `${alertsFile}:${line}: not an alert (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`);
    alerts.push(r.data);
  }
  const finalAlerts = latestRevisions(alerts);
  const accounts = new Set<string>();
  for (const a of finalAlerts) {
    accounts.add(a.entity.key);
    for (const r of a.reasons) for (const acc of r.accounts) accounts.add(acc);
  }
  const mapping = values.mapping === undefined ? DEFAULT_MAPPING : loadMapping(values.mapping);
  const stream = readTransactions(values.transactions, { mapping, ...(values.mapping === undefined ? {} : { mappingFile: values.mapping }) });
  const transactions: Transaction[] = [];
  for await (const rec of stream) {
    if (rec.kind === 'transaction' && (accounts.has(rec.transaction.accountId) || (rec.transaction.customerId !== undefined && accounts.has(rec.transaction.customerId)))) {
      transactions.push(rec.transaction);
    }
  }
  const rulePaths = many(values.rules);
  const rules = loadRules(rulePaths.length > 0 ? rulePaths : undefined);
  const html = renderHtmlReport({
    title: 'MSHT red-flag screening report',
    generatedFrom: `${alertsFile} · ${values.transactions}`,
    summary: {
      rowsRead: stream.stats.rowsRead,
      screened: stream.stats.transactions,
      rejected: stream.stats.rowsRejected,
      rejectedByCode: stream.stats.rejectedByCode as Record<string, number>,
      hits: finalAlerts.reduce((n, a) => n + a.reasons.length, 0),
      alerts: finalAlerts.length,
      baseCurrency: rules.baseCurrency,
    },
    alerts: finalAlerts,
    transactions,
    rules: { indicators: rules.indicators.map((i) => i.document), typologies: rules.typologies.map((t) => t.document) },
    pseudonymised: values.pseudonymised === true,
    includeReferences: values['include-references'] === true,
  });
  const sink = openSink(values.out, ctx.stdout);
  try {
    await sink.write(html);
    await sink.close();
  } catch (e) {
    sink.abort(e as Error);
    throw e;
  }
  ctx.stderr.write(`msht-redflags report: ${finalAlerts.length} alerts, ${transactions.length} transactions${values.out === undefined ? '' : ` → ${values.out}`}\n`);
  return 0;
}
