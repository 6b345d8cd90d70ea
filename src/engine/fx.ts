import { Decimal } from 'decimal.js';
import { CURRENCY_MINOR_UNITS, isCurrencyCode } from '../schema/currencies.js';
import { FxRateSchema, type FxRate } from '../schema/fx.js';
import { MshtError } from '../errors.js';

export { FxRateSchema, type FxRate };

/** Converts amounts to integer minor units of the base currency, using the latest rate dated on or before the transaction's date. */
export interface FxConverter {
  readonly baseCurrency: string;
  readonly baseExponent: number;
  /** Minor units of base currency, or `undefined` when there is no rate for that currency on or before `date`. */
  toBaseMinor(amount: string, currency: string, date: string): number | undefined;
}

/**
 * Builds a converter from dated rates. Rates are validated; a bad rate is a configuration error.
 * The base currency converts at exactly 1. Conversion is exact in decimal and rounds half-even once, at the base minor unit.
 *
 * @param baseCurrency - ISO 4217 code of the currency thresholds are written in
 * @param rates - dated rates to the base currency
 * @returns the converter
 * @throws {MshtError} `invalid_fx` when a rate is malformed or the base currency is unknown
 * @example
 * const fx = createFxConverter('GBP', [{ date: '2026-01-01', currency: 'RON', rateToBase: '0.17' }]);
 * fx.toBaseMinor('100.00', 'RON', '2026-03-01') //=> 1700
 */
export function createFxConverter(baseCurrency: string, rates: readonly FxRate[] = []): FxConverter {
  const baseExponent = isCurrencyCode(baseCurrency) ? CURRENCY_MINOR_UNITS[baseCurrency] : undefined;
  if (baseExponent === undefined) throw new MshtError('invalid_fx', `unknown base currency "${baseCurrency}"`);
  const byCurrency = new Map<string, { date: string; rate: Decimal }[]>();
  rates.forEach((r, i) => {
    const parsed = FxRateSchema.safeParse(r);
    if (!parsed.success) throw new MshtError('invalid_fx', `FX rate [${i}]: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const list = byCurrency.get(r.currency) ?? [];
    list.push({ date: r.date, rate: new Decimal(r.rateToBase) });
    byCurrency.set(r.currency, list);
  });
  for (const list of byCurrency.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const scale = new Decimal(10).pow(baseExponent);
  return {
    baseCurrency,
    baseExponent,
    toBaseMinor(amount, currency, date) {
      if (currency === baseCurrency) return fastMinor(amount, baseExponent) ?? new Decimal(amount).times(scale).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber();
      const list = byCurrency.get(currency);
      if (list === undefined) return undefined;
      // Latest rate dated on or before the transaction's date (binary search).
      let lo = 0;
      let hi = list.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.date <= date) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) return undefined;
      return new Decimal(amount).times(list[found]!.rate).times(scale).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber();
    },
  };
}

/**
 * Integer minor units of a plain decimal string without Decimal, when that is exact: at most as many
 * fraction digits as the currency has, and small enough to stay below 2^53. Otherwise undefined.
 */
function fastMinor(amount: string, exponent: number): number | undefined {
  const dot = amount.indexOf('.');
  const intPart = dot < 0 ? amount : amount.slice(0, dot);
  const frac = dot < 0 ? '' : amount.slice(dot + 1);
  // At most 15 significant digits stay exact below 2^53.
  if (frac.length > exponent || intPart.length + exponent > 15 || intPart.length === 0) return undefined;
  let n = 0;
  for (let i = 0; i < intPart.length; i++) {
    const c = intPart.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  for (let i = 0; i < exponent; i++) {
    const c = i < frac.length ? frac.charCodeAt(i) - 48 : 0;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}
