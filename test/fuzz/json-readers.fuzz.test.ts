/**
 * Fuzz: readNdjson, readProfiles (CSV and NDJSON) and readFxRates over mutated documents, hostile JSON
 * (1e309, -0, NaN, deep nesting, prototype keys, truncation, BOM, CRLF) and random bytes, in random chunks.
 * Properties: no throw except the documented `RuleSetError` (profiles without `customer_id`; any bad FX row),
 * no hang, every non-blank row accounted for, counts reconcile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleSetError } from '../../src/errors.js';
import { readFxRates } from '../../src/ingest/fx.js';
import { readNdjson } from '../../src/ingest/read-ndjson.js';
import { readProfiles } from '../../src/ingest/read-profiles.js';
import { isBlankRecord, readCsvRecords } from '../../src/ingest/read-csv.js';
import { Readable } from 'node:stream';
import type { IngestRecord } from '../../src/ingest/types.js';
import { CustomerProfileSchema } from '../../src/schema/profile.js';
import { TransactionSchema } from '../../src/schema/transaction.js';
import { bounded, bytesArb, cellArb, chunks, chunkSizesArb, countCase, FUZZ_RUNS, FUZZ_TIMEOUT_MS } from './fuzz-helpers.js';

const GOOD_TX = {
  id: 't1', timestamp: '2026-03-01T21:15:00+02:00', accountId: 'A1', customerId: 'C1', direction: 'out', amount: '89.00', currency: 'GBP',
  channel: 'card', merchant: { mcc: '7011', name: 'Hotel Iaşi', city: 'Iaşi', country: 'RO' }, counterparty: { id: 'P1', country: 'GB' },
  reference: 'rent', device: { id: 'D1' }, flags: ['escorted'],
};

/** JSON text fragments that JSON.stringify cannot produce. */
const RAW_JSON_VALUES = ['1e309', '-0', '-0.0', 'NaN', 'Infinity', '1e-400', '99999999999999999999999', '"\\u0000"', '"\\ud800"', '"2026-02-30T10:00:00Z"', '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '"' + 'x'.repeat(5000) + '"'];

/** A transaction-like object with one path replaced, deleted or added. */
const mutatedTxArb = fc
  .record({
    path: fc.constantFrom('id', 'timestamp', 'accountId', 'direction', 'amount', 'currency', 'channel', 'merchant', 'merchant.mcc', 'merchant.name', 'counterparty.country', 'flags', 'device', 'extra', '__proto__', 'constructor'),
    action: fc.constantFrom('set', 'delete', 'raw'),
    value: fc.oneof(cellArb, fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>),
    raw: fc.constantFrom(...RAW_JSON_VALUES),
  })
  .map(({ path, action, value, raw }) => {
    const obj = structuredClone(GOOD_TX) as Record<string, unknown>;
    const [head, tail] = path.split('.') as [string, string | undefined];
    const target = tail === undefined ? obj : ((obj[head] ??= {}) as Record<string, unknown>);
    const key = tail ?? head;
    if (action === 'delete') delete target[key];
    else Object.defineProperty(target, key, { value: action === 'raw' ? '\u0001RAW\u0001' : value, enumerable: true, writable: true, configurable: true });
    return JSON.stringify(obj).replace('"\\u0001RAW\\u0001"', raw);
  });

const lineArb = fc.oneof(
  { weight: 3, arbitrary: mutatedTxArb },
  { weight: 1, arbitrary: fc.constant(JSON.stringify(GOOD_TX)) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '{', '}', '[]', 'null', '"x"', '{"id":', ...RAW_JSON_VALUES) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
);

const docArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 20 }),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  truncateAt: fc.option(fc.nat(), { nil: undefined, freq: 4 }),
});

function docText(d: { lines: string[]; eol: string; bom: boolean; truncateAt: number | undefined }): string {
  const t = (d.bom ? '\uFEFF' : '') + d.lines.join(d.eol);
  return d.truncateAt === undefined ? t : t.slice(0, d.truncateAt % (t.length + 1));
}

function nonBlankLines(text: string): number {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').length;
}

