import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_95 } from '../../src/evaluate/wilson.js';

describe('wilsonInterval', () => {
  it('matches published values (Newcombe 1998; R binom::binom.wilson)', () => {
    const a = wilsonInterval(8, 10);
    expect(a.value).toBe(0.8);
    expect(a.lower).toBeCloseTo(0.4902, 4);
    expect(a.upper).toBeCloseTo(0.9433, 4);
    const b = wilsonInterval(81, 263);
    expect(b.lower).toBeCloseTo(0.2553, 4);
    expect(b.upper).toBeCloseTo(0.3662, 4);
    const c = wilsonInterval(1, 2);
    expect(c.lower).toBeCloseTo(0.0945, 4);
    expect(c.upper).toBeCloseTo(0.9055, 4);
  });

  it('is exact at the edges: 0 successes has lower bound 0, all successes upper bound 1', () => {
    const none = wilsonInterval(0, 10);
    expect(none).toMatchObject({ value: 0, lower: 0 });
    expect(none.upper).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(10, 10);
    expect(all).toMatchObject({ value: 1, upper: 1 });
    expect(all.lower).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(1, 1).lower).toBeCloseTo(0.2065, 4);
  });

  it('is symmetric: k of n mirrors n − k of n', () => {
    const a = wilsonInterval(3, 17);
    const b = wilsonInterval(14, 17);
    expect(a.lower!).toBeCloseTo(1 - b.upper!, 12);
    expect(a.upper!).toBeCloseTo(1 - b.lower!, 12);
  });

  it('contains the estimate and narrows as n grows', () => {
    for (const [k, n] of [[1, 3], [5, 9], [50, 90], [500, 900]] as const) {
      const p = wilsonInterval(k, n);
      expect(p.lower!).toBeLessThanOrEqual(p.value!);
      expect(p.upper!).toBeGreaterThanOrEqual(p.value!);
    }
    const w = (n: number) => {
      const p = wilsonInterval(n / 2, n);
      return p.upper! - p.lower!;
    };
    expect(w(1000)).toBeLessThan(w(100));
  });

  it('is undefined (null) for no trials, and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ successes: 0, total: 0, value: null, lower: null, upper: null });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });

  it('takes another z (90 %)', () => {
    const p = wilsonInterval(8, 10, 1.6448536269514722);
    expect(p.lower).toBeCloseTo(0.5408, 4);
    expect(Z_95).toBeCloseTo(1.96, 2);
  });
});
