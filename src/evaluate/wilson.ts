/**
 * A proportion with its 95 % Wilson score interval.
 *
 * `value`, `lower` and `upper` are `null` when `total` is 0: a rate of nothing is undefined, not 0.
 */
export interface Proportion {
  readonly successes: number;
  readonly total: number;
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** The standard normal quantile for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of a binomial proportion. Unlike the normal ("Wald") interval it stays
 * inside [0, 1] and is not degenerate at 0 or n successes, which matters here: recall is often
 * measured on a few dozen planted accounts and is often exactly 0 or 1.
 *
 * @param successes - number of successes, an integer in [0, total]
 * @param total - number of trials, a non-negative integer
 * @param z - normal quantile (default {@link Z_95}, for 95 %)
 * @returns the proportion and its interval; all `null` when `total` is 0
 * @throws {RangeError} when the counts are not integers with 0 ≤ successes ≤ total
 * @example
 * wilsonInterval(8, 10) //=> { successes: 8, total: 10, value: 0.8, lower: 0.4902…, upper: 0.9433… }
 * wilsonInterval(0, 0).value //=> null
 */
export function wilsonInterval(successes: number, total: number, z: number = Z_95): Proportion {
  if (!Number.isInteger(successes) || !Number.isInteger(total) || successes < 0 || total < 0 || successes > total) {
    throw new RangeError(`wilsonInterval needs integers 0 ≤ successes ≤ total (got ${successes} of ${total})`);
  }
  if (total === 0) return { successes, total, value: null, lower: null, upper: null };
  const n = total;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and n successes the bound is exactly 0 or 1; compute it so rather than through rounding.
  const lower = successes === 0 ? 0 : Math.max(0, centre - half);
  const upper = successes === n ? 1 : Math.min(1, centre + half);
  return { successes, total, value: p, lower, upper };
}
