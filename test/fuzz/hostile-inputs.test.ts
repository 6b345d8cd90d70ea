/**
 * Hand-picked hostile inputs for the readers and the screener: encodings, BOM, CRLF, embedded quotes and
 * newlines, huge fields, very many columns, deep JSON, numbers like 1e309 / -0 / NaN, impossible dates.
 * Each names what must happen. Regression tests for crashes the fuzz suites found are marked "regression".
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/compile/load-rules.js';
import { createScreener } from '../../src/engine/screener.js';
import { parseMapping } from '../../src/ingest/mapping.js';
import { readCsv } from '../../src/ingest/read-csv.js';
import { readNdjson } from '../../src/ingest/read-ndjson.js';
import { readProfiles } from '../../src/ingest/read-profiles.js';
import type { IngestRecord } from '../../src/ingest/types.js';
import { chunks, encodeCp1250 } from './fuzz-helpers.js';

const HEADER = 'id,timestamp,account_id,direction,amount,currency,channel,merchant_name,reference';
const row = (id: string, over: Partial<Record<'amount' | 'timestamp' | 'merchant' | 'reference', string>> = {}) =>
  `${id},${over.timestamp ?? '2026-03-01T10:00:00Z'},A1,out,${over.amount ?? '12.50'},GBP,card,${over.merchant ?? 'Shop'},${over.reference ?? ''}`;

async function all(stream: AsyncIterable<IngestRecord>): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  for await (const r of stream) out.push(r);
  return out;
}

const rejected = (rs: IngestRecord[]) => rs.flatMap((r) => (r.kind === 'rejected' ? [r.rejection] : []));
const accepted = (rs: IngestRecord[]) => rs.flatMap((r) => (r.kind === 'transaction' ? [r.transaction] : []));

describe('hostile CSV', () => {
  it('UTF-8 BOM and CRLF line ends: the header is found, rows are read', async () => {
    const text = `\uFEFF${HEADER}\r\n${row('t1')}\r\n${row('t2')}\r\n`;
    const rs = await all(readCsv(chunks(Buffer.from(text), [1])));
    expect(accepted(rs).map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('Windows-1250 bytes (Romanian ş ţ ă) decode with encoding "windows-1250", and do not crash as UTF-8', async () => {
    const text = `${HEADER}\n${row('t1', { merchant: 'Hotel Braşov Ţară' })}\n`;
    const bytes = encodeCp1250(text);
    const mapping = parseMapping({ type: 'mapping', name: 'ro', encoding: 'windows-1250', columns: { id: 'id', timestamp: 'timestamp', accountId: 'account_id', direction: 'direction', amount: 'amount', currency: 'currency', channel: 'channel', 'merchant.name': 'merchant_name' } });
    const good = accepted(await all(readCsv(chunks(bytes, [3]), { mapping })));
    expect(good[0]?.merchant?.name).toBe('Hotel Braşov Ţară');
    // read with the wrong encoding: replacement characters, but the row still goes through (or is rejected), no crash
    const wrong = await all(readCsv(chunks(bytes, [3])));
    expect(wrong).toHaveLength(1);
  });

  it('embedded quotes and newlines keep physical line numbers right', async () => {
    const text = `${HEADER}\n${row('t1', { reference: '"say ""hi""\nsecond line"' })}\n${row('t2', { amount: 'x' })}\n`;
    const rs = await all(readCsv(Readable.from([text])));
    expect(accepted(rs)[0]?.reference).toBe('say "hi"\nsecond line');
    expect(rejected(rs)[0]).toMatchObject({ line: 4, field: 'amount' });
  });

  it('a 5 MB field is rejected quickly as too long, and the next row is still read', async () => {
    const text = `${HEADER}\n${row('t1', { merchant: 'M'.repeat(5_000_000) })}\n${row('t2')}\n`;
    const t0 = performance.now();
    const rs = await all(readCsv(chunks(Buffer.from(text), [65_536])));
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(rejected(rs)[0]).toMatchObject({ code: 'parse_error', line: 2 });
    expect(rejected(rs)[0]!.message).toMatch(/longer than 1048576/);
    expect(accepted(rs).map((t) => t.id)).toEqual(['t2']);
  });

  it('very many columns: a 100,000-column header works; a 2,000,000-cell row is rejected as too long', async () => {
    const extra = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    const text = `${HEADER},${extra.join(',')}\n${row('t1')},${extra.map(() => '').join(',')}\n${row('t2')}${','.repeat(2_000_000)}\n`;
    const rs = await all(readCsv(Readable.from([text])));
    expect(accepted(rs).map((t) => t.id)).toEqual(['t1']);
    expect(rejected(rs)[0]).toMatchObject({ code: 'parse_error', line: 3 });
  });

  it.each([
    ['1e309', 'amount'], ['-0', 'amount'], ['NaN', 'amount'], ['Infinity', 'amount'], ['0', 'amount'], ['0.000', 'amount'], ['1.123456789', 'amount'],
  ])('amount %s is rejected with a reason', async (amount, field) => {
    const rs = await all(readCsv(Readable.from([`${HEADER}\n${row('t1', { amount })}\n`])));
    expect(rejected(rs)[0]).toMatchObject({ field, line: 2 });
  });

  it.each(['2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:00+25:00', '2026-03-01T10:00:00+25', '1e309', 'NaN', ''])('timestamp %j is rejected with a reason', async (timestamp) => {
    const rs = await all(readCsv(Readable.from([`${HEADER}\n${row('t1', { timestamp })}\n`])));
    expect(rejected(rs)[0]).toMatchObject({ field: 'timestamp', line: 2 });
  });

  it('an unterminated quote at the end of a truncated file is one rejection, not a crash', async () => {
    const rs = await all(readCsv(Readable.from([`${HEADER}\n${row('t1')}\nt2,"2026-03-01T10:00:00Z,A1,out,1`])));
    expect(accepted(rs)).toHaveLength(1);
    expect(rejected(rs)[0]).toMatchObject({ code: 'parse_error', line: 3 });
  });
});

describe('hostile NDJSON', () => {
  it('regression: a line of 100,000 nested arrays is a parse_error, not a stack overflow that ends the run', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const rs = await all(readNdjson(Readable.from([`{"id":${deep}}\n${deep}\n{"id":"t1"}\n`])));
    expect(rs).toHaveLength(3);
    expect(rejected(rs)[0]).toMatchObject({ code: 'parse_error', line: 1 });
    expect(rejected(rs)[0]!.message).toMatch(/nested deeper than 64/);
    expect(rejected(rs)[1]).toMatchObject({ code: 'parse_error', line: 2 });
    expect(rejected(rs)[2]).toMatchObject({ code: 'invalid', line: 3 });
  });

  it('regression: the same for profiles in NDJSON', async () => {
    const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    const { profiles, rejected: rej } = await readProfiles(Readable.from([`{"customerId":${deep}}\n{"customerId":"C1"}\n`]), { format: 'ndjson' });
    expect(profiles.has('C1')).toBe(true);
    expect(rej[0]).toMatchObject({ code: 'parse_error', line: 1 });
  });

  it('brackets inside strings do not count as nesting', async () => {
    const tx = { id: 't1', timestamp: '2026-03-01T10:00:00Z', accountId: 'A1', direction: 'out', amount: '1.00', currency: 'GBP', channel: 'card', reference: '[[[[{{{{'.repeat(40) };
    const rs = await all(readNdjson(Readable.from([`${JSON.stringify(tx)}\n`])));
    expect(accepted(rs)).toHaveLength(1);
  });

  it('1e309 (Infinity), -0 and a 3 MB line without a newline are rejected with reasons', async () => {
    const base = '{"id":"t1","timestamp":"2026-03-01T10:00:00Z","accountId":"A1","direction":"out","currency":"GBP","channel":"card","amount":';
    const rs = await all(readNdjson(Readable.from([`${base}1e309}\n${base}-0}\n${'x'.repeat(3_000_000)}`])));
    expect(rejected(rs).map((r) => [r.line, r.code])).toEqual([[1, 'invalid'], [2, 'invalid'], [3, 'parse_error']]);
  });
});

describe('hostile objects pushed into the screener (validate: true)', () => {
  const rules = loadRules();
  const tx = { id: 't1', timestamp: '2026-03-01T10:00:00Z', accountId: 'A1', direction: 'out', amount: '1.00', currency: 'GBP', channel: 'card' };

  it('a 1 MB merchant name is rejected by validation, fast; with validation off, keyword matching reads a bounded prefix', () => {
    const s = createScreener({ rules });
    const t0 = performance.now();
    const ev = s.push({ ...tx, merchant: { name: 'Hotel '.repeat(200_000) } });
    expect(ev[0]).toMatchObject({ type: 'rejected', rejection: { field: 'merchant.name' } });
    const trusted = createScreener({ rules, validate: false });
    for (let i = 0; i < 50; i++) trusted.push({ ...tx, id: `t${i}`, timestamp: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString(), merchant: { mcc: '7011', name: 'airbnb hotel '.repeat(80_000), city: 'Leeds' } });
    expect(performance.now() - t0).toBeLessThan(3_000);
  });

  // BUG (src/schema/validate-transaction.ts, not ours to edit): the rejection quotes the offending value with
  // JSON.stringify, which throws for a BigInt, a cyclic object, or nesting a few thousand levels deep, so
  // `push` throws instead of returning a rejection. Remove `.fails` once validateTransaction guards it.
  it('push of an object holding a BigInt returns a rejection instead of throwing', () => {
    expect(createScreener({ rules }).push({ ...tx, id: 1n })[0]?.type).toBe('rejected');
  });
  it('push of a cyclic object returns a rejection instead of throwing', () => {
    const cyclic: Record<string, unknown> = { ...tx };
    cyclic.merchant = cyclic;
    expect(createScreener({ rules }).push(cyclic)[0]?.type).toBe('rejected');
  });
  it('push of an object nested 10,000 levels deep returns a rejection instead of throwing', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(createScreener({ rules }).push({ ...tx, merchant: deep })[0]?.type).toBe('rejected');
  });

  // BUG (src/engine/screener.ts ScreenerSnapshotSchema, not ours to edit), found by the restore fuzz at
  // FUZZ_RUNS=10000: `clock.maxSeen`, `clock.lastReleased`, `seen[][1]` and window times are checked only as
  // `z.number()`, so a snapshot with `lastReleased: 1e308` restores, and the next transaction throws
  // `RangeError: Invalid time value` from iso() while building its 'late' rejection. Fix: validate them as
  // integers within ±8.64e15 (the Date range), so restore throws SnapshotError.
  it('a snapshot whose clock holds 1e308 is refused by restore (or the next push still works)', () => {
    const a = createScreener({ rules });
    a.push(tx);
    const snap = JSON.parse(JSON.stringify(a.snapshot())) as { clock: { lastReleased: number } };
    snap.clock.lastReleased = 1e308;
    const b = createScreener({ rules });
    let refused = false;
    try {
      b.restore(snap);
    } catch {
      refused = true;
    }
    if (!refused) expect(() => b.push({ ...tx, id: 't2' })).not.toThrow();
  });
});
