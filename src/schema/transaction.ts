import { z } from 'zod';
import { isCurrencyCode } from './currencies.js';

/**
 * Payment channels, closed: a bank's own codes are mapped onto these at ingest.
 *
 * @example
 * CHANNELS.includes('msb') //=> true
 */
export const CHANNELS = ['card', 'transfer', 'instant', 'cash', 'atm', 'msb', 'direct_debit', 'cheque', 'other'] as const;

/** A positive decimal amount written as a string, e.g. `"1234.56"`. No exponent, no sign, no thousands separators. */
export const DecimalStringSchema = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,8})?$/, { message: 'expected a positive decimal number such as "123.45" (no sign, exponent or separators)' })
  .refine((s) => /[1-9]/.test(s), { message: 'amount must be greater than zero' });

/** ISO 4217 code of a currency this library knows. */
export const CurrencyCodeSchema = z
  .string()
  .refine((s) => isCurrencyCode(s), { message: 'unknown ISO 4217 currency code' });

/** ISO 3166-1 alpha-2 country code (upper case). */
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, { message: 'expected an ISO 3166-1 alpha-2 country code such as "GB"' });

/** ISO-8601 date-time that states its UTC offset (`Z` or `+02:00`), so event time is unambiguous. */
export const TimestampSchema = z.iso.datetime({ offset: true, local: false, message: 'expected an ISO-8601 date-time with an offset, e.g. 2026-03-01T21:15:00+02:00' });

const text = (max: number) => z.string().min(1).max(max);

/**
 * A canonical transaction, seen from the monitored account's side.
 * Every field except the first seven is optional; a rule that reads an absent field simply does not match.
 * @example
 * TransactionSchema.safeParse({ id: 't1' }).success //=> false
 */
export const TransactionSchema = z
  .object({
    id: text(200),
    timestamp: TimestampSchema,
    accountId: text(200),
    customerId: text(200).optional(),
    direction: z.enum(['in', 'out']),
    amount: DecimalStringSchema,
    currency: CurrencyCodeSchema,
    channel: z.enum(CHANNELS),
    purpose: text(100).optional(),
    counterparty: z
      .object({ id: text(200).optional(), name: text(300).optional(), account: text(200).optional(), country: CountryCodeSchema.optional() })
      .strict()
      .optional(),
    merchant: z
      .object({
        mcc: z.string().regex(/^\d{4}$/, { message: 'expected a four-digit merchant category code' }).optional(),
        name: text(300).optional(),
        city: text(200).optional(),
        country: CountryCodeSchema.optional(),
      })
      .strict()
      .optional(),
    location: z
      .object({ city: text(200).optional(), country: CountryCodeSchema.optional(), terminalId: text(200).optional() })
      .strict()
      .optional(),
    reference: z.string().max(1000).optional(),
    device: z.object({ id: text(200).optional(), ip: text(100).optional() }).strict().optional(),
    /** Flags attached by the bank to this transaction, e.g. `"escorted"` recorded by branch staff. */
    flags: z.array(text(100)).max(50).optional(),
  })
  .strict();

/**
 * A canonical transaction (see {@link TransactionSchema}).
 *
 * @example
 * const tx: Transaction = {
 *   id: 't1', timestamp: '2026-03-01T21:15:00Z', accountId: 'A1', direction: 'out',
 *   amount: '89.00', currency: 'GBP', channel: 'card', merchant: { mcc: '7011', name: 'Premier Inn', city: 'Leeds' },
 * };
 */
export type Transaction = z.infer<typeof TransactionSchema>;

/** One of {@link CHANNELS}. */
export type Channel = Transaction['channel'];
