import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { RuleSetError, type ConfigIssue } from '../errors.js';
import { CHANNELS } from '../schema/transaction.js';
import { isCurrencyCode } from '../schema/currencies.js';
import { fromZodIssues } from '../util/zod-issues.js';
import { checkDateFormat, isTimeZone } from './parse-timestamp.js';
import { isSupportedEncoding } from './input.js';

/** Canonical transaction fields a column can feed, as dotted paths. */
export const MAPPING_TARGETS = [
  'id', 'timestamp', 'accountId', 'customerId', 'direction', 'amount', 'currency', 'channel', 'purpose',
  'counterparty.id', 'counterparty.name', 'counterparty.account', 'counterparty.country',
  'merchant.mcc', 'merchant.name', 'merchant.city', 'merchant.country',
  'location.city', 'location.country', 'location.terminalId',
  'reference', 'device.id', 'device.ip', 'flags',
] as const;

/** A canonical field path a column can feed. */
export type MappingTarget = (typeof MAPPING_TARGETS)[number];

/** A source column, or several joined with one space (e.g. `["Date", "Time"]` for split date and time). */
export const ColumnSourceSchema = z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(5)]);
/** See {@link ColumnSourceSchema}. */
export type ColumnSource = z.infer<typeof ColumnSourceSchema>;

const col = ColumnSourceSchema.optional();
const ColumnsSchema = z
  .object({
    id: col, timestamp: col, accountId: col, customerId: col, direction: col, amount: col, currency: col, channel: col, purpose: col,
    'counterparty.id': col, 'counterparty.name': col, 'counterparty.account': col, 'counterparty.country': col,
    'merchant.mcc': col, 'merchant.name': col, 'merchant.city': col, 'merchant.country': col,
    'location.city': col, 'location.country': col, 'location.terminalId': col,
    reference: col, 'device.id': col, 'device.ip': col, flags: col,
  })
  .strict();

/** Raw cell value → canonical value, per field; matched case-insensitively after trimming. */
const ValueMapSchema = z.record(z.string(), z.string().max(300));
const ValuesSchema = z.partialRecord(z.enum(MAPPING_TARGETS), ValueMapSchema);

const ConstantsSchema = z.partialRecord(z.enum(MAPPING_TARGETS), z.string().min(1).max(300));

/** One party of a two-sided payment row. */
export const PartyColumnsSchema = z
  .object({
    /** Column holding the party's account (required). */
    accountId: ColumnSourceSchema,
    customerId: ColumnSourceSchema.optional(),
    name: ColumnSourceSchema.optional(),
    /** Country of the party or its bank; mapped through `values["counterparty.country"]`. */
    country: ColumnSourceSchema.optional(),
  })
  .strict();
/** See {@link PartyColumnsSchema}. */
export type PartyColumns = z.infer<typeof PartyColumnsSchema>;

/** Declares payer and payee columns: each row becomes an `out` for the payer and an `in` for the payee. */
export const TwoSidedSchema = z
  .object({
    payer: PartyColumnsSchema,
    payee: PartyColumnsSchema,
    /** The accounts the bank monitors; rows are expanded only for these. All accounts when absent. */
    monitoredAccounts: z.array(z.string().min(1)).optional(),
    /** A text file with one monitored account per line, relative to the mapping file. */
    monitoredAccountsFile: z.string().min(1).optional(),
  })
  .strict();
/** See {@link TwoSidedSchema}. */
export type TwoSided = z.infer<typeof TwoSidedSchema>;

const THOUSANDS = [',', '.', ' ', "'", '\u00a0', '\u202f'] as const;

const MappingObjectSchema = z
  .object({
    type: z.literal('mapping'),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** Cell delimiter, one character; `\t` for TSV. */
    delimiter: z.string().length(1).default(','),
    /** Quote character, or `null` when cells are never quoted. */
    quote: z.string().length(1).nullable().default('"'),
    /** WHATWG encoding label: `utf-8`, `utf-16le`, `windows-1250`, `windows-1252`, `iso-8859-2`, … */
    encoding: z.string().refine(isSupportedEncoding, { message: 'unknown text encoding' }).default('utf-8'),
    decimalSeparator: z.enum(['.', ',']).default('.'),
    thousandsSeparator: z.enum(THOUSANDS).nullable().default(null),
    /** `"iso"` or a date-fns format such as `"dd/MM/yyyy HH:mm"`. */
    dateFormat: z.string().min(1).default('iso'),
    /** IANA zone in which local times (no offset) are read. */
    timeZone: z.string().refine(isTimeZone, { message: 'unknown IANA time zone' }).default('UTC'),
    columns: ColumnsSchema,
    values: ValuesSchema.default({}),
    constants: ConstantsSchema.default({}),
    /** A negative amount means `out` and a positive one `in` (without a direction column, the sign decides). */
    signedAmount: z.boolean().default(false),
    twoSided: TwoSidedSchema.nullable().default(null),
    /** Prefix of the ids made from line numbers when no `id` column is mapped (`<prefix>L<line>`). */
    idPrefix: z.string().max(50).default(''),
  })
  .strict();

