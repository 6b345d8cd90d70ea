import { Decimal } from 'decimal.js';

/**
 * Compares `x` with `factor × y` exactly. Floating point decides when the two sides are clearly
 * apart; when they are within rounding distance, Decimal decides, so `0.55 × 100` equals `55`.
 *
 * @param x - left side
 * @param factor - a decimal factor such as 0.55
 * @param y - right side before the factor
 * @returns negative, zero or positive, like a comparator
 * @example
 * compareScaled(55, 0.55, 100) //=> 0
 */
export function compareScaled(x: number, factor: number, y: number): number {
  const rhs = factor * y;
  const diff = x - rhs;
  const tolerance = 1e-9 * Math.max(1, Math.abs(x), Math.abs(rhs));
  if (diff > tolerance) return 1;
  if (diff < -tolerance) return -1;
  return new Decimal(x).cmp(new Decimal(String(factor)).times(y));
}
