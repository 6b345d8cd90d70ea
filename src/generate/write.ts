/**
 * Writers for generated data: canonical CSV, NDJSON, two-sided payment rows (SAML-D style), profiles
 * and labels. CSV fields are escaped per RFC 4180 (quoted when they hold a comma, quote, CR or LF;
 * quotes doubled). Output is buffered in chunks and respects backpressure: when a chunk is refused,
 * the writer waits for `'drain'` before going on, so a slow destination never makes memory grow.
 * The destination is not ended unless `end: true` is passed.
 */
import { once } from 'node:events';
import type { CustomerProfile } from '../schema/profile.js';
import type { Transaction } from '../schema/transaction.js';
import { BANKS } from './merchants.js';
import type { GeneratedLabels } from './types.js';

/** The minimal writable the writers need (a Node `Writable`, `process.stdout`, a file stream). */
export interface WritableLike {
  write(chunk: string): boolean;
  end(cb?: () => void): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Options shared by the writers. */
export interface WriteOptions {
  /** Line ending (default `"\n"`; RFC 4180 strictly uses `"\r\n"`). */
  readonly eol?: '\n' | '\r\n';
  /** Write a header row (CSV only; default true). */
  readonly header?: boolean;
  /** End the stream when done (default false). */
  readonly end?: boolean;
}

/** Canonical CSV headers, in column order: the default ingest mapping reads these. */
export const CANONICAL_CSV_HEADERS: readonly string[] = Object.freeze([
  'id', 'timestamp', 'account_id', 'customer_id', 'direction', 'amount', 'currency', 'channel', 'purpose',
  'counterparty_id', 'counterparty_name', 'counterparty_account', 'counterparty_country',
  'merchant_mcc', 'merchant_name', 'merchant_city', 'merchant_country',
  'location_city', 'location_country', 'terminal_id', 'reference', 'device_id', 'device_ip', 'flags',
]);

const TWO_SIDED_HEADERS = ['Time', 'Date', 'Sender_account', 'Receiver_account', 'Amount', 'Payment_currency', 'Received_currency', 'Sender_bank_location', 'Receiver_bank_location', 'Payment_type'];
const PROFILE_HEADERS = ['customer_id', 'account_type', 'phone', 'email', 'address_line', 'address_city', 'address_postcode', 'address_country', 'occupation', 'declared_monthly_income', 'travels_for_work', 'expected_monthly_turnover', 'flags', 'opened_at'];
const LABEL_HEADERS = ['account_id', 'customer_id', 'planted', 'scenario', 'typology', 'role', 'group_id', 'archetype', 'start', 'end', 'intensity'];

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Escapes one CSV field per RFC 4180.
 *
 * @param value - the field (undefined writes an empty field)
 * @returns the escaped field
 * @example
 * csvField('a,"b"') //=> '"a,""b"""'
 */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const s = String(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CHUNK = 64 * 1024;

async function pump<T>(items: Iterable<T> | AsyncIterable<T>, stream: WritableLike, toLine: (item: T) => string | undefined, header: string | undefined, o: WriteOptions): Promise<number> {
  const eol = o.eol ?? '\n';
  let buf = header === undefined || o.header === false ? '' : header + eol;
  let rows = 0;
  let failed: unknown;
  const onError = (e: unknown): void => {
    failed = e;
  };
  stream.on('error', onError);
  const flush = async (): Promise<void> => {
    if (buf.length === 0) return;
    const ok = stream.write(buf);
    buf = '';
    if (failed !== undefined) throw failed;
    if (!ok) await once(stream as unknown as NodeJS.EventEmitter, 'drain');
  };
  try {
    for await (const item of items as AsyncIterable<T>) {
      const line = toLine(item);
      if (line === undefined) continue;
      buf += line + eol;
      rows++;
      if (buf.length >= CHUNK) await flush();
    }
    await flush();
    if (o.end === true) await new Promise<void>((resolve) => stream.end(() => resolve()));
  } finally {
    stream.removeListener('error', onError);
  }
  if (failed !== undefined) throw failed;
  return rows;
}

function canonicalRow(t: Transaction): string {
  const cp = t.counterparty;
  const m = t.merchant;
  const l = t.location;
  const d = t.device;
  return [
    t.id, t.timestamp, t.accountId, t.customerId, t.direction, t.amount, t.currency, t.channel, t.purpose,
    cp?.id, cp?.name, cp?.account, cp?.country,
    m?.mcc, m?.name, m?.city, m?.country,
    l?.city, l?.country, l?.terminalId, t.reference, d?.id, d?.ip, t.flags?.join('|'),
  ].map(csvField).join(',');
}

/**
 * Writes transactions as canonical CSV (snake_case headers, see {@link CANONICAL_CSV_HEADERS}; flags `|`-joined).
 *
 * @param transactions - transactions, sync or async iterable
 * @param stream - destination
 * @param options - line ending, header, end
 * @returns the number of rows written
 * @example
 * await writeCanonicalCsv(generateTransactions({ seed: 1 }), fs.createWriteStream('tx.csv'), { end: true });
 */
export function writeCanonicalCsv(transactions: Iterable<Transaction> | AsyncIterable<Transaction>, stream: WritableLike, options: WriteOptions = {}): Promise<number> {
  return pump(transactions, stream, canonicalRow, CANONICAL_CSV_HEADERS.join(','), options);
}

/**
 * Writes transactions as NDJSON, one JSON object per line.
 *
 * @param transactions - transactions, sync or async iterable
 * @param stream - destination
 * @param options - line ending, end
 * @returns the number of lines written
 * @example
 * await writeNdjson(generatePopulation({ seed: 1 }).transactions, process.stdout);
 */
export function writeNdjson(transactions: Iterable<Transaction> | AsyncIterable<Transaction>, stream: WritableLike, options: WriteOptions = {}): Promise<number> {
  return pump(transactions, stream, (t) => JSON.stringify(t), undefined, options);
}

const LOCATION_NAMES: Readonly<Record<string, string>> = {
  GB: 'UK', RO: 'Romania', ES: 'Spain', PT: 'Portugal', IT: 'Italy', FR: 'France', DE: 'Germany', NL: 'Netherlands', IE: 'Ireland', GR: 'Greece',
  HR: 'Croatia', TR: 'Turkey', HU: 'Hungary', BE: 'Belgium', AT: 'Austria', MT: 'Malta', CY: 'Cyprus', EE: 'Estonia', US: 'USA',
};
const EURO = new Set(['ES', 'PT', 'IT', 'FR', 'DE', 'NL', 'IE', 'GR', 'HR', 'BE', 'AT', 'MT', 'CY', 'EE']);
const currencyOf = (country: string | undefined, fallback: string): string =>
  country === undefined ? fallback : country === 'GB' ? 'GBP' : country === 'RO' ? 'RON' : country === 'HU' ? 'HUF' : country === 'TR' ? 'TRY' : country === 'US' ? 'USD' : EURO.has(country) ? 'EUR' : fallback;
const locationName = (country: string | undefined): string => (country === undefined ? '' : LOCATION_NAMES[country] ?? country);

/** Options of {@link writeTwoSidedCsv}. */
export interface TwoSidedOptions extends WriteOptions {
  /**
   * Whether an account number belongs to the monitored bank, so a payment between two of its accounts
   * is written once (from the payer's side). Default: IBANs with the generator's own bank code.
   */
  readonly isInternalAccount?: (account: string) => boolean;
}

/**
 * Writes one row per payment in the two-sided layout of SAML-D (Time, Date, Sender_account,
 * Receiver_account, Amount, Payment_currency, Received_currency, Sender_bank_location,
 * Receiver_bank_location, Payment_type). A transfer between two monitored accounts appears once;
 * card payments have the merchant as receiver; cash has `CASH` on the other side.
 *
 * @param transactions - canonical transactions
 * @param stream - destination
 * @param options - line ending, header, end, internal-account test
 * @returns the number of rows written
 * @example
 * await writeTwoSidedCsv(generatePopulation({ seed: 1 }).transactions, fs.createWriteStream('pay.csv'), { end: true });
 */
export function writeTwoSidedCsv(transactions: Iterable<Transaction> | AsyncIterable<Transaction>, stream: WritableLike, options: TwoSidedOptions = {}): Promise<number> {
  const internal = options.isInternalAccount ?? ((acc: string) => acc.slice(4, 8) === BANKS.own);
  return pump(transactions, stream, (t) => {
    const cp = t.counterparty;
    if (t.direction === 'in' && cp?.account !== undefined && internal(cp.account)) return undefined;
    const own = internal(t.accountId) ? t.accountId.slice(0, 2) : 'GB';
    const isCash = t.channel === 'cash' || t.channel === 'atm';
    const otherName = cp?.account ?? (t.merchant?.name !== undefined ? t.merchant.name : isCash ? 'CASH' : cp?.name ?? 'UNKNOWN');
    const otherCountry = cp?.country ?? t.merchant?.country ?? t.location?.country ?? own;
    const crossBorder = otherCountry !== own;
    const type = isCash
      ? t.direction === 'in' ? 'Cash Deposit' : 'Cash Withdrawal'
      : t.channel === 'card' ? 'Debit card'
      : t.channel === 'cheque' ? 'Cheque'
      : t.channel === 'msb' || crossBorder ? 'Cross-border'
      : 'ACH';
    const out = t.direction === 'out';
    const sender = out ? t.accountId : otherName;
    const receiver = out ? otherName : t.accountId;
    const payCur = out ? t.currency : currencyOf(otherCountry, t.currency);
    const recCur = out ? currencyOf(otherCountry, t.currency) : t.currency;
    const senderLoc = out ? locationName(own) : locationName(otherCountry);
    const receiverLoc = out ? locationName(otherCountry) : locationName(own);
    return [t.timestamp.slice(11, 19), t.timestamp.slice(0, 10), sender, receiver, t.amount, isCash ? t.currency : payCur, isCash ? t.currency : recCur, senderLoc, receiverLoc, type].map(csvField).join(',');
  }, TWO_SIDED_HEADERS.join(','), options);
}

/**
 * Writes customer profiles as CSV (flags `|`-joined).
 *
 * @param profiles - profiles
 * @param stream - destination
 * @param options - line ending, header, end
 * @returns the number of rows written
 * @example
 * await writeProfilesCsv(generatePopulation({ seed: 1 }).profiles, fs.createWriteStream('profiles.csv'), { end: true });
 */
export function writeProfilesCsv(profiles: Iterable<CustomerProfile> | AsyncIterable<CustomerProfile>, stream: WritableLike, options: WriteOptions = {}): Promise<number> {
  return pump(profiles, stream, (p) => [
    p.customerId, p.accountType, p.phone, p.email, p.address?.line, p.address?.city, p.address?.postcode, p.address?.country, p.occupation,
    p.declaredMonthlyIncome, p.travelsForWork, p.expectedMonthlyTurnover, p.flags?.join('|'), p.openedAt,
  ].map(csvField).join(','), PROFILE_HEADERS.join(','), options);
}

/**
 * Writes labels as one CSV: planted accounts first (`planted` = true, with scenario, typology, role,
 * group, window and intensity), then background accounts (`planted` = false, archetype only).
 *
 * @param labels - labels from a generator run
 * @param stream - destination
 * @param options - line ending, header, end
 * @returns the number of rows written
 * @example
 * await writeLabelsCsv(generatePopulation({ seed: 1 }).labels, fs.createWriteStream('labels.csv'), { end: true });
 */
export function writeLabelsCsv(labels: GeneratedLabels, stream: WritableLike, options: WriteOptions = {}): Promise<number> {
  const rows: string[][] = [];
  for (const l of labels.planted) rows.push([l.accountId, l.customerId, 'true', l.scenario, l.typology, l.role, l.groupId, l.archetype, l.start, l.end, String(l.intensity)]);
  for (const l of labels.background) rows.push([l.accountId, l.customerId, 'false', '', '', '', '', l.archetype, '', '', '']);
  return pump(rows, stream, (r) => r.map(csvField).join(','), LABEL_HEADERS.join(','), options);
}
