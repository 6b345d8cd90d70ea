/**
 * Building and scheduling transactions.
 *
 * Behaviour code calls the builders here; each builds a canonical {@link Transaction} (id and
 * timestamp filled in later, once the day is sorted) and hands it to the {@link Emitter}, which
 * buckets it by local day. A payment between two generated accounts is emitted once by the payer and
 * mirrored here onto the payee, so both sides always agree.
 */
import type { Transaction } from '../schema/transaction.js';
import type { Account, HourModel } from './account.js';
import type { Party } from './identity.js';
import type { MerchantKind, Place } from './merchants.js';
import { MERCHANT_COUNTRY } from './merchants.js';
import type { Rng } from './prng.js';
import { type CalendarDay, localDayNumber, localToEpoch } from './time.js';

/** Units of a currency per pound, used to convert modelled amounts; a fixed table keeps output reproducible. */
export const PER_POUND: Readonly<Record<string, number>> = Object.freeze({ GBP: 1, EUR: 1.17, RON: 5.82, USD: 1.27 });

/**
 * Units of `currency` per pound (1 for currencies not in {@link PER_POUND}).
 *
 * @param currency - ISO 4217 code
 * @returns the rate
 * @example
 * perPound('RON') //=> 5.82
 */
export function perPound(currency: string): number {
  return PER_POUND[currency] ?? 1;
}

/** A transaction waiting for its id and timestamp. */
export interface PendingEvent {
  /** Epoch seconds. */
  readonly t: number;
  /** Index of the account it belongs to (sort tiebreak). */
  readonly k: number;
  readonly tx: Transaction;
}

/**
 * Collects the events of the current day and holds those scheduled for later days.
 * Memory is one day's events plus the few already scheduled ahead.
 */
export class Emitter {
  /** The day being generated. */
  day: CalendarDay;
  private batch: PendingEvent[] = [];
  private readonly pending = new Map<number, PendingEvent[]>();
  private readonly firstDayNumber: number;

  /**
   * @param calendar - the period
   * @param accounts - all generated accounts (for mirrored legs)
   */
  constructor(
    readonly calendar: readonly CalendarDay[],
    readonly accounts: readonly Account[],
  ) {
    const first = calendar[0];
    if (first === undefined) throw new RangeError('empty calendar');
    this.day = first;
    this.firstDayNumber = first.naiveMidnight / 86_400;
  }

  /**
   * Starts a new day: pending events scheduled for it become its first events.
   *
   * @param day - the next day of the calendar
   */
  begin(day: CalendarDay): void {
    this.day = day;
    this.batch = this.pending.get(day.index) ?? [];
    this.pending.delete(day.index);
  }

  /**
   * The current day's events, sorted by time then account (stable, so insertion order breaks the last ties).
   *
   * @returns the events
   */
  finish(): PendingEvent[] {
    const b = this.batch;
    this.batch = [];
    b.sort((x, y) => x.t - y.t || x.k - y.k);
    return b;
  }

  /**
   * Epoch seconds of a local time on the current day.
   *
   * @param hours - local hours after midnight, fractional (values ≥ 24 fall on the next day)
   * @returns epoch seconds
   */
  at(hours: number): number {
    return localToEpoch(this.day.naiveMidnight, Math.floor(hours * 3600));
  }

  /**
   * Queues a transaction; events past the end of the period are dropped, events before the current day are moved to it.
   *
   * @param account - the account the transaction belongs to
   * @param t - epoch seconds
   * @param tx - the transaction (id and timestamp are filled in later)
   */
  push(account: Account, t: number, tx: Transaction): void {
    const d = localDayNumber(t) - this.firstDayNumber;
    if (d >= this.calendar.length) return;
    if (d <= this.day.index) {
      // Never emit into a day already written: clamp to the start of the current day.
      const floor = localToEpoch(this.day.naiveMidnight, 0);
      this.batch.push({ t: t < floor ? floor : t, k: account.index, tx });
      return;
    }
    let list = this.pending.get(d);
    if (list === undefined) {
      list = [];
      this.pending.set(d, list);
    }
    list.push({ t, k: account.index, tx });
  }
}

/**
 * Formats minor units as a decimal string with two places.
 *
 * @param minor - a positive integer
 * @returns e.g. `"12.05"`
 * @example
 * money(1205) //=> '12.05'
 */
