import { RuleSetError, type ConfigIssue } from '../errors.js';
import { FxRateSchema, type FxRate } from '../schema/fx.js';
import type { IngestInput } from './input.js';
import { isBlankRecord, readCsvRecords } from './read-csv.js';

export { FxRateSchema, type FxRate };

const HEADER = ['date', 'currency', 'rate_to_base'] as const;

/**
 * Reads an FX table, a CSV with the header `date,currency,rate_to_base` (more columns are ignored). The table is
 * configuration, not data: a wrong rate would silently move every threshold, so any bad row fails the load,
 * and all bad rows are reported together, each located as `file:line` and column. Rows keep file order.
 *
 * @param input - a path, or a stream / async iterable of bytes or text
 * @param options - `source`: name used in errors (default: the path)
 * @returns the rates
 * @throws {RuleSetError} listing every bad row (bad date, unknown currency, bad or zero rate, wrong column
 *   count, a repeated date+currency) or a missing header column
 * @example
 * await readFxRates('fx.csv') //=> [{ date: '2026-03-01', currency: 'RON', rateToBase: '0.1705' }, …]
 */
export async function readFxRates(input: IngestInput, options: { source?: string } = {}): Promise<FxRate[]> {
  const file = options.source ?? (typeof input === 'string' ? input : 'FX table');
  const issues: ConfigIssue[] = [];
  const rates: FxRate[] = [];
  const seen = new Map<string, number>();
  let index: number[] | undefined;
  let width = 0;
  for await (const rec of readCsvRecords(input, {})) {
    if (isBlankRecord(rec)) continue;
    if (index === undefined) {
      const names = rec.fields.map((f) => f.trim().toLowerCase());
      index = HEADER.map((h) => names.indexOf(h));
      width = rec.fields.length;
      const missing = HEADER.filter((_, k) => index![k] === -1);
      if (missing.length > 0) {
        throw new RuleSetError([{ code: 'missing_column', path: [], message: `the header lacks ${missing.map((m) => `"${m}"`).join(', ')} (expected date,currency,rate_to_base)`, file: `${file}:${rec.line}` }], 'FX table');
      }
      continue;
    }
    const at = `${file}:${rec.line}`;
    if (rec.error !== undefined || rec.fields.length !== width) {
      issues.push({ code: 'parse_error', path: [], message: rec.error ?? `expected ${width} columns, found ${rec.fields.length}`, file: at });
      continue;
    }
    const [d, c, r] = index.map((k) => (rec.fields[k] ?? '').trim());
    const parsed = FxRateSchema.safeParse({ date: d, currency: (c ?? '').toUpperCase(), rateToBase: r });
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const column = i.path[0] === 'rateToBase' ? 'rate_to_base' : String(i.path[0]);
        issues.push({ code: i.code, path: [column], message: i.message, file: at });
      }
      continue;
    }
    const key = `${parsed.data.date} ${parsed.data.currency}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      issues.push({ code: 'duplicate_rate', path: [], message: `a second rate for ${parsed.data.currency} on ${parsed.data.date} (first on line ${prev})`, file: at });
      continue;
    }
    seen.set(key, rec.line);
    rates.push(parsed.data);
  }
  if (issues.length > 0) throw new RuleSetError(issues, 'FX table');
  return rates;
}
