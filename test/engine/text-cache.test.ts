import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedWords, normaliseWords } from '../../src/util/text.js';

describe('cachedWords', () => {
  it('property: gives exactly normaliseWords, however often and in whatever order texts come', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('Hotel Iași', 'HOTEL IASI', 'Ştefan cel Mare', ''), fc.string({ maxLength: 40 }), fc.string({ minLength: 250, maxLength: 300 })), { maxLength: 50 }), (texts) => {
        for (const t of [...texts, ...texts]) expect(cachedWords(t)).toEqual(normaliseWords(t));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });

  it('stays right across cache generations (more distinct texts than it keeps)', () => {
    const texts = Array.from({ length: 40_000 }, (_, i) => `Merchant ${i} Iași`);
    for (const t of texts) cachedWords(t);
    for (const i of [0, 1, 20_000, 39_999]) expect(cachedWords(texts[i]!)).toEqual(['merchant', String(i), 'iasi']);
  });
});
