/**
 * The generator's internal model of one account: identity, background behaviour and, when planted,
 * the scenario state. Not exported from the package.
 */
import type { Rng } from './prng.js';
import type { Archetype, Scenario } from './types.js';
import type { BusinessKind, MerchantKind, Place } from './merchants.js';
import type { Address, Device, Party } from './identity.js';
import type { Emitter } from './emit.js';

/** When an hour of the day is drawn for a living purchase. */
export type HourModel = 'day' | 'evening' | 'late' | 'any' | 'commute' | 'night';

/** One category of everyday spending. */
export interface LivingKind {
  readonly key: string;
  /** A merchant kind for card spend; absent for cash and person-to-person kinds. */
  readonly merchant?: MerchantKind;
  readonly hour: HourModel;
  readonly special?: 'atm' | 'p2pOut' | 'p2pIn';
  /** Online purchases carry the device. */
  readonly online?: boolean;
}

/** Everyday spending rates of an account (events per day, summed and sampled as one Poisson process). */
export interface Living {
  readonly kinds: readonly LivingKind[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** A regular credit: salary, pension, benefit, allowance. */
export interface Income {
  readonly payer: Party;
  /** Amount in the account's minor units. */
  readonly minor: number;
  readonly cadence: 'monthly' | 'weekly' | 'fortnightly' | 'fourweekly';
  /** Day of month (monthly) or weekday 1–7 (weekly cadences). */
  readonly on: number;
  /** Day index parity anchor for fortnightly / four-weekly. */
  readonly anchor: number;
  readonly purpose: string;
  /** Local hour of the credit. */
  readonly hour: number;
}

/** A regular debit: rent, utilities, telecom, insurance, council tax. */
export interface Bill {
  readonly dayOfMonth: number;
  readonly payee: Party;
  readonly minor: number;
  readonly channel: 'direct_debit' | 'transfer' | 'card';
  readonly purpose: string;
  readonly mcc?: string;
  /** Varies a little month to month (energy). */
  readonly varies: boolean;
}

/** A trip in progress: where purchases happen, and until when. */
export interface Trip {
  readonly place: Place;
  /** First day index of the trip. */
  readonly start: number;
  /** Last day index of the trip (inclusive): checkout day. */
  readonly until: number;
  readonly kind: 'holiday' | 'business' | 'home';
  readonly hotel?: { readonly merchant: string; readonly nightly: number };
}

/** A planned journey, decided at setup. */
export interface Journey {
  readonly start: number;
  readonly nights: number;
  readonly place: Place;
  readonly kind: 'holiday' | 'home';
  /** Day index the tickets are bought (may be before the period, then not emitted). */
  readonly bookedOn: number;
}

/** State of a small business account. */
export interface BusinessState {
  readonly kind: BusinessKind;
  readonly tradingName: string;
  /** Card sales per open day. */
  readonly salesPerDay: number;
  /** The bank is the acquirer and sees each card sale, or only a daily settlement from an acquirer. */
  readonly perSale: boolean;
  readonly acquirer: Party;
  readonly employees: readonly Party[];
  readonly payroll: readonly number[];
  readonly suppliers: readonly Party[];
  readonly supplierDay: number;
  readonly owner: Party;
  readonly trade: boolean;
  /** Takings accumulated for tomorrow's settlement, minor units. */
  unsettled: number;
  /** Cash takings waiting to be banked, minor units. */
  cashOnHand: number;
}

/** Background behaviour of an account. */
export interface Background {
  living: Living;
  readonly incomes: Income[];
  readonly bills: Bill[];
  /** Seed from which the account's friends and relatives are derived on demand (see `contact`). */
  readonly contactSeed: number;
  /** Number of friends (person-to-person payments). */
  readonly friends: number;
  /** Number of relatives abroad (remittances home, or money from family). */
  readonly family: number;
  /** Where the relatives bank. */
  readonly familyCountry: 'GB' | 'RO';
  readonly hasCar: boolean;
  /** Night cash withdrawals per day (night-shift workers). */
  readonly nightCash: number;
  /** Monthly remittance home: share of monthly wage and day offset after pay. */
  readonly remit?: { readonly minor: number; readonly dayOfMonth: number; readonly msb: boolean };
  readonly journeys: Journey[];
  readonly business?: BusinessState;
  /** Business trips: next start day index. */
  nextBusinessTrip: number;
  readonly familyTown?: Place;
  /** Chance per day of money arriving from family abroad (Romanian residents). */
  readonly familyIn: number;
  readonly airport: string;
}

/** A planted scenario on an account: what, when, how strongly, and the day function that emits it. */
export interface PlantedState {
  readonly scenario: Scenario;
  readonly role: string;
  readonly groupId: string;
  readonly intensity: number;
  /** First and last active day index (inclusive). */
  readonly startDay: number;
  readonly endDay: number;
  /** Emits one active day of the scenario. */
  readonly run: (account: Account, em: Emitter) => void;
}

/** KYC attributes being decided; assembled into a CustomerProfile at the end of setup. */
export interface ProfileDraft {
  accountType: 'personal' | 'business';
  occupation: string;
  /** Base-currency decimal string, or undefined when none was declared. */
  declaredMonthlyIncome: string | undefined;
  travelsForWork: boolean;
  expectedMonthlyTurnover: string | undefined;
  flags: string[] | undefined;
  openedAt: string;
}

/** One generated account. */
export interface Account {
  readonly index: number;
  readonly accountId: string;
  readonly customerId: string;
  readonly rng: Rng;
  readonly archetype: Archetype;
  readonly country: 'GB' | 'RO';
  readonly currency: string;
  /** Multiplier from pounds to the account's currency. */
  readonly fx: number;
  readonly home: Place;
  readonly origin: 'GB' | 'RO';
  readonly holder: string;
  party: Party;
  device: Device;
  address: Address;
  phone: string;
  readonly email: string;
  readonly profile: ProfileDraft;
  readonly bg: Background;
  trip?: Trip;
  planted?: PlantedState;
}