export function money(minor: number): string {
  const m = minor < 1 ? 1 : Math.round(minor);
  const units = Math.floor(m / 100);
  const cents = m - units * 100;
  return `${units}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Draws an amount for a merchant kind in the account's minor units.
 *
 * @param account - the paying account
 * @param kind - the merchant kind (its amount model)
 * @param factor - multiplier (e.g. several people)
 * @returns minor units
 */
export function drawAmount(account: Account, kind: MerchantKind, factor = 1): number {
  const v = account.rng.lognormal(kind.median, kind.sigma, kind.min, kind.max) * factor;
  const pounds = kind.unit === 'RON' ? v / perPound('RON') : v;
  return Math.max(1, Math.round(pounds * account.fx * 100));
}

/**
 * Converts an amount in pounds to the account's minor units.
 *
 * @param account - the account
 * @param pounds - amount in pounds
 * @returns minor units
 */
export function minorOf(account: Account, pounds: number): number {
  return Math.max(1, Math.round(pounds * account.fx * 100));
}

/**
 * A local hour for an activity.
 *
 * @param rng - random source
 * @param model - time-of-day model
 * @returns local hours after midnight (may exceed 24 for after-midnight activity)
 */
export function hourOf(rng: Rng, model: HourModel): number {
  switch (model) {
    case 'day':
      return 8 + (rng.next() + rng.next()) * 6.5; // 08:00–21:00, peak early afternoon
    case 'evening':
      return 17.5 + rng.next() * 5;
    case 'late':
      return 20 + rng.next() * 6; // 20:00–02:00
    case 'commute':
      return rng.chance(0.5) ? 7 + rng.next() * 2 : 16.5 + rng.next() * 2.5;
    case 'night':
      return 22 + rng.next() * 8; // 22:00–06:00
    case 'any':
    default:
      return 7 + rng.next() * 16.5;
  }
}

function base(account: Account, direction: 'in' | 'out', minor: number, currency: string, channel: Transaction['channel']): Transaction {
  return {
    id: '',
    timestamp: '',
    accountId: account.accountId,
    customerId: account.customerId,
    direction,
    amount: money(minor),
    currency,
    channel,
  };
}

/** Options of {@link cardPayment}. */
export interface CardOptions {
  readonly name?: string;
  readonly reference?: string;
  /** An online purchase: carries the device. */
  readonly online?: boolean;
  readonly country?: string;
  readonly minor?: number;
}

/**
 * A card payment by the account at a merchant.
 *
 * @param em - the emitter
 * @param account - the paying account
 * @param t - epoch seconds
 * @param kind - merchant kind (MCC, names, amount model)
 * @param where - merchant town
 * @param o - name, amount, reference overrides
 * @returns the amount in minor units
 */
export function cardPayment(em: Emitter, account: Account, t: number, kind: MerchantKind, where: Place, o: CardOptions = {}): number {
  const minor = o.minor ?? drawAmount(account, kind);
  const tx = base(account, 'out', minor, account.currency, 'card');
  const name = o.name ?? account.rng.pick(kind.names);
  const country = o.country ?? MERCHANT_COUNTRY[name] ?? where.country;
  // The merchant's town is where a card-present payment happened; no separate location is written.
  tx.merchant = { mcc: kind.mcc, name, city: where.name, country };
  if (o.reference !== undefined) tx.reference = o.reference;
  if (o.online === true) tx.device = { id: account.device.id, ip: account.device.ip };
  em.push(account, t, tx);
  return minor;
}

/**
 * A card sale taken by a business account (the bank is the acquirer): a credit carrying the business's own MCC.
 *
 * @param em - the emitter
 * @param account - the business account
 * @param t - epoch seconds of the sale
 * @param minor - amount
 * @param mcc - the business's MCC
 * @param name - trading name
 * @param where - the business's town
 */
export function cardTaking(em: Emitter, account: Account, t: number, minor: number, mcc: string, name: string, where: Place): void {
  const tx = base(account, 'in', minor, account.currency, 'card');
  tx.merchant = { mcc, name, city: where.name, country: where.country };
  em.push(account, t, tx);
}

/** Options of {@link transfer}. */
export interface TransferOptions {
  readonly channel?: 'transfer' | 'instant' | 'msb' | 'direct_debit' | 'cheque' | 'other';
  readonly purpose?: string;
  readonly reference?: string;
  readonly flags?: readonly string[];
  /** Made in a branch or at an agent: location instead of a device. */
  readonly at?: { readonly place: Place; readonly terminalId?: string };
  /** An MSB used as a merchant (card-funded money transfer). */
  readonly merchant?: { readonly mcc: string; readonly name: string; readonly city: string; readonly country: string };
  /** Online banking device to record (defaults to the account's own for online channels). */
  readonly device?: { readonly id: string; readonly ip: string };
  /** Don't mirror onto an internal counterparty (used when the mirror is emitted elsewhere). */
  readonly noMirror?: boolean;
}

/**
 * A payment between the account and a counterparty. When the counterparty is a generated account,
 * the opposite leg is emitted on it too, converted to its currency.
 *
 * @param em - the emitter
 * @param account - the monitored account
 * @param t - epoch seconds
 * @param direction - `out` when the account pays, `in` when it is paid
 * @param minor - amount in the account's minor units
 * @param party - the counterparty
 * @param o - channel, purpose, reference, flags, place, device
 */
export function transfer(em: Emitter, account: Account, t: number, direction: 'in' | 'out', minor: number, party: Party, o: TransferOptions = {}): void {
  const channel = o.channel ?? 'transfer';
  const tx = base(account, direction, minor, account.currency, channel);
  if (o.purpose !== undefined) tx.purpose = o.purpose;
  const cp: { id?: string; name?: string; account?: string; country?: string } = {};
  if (party.id !== undefined) cp.id = party.id;
  cp.name = party.name;
  cp.account = party.account;
  cp.country = party.country;
  tx.counterparty = cp;
  if (o.merchant !== undefined) tx.merchant = { ...o.merchant };
  if (o.at !== undefined) {
    tx.location = { city: o.at.place.name, country: o.at.place.country };
    if (o.at.terminalId !== undefined) tx.location.terminalId = o.at.terminalId;
  }
  if (o.reference !== undefined) tx.reference = o.reference;
  const online = direction === 'out' && o.at === undefined && channel !== 'direct_debit';
  if (o.device !== undefined) tx.device = { id: o.device.id, ip: o.device.ip };
  else if (online) tx.device = { id: account.device.id, ip: account.device.ip };
  if (o.flags !== undefined && o.flags.length > 0) tx.flags = [...o.flags];
  em.push(account, t, tx);

  if (party.internal !== undefined && o.noMirror !== true) {
    const other = em.accounts[party.internal];
    if (other === undefined || other === account) return;
    const otherMinor = other.currency === account.currency ? minor : Math.max(1, Math.round((minor / account.fx) * other.fx));
    const mirror = base(other, direction === 'out' ? 'in' : 'out', otherMinor, other.currency, channel === 'direct_debit' ? 'transfer' : channel);
    if (o.purpose !== undefined) mirror.purpose = o.purpose;
    mirror.counterparty = { id: account.party.id ?? account.customerId, name: account.party.name, account: account.accountId, country: account.country };
    if (o.reference !== undefined) mirror.reference = o.reference;
    // Settlement of a cross-border payment lands a few minutes later on the other side.
    const delay = other.country === account.country ? 0 : 600 + Math.floor(account.rng.next() * 3000);
    em.push(other, t + delay, mirror);
  }
}

/** Options of {@link cash}. */
export interface CashOptions {
  /** At a cash machine (`atm`) or a branch counter / agent (`cash`). */
  readonly atm: boolean;
  readonly terminalId?: string;
  /** Name of a third party paying cash in, when the bank records it. */
  readonly depositor?: string;
  readonly flags?: readonly string[];
  readonly reference?: string;
}

/**
 * A cash withdrawal or deposit.
 *
 * @param em - the emitter
 * @param account - the account
 * @param t - epoch seconds
 * @param direction - `in` for a deposit, `out` for a withdrawal
 * @param minor - amount in the account's minor units
 * @param where - town of the machine or branch
 * @param o - machine or branch, terminal, depositor
 */
export function cash(em: Emitter, account: Account, t: number, direction: 'in' | 'out', minor: number, where: Place, o: CashOptions): void {
  const tx = base(account, direction, minor, account.currency, o.atm ? 'atm' : 'cash');
  if (o.depositor !== undefined) tx.counterparty = { name: o.depositor };
  tx.location = { city: where.name, country: where.country };
  if (o.terminalId !== undefined) tx.location.terminalId = o.terminalId;
  if (o.reference !== undefined) tx.reference = o.reference;
  if (o.flags !== undefined && o.flags.length > 0) tx.flags = [...o.flags];
  em.push(account, t, tx);
}
