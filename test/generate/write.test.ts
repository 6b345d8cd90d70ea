import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import {
  CANONICAL_CSV_HEADERS, generatePopulation, writeCanonicalCsv, writeLabelsCsv, writeNdjson, writeProfilesCsv, writeTwoSidedCsv,
} from '../../src/generate/index.js';
import { csvField } from '../../src/generate/write.js';
import type { Transaction } from '../../src/schema/transaction.js';

async function capture(write: (s: PassThrough) => Promise<number>): Promise<{ text: string; rows: number }> {
  const s = new PassThrough();
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  const rows = await write(s);
  return { text: Buffer.concat(chunks).toString('utf8'), rows };
}

/** A minimal RFC 4180 parser for checking round trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

const data = generatePopulation({ seed: 4, accounts: 300, days: 30 });

describe('writers', () => {
  it('escapes fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(undefined)).toBe('');
  });

  it('writes canonical CSV that round-trips, with flags |-joined', async () => {
    const tricky: Transaction = {
      id: 't1', timestamp: '2025-01-01T10:00:00+00:00', accountId: 'A', direction: 'out', amount: '1.00', currency: 'GBP', channel: 'transfer',
      reference: 'rent, "jan"\nflat 2', flags: ['escorted', 'manual'],
    };
    const { text, rows } = await capture((s) => writeCanonicalCsv([tricky, ...data.transactions], s, { end: true }));
    const parsed = parseCsv(text);
    expect(parsed[0]).toEqual([...CANONICAL_CSV_HEADERS]);
    expect(rows).toBe(data.transactions.length + 1);
    expect(parsed).toHaveLength(rows + 1);
    const first = Object.fromEntries(CANONICAL_CSV_HEADERS.map((h, i) => [h, parsed[1]![i]]));
    expect(first.reference).toBe('rent, "jan"\nflat 2');
    expect(first.flags).toBe('escorted|manual');
    const second = Object.fromEntries(CANONICAL_CSV_HEADERS.map((h, i) => [h, parsed[2]![i]]));
    expect(second.id).toBe(data.transactions[0]!.id);
    expect(second.amount).toBe(data.transactions[0]!.amount);
  });

  it('writes NDJSON, one transaction per line', async () => {
    const { text } = await capture((s) => writeNdjson(data.transactions.slice(0, 50), s));
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Transaction);
    expect(lines).toEqual(data.transactions.slice(0, 50));
  });

  it('writes a payment between two generated accounts once in the two-sided layout', async () => {
    const { text, rows } = await capture((s) => writeTwoSidedCsv(data.transactions, s));
    const parsed = parseCsv(text);
    expect(parsed[0]).toEqual(['Time', 'Date', 'Sender_account', 'Receiver_account', 'Amount', 'Payment_currency', 'Received_currency', 'Sender_bank_location', 'Receiver_bank_location', 'Payment_type']);
    const internalIn = data.transactions.filter((t) => t.direction === 'in' && t.counterparty?.account?.slice(4, 8) === 'MSHB').length;
    expect(rows).toBe(data.transactions.length - internalIn);
    const types = new Set(parsed.slice(1).map((r) => r[9]));
    for (const t of ['Debit card', 'ACH', 'Cash Withdrawal']) expect(types.has(t)).toBe(true);
    const card = parsed.find((r) => r[9] === 'Debit card')!;
    expect(card[3]).not.toMatch(/^GB\d\d/); // the merchant is the receiver
  });

  it('writes profiles and labels', async () => {
    const p = await capture((s) => writeProfilesCsv(data.profiles, s));
    const pr = parseCsv(p.text);
    expect(pr[0]![0]).toBe('customer_id');
    expect(pr).toHaveLength(data.profiles.length + 1);
    const l = await capture((s) => writeLabelsCsv(data.labels, s));
    const lr = parseCsv(l.text);
    expect(lr[0]).toEqual(['account_id', 'customer_id', 'planted', 'scenario', 'typology', 'role', 'group_id', 'archetype', 'start', 'end', 'intensity']);
    expect(lr.filter((r) => r[2] === 'true')).toHaveLength(data.labels.planted.length);
    expect(lr.filter((r) => r[2] === 'false')).toHaveLength(data.labels.background.length);
  });

  it('waits for drain when the destination applies backpressure, and loses nothing', async () => {
    let refused = 0;
    let bytes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        setImmediate(cb);
      },
    });
    const origWrite = slow.write.bind(slow);
    slow.write = ((chunk: string) => {
      const ok = origWrite(chunk);
      if (!ok) refused++;
      return ok;
    }) as typeof slow.write;
    const rows = await writeNdjson(data.transactions, slow, { end: true });
    expect(rows).toBe(data.transactions.length);
    expect(refused).toBeGreaterThan(0);
    const expected = data.transactions.reduce((n, t) => n + Buffer.byteLength(JSON.stringify(t)) + 1, 0);
    expect(bytes).toBe(expected);
  });
});
