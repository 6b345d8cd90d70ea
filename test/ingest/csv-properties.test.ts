import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCsv } from '../../src/ingest/read-csv.js';
import { loadMapping } from '../../src/ingest/mapping.js';
import { toCsvRow } from '../../src/report/csv-output.js';
import { chunked, collect } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const HEADER = ['id', 'timestamp', 'account_id', 'direction', 'amount', 'currency', 'channel', 'reference'];

const goodRow = fc.record({
  account: fc.constantFrom('A1', 'A2', 'B7'),
  direction: fc.constantFrom('in', 'out', 'OUT'),
  amount: fc.tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`),
  currency: fc.constantFrom('GBP', 'RON', 'eur'),
  channel: fc.constantFrom('card', 'transfer', 'atm', 'Cash'),
  minute: fc.integer({ min: 0, max: 59 }),
  // references with delimiters, quotes and line breaks force quoting and multi-line rows
  reference: fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'three\r\nline\rends', ' padded ')),
});

type Broken = 'columns' | 'date' | 'amount' | 'currency' | 'channel' | 'account' | 'quote' | 'negative';
const brokenKind = fc.constantFrom<Broken>('columns', 'date', 'amount', 'currency', 'channel', 'account', 'quote', 'negative');

type Good = { account: string; direction: string; amount: string; currency: string; channel: string; minute: number; reference: string };

function renderGood(g: Good, id: string): string {
  return toCsvRow([id, `2026-03-01T10:${String(g.minute).padStart(2, '0')}:00Z`, g.account, g.direction, g.amount, g.currency, g.channel, g.reference]).replace(/^'/, '');
}

function renderBroken(kind: Broken, id: string): string {
  const ok = [id, '2026-03-01T10:00:00Z', 'A1', 'out', '10.00', 'GBP', 'card', 'x'];
  const set = (k: number, v: string) => toCsvRow(ok.map((c, i) => (i === k ? v : c)));
  switch (kind) {
    case 'columns':
      return `${ok.slice(0, 5).join(',')}\n`;
    case 'date':
      return set(1, '31/02/2026 10:00');
    case 'amount':
      return set(4, '1.2.3');
    case 'currency':
      return set(5, 'ZZZ');
    case 'channel':
      return set(6, 'teleport');
    case 'account':
      return set(2, '');
    case 'quote':
      return `${ok.slice(0, 7).join(',')},"x"y\n`;
    case 'negative':
      return set(4, '-4.00');
  }
}

const rowsArb = fc.array(fc.oneof(goodRow.map((g) => ({ good: g as Good })), brokenKind.map((b) => ({ broken: b as Broken })), fc.constant({ blank: true as const })), { maxLength: 40 });

function physicalLines(s: string): number {
  return s.split(/\r\n|\r|\n/).length - 1;
}

describe('CSV ingest properties', () => {
  it('counts reconcile, bad rows are located, and good rows give the same transactions with or without bad ones', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }), async (rows, sizes) => {
        let mixed = `${HEADER.join(',')}\n`;
        let goodOnly = `${HEADER.join(',')}\n`;
        let line = 2;
        const expectedBad: number[] = [];
        let dataRows = 0;
        rows.forEach((r, i) => {
          if ('blank' in r) {
            mixed += '\n';
            line++;
            return;
          }
          dataRows++;
          const text = 'good' in r ? renderGood(r.good, `g${i}`) : renderBroken(r.broken, `b${i}`);
          if ('good' in r) goodOnly += text;
          else expectedBad.push(line);
          mixed += text;
          line += physicalLines(text);
        });
        const s = readCsv(chunked(mixed, sizes));
        const records = await collect(s);
        expect(s.stats.rowsRead).toBe(dataRows);
        expect(s.stats.rowsAccepted + s.stats.rowsRejected).toBe(s.stats.rowsRead);
        expect(s.stats.transactions + s.stats.rowsRejected).toBe(dataRows);
        expect(records.filter((r) => r.kind === 'rejected').map((r) => (r.kind === 'rejected' ? r.rejection.line : 0))).toEqual(expectedBad);
        const alone = await collect(readCsv(chunked(goodOnly)));
        const tx = (rs: typeof records) => rs.flatMap((r) => (r.kind === 'transaction' ? [r.transaction] : []));
        expect(tx(records)).toEqual(tx(alone));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same records however the bytes are chunked', async () => {
    const mapping = loadMapping('examples/data/mappings/banca-exemplu.json');
    const header = 'Referinta;Data;Cont;Client;Tip;Suma;Moneda;Canal;Beneficiar;Cont beneficiar;Tara beneficiar;MCC;Comerciant;Oras;Detalii\r\n';
    const body = [
      'R1;01/03/2026 21:15;RO01;C1;D;1.234,56;RON;POS;;;;7011;Hotel Ş;Cluj-Napoca;"cazare ""lux""\r\n2 nopți"',
      'R2;01/03/2026 21:16;RO01;C1;D;12,00;RON;ATM;;;;;;;€ retragere',
      'R3;01/03/2026 21:17;RO01;C1;X;12,00;RON;ATM;;;;;;;',
      '',
      'R4;02/03/2026 08:00;RO01;C1;C;3.000,00;EUR;OP;Firma SRL;RO49AAAA;RO;;;;"salariu;\rmartie"',
      'R5;02/03/2026 08:00;RO01;C1;C;3.000,00;EUR;OP;Firma SRL;RO49AAAA;RO;;;;"x"y',
    ].join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header + body, 'utf8')]);
    const reference = await collect(readCsv(chunked(bytes, [bytes.length]), { mapping }));
    expect(reference.map((r) => r.kind)).toEqual(['transaction', 'transaction', 'rejected', 'transaction', 'rejected']);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), async (sizes) => {
        expect(await collect(readCsv(chunked(bytes, sizes), { mapping }))).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });
});
