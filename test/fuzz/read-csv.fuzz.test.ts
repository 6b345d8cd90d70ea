/**
 * Fuzz: readCsv with random mappings (delimiters, quotes, encodings, decimal styles, date formats, time zones,
 * signed amounts, value maps, constants, two-sided rows) over hostile CSV text and random bytes, cut into
 * random chunks. Properties: the iterator never throws except a documented `RuleSetError` (header problems),
 * never hangs, every data row yields a transaction or a rejection with a reason, and the counts reconcile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleSetError } from '../../src/errors.js';
import { DEFAULT_MAPPING, parseMapping, type Mapping } from '../../src/ingest/mapping.js';
import { readCsv } from '../../src/ingest/read-csv.js';
import type { IngestRecord } from '../../src/ingest/types.js';
import { REJECTION_CODES } from '../../src/schema/alert.js';
import { TransactionSchema } from '../../src/schema/transaction.js';
import { bounded, bytesArb, cellArb, chunks, chunkSizesArb, countCase, encodeCp1250, FUZZ_RUNS, FUZZ_TIMEOUT_MS } from './fuzz-helpers.js';

const DATE_FORMATS = ['iso', 'dd/MM/yyyy HH:mm', 'yyyy/MM/dd HH:mm', 'dd.MM.yyyy HH:mm:ss', 'yyyy-MM-dd'] as const;
const STYLES = [
  { decimalSeparator: '.', thousandsSeparator: null },
  { decimalSeparator: '.', thousandsSeparator: ',' },
  { decimalSeparator: ',', thousandsSeparator: '.' },
  { decimalSeparator: ',', thousandsSeparator: ' ' },
  { decimalSeparator: ',', thousandsSeparator: null },
  { decimalSeparator: '.', thousandsSeparator: "'" },
] as const;

interface Plan {
  readonly raw: Record<string, unknown>;
  /** Header columns and the kind of value each holds. */
  readonly columns: readonly (readonly [string, string])[];
}

const planArb: fc.Arbitrary<Plan> = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    quote: fc.constantFrom<string | null>('"', "'", null),
    encoding: fc.constantFrom('utf-8', 'windows-1250'),
    style: fc.constantFrom(...STYLES),
    dateFormat: fc.constantFrom(...DATE_FORMATS),
    splitDate: fc.boolean(),
    timeZone: fc.constantFrom('UTC', 'Europe/Bucharest', 'Europe/London'),
    signedAmount: fc.boolean(),
    directionColumn: fc.boolean(),
    twoSided: fc.boolean(),
    monitored: fc.option(fc.subarray(['A1', 'A2', 'B7', 'ţară']), { nil: undefined }),
    currencyConstant: fc.boolean(),
    valueMaps: fc.boolean(),
    idColumn: fc.boolean(),
    extras: fc.subarray(['merchant.name', 'merchant.mcc', 'merchant.city', 'counterparty.country', 'reference', 'flags', 'device.id', 'customerId']),
    idPrefix: fc.constantFrom('', 'X-'),
  })
  .map((o) => {
    const columns: [string, string][] = [];
    const mapped: Record<string, unknown> = {};
    const add = (field: string, header: string, kind: string = field) => {
      mapped[field] = header;
      columns.push([header, kind]);
    };
    if (o.idColumn) add('id', 'Ref No');
    if (o.splitDate && o.dateFormat.includes(' ')) {
      mapped.timestamp = ['Date', 'Time'];
      columns.push(['Date', 'date'], ['Time', 'time']);
    } else add('timestamp', 'Booked At');
    add('amount', 'Sumă');
    if (!o.currencyConstant) add('currency', 'Ccy');
    add('channel', 'Ch');
    if (!o.twoSided) {
      add('accountId', 'Cont');
      if (o.directionColumn || !o.signedAmount) add('direction', 'D/C');
    }
    for (const f of o.extras) if (!(o.twoSided && (f === 'customerId' || f === 'counterparty.country'))) add(f, `col ${f}`);
    const raw: Record<string, unknown> = {
      type: 'mapping',
      name: 'fuzz',
      delimiter: o.delimiter,
      quote: o.quote,
      encoding: o.encoding,
      decimalSeparator: o.style.decimalSeparator,
      thousandsSeparator: o.style.thousandsSeparator,
      dateFormat: o.dateFormat,
      timeZone: o.timeZone,
      signedAmount: o.signedAmount,
      idPrefix: o.idPrefix,
      columns: mapped,
      constants: o.currencyConstant ? { currency: 'RON' } : {},
      values: o.valueMaps ? { direction: { D: 'out', C: 'in', Debit: 'out' }, channel: { POS: 'card', TRF: 'transfer', Numerar: 'cash' } } : {},
    };
    if (o.twoSided) {
      raw.twoSided = {
        payer: { accountId: 'Plătitor', country: 'Țara plătitor' },
        payee: { accountId: 'Beneficiar', name: 'Nume' },
        ...(o.monitored === undefined ? {} : { monitoredAccounts: o.monitored }),
      };
      columns.push(['Plătitor', 'account'], ['Țara plătitor', 'counterparty.country'], ['Beneficiar', 'account'], ['Nume', 'text']);
    }
    return { raw, columns };
  });

