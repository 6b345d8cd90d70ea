/**
 * Shared pieces of the fuzz suites: the run count (env `FUZZ_RUNS`, default 200 so `npm test` stays fast;
 * `npm run test:fuzz` sets 10,000), hostile values, byte encodings and a per-reader case counter.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll } from 'vitest';

/** fast-check runs per property. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 200) || 200);

/** Per-test timeout: generous, so that only a real hang fails (scaled with the run count). */
export const FUZZ_TIMEOUT_MS = Math.max(120_000, FUZZ_RUNS * 60);

/** Slowest acceptable single case (ms): a case slower than this is treated as a hang. */
export const CASE_LIMIT_MS = 10_000;

const counts = new Map<string, number>();

/**
 * Counts one fuzz case for `reader`; the totals are printed after the file's tests.
 *
 * @param reader - a name such as `readCsv`
 * @param n - how many to add (default 1)
 * @returns nothing
 * @example
 * countCase('readCsv')
 */
export function countCase(reader: string, n = 1): void {
  counts.set(reader, (counts.get(reader) ?? 0) + n);
}

afterAll(() => {
  if (counts.size > 0) console.info(`fuzz cases (FUZZ_RUNS=${FUZZ_RUNS}): ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

/** Awaits `work` and fails when it takes longer than {@link CASE_LIMIT_MS}. */
export async function bounded<T>(work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await work();
  const ms = performance.now() - t0;
  if (ms > CASE_LIMIT_MS) throw new Error(`case took ${Math.round(ms)} ms (limit ${CASE_LIMIT_MS})`);
  return r;
}

/** Cell and JSON values known to break naive parsers. */
export const HOSTILE_STRINGS = [
  '', ' ', '"', '""', '"a"b', 'a"b', '\'', ',', ';', '\t', '|', '\r', '\n', '\r\n', '"x\ny"', '\uFEFF', '\uFEFFid',
  '1e309', '-1e309', '1e-400', '-0', '0', '0.00', 'NaN', 'Infinity', '-Infinity', '1,234.56', '1.234,56', '(12.50)', '12.50-',
  '−5', '+7', '99999999999999999999', '0.123456789', '1 234,56', '1\u00a0234,56', "1'234.56",
  '2026-02-30', '2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', '2026-03-29T01:30:00', '31/12/2026 23:59', '2026/03/01 10:00',
  '29.02.2026 10:00:00', '0000-00-00', '9999-12-31T23:59:59+14:00', '2026-03-01T10:00:00+25:00',
  'ţară', 'Brașov', 'Iaşi', 'ăâîşţ', 'ȘȚ', '=1+1', '+cmd', '-2+3', '@SUM(A1)', '\u0000', '\uD800', '💥', 'A'.repeat(300),
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'in', 'out', 'IN', 'D', 'C', 'card', 'cash', 'GBP', 'RON', 'gbp', 'XXX', 'GB', 'RO', '7011', '742', '12345',
] as const;

/** A hostile or ordinary cell value. */
export const cellArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }).map(String) },
);

/** Windows-1250 bytes of the Romanian letters that exports in that code page contain. */
const CP1250: Record<string, number> = { 'ă': 0xe3, 'Ă': 0xc3, 'â': 0xe2, 'Â': 0xc2, 'î': 0xee, 'Î': 0xce, 'ş': 0xba, 'Ş': 0xaa, 'ţ': 0xfe, 'Ţ': 0xde, 'ș': 0xba, 'Ș': 0xaa, 'ț': 0xfe, 'Ț': 0xde };

/**
 * Encodes text as Windows-1250 for the characters in {@link CP1250} and ASCII; anything else becomes `?`.
 *
 * @param text - the text
 * @returns the bytes
 * @example
 * encodeCp1250('Iaşi') //=> <Buffer 49 61 ba 69>
 */
export function encodeCp1250(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    if (ch === '\uFEFF') continue; // Windows-1250 has no byte-order mark
    const b = CP1250[ch];
    if (b !== undefined) out.push(b);
    else {
      const c = ch.codePointAt(0)!;
      out.push(c < 0x80 ? c : 0x3f);
    }
  }
  return Buffer.from(out);
}

/**
 * A byte stream of `bytes` cut into chunks of the given sizes (cycled), so multi-byte characters and CRLF
 * pairs straddle chunk boundaries.
 *
 * @param bytes - the content
 * @param sizes - chunk sizes
 * @returns a readable byte stream
 * @example
 * chunks(Buffer.from('a,b\n'), [1])
 */
export function chunks(bytes: Uint8Array, sizes: readonly number[]): Readable {
  const parts: Buffer[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes.length === 0 ? bytes.length : sizes[k++ % sizes.length]!);
    parts.push(Buffer.from(bytes.subarray(i, i + n)));
    i += n;
  }
  return Readable.from(parts, { objectMode: false });
}

/** Chunk-size lists, from one byte at a time to whole. */
export const chunkSizesArb = fc.oneof(fc.constant([] as number[]), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }));

/** Random bytes, with a bias to the bytes that matter in CSV/JSON. */
export const bytesArb = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0xef, 0xbb, 0xbf, 0xc3, 0xba, 0xfe)),
  { maxLength: 400 },
).map((a) => Uint8Array.from(a));

/** Whether the thrown value is a configuration error of this library (a `RuleSetError`). */
export function isConfigError(e: unknown): boolean {
  return e instanceof Error && e.name === 'RuleSetError';
}