const REQUIRED: readonly MappingTarget[] = ['timestamp', 'amount', 'currency', 'channel'];
const TWO_SIDED_CONFLICTS: readonly MappingTarget[] = ['accountId', 'customerId', 'direction', 'counterparty.id', 'counterparty.name', 'counterparty.account', 'counterparty.country'];

/**
 * A column mapping: how one bank's CSV export becomes canonical transactions.
 * Besides the shape, it checks what makes a mapping usable: every required field has a column or a constant,
 * value-map targets are valid canonical values, no field is both a column and a constant, the date format
 * uses only supported tokens.
 * @example
 * MappingSchema.parse({ type: 'mapping', name: 'Bank X', columns: { id: 'Ref' } }).name //=> 'Bank X'
 */
export const MappingSchema = MappingObjectSchema.superRefine((m, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const has = (f: MappingTarget) => m.columns[f] !== undefined || m.constants[f] !== undefined;
  for (const f of REQUIRED) if (!has(f)) issue(['columns', f], `no column or constant for the required field "${f}"`);
  if (m.twoSided === null) {
    if (!has('accountId')) issue(['columns', 'accountId'], 'no column or constant for the required field "accountId"');
    if (!has('direction') && !m.signedAmount) issue(['columns', 'direction'], 'no column or constant for "direction" (or set "signedAmount": true)');
  } else {
    for (const f of TWO_SIDED_CONFLICTS) {
      if (m.columns[f] !== undefined) issue(['columns', f], `"${f}" comes from twoSided.payer/payee in a two-sided mapping`);
      if (m.constants[f] !== undefined) issue(['constants', f], `"${f}" comes from twoSided.payer/payee in a two-sided mapping`);
    }
    if (m.twoSided.monitoredAccounts !== undefined && m.twoSided.monitoredAccountsFile !== undefined) {
      issue(['twoSided', 'monitoredAccountsFile'], 'give monitoredAccounts or monitoredAccountsFile, not both');
    }
  }
  for (const f of Object.keys(m.constants) as MappingTarget[]) {
    if (m.columns[f] !== undefined) issue(['constants', f], `"${f}" is both a column and a constant`);
    const v = m.constants[f]!;
    const bad = checkCanonicalValue(f, v);
    if (bad !== undefined) issue(['constants', f], bad);
  }
  for (const f of Object.keys(m.values) as MappingTarget[]) {
    const seen = new Map<string, string>();
    for (const [raw, target] of Object.entries(m.values[f]!)) {
      const key = raw.trim().toLowerCase();
      const prev = seen.get(key);
      if (prev !== undefined) issue(['values', f, raw], `"${raw}" and "${prev}" are the same value (value maps ignore case)`);
      seen.set(key, raw);
      const bad = checkCanonicalValue(f, target);
      if (bad !== undefined) issue(['values', f, raw], bad);
    }
  }
  for (const problem of checkDateFormat(m.dateFormat)) issue(['dateFormat'], problem);
  if (m.thousandsSeparator === m.decimalSeparator) issue(['thousandsSeparator'], 'the thousands separator cannot also be the decimal separator');
  if (m.quote !== null && m.quote === m.delimiter) issue(['quote'], 'the quote cannot also be the delimiter');
  if (m.delimiter === '\n' || m.delimiter === '\r') issue(['delimiter'], 'the delimiter cannot be a line break');
});

/**
 * A validated column mapping (see {@link MappingSchema}); defaults filled in.
 *
 * @example
 * const m: Mapping = parseMapping({ type: 'mapping', name: 'x', columns: { timestamp: 'ts', accountId: 'acct', direction: 'dir', amount: 'amt', currency: 'ccy', channel: 'ch' } });
 */
export type Mapping = z.output<typeof MappingSchema>;
/** A mapping as written in a file, before defaults (see {@link MappingSchema}). */
export type MappingInput = z.input<typeof MappingSchema>;

/**
 * Checks one canonical value that a mapping writes (a constant or a value-map target).
 *
 * @param field - the canonical field
 * @param value - the value the mapping produces
 * @returns a message, or undefined when the value is valid for the field
 * @example
 * checkCanonicalValue('channel', 'pos') //=> 'unknown channel "pos" (expected one of card, transfer, instant, cash, atm, msb, direct_debit, cheque, other)'
 */
