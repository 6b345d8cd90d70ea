/**
 * Mobile pop-up operation (T16 "short stays… multiple cities"; APPG pop-up brothels; GT).
 *
 * Emits: a run of short hotel or short-let bookings (platforms and chains), one town after another,
 * sometimes overlapping in two towns; one-way coach, rail or air tickets for several people when
 * moving; taxis; fast food for several people; classified-advert payments; cash withdrawals at night;
 * some instant client credits; reduced ordinary spending.
 */
import type { Account } from '../account.js';
import { backgroundDay } from '../archetypes.js';
import { cardPayment, cash, drawAmount, type Emitter, hourOf, minorOf, transfer } from '../emit.js';
import { type Party, terminalIn } from '../identity.js';
import { AIRPORTS, MERCHANTS, type Place } from '../merchants.js';
import { adPayments, circuitOf, oneOffPayer, type Range, roundish, scale, taxis } from './common.js';

/** Parameters of the pop-up scenario; each range is `[at intensity 0, at intensity 1]`. */
export const POPUP_PARAMS = Object.freeze({
  townsInCircuit: [3, 8] as Range,
  /** Nights per stay (APPG: one to two days up to several weeks). */
  stayNights: [1, 4] as Range,
  /** Days between stays. */
  gapDays: [6, 0] as Range,
  shortLetShare: 0.6,
  overlapChance: [0, 0.35] as Range,
  ticketChance: [0.3, 0.9] as Range,
  passengers: [1, 4] as Range,
  taxisPerDay: [0.3, 2.5] as Range,
  foodForManyPerDay: [0.3, 2] as Range,
  people: [2, 5] as Range,
  adPaymentsPerWeek: [0.3, 4] as Range,
  nightCashPerWeek: [0.3, 3] as Range,
  clientPaymentsPerDay: [0.1, 1.5] as Range,
  living: [0.7, 0.3] as Range,
});

/** Per-account state of a pop-up organiser. */
export interface PopupData {
  readonly circuit: readonly Place[];
  /** Current stay: town and checkout day. */
  stay?: { readonly town: Place; readonly until: number };
  next: number;
  position: number;
  readonly clients: Party[];
}

/**
 * Sets up a pop-up organiser.
 *
 * @param a - the account
 * @param intensity - 0 … 1
 * @param startDay - first active day
 * @returns the scenario state
 */
export function setupPopup(a: Account, intensity: number, startDay: number): PopupData {
  const r = a.rng;
  const n = Math.round(scale(POPUP_PARAMS.townsInCircuit, intensity) + r.next());
  return { circuit: circuitOf(r, n, [a.home]), next: startDay, position: r.int(0, 7), clients: [] };
}

function bookStay(a: Account, em: Emitter, st: PopupData, I: number, town: Place, nights: number, from: Place): void {
  const r = a.rng;
  const P = POPUP_PARAMS;
  const shortLet = r.chance(P.shortLetShare);
  const kind = shortLet ? MERCHANTS.shortLet : MERCHANTS.hotel;
  const name = r.pick(kind.names);
  const nightly = r.lognormal(shortLet ? 85 : 70, 0.3, 35, 220);
  const t = em.at(hourOf(r, 'any'));
  if (shortLet || r.chance(0.5)) {
    cardPayment(em, a, t, kind, town, { online: true, name, minor: minorOf(a, nightly * nights) });
  } else {
    for (let i = 0; i < nights; i++) cardPayment(em, a, em.at(14 + 24 * i + r.next() * 4), kind, town, { name, minor: minorOf(a, nightly) });
  }
  if (from !== town && r.chance(scale(P.ticketChance, I))) {
    const pax = Math.max(1, Math.round(scale(P.passengers, I) * r.float(0.6, 1.2)));
    const mode = r.weighted([MERCHANTS.coach, MERCHANTS.rail, MERCHANTS.airline], (k) => (k === MERCHANTS.airline ? 0.2 : 1));
    const ref = mode === MERCHANTS.airline ? `${AIRPORTS[from.name] ?? 'LTN'}-${AIRPORTS[town.name] ?? 'EDI'}` : `${from.name.toUpperCase()} TO ${town.name.toUpperCase()} SINGLE`;
    cardPayment(em, a, t - 3600, mode, from, { online: true, minor: drawAmount(a, mode, pax * 0.6), reference: ref });
  }
}

/**
 * One active day of a pop-up organiser.
 *
 * @param a - the account
 * @param em - the emitter
 * @param st - scenario state
 * @param intensity - 0 … 1
 */
export function popupDay(a: Account, em: Emitter, st: PopupData, intensity: number): void {
  const P = POPUP_PARAMS;
  const r = a.rng;
  const I = intensity;
  const d = em.day.index;
  backgroundDay(a, em, { living: scale(P.living, I), income: true, bills: true, travel: false, businessCosts: true, businessTakings: true });
  if (st.stay !== undefined && d >= st.stay.until) {
    const from = st.stay.town;
    delete st.stay;
    st.next = d + Math.round(scale(P.gapDays, I) * r.float(0.5, 1.5));
    if (d >= st.next) startStay(a, em, st, I, from);
  } else if (st.stay === undefined && d >= st.next) startStay(a, em, st, I, a.home);
  const stay = st.stay;
  if (stay === undefined) return;
  const town = stay.town;
  taxis(em, a, r.poisson(scale(P.taxisPerDay, I)), town);
  const food = r.poisson(scale(P.foodForManyPerDay, I));
  for (let i = 0; i < food; i++) {
    const people = scale(P.people, I) * r.float(0.7, 1.2);
    cardPayment(em, a, em.at(hourOf(r, r.chance(0.5) ? 'late' : 'any')), r.chance(0.8) ? MERCHANTS.fastFood : MERCHANTS.grocery, town, { minor: drawAmount(a, MERCHANTS.fastFood, people) });
  }
  adPayments(em, a, r.poisson(scale(P.adPaymentsPerWeek, I) / 7), town);
  if (r.chance(scale(P.nightCashPerWeek, I) / 7)) {
    cash(em, a, em.at(hourOf(r, 'night')), 'out', minorOf(a, r.pick([100, 150, 200, 250, 300])), town, { atm: true, terminalId: terminalIn(r, town, 'atm') });
  }
  const clients = r.poisson(scale(P.clientPaymentsPerDay, I));
  for (let i = 0; i < clients; i++) {
    transfer(em, a, em.at(12 + r.next() * 13), 'in', minorOf(a, roundish(r, r.float(60, 300))), oneOffPayer(r, st.clients, 0.1), { channel: 'instant', reference: r.pick(['', 'thanks', 'x']) || 'payment' });
  }
}

function startStay(a: Account, em: Emitter, st: PopupData, I: number, from: Place): void {
  const r = a.rng;
  const town = st.circuit[st.position % st.circuit.length] as Place;
  st.position++;
  const nights = Math.max(1, Math.round(scale(POPUP_PARAMS.stayNights, I) * r.float(0.5, 1.5)));
  st.stay = { town, until: em.day.index + nights };
  bookStay(a, em, st, I, town, nights, from);
  if (r.chance(scale(POPUP_PARAMS.overlapChance, I))) {
    const other = st.circuit[st.position % st.circuit.length] as Place;
    bookStay(a, em, st, I, other, Math.max(1, nights - 1), town);
  }
}
