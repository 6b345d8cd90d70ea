import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMapping, parseMapping } from '../../src/ingest/mapping.js';
import { readCsv } from '../../src/ingest/read-csv.js';
import { readTransactions } from '../../src/ingest/read-transactions.js';
import { RuleSetError } from '../../src/errors.js';
import { chunked, collect, rejections, transactions } from './helpers.js';

const HEADER = 'id,timestamp,account_id,direction,amount,currency,channel,merchant_mcc,counterparty_country,reference,flags';

describe('readCsv with the default mapping', () => {
  it('reads canonical snake_case rows; empty cells are absent fields', async () => {
    const csv = `${HEADER}\nt1,2026-03-01T21:15:00Z,A1,out,89.00,GBP,card,7011,,,escorted|cash_heavy\nt2,2026-03-01T22:00:00+01:00,A1,in,5,EUR,transfer,,FR,rent,\n`;
    const s = readCsv(chunked(csv), { source: 'x.csv' });
    const records = await collect(s);
    expect(records).toEqual([
      {
        kind: 'transaction',
        line: 2,
        source: 'x.csv',
        transaction: { id: 't1', timestamp: '2026-03-01T21:15:00Z', accountId: 'A1', direction: 'out', amount: '89.00', currency: 'GBP', channel: 'card', merchant: { mcc: '7011' }, flags: ['escorted', 'cash_heavy'] },
      },
      {
        kind: 'transaction',
        line: 3,
        source: 'x.csv',
        transaction: { id: 't2', timestamp: '2026-03-01T22:00:00+01:00', accountId: 'A1', direction: 'in', amount: '5', currency: 'EUR', channel: 'transfer', counterparty: { country: 'FR' }, reference: 'rent' },
      },
    ]);
    expect(s.stats).toMatchObject({ rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, transactions: 2 });
    expect(s.stats.missingColumns).toContain('customer_id');
  });

  it('reports every rejection reason with the physical line where the row starts', async () => {
    const csv = [
      HEADER, // 1
      't1,2026-03-01T10:00:00Z,A1,out,10.00,GBP,card,,,"a reference', // 2
      'over two lines",', // 3
      't2,2026-03-01T10:00:00Z,A1,out,10.00,GBP,card', // 4 wrong column count
      't3,01/03/2026,A1,out,10.00,GBP,card,,,,', // 5 bad date
      't4,2026-03-01T10:00:00Z,A1,out,"1,000.00",GBP,card,,,,', // 6 bad amount
      't5,2026-03-01T10:00:00Z,A1,out,10.00,XYZ,card,,,,', // 7 unknown currency
      't6,2026-03-01T10:00:00Z,A1,out,10.00,GBP,pos,,,,', // 8 unknown channel
      't7,2026-03-01T10:00:00Z,,out,10.00,GBP,card,,,,', // 9 missing account
      '', // 10 blank
      't8,2026-03-01T10:00:00Z,A1,sideways,10.00,GBP,card,,,,', // 11 bad direction
      't9,2026-03-01T10:00:00Z,A1,out,"10"x,GBP,card,,,,', // 12 bad quoting
      't10,2026-03-01T10:00:00Z,A1,out,0.00,GBP,card,,,,', // 13 zero amount
      't11,2026-03-01T10:00:00Z,A1,out,-5.00,GBP,card,,,,', // 14 negative without signedAmount
      't12,2026-03-01T10:00:00Z,A1,out,5.00,GBP,card,,GBR,,', // 15 bad country
      't13,2026-03-01T10:00:00Z,A1,out,5.00,GBP,card,,,,', // 16 good
      't14,2026-03-01T10:00:00Z,A1,out,5.00,GBP,card,,,"never closed,', // 17 unterminated
      't15,2026-03-01T10:00:00Z,A1,out,5.00,GBP,card,,,,', // 18 swallowed
    ].join('\r\n');
    const s = readCsv(chunked(csv, [7, 3, 50]));
    const records = await collect(s);
    expect(transactions(records).map((t) => t.id)).toEqual(['t1', 't13']);
    expect(transactions(records)[0]!.reference).toBe('a reference\r\nover two lines');
    expect(rejections(records).map((r) => [r.line, r.code, r.field, r.value, r.message])).toMatchInlineSnapshot(`
      [
        [
          4,
          "parse_error",
          "(row)",
          "t2,2026-03-01T10:00:00Z,A1,out,10.00,GBP,card",
          "expected 11 columns as in the header, found 7",
        ],
        [
          5,
          "invalid",
          "timestamp",
          "01/03/2026",
          "timestamp (column "timestamp"): not an ISO-8601 date-time (e.g. 2026-03-01T21:15:00+02:00)",
        ],
        [
          6,
          "invalid",
          "amount",
          "1,000.00",
          "amount (column "amount"): not an amount in the "1234.56" style",
        ],
        [
          7,
          "invalid",
          "currency",
          "XYZ",
          "currency (column "currency"): unknown ISO 4217 currency code "XYZ"",
        ],
        [
          8,
          "invalid",
          "channel",
          "pos",
          "channel (column "channel"): unknown channel "pos" (expected one of card, transfer, instant, cash, atm, msb, direct_debit, cheque, other)",
        ],
        [
          9,
          "invalid",
          "accountId",
          "",
          "accountId (column "account_id"): required value is empty",
        ],
        [
          11,
          "invalid",
          "direction",
          "sideways",
          "direction (column "direction"): unknown direction "sideways" (expected in or out)",
        ],
        [
          12,
          "parse_error",
          "(row)",
          "t9,2026-03-01T10:00:00Z,A1,out,10x,GBP,card,,,,",
          "unexpected character "x" after a closing quote on line 12",
        ],
        [
          13,
          "invalid",
          "amount",
          "0.00",
          "amount (column "amount"): amount must be greater than zero",
        ],
        [
          14,
          "invalid",
          "amount",
          "-5.00",
          "amount (column "amount"): negative amount (set "signedAmount": true if the sign gives the direction)",
        ],
        [
          15,
          "invalid",
          "counterparty.country",
          "GBR",
          "counterparty.country (column "counterparty_country"): "GBR" is not an ISO 3166-1 alpha-2 country code such as "GB"",
        ],
        [
          17,
          "parse_error",
          "(row)",
          "t14,2026-03-01T10:00:00Z,A1,out,5.00,GBP,card,,,never closed,
      t15,2026-03-01T10:00:00Z,A1,out,5.00,GBP,card,,,,",
          "quoted cell opened on line 17 is not closed before the end of the input (lines 17–18 read as one row)",
        ],
      ]
    `);
    expect(s.stats).toMatchObject({ rowsRead: 14, rowsAccepted: 2, rowsRejected: 12, blankLines: 1, transactions: 2 });
    expect(s.stats.rowsRead).toBe(s.stats.rowsAccepted + s.stats.rowsRejected + s.stats.rowsSkipped);
  });

  it('strips a UTF-8 BOM and accepts CRLF, LF and CR line ends (also split across chunks)', async () => {
    const body = `${HEADER}\r\nt1,2026-03-01T10:00:00Z,A1,out,1,GBP,card,,,,\rt2,2026-03-01T10:00:00Z,A1,out,2,GBP,card,,,,\nt3,2026-03-01T10:00:00Z,A1,out,3,GBP,card,,,,\r\n`;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]);
    for (const sizes of [[1], [2], [3], [1000]]) {
      const records = await collect(readCsv(chunked(bytes, sizes)));
      expect(records.map((r) => (r.kind === 'transaction' ? [r.line, r.transaction.id] : r.rejection))).toEqual([
        [2, 't1'],
        [3, 't2'],
        [4, 't3'],
      ]);
    }
  });

  it('throws a located error when the header lacks a required column', async () => {
    const s = readCsv(chunked('id,timestamp,account_id,amount,currency,channel\n'), { source: 'bank.csv' });
    await expect(collect(s)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [RuleSetError: Invalid mapping for bank.csv: 1 problem
      ✖ column "direction" is not in the header of bank.csv
        → at columns.direction]
    `);
  });

  it('guesses the format from the extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ingest-'));
    const f = join(dir, 'tx.csv');
    writeFileSync(f, `${HEADER}\nt1,2026-03-01T10:00:00Z,A1,out,1,GBP,card,,,,\n`);
    const records = await collect(readTransactions(f));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'transaction', source: f, line: 2 });
  });
});

describe('readCsv with bank mappings', () => {
  it('Banca Exemplu: 1.234,56 amounts, dd/MM/yyyy in Bucharest, D/C and channel codes (any case)', async () => {
    const mapping = loadMapping('examples/data/mappings/banca-exemplu.json');
    const csv =
      'Referinta;Data;Cont;Client;Tip;Suma;Moneda;Canal;Beneficiar;Cont beneficiar;Tara beneficiar;MCC;Comerciant;Oras;Detalii\n' +
      'R1;29/03/2026 02:30;RO01;C1;d;1.234,56;ron;pos;;;;742;Hotel Central;Cluj;"cazare; 2 nopti"\n' +
      'R2;29/03/2026 04:30;RO01;C1;C;2.500,00;RON;OP;Ion Popescu;RO99;ro;;;;salariu\n' +
      'R3;29/03/2026 03:30;RO01;C1;C;1,00;RON;OP;;;;;;;gap\n';
    const records = await collect(readCsv(chunked(csv), { mapping }));
    expect(transactions(records)).toEqual([
      { id: 'R1', timestamp: '2026-03-29T02:30:00+02:00', accountId: 'RO01', customerId: 'C1', direction: 'out', amount: '1234.56', currency: 'RON', channel: 'card', merchant: { mcc: '0742', name: 'Hotel Central', city: 'Cluj' }, reference: 'cazare; 2 nopti' },
      { id: 'R2', timestamp: '2026-03-29T04:30:00+03:00', accountId: 'RO01', customerId: 'C1', direction: 'in', amount: '2500.00', currency: 'RON', channel: 'transfer', counterparty: { name: 'Ion Popescu', account: 'RO99', country: 'RO' }, reference: 'salariu' },
    ]);
    expect(rejections(records)).toEqual([
      { code: 'invalid', field: 'timestamp', line: 4, value: '29/03/2026 03:30', transactionId: 'R3', message: 'timestamp (column "Data"): 2026-03-29T03:30:00 does not exist in Europe/Bucharest (the clocks went forward)' },
    ]);
  });

  it('UK signed amounts: the sign gives the direction, 1,234.56 style, constant currency', async () => {
    const mapping = loadMapping('examples/data/mappings/uk-signed.json');
    const csv = 'Transaction ID,Posted,Account,Amount,Type,Description,MCC\nu1,2026/07/01 23:30,GB1,"-1,250.00",Card payment,PREMIER INN,7011\nu2,2026/07/02 09:00,GB1,"3,000.00",BACS,ACME LTD SALARY,\n';
    const tx = transactions(await collect(readCsv(chunked(csv), { mapping })));
    expect(tx.map((t) => [t.id, t.direction, t.amount, t.currency, t.channel, t.timestamp])).toEqual([
      ['u1', 'out', '1250.00', 'GBP', 'card', '2026-07-01T23:30:00+01:00'],
      ['u2', 'in', '3000.00', 'GBP', 'transfer', '2026-07-02T09:00:00+01:00'],
    ]);
  });
});

describe('two-sided payment rows', () => {
  const csv =
    'Time,Date,Sender_account,Receiver_account,Amount,Payment_currency,Received_currency,Sender_bank_location,Receiver_bank_location,Payment_type,Is_laundering,Laundering_type\n' +
    '10:35:19,2022-10-07,8724731955,2769355426,1459.15,UK pounds,UK pounds,UK,UK,Cash Deposit,0,Normal_Cash_Deposits\n' +
    '10:35:20,2022-10-07,1491989064,8401255335,6019.64,UK pounds,Dirham,UK,UAE,Cross-border,0,Normal_Fan_Out\n' +
    '10:35:20,2022-10-07,287305149,4404767002,14.12,UK pounds,UK pounds,Mars,UK,Cheque,0,Normal_Small_Fan_Out\n';

  it('expands each row into an out for the payer and an in for the payee', async () => {
    const mapping = loadMapping('examples/data/mappings/saml-d.json');
    const s = readCsv(chunked(csv), { mapping });
    const records = await collect(s);
    expect(transactions(records).slice(0, 2)).toEqual([
      { id: 'samld-L2:out', timestamp: '2022-10-07T10:35:19+01:00', accountId: '8724731955', direction: 'out', amount: '1459.15', currency: 'GBP', channel: 'cash', counterparty: { account: '2769355426', country: 'GB' } },
      { id: 'samld-L2:in', timestamp: '2022-10-07T10:35:19+01:00', accountId: '2769355426', direction: 'in', amount: '1459.15', currency: 'GBP', channel: 'cash', counterparty: { account: '8724731955', country: 'GB' } },
    ]);
    expect(transactions(records)[3]).toMatchObject({ id: 'samld-L3:in', accountId: '8401255335', counterparty: { account: '1491989064', country: 'GB' } });
    expect(transactions(records)[2]).toMatchObject({ id: 'samld-L3:out', counterparty: { country: 'AE' } });
    expect(rejections(records)).toEqual([
      { code: 'invalid', line: 4, field: 'payer.country', value: 'Mars', transactionId: 'samld-L4', message: 'payer.country (column "Sender_bank_location"): "MARS" is not an ISO 3166-1 alpha-2 country code such as "GB"; not in values["counterparty.country"]' },
    ]);
    expect(s.stats).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsRejected: 1, transactions: 4 });
  });

  it('only for monitored accounts; rows with no monitored party are skipped and counted', async () => {
    const base = loadMapping('examples/data/mappings/saml-d.json');
    const mapping = parseMapping({ ...base, twoSided: { ...base.twoSided!, monitoredAccounts: ['2769355426', '1491989064'] } });
    const s = readCsv(chunked(csv), { mapping });
    const records = await collect(s);
    expect(transactions(records).map((t) => t.id)).toEqual(['samld-L2:in', 'samld-L3:out']);
    expect(s.stats).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsRejected: 1, rowsSkipped: 0, transactions: 2 });
    const only = parseMapping({ ...base, twoSided: { ...base.twoSided!, monitoredAccounts: ['nobody'] } });
    const s2 = readCsv(chunked(csv), { mapping: only });
    await collect(s2);
    expect(s2.stats).toMatchObject({ rowsRead: 3, rowsAccepted: 0, rowsRejected: 1, rowsSkipped: 2, transactions: 0 });
  });
});
