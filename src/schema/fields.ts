/**
 * The closed catalogue of fields a rule may read.
 *
 * Kinds decide which operators and measures a field accepts:
 * - `string`: exact values (eq, in, lists);
 * - `text`: free text, also matchable by keyword lists (case- and diacritic-insensitive);
 * - `money`: an amount in the base currency (compared exactly in minor units);
 * - `number`: a plain number (local hour, weekday, minute of day);
 * - `set`: a list of flags (`has` / `hasAny`).
 * @example
 * FIELD_KINDS['merchant.name'] //=> 'text'
 */
export const FIELD_KINDS = {
  id: 'string',
  accountId: 'string',
  customerId: 'string',
  direction: 'string',
  amount: 'money',
  originalAmount: 'number',
  currency: 'string',
  channel: 'string',
  purpose: 'string',
  reference: 'text',
  'counterparty.id': 'string',
  'counterparty.name': 'text',
  'counterparty.account': 'string',
  'counterparty.country': 'string',
  'merchant.mcc': 'string',
  'merchant.name': 'text',
  'merchant.city': 'text',
  'merchant.country': 'string',
  'location.city': 'text',
  'location.country': 'string',
  'location.terminalId': 'string',
  'device.id': 'string',
  'device.ip': 'string',
  flags: 'set',
  /** Local hour 0–23 in the screener's time zone. */
  'local.hour': 'number',
  /** Local minute of the day, 0–1439. */
  'local.minuteOfDay': 'number',
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  'local.weekday': 'number',
  /** Local calendar date, `YYYY-MM-DD`. */
  'local.date': 'string',
  'profile.accountType': 'string',
  'profile.phone': 'string',
  'profile.email': 'string',
  'profile.address.line': 'text',
  'profile.address.city': 'text',
  'profile.address.postcode': 'string',
  'profile.address.country': 'string',
  'profile.occupation': 'text',
  'profile.declaredMonthlyIncome': 'money',
  'profile.expectedMonthlyTurnover': 'money',
  'profile.travelsForWork': 'string',
  'profile.flags': 'set',
} as const;

/** A field path from {@link FIELD_KINDS}. */
export type FieldPath = keyof typeof FIELD_KINDS;
/** The kind of a field. */
export type FieldKind = (typeof FIELD_KINDS)[FieldPath];

/** All field paths, in catalogue order. */
export const FIELD_PATHS = Object.keys(FIELD_KINDS) as FieldPath[];

/**
 * Whether a string names a field in the catalogue.
 *
 * @param path - e.g. `"merchant.mcc"`
 * @returns true for a known field
 * @example
 * isFieldPath('merchant.mcc') //=> true
 * isFieldPath('merchant.__proto__') //=> false
 */
export function isFieldPath(path: string): path is FieldPath {
  return Object.prototype.hasOwnProperty.call(FIELD_KINDS, path);
}
