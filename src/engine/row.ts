import type { CustomerProfile } from '../schema/profile.js';
import type { Transaction } from '../schema/transaction.js';
import type { LocalTime } from './local-time.js';

/**
 * A transaction with the fields the engine derives once: event time, base-currency amount in integer
 * minor units, local clock readings, the customer's profile. Shared by every rule.
 */
export interface Row {
  readonly tx: Transaction;
  /** Event time, epoch milliseconds. */
  readonly t: number;
  /** Amount in minor units of the base currency. */
  readonly amountMinor: number;
  readonly local: LocalTime;
  readonly profile: CustomerProfile | undefined;
  /** Profile money fields in base minor units, resolved once per profile. */
  readonly profileMinor: { declaredMonthlyIncome?: number; expectedMonthlyTurnover?: number } | undefined;
}
