/**
 * A tiny deterministic generator of canonical-CSV transactions for the security and kill/resume tests:
 * background accounts (groceries, salary, rent) plus a few accounts with the hotel / taxi / fast-food /
 * night-cash pattern that the bundled rules alert on. Rows are in event-time order with unique ids.
 */

/** Header of the canonical CSV written by {@link generateCsv}. */
export const GEN_HEADER = [
  'id', 'timestamp', 'account_id', 'customer_id', 'direction', 'amount', 'currency', 'channel', 'purpose',
  'counterparty_id', 'counterparty_name', 'counterparty_country', 'merchant_mcc', 'merchant_name', 'merchant_city',
  'merchant_country', 'location_city', 'location_country', 'reference', 'device_id',
] as const;

/** One generated row, keyed by header name. */
export type GenRow = Partial<Record<(typeof GEN_HEADER)[number], string>>;

/** What to generate. */
export interface GenOptions {
  /** PRNG seed. */
  readonly seed?: number;
  /** Number of background accounts (default 150). */
  readonly background?: number;
  /** Number of accounts with the suspicious pattern (default 6). */
  readonly suspicious?: number;
  /** Days covered (default 60). */
  readonly days?: number;
  /** First day, `YYYY-MM-DD` (default 2026-01-05). */
  readonly start?: string;
  /** Prefix of transaction ids (default `T`). */
  readonly idPrefix?: string;
}

/**
 * A mulberry32 PRNG: deterministic floats in [0, 1).
 *
 * @param seed - 32-bit seed
 * @returns the generator
 * @example
 * const r = prng(1); r() //=> 0.6270739405881613
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ['Leeds', 'Manchester', 'Bristol', 'Cardiff', 'Glasgow', 'Sheffield', 'Nottingham'];
const HOTELS = ['Premier Stay', 'Travel Lodge Inn', 'City Hotel', 'Station Hotel', 'Park Inn', 'Bay Hotel'];

/**
 * Generates rows, sorted by timestamp, with ids `<prefix>000001`, ….
 *
 * @param options - sizes, seed and dates
 * @returns the rows
 * @example
 * generateRows({ days: 1 }).length > 0 //=> true
 */
export function generateRows(options: GenOptions = {}): GenRow[] {
  const rnd = prng(options.seed ?? 7);
  const days = options.days ?? 60;
  const start = Date.parse(`${options.start ?? '2026-01-05'}T00:00:00Z`);
  const rows: (GenRow & { t: number })[] = [];
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const money = (lo: number, hi: number) => (lo + rnd() * (hi - lo)).toFixed(2);
  const at = (day: number, hour: number) => start + day * 86_400_000 + hour * 3_600_000 + Math.floor(rnd() * 3_600_000);
  const add = (t: number, r: GenRow) => rows.push({ ...r, t });
  const nb = options.background ?? 150;
  const ns = options.suspicious ?? 6;
  for (let a = 0; a < nb; a++) {
    const acc = `ACC-B${String(a).padStart(4, '0')}`;
    const cust = `CUST-B${String(a).padStart(4, '0')}`;
    const dev = `DEV-B${String(a).padStart(4, '0')}`;
    for (let d = 0; d < days; d++) {
      const n = Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++) {
        add(at(d, 8 + Math.floor(rnd() * 12)), { account_id: acc, customer_id: cust, direction: 'out', amount: money(3, 80), channel: 'card', merchant_mcc: '5411', merchant_name: pick(['Tesco', 'Asda', 'Lidl', 'Co-op']), merchant_city: 'Leeds', merchant_country: 'GB', device_id: dev });
      }
      if (d % 30 === 0) add(at(d, 9), { account_id: acc, customer_id: cust, direction: 'in', amount: money(1500, 2500), channel: 'transfer', purpose: 'salary', counterparty_id: 'EMPLOYER-1', counterparty_name: 'Acme Ltd', counterparty_country: 'GB', reference: `SALARY ${acc} secret-ref` });
    }
  }
  for (let s = 0; s < ns; s++) {
    const acc = `ACC-S${String(s).padStart(3, '0')}`;
    const cust = `CUST-S${String(s).padStart(3, '0')}`;
    const dev = `DEV-S${String(s).padStart(3, '0')}`;
    for (let d = 0; d < days; d++) {
      const city = CITIES[(d + s) % CITIES.length]!;
      add(at(d, 14), { account_id: acc, customer_id: cust, direction: 'out', amount: money(45, 90), channel: 'card', merchant_mcc: '7011', merchant_name: `${pick(HOTELS)} ${city}`, merchant_city: city, merchant_country: 'GB', device_id: dev });
      for (let k = 0; k < 3; k++) add(at(d, 11 + k * 4), { account_id: acc, customer_id: cust, direction: 'out', amount: money(5, 15), channel: 'card', merchant_mcc: '5814', merchant_name: pick(['Burger Place', 'Chicken Shop', 'Pizza Go']), merchant_city: city, merchant_country: 'GB' });
      add(at(d, 17), { account_id: acc, customer_id: cust, direction: 'out', amount: money(8, 30), channel: 'card', merchant_mcc: '4121', merchant_name: 'Town Cars', merchant_city: city, merchant_country: 'GB' });
      if (d % 2 === 0) add(at(d, 23), { account_id: acc, customer_id: cust, direction: 'out', amount: money(100, 250), channel: 'atm', location_city: city, location_country: 'GB' });
      if (d % 3 === 0) add(at(d, 12), { account_id: acc, customer_id: cust, direction: 'in', amount: money(105, 300), channel: 'cash', counterparty_id: `PAYER-${s}-${d % 4}`, location_city: CITIES[(d + s + 2) % CITIES.length]!, location_country: 'GB', reference: `cash from ${cust}` });
    }
  }
  rows.sort((x, y) => x.t - y.t);
  const prefix = options.idPrefix ?? 'T';
  return rows.map(({ t, ...r }, i) => ({ ...r, id: `${prefix}${String(i + 1).padStart(6, '0')}`, timestamp: new Date(t).toISOString(), currency: 'GBP' }));
}

/**
 * Renders rows as canonical CSV text (header included, `\n` line ends). Cells are written as they are,
 * quoted when they hold a comma, quote or line break.
 *
 * @param rows - the rows
 * @returns the CSV text
 * @example
 * toCsv([{ id: 'T1' }]).split('\n')[0] //=> 'id,timestamp,…'
 */
export function toCsv(rows: readonly GenRow[]): string {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return `${GEN_HEADER.join(',')}\n${rows.map((r) => GEN_HEADER.map((h) => q(r[h] ?? '')).join(',')).join('\n')}\n`;
}

/**
 * Generates canonical CSV text (see {@link generateRows}).
 *
 * @param options - sizes, seed and dates
 * @returns the CSV text
 * @example
 * generateCsv({ days: 2 }).startsWith('id,timestamp') //=> true
 */
export function generateCsv(options: GenOptions = {}): string {
  return toCsv(generateRows(options));
}
