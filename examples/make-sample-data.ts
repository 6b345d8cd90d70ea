/**
 * Regenerates the bundled sample data in examples/data/ (or in the directory given as the first
 * argument): a small bank export produced by the generator and written in a bank's own CSV shape,
 * with its profiles, labels and FX table. Deterministic: running it twice gives the same bytes, and
 * test/examples/sample-data.test.ts checks that the committed files are exactly what it writes.
 *
 *   npx tsx examples/make-sample-data.ts [out-dir]
 *
 * The export's columns follow a typical UK current-account download — Date (dd/MM/yyyy HH:mm:ss,
 * UK local time), D/C type, amounts like 1,234.56, channel codes (POS, FPS, BGC, ATM, …), branch staff flags (e.g. escorted) — and
 * examples/data/sample-mapping.json maps them back onto the canonical fields.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fxRatesForGenerated, generatePopulation, writeLabelsCsv, writeProfilesCsv, type Transaction } from 'msht-redflags';

/** The generator options of the sample: 110 accounts over 22 days, a dozen of them planted with clear patterns. */
export const SAMPLE_OPTIONS = {
  seed: 20250203,
  accounts: 110,
  days: 22,
  start: '2025-02-03',
  // Shares of 110 accounts: 2 controllers, 3 victims, 2 pop-up organisers, 2 funnels, 2 repatriation senders, 1 front business.
  planted: { controller: 2 / 110, victim: 3 / 110, popup: 2 / 110, funnel: 2 / 110, repatriation: 2 / 110, front_business: 1 / 110 },
  intensity: [0.7, 1] as [number, number],
  roSideShare: 0,
  idPrefix: 'FT',
};

const HEADERS = ['Txn Ref', 'Date', 'Account', 'Customer', 'Type', 'Amount', 'Currency', 'Channel', 'Category', 'MCC', 'Merchant', 'Merchant City', 'Merchant Country',
  'Counterparty', 'Counterparty Ref', 'Counterparty Account', 'Counterparty Country', 'Reference', 'ATM/Branch City', 'ATM/Branch Country', 'Terminal', 'Device', 'IP', 'Staff Flags'];

const CHANNEL_CODES: Readonly<Record<string, string>> = {
  card: 'POS', transfer: 'BGC', instant: 'FPS', cash: 'CSH', atm: 'ATM', msb: 'MSB', direct_debit: 'DD', cheque: 'CHQ', other: 'OTH',
};

function cell(v: string | undefined): string {
  if (v === undefined) return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** `2025-02-03T08:14:22+00:00` → `03/02/2025 08:14:22` (the local time; the mapping states the zone). */
function bankDate(ts: string): string {
  return `${ts.slice(8, 10)}/${ts.slice(5, 7)}/${ts.slice(0, 4)} ${ts.slice(11, 19)}`;
}

/** `1234.5` → `1,234.50`. */
function bankAmount(amount: string): string {
  const [int = '0', frac = ''] = amount.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
}

function bankRow(t: Transaction): string {
  return [
    t.id, bankDate(t.timestamp), t.accountId, t.customerId, t.direction === 'out' ? 'D' : 'C', bankAmount(t.amount), t.currency,
    CHANNEL_CODES[t.channel], t.purpose, t.merchant?.mcc, t.merchant?.name, t.merchant?.city, t.merchant?.country,
    t.counterparty?.name, t.counterparty?.id, t.counterparty?.account, t.counterparty?.country, t.reference, t.location?.city, t.location?.country, t.location?.terminalId, t.device?.id, t.device?.ip, t.flags?.join('|'),
  ].map(cell).join(',');
}

async function collect(write: (w: Writable) => Promise<number>): Promise<string> {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  await write(sink);
  return text;
}

/**
 * Writes the sample files into a directory.
 *
 * @param dir - output directory (created when missing)
 * @returns the number of transaction rows written
 * @example
 * await makeSampleData('examples/data') //=> 7000-odd
 */
export async function makeSampleData(dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const gen = generatePopulation(SAMPLE_OPTIONS);
  writeFileSync(join(dir, 'sample-transactions.csv'), [HEADERS.join(','), ...gen.transactions.map(bankRow)].join('\n') + '\n');
  writeFileSync(join(dir, 'sample-profiles.csv'), await collect((w) => writeProfilesCsv(gen.profiles, w)));
  writeFileSync(join(dir, 'sample-labels.csv'), await collect((w) => writeLabelsCsv(gen.labels, w)));
  const fx = fxRatesForGenerated({ start: gen.options.start, baseCurrency: gen.options.baseCurrency, roCurrency: gen.options.roCurrency });
  writeFileSync(join(dir, 'sample-fx.csv'), `date,currency,rate_to_base\n${fx.map((r) => `${r.date},${r.currency},${r.rateToBase}`).join('\n')}\n`);
  return gen.transactions.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? join(import.meta.dirname, 'data');
  const rows = await makeSampleData(dir);
  console.log(`wrote ${rows} transactions and the sample profiles, labels and FX table to ${dir}`);
}
