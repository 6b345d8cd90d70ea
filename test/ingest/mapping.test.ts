import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAPPING, loadMapping, parseMapping, MappingSchema } from '../../src/ingest/mapping.js';
import { RuleSetError } from '../../src/errors.js';

const EXAMPLES = ['banca-exemplu', 'uk-signed', 'saml-d'].map((n) => `examples/data/mappings/${n}.json`);

describe('mapping files', () => {
  it.each(EXAMPLES)('%s loads and round-trips through JSON unchanged', (file) => {
    const m = loadMapping(file);
    const again = parseMapping(JSON.parse(JSON.stringify(m)), file);
    expect(again).toEqual(m);
  });

  it('fills defaults for the canonical mapping', () => {
    expect(DEFAULT_MAPPING).toMatchObject({ delimiter: ',', quote: '"', decimalSeparator: '.', thousandsSeparator: null, dateFormat: 'iso', timeZone: 'UTC', twoSided: null });
    expect(DEFAULT_MAPPING.columns.accountId).toBe('account_id');
    expect(DEFAULT_MAPPING.columns['location.terminalId']).toBe('terminal_id');
    expect(MappingSchema.safeParse(JSON.parse(JSON.stringify(DEFAULT_MAPPING))).success).toBe(true);
  });

  it('reports every problem at once, with file and JSON path', () => {
    const bad = {
      type: 'mapping',
      name: 'broken',
      decimalSeparator: ',',
      thousandsSeparator: ',',
      dateFormat: 'dd/MM/yy HH:mm',
      timeZone: 'Europe/Bucharets',
      columns: { timestamp: 'Data', amount: 'Suma', 'merchant.mcc': 'MCC', amout: 'x' },
      values: { direction: { D: 'out', d: 'debit' }, channel: { POS: 'pos' } },
      constants: { currency: 'LEI', 'merchant.mcc': '7011' },
    };
    let err: unknown;
    try {
      parseMapping(bad, 'bank.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuleSetError);
    expect((err as RuleSetError).issues.every((i) => i.file === 'bank.json')).toBe(true);
    expect((err as RuleSetError).prettify()).toMatchInlineSnapshot(`
      "✖ unknown IANA time zone
        → at bank.json: timeZone
      ✖ unknown field "amout"
        → at bank.json: columns
      ✖ no column or constant for the required field "channel"
        → at bank.json: columns.channel
      ✖ no column or constant for the required field "accountId"
        → at bank.json: columns.accountId
      ✖ no column or constant for "direction" (or set "signedAmount": true)
        → at bank.json: columns.direction
      ✖ unknown ISO 4217 currency code "LEI"
        → at bank.json: constants.currency
      ✖ "merchant.mcc" is both a column and a constant
        → at bank.json: constants["merchant.mcc"]
      ✖ "d" and "D" are the same value (value maps ignore case)
        → at bank.json: values.direction.d
      ✖ unknown direction "debit" (expected in or out)
        → at bank.json: values.direction.d
      ✖ unknown channel "pos" (expected one of card, transfer, instant, cash, atm, msb, direct_debit, cheque, other)
        → at bank.json: values.channel.POS
      ✖ unsupported token "yy" at 6 (allowed: yyyy, MM, M, dd, d, HH, H, mm, ss, SSS, 'T' and / - . : , space)
        → at bank.json: dateFormat
      ✖ the thousands separator cannot also be the decimal separator
        → at bank.json: thousandsSeparator"
    `);
  });

  it('rejects two-sided mappings that also map account columns', () => {
    expect(() =>
      parseMapping({
        type: 'mapping',
        name: 'x',
        columns: { timestamp: 't', amount: 'a', currency: 'c', channel: 'ch', accountId: 'acct' },
        twoSided: { payer: { accountId: 'S' }, payee: { accountId: 'R' }, monitoredAccounts: ['1'], monitoredAccountsFile: 'm.txt' },
      }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [RuleSetError: Invalid mapping file: 2 problems
      ✖ "accountId" comes from twoSided.payer/payee in a two-sided mapping
        → at columns.accountId
      ✖ give monitoredAccounts or monitoredAccountsFile, not both
        → at twoSided.monitoredAccountsFile]
    `);
  });

  it('reports unreadable files and bad JSON as issues of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapping-'));
    const f = join(dir, 'bad.json');
    writeFileSync(f, '{ "type": "mapping", ');
    expect(() => loadMapping(f)).toThrow(RuleSetError);
    expect(() => loadMapping(join(dir, 'missing.json'))).toThrow(/cannot read the file/);
  });

  it('reads monitoredAccountsFile relative to the mapping file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapping-'));
    writeFileSync(join(dir, 'accounts.txt'), '# monitored\nA1\r\n\nA2\n');
    writeFileSync(
      join(dir, 'm.json'),
      JSON.stringify({ type: 'mapping', name: 'x', columns: { timestamp: 't', amount: 'a', currency: 'c', channel: 'ch' }, twoSided: { payer: { accountId: 'S' }, payee: { accountId: 'R' }, monitoredAccountsFile: 'accounts.txt' } }),
    );
    expect(loadMapping(join(dir, 'm.json')).twoSided?.monitoredAccounts).toEqual(['A1', 'A2']);
  });
});
