import { describe, expect, it } from 'vitest';
import { createPseudonymiser } from '../../src/privacy/pseudonymise.js';
import { validateTransaction } from '../../src/index.js';

const p = createPseudonymiser(Buffer.from('a test key that is long enough'));
const base = { id: 't1', timestamp: '2026-03-01T10:00:00Z', accountId: 'ACC-SECRET', customerId: 'CUST-SECRET', direction: 'out', amount: '1.00', currency: 'GBP', channel: 'card' };

describe('pseudonymised rejections', () => {
  it('withhold values of object-level problems that could quote identifiers', () => {
    const v = validateTransaction({ ...base, counterparty: { id: 'CP-SECRET', name: 'Jane Victim', iban: 'X' } });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(JSON.stringify(v.rejection)).toContain('Jane Victim');
    const out = p.rejection(v.rejection);
    expect(JSON.stringify(out)).not.toMatch(/SECRET|Jane Victim/);
    expect(out.field).toBe(v.rejection.field);
  });

  it('withhold values under keys such as constructor, and unknown fields', () => {
    const out = p.rejection({ code: 'invalid', message: 'forbidden key', field: 'constructor', value: JSON.stringify(base) });
    expect(out.value).toBeUndefined();
  });

  it('pseudonymise identifying fields and keep harmless ones', () => {
    expect(p.rejection({ code: 'invalid', message: 'accountId: too long', field: 'accountId', value: 'ACC-SECRET' }).value).toMatch(/^ps_[0-9a-f]{16}$/);
    expect(p.rejection({ code: 'invalid', message: 'amount: bad', field: 'amount', value: '12,50' }).value).toBe('12,50');
  });
});

describe('pseudonymised explanations', () => {
  const hit = {
    ruleId: 'r', ruleVersion: '1.0.0', title: 'T', scope: { field: 'device.id', key: 'D7' }, at: '2026-03-07T00:00:00.000Z',
    triggeringTransactionId: 't9', window: { from: '2026-02-05T00:00:00.000Z', to: '2026-03-07T00:00:00.000Z' }, measures: {}, trigger: [],
    transactionIds: [], transactionIdsTruncated: false, accounts: ['A7', 'A77', '07'], customers: [], sources: [],
    text: 'Device D7 was used by accounts A7 and A77 in the 7 days to 2026-03-07.',
  };

  it('replace whole identifiers only, never parts of longer ids or of dates', () => {
    const out = p.hit(hit);
    expect(out.text).toBe(`Device ${p.id('D7')} was used by accounts ${p.id('A7')} and ${p.id('A77')} in the 7 days to 2026-03-07.`);
    expect(out.scope.key).toBe(p.id('D7'));
    expect(out.accounts).toEqual([p.id('A7'), p.id('A77'), p.id('07')]);
  });
});
