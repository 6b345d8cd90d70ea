import { Decimal } from 'decimal.js';

/**
 * Converts a decimal string to integer minor units, exactly, rounding half-even at the minor unit.
 *
 * @param amount - a decimal string or Decimal
 * @param exponent - minor-unit exponent of the currency (2 for GBP)
 * @returns an integer number of minor units (safe up to 2^53)
 * @example
 * toMinorUnits('1234.565', 2) //=> 123456
 */
export function toMinorUnits(amount: string | Decimal, exponent: number): number {
  const d = new Decimal(amount).times(new Decimal(10).pow(exponent)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  return d.toNumber();
}

/**
 * Renders integer minor units as a decimal string with the currency's number of places.
 *
 * @param minor - integer minor units
 * @param exponent - minor-unit exponent
 * @returns e.g. `"1234.56"`
 * @example
 * formatMinorUnits(123456, 2) //=> '1234.56'
 */
export function formatMinorUnits(minor: number, exponent: number): string {
  return new Decimal(minor).dividedBy(new Decimal(10).pow(exponent)).toFixed(exponent);
}

/**
 * Formats a decimal amount for people: thousands separators, fixed places, currency code.
 *
 * @param amount - decimal string
 * @param currency - ISO code
 * @returns e.g. `"GBP 12,345.60"`
 * @example
 * formatMoney('12345.6', 'GBP') //=> 'GBP 12,345.60'
 */
export function formatMoney(amount: string, currency: string, exponent = 2): string {
  const fixed = new Decimal(amount).toFixed(exponent);
  const [int, frac] = fixed.split('.');
  const withSep = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${withSep}${frac === undefined ? '' : `.${frac}`}`;
}
