import { Decimal } from 'decimal.js';
import { PER_POUND } from '../generate/emit.js';
import type { FxRate } from '../schema/fx.js';

/**
 * The exchange rates the generator used, as an FX table for screening its output: one rate per
 * currency other than the base, dated the first day of the period. The generator models amounts in
 * pounds and converts them with a fixed table, so these rates make its non-base amounts (RON on the
 * Romanian side, say) comparable with rule thresholds again. Rates are rounded to 10 decimals.
 *
 * @param options - the generator's `start` date, `baseCurrency` (default GBP) and `roCurrency` (default RON)
 * @returns dated rates to the base currency, sorted by currency
 * @example
 * fxRatesForGenerated({ start: '2025-01-01' })
 * //=> [{ date: '2025-01-01', currency: 'EUR', rateToBase: '0.8547008547' }, { …, currency: 'RON', rateToBase: '0.1718213058' }, { …, 'USD' … }]
 */
export function fxRatesForGenerated(options: { readonly start: string; readonly baseCurrency?: string; readonly roCurrency?: string }): FxRate[] {
  const base = options.baseCurrency ?? 'GBP';
  const perPound = (c: string) => PER_POUND[c] ?? 1;
  const currencies = new Set([...Object.keys(PER_POUND), options.roCurrency ?? 'RON']);
  currencies.delete(base);
  return [...currencies].sort().map((currency) => ({
    date: options.start,
    currency,
    rateToBase: new Decimal(perPound(base)).div(perPound(currency)).toDecimalPlaces(10, Decimal.ROUND_HALF_EVEN).toFixed(),
  }));
}