export function checkCanonicalValue(field: MappingTarget, value: string): string | undefined {
  switch (field) {
    case 'direction':
      return value === 'in' || value === 'out' ? undefined : `unknown direction "${value}" (expected in or out)`;
    case 'channel':
      return (CHANNELS as readonly string[]).includes(value) ? undefined : `unknown channel "${value}" (expected one of ${CHANNELS.join(', ')})`;
    case 'currency':
      return isCurrencyCode(value) ? undefined : `unknown ISO 4217 currency code "${value}"`;
    case 'counterparty.country':
    case 'merchant.country':
    case 'location.country':
      return /^[A-Z]{2}$/.test(value) ? undefined : `"${value}" is not an ISO 3166-1 alpha-2 country code such as "GB"`;
    case 'merchant.mcc':
      return /^\d{4}$/.test(value) ? undefined : `"${value}" is not a four-digit merchant category code`;
    default:
      return undefined;
  }
}

/**
 * Validates a parsed mapping document and fills in defaults, reporting every problem at once.
 *
 * @param json - the parsed JSON
 * @param file - the file it came from, for error locations
 * @returns the mapping
 * @throws {RuleSetError} with every issue (file + JSON path) when the mapping is invalid
 * @example
 * parseMapping({ type: 'mapping', name: 'x', columns: {} }, 'm.json')
 * //=> throws RuleSetError: Invalid mapping file: 6 problems …
 */
export function parseMapping(json: unknown, file?: string): Mapping {
  const r = MappingSchema.safeParse(json);
  if (!r.success) throw new RuleSetError(fromZodIssues(r.error.issues, [], file), 'mapping file');
  return r.data;
}

/**
 * Reads and validates a mapping file. A `twoSided.monitoredAccountsFile` is read too (relative to the mapping
 * file; one account per line, blank lines and `#` comments ignored) and its accounts put in `monitoredAccounts`.
 *
 * @param path - the mapping JSON file
 * @returns the mapping
 * @throws {RuleSetError} when the file cannot be read, is not JSON, or is invalid (all issues, with file and JSON path)
 * @example
 * const mapping = loadMapping('examples/data/mappings/banca-exemplu.json')
 */
export function loadMapping(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RuleSetError([{ code: 'unreadable', path: [], message: `cannot read the file: ${(e as Error).message}`, file: path }], 'mapping file');
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new RuleSetError([{ code: 'invalid_json', path: [], message: `not valid JSON: ${(e as Error).message}`, file: path }], 'mapping file');
  }
  const mapping = parseMapping(json, path);
  const ts = mapping.twoSided;
  if (ts !== null && ts.monitoredAccountsFile !== undefined) {
    const listPath = resolve(dirname(path), ts.monitoredAccountsFile);
    let list: string;
    try {
      list = readFileSync(listPath, 'utf8');
    } catch (e) {
      const issue: ConfigIssue = { code: 'unreadable', path: ['twoSided', 'monitoredAccountsFile'], message: `cannot read ${listPath}: ${(e as Error).message}`, file: path };
      throw new RuleSetError([issue], 'mapping file');
    }
    const accounts = list.split(/\r?\n|\r/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    return { ...mapping, twoSided: { ...ts, monitoredAccountsFile: listPath, monitoredAccounts: accounts } };
  }
  return mapping;
}

/** The snake_case header for each canonical field in the default mapping. */
const DEFAULT_COLUMNS: Record<MappingTarget, string> = {
  id: 'id', timestamp: 'timestamp', accountId: 'account_id', customerId: 'customer_id', direction: 'direction', amount: 'amount',
  currency: 'currency', channel: 'channel', purpose: 'purpose',
  'counterparty.id': 'counterparty_id', 'counterparty.name': 'counterparty_name', 'counterparty.account': 'counterparty_account', 'counterparty.country': 'counterparty_country',
  'merchant.mcc': 'merchant_mcc', 'merchant.name': 'merchant_name', 'merchant.city': 'merchant_city', 'merchant.country': 'merchant_country',
  'location.city': 'location_city', 'location.country': 'location_country', 'location.terminalId': 'terminal_id',
  reference: 'reference', 'device.id': 'device_id', 'device.ip': 'device_ip', flags: 'flags',
};

/**
 * The mapping used when none is given: canonical snake_case headers (`id, timestamp, account_id, …, flags`),
 * ISO-8601 timestamps (local times read as UTC), `1234.56` amounts. Columns of optional fields may be absent.
 *
 * @example
 * readCsv('transactions.csv', { mapping: DEFAULT_MAPPING })
 */
export const DEFAULT_MAPPING: Mapping = parseMapping({ type: 'mapping', name: 'canonical snake_case headers', columns: DEFAULT_COLUMNS });
