import { FIELD_KINDS, type FieldPath } from '../schema/fields.js';
import { cachedWords } from '../util/text.js';
import type { Row } from './row.js';

/** What reading a field gives: a string, a number (money in base minor units), a list of flags, or nothing. */
export type FieldValue = string | number | readonly string[] | undefined;

/** Reads one field of a row. */
export type FieldReader = (row: Row) => FieldValue;

const READERS: { readonly [P in FieldPath]: FieldReader } = {
  id: (r) => r.tx.id,
  accountId: (r) => r.tx.accountId,
  customerId: (r) => r.tx.customerId,
  direction: (r) => r.tx.direction,
  amount: (r) => r.amountMinor,
  originalAmount: (r) => Number(r.tx.amount),
  currency: (r) => r.tx.currency,
  channel: (r) => r.tx.channel,
  purpose: (r) => r.tx.purpose,
  reference: (r) => r.tx.reference,
  'counterparty.id': (r) => r.tx.counterparty?.id,
  'counterparty.name': (r) => r.tx.counterparty?.name,
  'counterparty.account': (r) => r.tx.counterparty?.account,
  'counterparty.country': (r) => r.tx.counterparty?.country,
  'merchant.mcc': (r) => r.tx.merchant?.mcc,
  'merchant.name': (r) => r.tx.merchant?.name,
  'merchant.city': (r) => r.tx.merchant?.city,
  'merchant.country': (r) => r.tx.merchant?.country,
  'location.city': (r) => r.tx.location?.city,
  'location.country': (r) => r.tx.location?.country,
  'location.terminalId': (r) => r.tx.location?.terminalId,
  'device.id': (r) => r.tx.device?.id,
  'device.ip': (r) => r.tx.device?.ip,
  flags: (r) => r.tx.flags,
  'local.hour': (r) => r.local.hour,
  'local.minuteOfDay': (r) => r.local.minuteOfDay,
  'local.weekday': (r) => r.local.weekday,
  'local.date': (r) => r.local.date,
  'profile.accountType': (r) => r.profile?.accountType,
  'profile.phone': (r) => r.profile?.phone,
  'profile.email': (r) => r.profile?.email,
  'profile.address.line': (r) => r.profile?.address?.line,
  'profile.address.city': (r) => r.profile?.address?.city,
  'profile.address.postcode': (r) => r.profile?.address?.postcode,
  'profile.address.country': (r) => r.profile?.address?.country,
  'profile.occupation': (r) => r.profile?.occupation,
  'profile.declaredMonthlyIncome': (r) => r.profileMinor?.declaredMonthlyIncome,
  'profile.expectedMonthlyTurnover': (r) => r.profileMinor?.expectedMonthlyTurnover,
  'profile.travelsForWork': (r) => (r.profile?.travelsForWork === undefined ? undefined : String(r.profile.travelsForWork)),
  'profile.flags': (r) => r.profile?.flags,
};

/**
 * The reader for a catalogued field.
 *
 * @param path - a field path from the catalogue
 * @returns a function reading that field from a row
 * @example
 * fieldReader('merchant.mcc')(row) //=> '7011'
 */
export function fieldReader(path: FieldPath): FieldReader {
  return READERS[path];
}

/**
 * Reads a field as a key string (for scopes and distinct counts), or undefined when absent.
 * Text fields are folded (case and diacritics) so "Iași" and "IASI" are one value.
 */
export function keyReader(path: FieldPath): (row: Row) => string | undefined {
  const read = READERS[path];
  const kind = FIELD_KINDS[path];
  if (kind === 'text') return (r) => {
    const v = read(r);
    return typeof v === 'string' ? cachedWords(v).join(' ') || undefined : undefined;
  };
  if (kind === 'set') return (r) => {
    const v = read(r);
    return Array.isArray(v) && v.length > 0 ? [...v].sort().join('|') : undefined;
  };
  return (r) => {
    const v = read(r);
    return v === undefined ? undefined : String(v);
  };
}
