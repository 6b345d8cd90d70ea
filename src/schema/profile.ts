import { z } from 'zod';
import { CountryCodeSchema, DecimalStringSchema } from './transaction.js';

const text = (max: number) => z.string().min(1).max(max);

/**
 * Know-your-customer attributes a rule may read, keyed by `customerId`.
 * Everything is optional: indicators that need a missing attribute stay silent.
 * @example
 * CustomerProfileSchema.parse({ customerId: 'C1', flags: ['escorted'] }).flags //=> ['escorted']
 */
export const CustomerProfileSchema = z
  .object({
    customerId: text(200),
    accountType: z.enum(['personal', 'business']).optional(),
    phone: text(50).optional(),
    email: text(200).optional(),
    address: z
      .object({ line: text(300).optional(), city: text(200).optional(), postcode: text(20).optional(), country: CountryCodeSchema.optional() })
      .strict()
      .optional(),
    occupation: text(200).optional(),
    /** Declared monthly income in the base currency. */
    declaredMonthlyIncome: DecimalStringSchema.optional(),
    /** Whether the customer's stated occupation involves travel (suppresses travel-pattern indicators when true). */
    travelsForWork: z.boolean().optional(),
    /** Expected monthly turnover in the base currency, as recorded at onboarding. */
    expectedMonthlyTurnover: DecimalStringSchema.optional(),
    /** Staff or intelligence flags, e.g. `third_party_control`, `escorted`, `id_in_sex_ads`. */
    flags: z.array(text(100)).max(50).optional(),
    openedAt: z.iso.date().optional(),
  })
  .strict();

/**
 * A customer's profile (see {@link CustomerProfileSchema}).
 *
 * @example
 * const p: CustomerProfile = { customerId: 'C1', address: { city: 'Leeds', country: 'GB' }, flags: ['escorted'] };
 */
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;