describe('fuzz: readNdjson', () => {
  it('one record per non-blank line, valid or rejected with a reason; counts reconcile; no prototype pollution', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(docArb.map(docText), bytesArb.map((b) => Buffer.from(b).toString('latin1'))), chunkSizesArb, async (text, sizes) => {
        countCase('readNdjson');
        const stream = readNdjson(chunks(Buffer.from(text, 'utf8'), sizes), { source: 'fuzz.ndjson' });
        const records: IngestRecord[] = [];
        await bounded(async () => {
          for await (const r of stream) records.push(r);
        });
        const st = stream.stats;
        expect(st.rowsRead).toBe(st.rowsAccepted + st.rowsRejected + st.rowsSkipped);
        expect(records.length).toBe(st.rowsRead);
        expect(st.rowsRead).toBe(nonBlankLines(text));
        for (const r of records) {
          if (r.kind === 'transaction') expect(TransactionSchema.safeParse(r.transaction).success).toBe(true);
          else expect(r.rejection.message.length).toBeGreaterThan(0);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});

const PROFILE_HEADER = ['customer_id', 'account_type', 'phone', 'email', 'address_city', 'address_country', 'declared_monthly_income', 'travels_for_work', 'flags', 'opened_at'];

describe('fuzz: readProfiles', () => {
  it('CSV: every non-blank data row is a profile or a rejection (first wins on duplicates)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.subarray(PROFILE_HEADER, { minLength: 1 }), fc.subarray(['__proto__', 'constructor', 'toString', 'prototype', 'Customer_ID', ' flags '])).map(([a, b]) => [...a, ...b]),
        fc.array(fc.array(fc.oneof(cellArb, fc.constantFrom('C1', 'C2', 'yes', 'no', '1200.50', '2026-02-30', '2025-01-31', 'personal', 'business', 'RO')), { maxLength: 12 }), { maxLength: 20 }),
        fc.constantFrom('\n', '\r\n'),
        chunkSizesArb,
        async (header, rows, eol, sizes) => {
          countCase('readProfiles (csv)');
          const q = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
          const text = [header.join(','), ...rows.map((r) => r.map(q).join(','))].join(eol) + eol;
          try {
            const { profiles, rejected } = await bounded(() => readProfiles(chunks(Buffer.from(text), sizes), { format: 'csv' }));
            // blank data rows are skipped; every other data row is a profile or a rejection
            let dataRows = -1; // the header
            for await (const rec of readCsvRecords(Readable.from([text]), {})) if (!isBlankRecord(rec)) dataRows++;
            expect(profiles.size + rejected.length).toBe(Math.max(0, dataRows));
            for (const p of profiles.values()) expect(CustomerProfileSchema.safeParse(p).success).toBe(true);
            for (const r of rejected) expect(r.message.length).toBeGreaterThan(0);
          } catch (e) {
            expect(e).toBeInstanceOf(RuleSetError);
            expect(header.some((h) => h.trim().toLowerCase() === 'customer_id')).toBe(false);
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('NDJSON: every non-blank line is a profile or a rejection', async () => {
    const profileLine = fc.oneof(
      fc.record({ customerId: fc.oneof(fc.constantFrom('C1', 'C2', 'C3'), cellArb), declaredMonthlyIncome: fc.oneof(cellArb, fc.constant('1200')), travelsForWork: fc.oneof(fc.boolean(), cellArb), flags: fc.array(cellArb, { maxLength: 3 }) }, { requiredKeys: ['customerId'] }).map((o) => JSON.stringify(o)),
      lineArb,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(profileLine, { maxLength: 20 }), chunkSizesArb, async (lines, sizes) => {
        countCase('readProfiles (ndjson)');
        const text = lines.join('\n');
        const { profiles, rejected } = await bounded(() => readProfiles(chunks(Buffer.from(text), sizes), { format: 'ndjson' }));
        expect(profiles.size + rejected.length).toBe(nonBlankLines(text));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('fuzz: readFxRates', () => {
  it('returns valid positive rates or throws RuleSetError listing the bad rows, nothing else', async () => {
    const rowArb = fc.tuple(
      fc.oneof(fc.constantFrom('2026-03-01', '2026-03-02', '2026-02-30', '2026-13-01', '01/03/2026', ''), cellArb),
      fc.oneof(fc.constantFrom('RON', 'EUR', 'usd', 'XXX', ''), cellArb),
      fc.oneof(fc.constantFrom('0.1705', '1', '0', '-1', '1e309', 'NaN', '-0', '0.000000001', '1,5'), cellArb),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('date,currency,rate_to_base', 'currency,date,rate_to_base,note', 'date,ccy,rate', '\uFEFFdate,currency,rate_to_base'), fc.array(rowArb, { maxLength: 15 }), chunkSizesArb, async (header, rows, sizes) => {
        countCase('readFxRates');
        const cols = header.replace('\uFEFF', '').split(',');
        const q = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
        const text = [header, ...rows.map(([d, c, r]) => cols.map((h) => q(h === 'date' ? d : h === 'currency' ? c : h === 'rate_to_base' ? r : 'n')).join(','))].join('\n');
        try {
          const rates = await bounded(() => readFxRates(chunks(Buffer.from(text), sizes), { source: 'fx.csv' }));
          for (const r of rates) {
            expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(Number(r.rateToBase)).toBeGreaterThan(0);
            expect(Number.isFinite(Number(r.rateToBase))).toBe(true);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(RuleSetError);
          expect((e as RuleSetError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
