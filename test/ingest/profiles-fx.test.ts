import { describe, expect, it } from 'vitest';
import { readProfiles } from '../../src/ingest/read-profiles.js';
import { readFxRates } from '../../src/ingest/fx.js';
import { RuleSetError } from '../../src/errors.js';
import { chunked } from './helpers.js';

describe('readProfiles', () => {
  it('reads the snake_case CSV into profiles keyed by customer id, rejecting bad rows with their line', async () => {
    const csv = [
      'customer_id,account_type,phone,email,address_line,address_city,address_postcode,address_country,occupation,declared_monthly_income,travels_for_work,expected_monthly_turnover,flags,opened_at,branch',
      'C1,personal,+447700900001,a@example.org,1 High St,Leeds,LS1 1AA,gb,cleaner,1200.00,no,1500,escorted|third_party_control,2025-11-02,Leeds',
      'C2,Business,,,,,,,,,,,,,',
      'C3,personal,,,,,,,,12k,,,,,',
      'C1,personal,,,,,,,,,,,,,',
      'C4,personal,,,,,,,,,maybe,,,,',
      'C5,personal,,,,,,,,,,,,2025-02-30,',
      'C6,personal',
    ].join('\n');
    const { profiles, rejected } = await readProfiles(chunked(csv), { source: 'profiles.csv' });
    expect(profiles.get('C1')).toEqual({
      customerId: 'C1', accountType: 'personal', phone: '+447700900001', email: 'a@example.org',
      address: { line: '1 High St', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
      occupation: 'cleaner', declaredMonthlyIncome: '1200.00', travelsForWork: false, expectedMonthlyTurnover: '1500',
      flags: ['escorted', 'third_party_control'], openedAt: '2025-11-02',
    });
    expect(profiles.get('C2')).toEqual({ customerId: 'C2', accountType: 'business' });
    expect([...profiles.keys()]).toEqual(['C1', 'C2']);
    expect(rejected.map((r) => [r.line, r.code, r.field])).toEqual([
      [4, 'invalid', 'declaredMonthlyIncome'],
      [5, 'duplicate', 'customerId'],
      [6, 'invalid', 'travelsForWork'],
      [7, 'invalid', 'openedAt'],
      [8, 'parse_error', '(row)'],
    ]);
  });

  it('reads NDJSON profiles', async () => {
    const { profiles, rejected } = await readProfiles(chunked('{"customerId":"C1","flags":["escorted"]}\n\n{"customerId":"C2","travelsForWork":"yes"}\n'), { format: 'ndjson' });
    expect([...profiles.keys()]).toEqual(['C1']);
    expect(rejected).toMatchObject([{ line: 3, field: 'travelsForWork' }]);
  });
});

describe('readFxRates', () => {
  it('reads date,currency,rate_to_base as exact decimal strings', async () => {
    const rates = await readFxRates(chunked('date,currency,rate_to_base\r\n2026-03-01,RON,0.1705\r\n2026-03-01,eur,0.8541\r\n'));
    expect(rates).toEqual([
      { date: '2026-03-01', currency: 'RON', rateToBase: '0.1705' },
      { date: '2026-03-01', currency: 'EUR', rateToBase: '0.8541' },
    ]);
  });

  it('fails the load listing every bad row with its line', async () => {
    const csv = 'date,currency,rate_to_base\n2026-03-01,RON,0.1705\n2026-02-30,RON,0.17\n2026-03-02,LEI,0.17\n2026-03-03,RON,0\n2026-03-01,RON,0.18\n2026-03-04,RON\n';
    const err = await readFxRates(chunked(csv), { source: 'fx.csv' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleSetError);
    expect((err as RuleSetError).prettify()).toMatchInlineSnapshot(`
      "✖ Invalid ISO date
        → at fx.csv:3: date
      ✖ unknown ISO 4217 currency code
        → at fx.csv:4: currency
      ✖ rate must be greater than zero
        → at fx.csv:5: rate_to_base
      ✖ a second rate for RON on 2026-03-01 (first on line 2)
        → at fx.csv:6: (root)
      ✖ expected 3 columns, found 2
        → at fx.csv:7: (root)"
    `);
  });
});