/** A plausible value for a column kind under the mapping, so that many rows are accepted. */
function goodCell(kind: string, m: Mapping, n: number): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  const hh = String(n % 24).padStart(2, '0');
  switch (kind) {
    case 'id': return `T${n}`;
    case 'timestamp':
      switch (m.dateFormat) {
        case 'iso': return `2026-03-${day}T${hh}:15:00Z`;
        case 'dd/MM/yyyy HH:mm': return `${day}/03/2026 ${hh}:15`;
        case 'yyyy/MM/dd HH:mm': return `2026/03/${day} ${hh}:15`;
        case 'dd.MM.yyyy HH:mm:ss': return `${day}.03.2026 ${hh}:15:00`;
        default: return `2026-03-${day}`;
      }
    case 'date': return m.dateFormat.startsWith('dd/') ? `${day}/03/2026` : m.dateFormat.startsWith('dd.') ? `${day}.03.2026` : `2026/03/${day}`;
    case 'time': return m.dateFormat.endsWith(':ss') ? `${hh}:15:00` : `${hh}:15`;
    case 'amount': {
      const sign = m.signedAmount && n % 2 === 0 ? '-' : '';
      const t = m.thousandsSeparator;
      const int = t === null ? '1234' : `1${t}234`;
      return `${sign}${int}${m.decimalSeparator}${String(n % 100).padStart(2, '0')}`;
    }
    case 'currency': return ['GBP', 'ron', 'EUR'][n % 3]!;
    case 'channel': return Object.keys(m.values.channel ?? {}).length > 0 && n % 2 === 0 ? 'POS' : 'card';
    case 'accountId':
    case 'account': return ['A1', 'A2', 'B7', 'ţară'][n % 4]!;
    case 'direction': return Object.keys(m.values.direction ?? {}).length > 0 ? 'D' : 'out';
    case 'merchant.mcc': return '7011';
    case 'counterparty.country': return 'RO';
    case 'flags': return 'escorted|cash';
    default: return `Hotel Braşov ${n}`;
  }
}

function render(cells: readonly string[], m: Mapping, quoteAll: boolean): string {
  const q = m.quote;
  return cells
    .map((c) => {
      if (q === null) return c;
      const needs = c.includes(m.delimiter) || c.includes(q) || c.includes('\n') || c.includes('\r');
      return needs || quoteAll ? `${q}${c.replaceAll(q, q + q)}${q}` : c;
    })
    .join(m.delimiter);
}

/** Reads everything; returns the records, or the RuleSetError the reader is documented to throw. */
async function drain(stream: ReturnType<typeof readCsv>): Promise<{ records: IngestRecord[] } | { configError: RuleSetError }> {
  const records: IngestRecord[] = [];
  try {
    for await (const r of stream) records.push(r);
  } catch (e) {
    if (e instanceof RuleSetError) return { configError: e };
    throw e;
  }
  return { records };
}

