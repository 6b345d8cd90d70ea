import { RuleSetError } from '../errors.js';
import type { Rejection } from '../schema/alert.js';
import { CustomerProfileSchema, type CustomerProfile } from '../schema/profile.js';
import { formatPath } from '../errors.js';
import { describeInput, type IngestInput } from './input.js';
import { parseAmount } from './parse-amount.js';
import { parseJsonLine } from './parse-json-line.js';
import { isBlankRecord, readCsvRecords } from './read-csv.js';
import { readLines } from './read-lines.js';
import { guessFormat, type InputFormat } from './read-transactions.js';

/** What {@link readProfiles} returns. */
export interface ProfilesResult {
  /** Valid profiles keyed by `customerId`. */
  readonly profiles: Map<string, CustomerProfile>;
  /** Rows that were not usable (bad values, a repeated customer id), with line and field. */
  readonly rejected: Rejection[];
}

/** CSV header → profile path. */
const PROFILE_COLUMNS: Record<string, string> = {
  customer_id: 'customerId',
  account_type: 'accountType',
  phone: 'phone',
  email: 'email',
  address_line: 'address.line',
  address_city: 'address.city',
  address_postcode: 'address.postcode',
  address_country: 'address.country',
  occupation: 'occupation',
  declared_monthly_income: 'declaredMonthlyIncome',
  travels_for_work: 'travelsForWork',
  expected_monthly_turnover: 'expectedMonthlyTurnover',
  flags: 'flags',
  opened_at: 'openedAt',
};

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/**
 * Reads customer profiles from CSV (snake_case headers: `customer_id, account_type, phone, email, address_line,
 * address_city, address_postcode, address_country, occupation, declared_monthly_income, travels_for_work,
 * expected_monthly_turnover, flags` (`|` or `;` separated)`, opened_at`) or NDJSON of `CustomerProfile`.
 * Empty cells are absent fields; unknown CSV columns are ignored. A bad row, or a second row for a customer,
 * is rejected with its line; the first valid row for a customer wins.
 *
 * @param input - a path, or a stream / async iterable of bytes or text
 * @param options - `format` (default: guessed from the path, CSV for streams), `source`
 * @returns the profiles by customer id, and the rejected rows
 * @throws {RuleSetError} when a CSV header has no `customer_id` column
 * @example
 * const { profiles, rejected } = await readProfiles('profiles.csv');
 * profiles.get('C1')?.address?.city //=> 'Leeds'
 */
export async function readProfiles(input: IngestInput, options: { format?: InputFormat; source?: string } = {}): Promise<ProfilesResult> {
  const source = describeInput(input, options.source);
  const format = options.format ?? (typeof input === 'string' ? guessFormat(input) : 'csv');
  const profiles = new Map<string, CustomerProfile>();
  const rejected: Rejection[] = [];
  const firstLine = new Map<string, number>();
  const reject = (line: number, message: string, field?: string, value?: string, code: Rejection['code'] = 'invalid') =>
    rejected.push({
      code,
      message,
      line,
      ...(field === undefined ? {} : { field }),
      ...(value === undefined ? {} : { value: value.length > 200 ? `${value.slice(0, 197)}...` : value }),
      ...(source === undefined ? {} : { source }),
    });
  const accept = (obj: unknown, line: number) => {
    const r = CustomerProfileSchema.safeParse(obj);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = formatPath(issue.path as (string | number)[]);
      let value: unknown = obj;
      for (const seg of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[seg as PropertyKey] : undefined;
      reject(line, `${field}: ${issue.message}`, field, value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value));
      return;
    }
    const prev = firstLine.get(r.data.customerId);
    if (prev !== undefined) {
      reject(line, `customer ${r.data.customerId} already has a profile (line ${prev})`, 'customerId', r.data.customerId, 'duplicate');
      return;
    }
    firstLine.set(r.data.customerId, line);
    profiles.set(r.data.customerId, r.data);
  };

  if (format === 'ndjson') {
    for await (const l of readLines(input)) {
      if (l.tooLong) reject(l.line, 'line is longer than 1048576 characters; skipped', undefined, undefined, 'parse_error');
      else if (l.text.trim() !== '') {
        const p = parseJsonLine(l.text);
        if (p.ok) accept(p.value, l.line);
        else reject(l.line, p.reason, p.field, l.text, p.code);
      }
    }
    return { profiles, rejected };
  }

  let columns: (string | undefined)[] | undefined;
  for await (const rec of readCsvRecords(input, {})) {
    if (isBlankRecord(rec)) continue;
    if (columns === undefined) {
      // own keys only: a header named "constructor" or "__proto__" must not find Object's members
      columns = rec.fields.map((h) => {
        const name = h.trim().toLowerCase();
        return Object.hasOwn(PROFILE_COLUMNS, name) ? PROFILE_COLUMNS[name] : undefined;
      });
      if (!columns.includes('customerId')) {
        throw new RuleSetError([{ code: 'missing_column', path: [], message: 'the header has no "customer_id" column', file: source ?? 'profiles' }], 'profiles file');
      }
      continue;
    }
    if (rec.error !== undefined || rec.fields.length !== columns.length) {
      reject(rec.line, rec.error ?? `expected ${columns.length} columns as in the header, found ${rec.fields.length}`, '(row)', rec.fields.join(','), 'parse_error');
      continue;
    }
    const obj: Record<string, unknown> = {};
    let problem = false;
    for (let k = 0; k < columns.length && !problem; k++) {
      const path = columns[k];
      const raw = (rec.fields[k] ?? '').trim();
      if (path === undefined || raw === '') continue;
      let value: unknown = raw;
      if (path === 'travelsForWork') {
        const v = raw.toLowerCase();
        if (TRUE.has(v)) value = true;
        else if (FALSE.has(v)) value = false;
        else {
          reject(rec.line, `travelsForWork: "${raw}" is not true/false/yes/no`, 'travelsForWork', raw);
          problem = true;
        }
      } else if (path === 'declaredMonthlyIncome' || path === 'expectedMonthlyTurnover') {
        const a = parseAmount(raw, { decimalSeparator: '.', thousandsSeparator: null });
        if (!a.ok || a.negative) {
          reject(rec.line, `${path}: ${a.ok ? 'negative amount' : a.reason}`, path, raw);
          problem = true;
        } else value = a.value;
      } else if (path === 'flags') {
        value = raw.split(/[|;]/).map((s) => s.trim()).filter((s) => s !== '');
      } else if (path === 'address.country') value = raw.toUpperCase();
      else if (path === 'accountType') value = raw.toLowerCase();
      const dot = path.indexOf('.');
      if (dot === -1) obj[path] = value;
      else ((obj[path.slice(0, dot)] ??= {}) as Record<string, unknown>)[path.slice(dot + 1)] = value;
    }
    if (!problem) accept(obj, rec.line);
  }
  return { profiles, rejected };
}
