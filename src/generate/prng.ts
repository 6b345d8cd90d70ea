/**
 * A small seeded pseudo-random number generator (sfc32, seeded through splitmix32).
 *
 * The generator never touches `Math.random` or the wall clock: every stream of numbers is a pure
 * function of the seed, so a population generated twice with the same options is byte-identical.
 * Each account owns its own {@link Rng}, derived from the run seed and the account's index, so the
 * numbers one account draws never depend on how many another account drew.
 */

/**
 * Mixes a 32-bit value (splitmix32 finaliser).
 *
 * @param x - any 32-bit integer
 * @returns a well-mixed unsigned 32-bit integer
 * @example
 * mix32(1) === mix32(1) //=> true
 */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Hashes a seed and a list of stream numbers into one 32-bit value, used to derive independent streams.
 *
 * @param seed - the run seed (an integer; fractional parts are dropped)
 * @param parts - stream labels, e.g. `[accountIndex, 7]`
 * @returns an unsigned 32-bit integer
 * @example
 * deriveSeed(1, 42) !== deriveSeed(1, 43) //=> true
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = mix32(Math.trunc(seed) ^ 0x5bd1e995);
  h = mix32(h ^ Math.trunc(seed / 4294967296));
  for (const p of parts) h = mix32(h ^ mix32(p | 0));
  return h;
}

/**
 * A seeded sfc32 generator with the sampling helpers the generator needs.
 *
 * @example
 * const rng = new Rng(deriveSeed(7, 0));
 * rng.int(1, 6) // a die roll, the same on every run with seed 7
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * @param seed - a 32-bit seed; use {@link deriveSeed} to build one from a run seed and stream labels
   */
  constructor(seed: number) {
    this.a = mix32(seed ^ 0x243f6a88);
    this.b = mix32(seed ^ 0x85a308d3);
    this.c = mix32(seed ^ 0x13198a2e);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /**
   * Next uniform number in [0, 1).
   *
   * @returns a float with 32 bits of randomness
   * @example
   * new Rng(1).next() < 1 //=> true
   */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /**
   * Uniform integer in [lo, hi], both inclusive.
   *
   * @param lo - lower bound
   * @param hi - upper bound (≥ lo)
   * @returns an integer
   * @example
   * new Rng(1).int(1, 1) //=> 1
   */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /**
   * Uniform float in [lo, hi).
   *
   * @param lo - lower bound
   * @param hi - upper bound
   * @returns a float
   * @example
   * new Rng(1).float(2, 3) >= 2 //=> true
   */
  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  /**
   * True with probability `p`.
   *
   * @param p - probability in [0, 1]
   * @returns a boolean
   * @example
   * new Rng(1).chance(0) //=> false
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * A uniformly chosen element.
   *
   * @param items - a non-empty array
   * @returns one of its elements
   * @throws {RangeError} when the array is empty
   * @example
   * new Rng(1).pick(['a']) //=> 'a'
   */
  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    if (v === undefined) throw new RangeError('pick from an empty list');
    return v;
  }

  /**
   * An element chosen with probability proportional to its weight.
   *
   * @param items - a non-empty array
   * @param weight - weight of each item (≥ 0, not all zero)
   * @returns one of the items
   * @example
   * new Rng(1).weighted(['a', 'b'], (x) => (x === 'a' ? 1 : 0)) //=> 'a'
   */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const it of items) total += weight(it);
    let r = this.next() * total;
    for (const it of items) {
      r -= weight(it);
      if (r < 0) return it;
    }
    return this.pick(items);
  }

  /**
   * A Poisson-distributed count (inversion; fine for the small rates used per account-day).
   *
   * @param lambda - mean (≥ 0)
   * @returns a non-negative integer
   * @example
   * new Rng(1).poisson(0) //=> 0
   */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > l) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /**
   * A standard normal deviate (Box–Muller).
   *
   * @returns a float with mean 0 and standard deviation 1
   * @example
   * typeof new Rng(1).normal() //=> 'number'
   */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * A log-normally distributed value with the given median, clamped to [min, max].
   *
   * @param median - the median
   * @param sigma - spread of the underlying normal
   * @param min - lower clamp
   * @param max - upper clamp
   * @returns a float
   * @example
   * new Rng(1).lognormal(20, 0.5, 1, 100) >= 1 //=> true
   */
  lognormal(median: number, sigma: number, min: number, max: number): number {
    const v = median * Math.exp(sigma * this.normal());
    return v < min ? min : v > max ? max : v;
  }

  /**
   * Shuffles an array in place (Fisher–Yates).
   *
   * @param items - the array to shuffle
   * @returns the same array
   * @example
   * new Rng(1).shuffle([1, 2, 3]).length //=> 3
   */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}
