/**
 * Front business (F20 #13 and front companies; T16).
 *
 * Emits, on a business account with a massage, beauty, salon or bar MCC: card takings mostly after the
 * trading hours of such a place; large cash deposits; several employees' wages paid into one account;
 * few or no ordinary business costs (suppliers, utilities, tax); and payments for other people's living
 * costs: lodging, rent to several landlords, car hire, big food shops.
 */
import type { Account } from '../account.js';
import { backgroundDay } from '../archetypes.js';
import { cardPayment, cardTaking, cash, drawAmount, type Emitter, hourOf, minorOf, transfer } from '../emit.js';
import { externalPerson, organisation, type Party, terminalIn } from '../identity.js';
import { BILL_PAYEES, type BusinessKind, FRONT_BUSINESS_KINDS, MERCHANTS } from '../merchants.js';
import { type Range, roundish, scale } from './common.js';

/** Parameters of the front-business scenario; each range is `[at intensity 0, at intensity 1]`. */
export const FRONT_BUSINESS_PARAMS = Object.freeze({
  salesPerDay: [4, 20] as Range,
  /** Share of card takings outside the trading hours of the business kind. */
  afterHoursShare: [0.3, 0.9] as Range,
  /** Median card sale, pounds. */
  saleMedian: [50, 120] as Range,
  cashDepositsPerWeek: [0.3, 2] as Range,
  /** Names on wages paid into the one account. */
  employees: [2, 6] as Range,
  /** Chance an ordinary business cost still happens when due. */
  ordinaryCosts: [0.8, 0] as Range,
  lodgingPerWeek: [0.3, 3] as Range,
  carRentalPerMonth: [0.3, 3] as Range,
  bigFoodPerWeek: [0.3, 3] as Range,
  landlords: [1, 3] as Range,
});

/** Per-account state of a front business. */
export interface FrontData {
  readonly kind: BusinessKind;
  readonly tradingName: string;
  readonly wagesAccount: Party;
  readonly employeeNames: readonly string[];
  readonly landlords: readonly Party[];
  readonly rentDays: readonly number[];
  readonly payWeekly: boolean;
}

/**
 * Turns a business account into a front business.
 *
 * @param a - the account (a small-business cover)
 * @param intensity - 0 … 1
 * @returns the scenario state
 */
export function setupFront(a: Account, intensity: number): FrontData {
  const r = a.rng;
  const kind = r.pick(FRONT_BUSINESS_KINDS);
  const tradingName = r.pick(kind.tradingNames);
  const names: string[] = [];
  const n = Math.max(2, Math.round(scale(FRONT_BUSINESS_PARAMS.employees, intensity) * r.float(0.7, 1.3)));
  for (let i = 0; i < n; i++) names.push(externalPerson(r, 'GB', 'RO').name);
  const landlords: Party[] = [];
  const rentDays: number[] = [];
  const nl = Math.max(1, Math.round(scale(FRONT_BUSINESS_PARAMS.landlords, intensity)));
  for (let i = 0; i < nl; i++) {
    landlords.push(r.chance(0.5) ? externalPerson(r, 'GB') : organisation(r.pick(BILL_PAYEES.lettings)));
    rentDays.push(r.int(1, 28));
  }
  a.profile.occupation = `${kind.label} owner`;
  const sales = scale(FRONT_BUSINESS_PARAMS.salesPerDay, intensity);
  a.profile.expectedMonthlyTurnover = (Math.round(sales * kind.sale * 26 * r.float(0.3, 0.8)) + 0.0).toFixed(2);
  return { kind, tradingName, wagesAccount: externalPerson(r, 'GB', 'RO'), employeeNames: names, landlords, rentDays, payWeekly: r.chance(0.5) };
}

/**
 * One active day of a front business.
 *
 * @param a - the account
 * @param em - the emitter
 * @param st - scenario state
 * @param intensity - 0 … 1
 */
export function frontDay(a: Account, em: Emitter, st: FrontData, intensity: number): void {
  const P = FRONT_BUSINESS_PARAMS;
  const r = a.rng;
  const I = intensity;
  const day = em.day;
  const costs = r.chance(scale(P.ordinaryCosts, I));
  backgroundDay(a, em, { living: 1, income: false, bills: costs, travel: false, businessCosts: costs, businessTakings: false });
  const k = st.kind;
  const n = r.poisson(scale(P.salesPerDay, I) * (day.weekday >= 5 ? 1.4 : 1));
  const after = scale(P.afterHoursShare, I);
  for (let i = 0; i < n; i++) {
    const hour = r.chance(after) ? k.close + r.next() * 4 : k.open + r.next() * (k.close - k.open);
    const m = minorOf(a, roundish(r, r.lognormal(scale(P.saleMedian, I), 0.4, 20, 600)));
    cardTaking(em, a, em.at(hour), m, k.mcc, st.tradingName, a.home);
  }
  if (r.chance(scale(P.cashDepositsPerWeek, I) / 7)) {
    cash(em, a, em.at(10 + r.next() * 5), 'in', minorOf(a, Math.round(r.lognormal(1500, 0.5, 300, 8000) / 10) * 10), a.home, { atm: false, terminalId: terminalIn(r, a.home, 'branch'), reference: 'TAKINGS' });
  }
  const payday = st.payWeekly ? day.weekday === 5 : day.dayOfMonth === Math.min(28, day.daysInMonth);
  if (payday) {
    for (const name of st.employeeNames) {
      const wage = st.payWeekly ? r.float(180, 380) : r.float(800, 1600);
      transfer(em, a, em.at(9 + r.next() * 2), 'out', minorOf(a, Math.round(wage)), st.wagesAccount, { purpose: 'salary', reference: `WAGES ${name}` });
    }
  }
  st.landlords.forEach((l, i) => {
    if (day.dayOfMonth === st.rentDays[i]) transfer(em, a, em.at(hourOf(r, 'day')), 'out', minorOf(a, Math.round(r.float(650, 1400))), l, { purpose: 'rent', reference: 'RENT' });
  });
  if (r.chance(scale(P.lodgingPerWeek, I) / 7)) cardPayment(em, a, em.at(hourOf(r, 'any')), r.chance(0.5) ? MERCHANTS.hotel : MERCHANTS.shortLet, a.home, { online: true });
  if (r.chance(scale(P.carRentalPerMonth, I) / 30)) cardPayment(em, a, em.at(hourOf(r, 'day')), MERCHANTS.carRental, a.home);
  if (r.chance(scale(P.bigFoodPerWeek, I) / 7)) {
    const big = r.chance(0.6);
    cardPayment(em, a, em.at(hourOf(r, big ? 'day' : 'late')), big ? MERCHANTS.bigGrocery : MERCHANTS.fastFood, a.home, big ? {} : { minor: drawAmount(a, MERCHANTS.fastFood, r.float(3, 6)) });
  }
}