function checkRecords(records: readonly IngestRecord[], stream: ReturnType<typeof readCsv>, twoSided: boolean): void {
  const st = stream.stats;
  expect(st.rowsRead).toBe(st.rowsAccepted + st.rowsRejected + st.rowsSkipped);
  const txs = records.filter((r) => r.kind === 'transaction');
  const rej = records.filter((r) => r.kind === 'rejected');
  expect(txs.length).toBe(st.transactions);
  expect(rej.length).toBe(st.rowsRejected);
  if (!twoSided) {
    expect(st.rowsSkipped).toBe(0);
    expect(records.length).toBe(st.rowsRead); // one record per row
  }
  for (const r of records) {
    if (r.kind === 'transaction') {
      expect(TransactionSchema.safeParse(r.transaction).success).toBe(true);
      expect(Number.isInteger(r.line) && r.line >= 1).toBe(true);
    } else {
      expect(REJECTION_CODES).toContain(r.rejection.code);
      expect(r.rejection.message.length).toBeGreaterThan(0);
      expect(Number.isInteger(r.rejection.line) && r.rejection.line! >= 1).toBe(true);
      if (r.rejection.value !== undefined) expect(r.rejection.value.length).toBeLessThanOrEqual(200);
    }
  }
}

describe('fuzz: readCsv', () => {
  it('random mappings × hostile rows × random chunking: screened or rejected, counts reconcile', async () => {
    await fc.assert(
      fc.asyncProperty(
        planArb,
        fc.array(fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: cellArb }), { minLength: 0, maxLength: 14 }), { minLength: 1, maxLength: 25 }),
        fc.record({ bom: fc.boolean(), eol: fc.constantFrom('\n', '\r\n', '\r'), quoteAll: fc.boolean(), truncateAt: fc.option(fc.nat(), { nil: undefined, freq: 5 }), dropColumn: fc.nat(9).map((n) => n === 0), shuffle: fc.nat(), widthJitter: fc.boolean() }),
        chunkSizesArb,
        async (plan, rowsSpec, opts, sizes) => {
          countCase('readCsv');
          let mapping: Mapping;
          try {
            mapping = parseMapping(plan.raw, 'fuzz.json');
          } catch (e) {
            expect(e).toBeInstanceOf(RuleSetError);
            countCase('  of which invalid mappings');
            if (process.env.FUZZ_DEBUG) console.log((e as RuleSetError).prettify());
            return;
          }
          const cols = [...plan.columns];
          if (opts.dropColumn && cols.length > 0) cols.splice(opts.shuffle % cols.length, 1);
          const header = cols.map(([h]) => h);
          const lines = [render(header, mapping, false)];
          rowsSpec.forEach((spec, n) => {
            const cells = cols.map(([, kind], k) => spec[k] ?? goodCell(kind, mapping, n + 1));
            if (opts.widthJitter && n % 5 === 4) cells.push('extra');
            lines.push(render(cells, mapping, opts.quoteAll));
          });
          let text = (opts.bom ? '\uFEFF' : '') + lines.join(opts.eol) + opts.eol;
          if (opts.truncateAt !== undefined) text = text.slice(0, opts.truncateAt % (text.length + 1));
          const bytes = mapping.encoding === 'windows-1250' ? encodeCp1250(text) : Buffer.from(text, 'utf8');
          const stream = readCsv(chunks(bytes, sizes), { mapping, source: 'fuzz.csv' });
          const r = await bounded(() => drain(stream));
          if ('configError' in r) {
            // documented: a header that lacks (or repeats) a column of a required field
            expect(r.configError.issues.every((i) => i.code === 'missing_column' || i.code === 'duplicate_column')).toBe(true);
            countCase('  of which header errors');
            if (process.env.FUZZ_DEBUG) console.log(r.configError.prettify(), JSON.stringify(text.slice(0, 80)));
            return;
          }
          checkRecords(r.records, stream, mapping.twoSided !== null);
          countCase('  rows', stream.stats.rowsRead);
          countCase('  transactions', stream.stats.transactions);
          countCase('  rejections', stream.stats.rowsRejected);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('random bytes under the default and random mappings never crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(planArb, { nil: undefined }), bytesArb, fc.boolean(), chunkSizesArb, async (plan, body, withHeader, sizes) => {
        countCase('readCsv (random bytes)');
        let mapping = DEFAULT_MAPPING;
        if (plan !== undefined) {
          try {
            mapping = parseMapping(plan.raw);
          } catch {
            return;
          }
        }
        const head = withHeader ? Buffer.from(`${(plan?.columns.map(([h]) => h) ?? ['id', 'timestamp', 'account_id', 'direction', 'amount', 'currency', 'channel']).join(mapping.delimiter)}\n`) : Buffer.alloc(0);
        const stream = readCsv(chunks(Buffer.concat([head, body]), sizes), { mapping });
        const r = await bounded(() => drain(stream));
        if ('records' in r) checkRecords(r.records, stream, mapping.twoSided !== null);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
