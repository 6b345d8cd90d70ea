import { z } from 'zod';
import { CurrencyCodeSchema } from './transaction.js';

/**
 * One exchange rate: 1 unit of `currency` is worth `rateToBase` units of the base currency, from `date` on.
 *
 * @example
 * FxRateSchema.parse({ date: '2026-01-01', currency: 'RON', rateToBase: '0.17' })
 */
export const FxRateSchema = z
  .object({
    /** Calendar date, `YYYY-MM-DD`. */
    date: z.iso.date(),
    currency: CurrencyCodeSchema,
    /** Positive decimal string, exact (no float). */
    rateToBase: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,12})?$/, { message: 'expected a positive decimal number such as "4.9731"' })
      .refine((s) => /[1-9]/.test(s), { message: 'rate must be greater than zero' }),
  })
  .strict();

/**
 * An exchange rate (see {@link FxRateSchema}).
 *
 * @example
 * const r: FxRate = { date: '2026-03-01', currency: 'RON', rateToBase: '0.1705' };
 */
export type FxRate = z.infer<typeof FxRateSchema>;
