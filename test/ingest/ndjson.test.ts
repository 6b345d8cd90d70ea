import { describe, expect, it } from 'vitest';
import { readNdjson, readObjects } from '../../src/ingest/read-ndjson.js';
import { parseJsonLine } from '../../src/ingest/parse-json-line.js';
import { chunked, collect, rejections, transactions } from './helpers.js';

const tx = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, timestamp: '2026-03-01T10:00:00Z', accountId: 'A1', direction: 'out', amount: '10.00', currency: 'GBP', channel: 'card', ...extra });

describe('readNdjson', () => {
  it('reads transactions, counts blank lines, locates bad lines', async () => {
    const text = ['\ufeff' + tx('t1'), '', tx('t2', { amount: '1,5' }), '{"id": "t3",', '   ', tx('t4', { merchant: { mcc: '7011' } }), '[1,2]', tx('t5')].join('\r\n');
    const s = readNdjson(chunked(text, [5, 11]), { source: 'tx.ndjson' });
    const records = await collect(s);
    expect(transactions(records).map((t) => t.id)).toEqual(['t1', 't4', 't5']);
    expect(rejections(records).map((r) => [r.line, r.code, r.field])).toEqual([
      [3, 'invalid', 'amount'],
      [4, 'parse_error', undefined],
      [7, 'invalid', '(root)'],
    ]);
    expect(rejections(records)[0]).toMatchObject({ value: '1,5', transactionId: 't2', source: 'tx.ndjson' });
    expect(s.stats).toMatchObject({ rowsRead: 6, rowsAccepted: 3, rowsRejected: 3, blankLines: 2 });
  });

  it('refuses __proto__ keys at any depth, also when unicode-escaped, without polluting prototypes', async () => {
    const lines = [
      tx('p1').replace('{', '{"__proto__":{"polluted":true},'),
      tx('p2', { counterparty: JSON.parse('{"__proto__":{"polluted":true}}') }),
      tx('p3').replace('{', '{"\\u005f_proto__":{"polluted":true},'),
      tx('p4').replace('{', '{"constructor":{"prototype":{"polluted":true}},'),
    ].join('\n');
    const records = await collect(readNdjson(chunked(lines)));
    expect(rejections(records).map((r) => [r.line, r.code, r.field])).toEqual([
      [1, 'invalid', '__proto__'],
      [2, 'invalid', '__proto__'],
      [3, 'invalid', '__proto__'],
      [4, 'invalid', 'prototype'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseJsonLine('{"a":{"b":1}}')).toEqual({ ok: true, value: { a: { b: 1 } } });
  });

  it('rejects an over-long line without holding it, and goes on', async () => {
    const long = `{"id":"${'x'.repeat(5000)}"}`;
    const records = await collect(readNdjson(chunked([tx('t1'), long, tx('t2')].join('\n'), [100]), { maxLineLength: 1000 }));
    expect(records.map((r) => (r.kind === 'transaction' ? r.transaction.id : `${r.rejection.line}:${r.rejection.message}`))).toEqual(['t1', '2:line is longer than 1000 characters; skipped', 't2']);
  });

  it('validates in-memory objects through the same path', async () => {
    const s = readObjects([JSON.parse(tx('o1')), { id: 'o2' }]);
    const records = await collect(s);
    expect(records.map((r) => r.kind)).toEqual(['transaction', 'rejected']);
    expect(s.stats).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
  });
});
