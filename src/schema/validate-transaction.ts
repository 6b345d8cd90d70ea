import { TransactionSchema, type Transaction } from './transaction.js';
import type { Rejection } from './alert.js';
import { formatPath } from '../errors.js';
import { isPlainValidTransaction } from './fast-validate.js';

/** Result of {@link validateTransaction}. */
export type TransactionValidation = { ok: true; transaction: Transaction } | { ok: false; rejection: Rejection };

/**
 * Validates an object against the canonical transaction schema, without throwing.
 * The first problem becomes a rejection naming the field, the raw value and the reason.
 *
 * @param input - anything (a parsed JSON line, a mapped CSV row, an object from code)
 * @param where - optional location to attach (`line`, `source`)
 * @returns the typed transaction, or a rejection
 * @example
 * validateTransaction({ id: 't1' }).ok //=> false
 */
export function validateTransaction(input: unknown, where: { line?: number; source?: string } = {}): TransactionValidation {
  const r = TransactionSchema.safeParse(input);
  if (r.success) return { ok: true, transaction: r.data };
  const issue = r.error.issues[0]!;
  const field = formatPath(issue.path as (string | number)[]);
  let value: unknown = input;
  for (const seg of issue.path) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[seg as PropertyKey] : undefined;
  }
  const id = input !== null && typeof input === 'object' && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : undefined;
  const extra = r.error.issues.length > 1 ? ` (+${r.error.issues.length - 1} more problem${r.error.issues.length > 2 ? 's' : ''})` : '';
  const reason =
    issue.code === 'invalid_type' && value === undefined
      ? 'required field is missing'
      : issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message;
  const rejection: Rejection = {
    code: 'invalid',
    message: `${field}: ${reason}${extra}`,
    field,
    ...(id === undefined ? {} : { transactionId: id }),
    ...(value === undefined ? {} : { value: truncate(describeValue(value)) }),
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(where.source === undefined ? {} : { source: where.source }),
  };
  return { ok: false, rejection };
}

/**
 * {@link validateTransaction} for an object the caller has just built and owns (a mapped CSV row, a
 * parsed JSON line): a well-formed one is returned as it is, after a quick check that accepts a strict
 * subset of the schema; anything else goes through the schema for the exact reason. Internal to the
 * readers.
 *
 * @example
 * validateOwnTransaction(JSON.parse(line), { line: 3 })
 */
export function validateOwnTransaction(input: unknown, where: { line?: number; source?: string } = {}): TransactionValidation {
  return isPlainValidTransaction(input) ? { ok: true, transaction: input } : validateTransaction(input, where);
}

/** Text of a raw value for a rejection; never throws (BigInt, cycles, deep nesting). */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '(unprintable value)';
    }
  }
}

function truncate(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
