import type { Rejection } from '../schema/alert.js';
import type { Transaction } from '../schema/transaction.js';

/** One record out of a reader: a valid transaction, or a rejected input row. Every input row yields at least one. */
export type IngestRecord =
  | { kind: 'transaction'; transaction: Transaction; line: number; source?: string }
  | { kind: 'rejected'; rejection: Rejection };
