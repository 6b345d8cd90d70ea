/**
 * Victim account under control (F20 behavioural and exploitative-employment indicators; UN; EJ).
 *
 * Emits: wages (weekly or monthly, from an agency) or a monthly benefit, sometimes small client
 * payments, then most of each credit swept within hours to the controller's account (a mirrored
 * transfer) or taken out as cash; online banking from the controller's device; card spend in the
 * ring's towns at hotels, fast food, beauty, lingerie and pharmacies, and taxis; little ordinary
 * living spend. Profile: recent account; sometimes the controller's phone or address; rarely a staff flag.
 */
import type { Account } from '../account.js';
import { backgroundDay } from '../archetypes.js';
import { cardPayment, type Emitter, hourOf, minorOf, transfer } from '../emit.js';
import { type Party, organisation } from '../identity.js';
import { EMPLOYERS, MERCHANTS } from '../merchants.js';
import { cashOut, oneOffPayer, type Range, roundish, scale, taxis, townOn } from './common.js';
import type { Ring } from './ring.js';

/** Parameters of the victim scenario; each range is `[at intensity 0, at intensity 1]`. */
export const VICTIM_PARAMS = Object.freeze({
  /** Monthly wage or benefit, pounds. */
  monthlyIncome: [700, 1600] as Range,
  /** Share of each credit swept out. */
  sweepShare: [0.45, 0.95] as Range,
  /** Hours from credit to sweep (faint instances are slower). */
  sweepDelayHours: [30, 0.5] as Range,
  /** Chance a sweep is taken as cash instead of a transfer. */
  cashSweepShare: 0.3,
  /** Chance the victim also receives client payments, and their daily rate. */
  clientShare: 0.5,
  clientPaymentsPerDay: [0.2, 1.5] as Range,
  sharedDevice: [0.4, 1] as Range,
  sharedPhone: [0.05, 0.5] as Range,
  sharedAddress: [0.1, 0.6] as Range,
  flagThirdPartyControl: [0, 0.3] as Range,
  flagEscorted: [0, 0.15] as Range,
  flagIdInSexAds: [0, 0.25] as Range,
  lodgingPerWeek: [0.1, 1.5] as Range,
  fastFoodPerDay: [0.3, 1.5] as Range,
  beautyPerWeek: [0.5, 4] as Range,
  taxisPerWeek: [0.3, 4] as Range,
  living: [0.5, 0.1] as Range,
});

/** Per-account state of a planted victim. */
export interface VictimData {
  readonly ring: Ring;
  readonly payer: Party;
  readonly cadence: 'weekly' | 'monthly';
  readonly purpose: 'salary' | 'benefit';
  readonly payOn: number;
  readonly incomeMinor: number;
  readonly sweepShare: number;
  readonly sweepHours: number;
  readonly sharedDevice: boolean;
  readonly clientRate: number;
  readonly clients: Party[];
  /** Client money received today, swept at night. */
  pendingClient: number;
}

/**
 * Sets up a victim on an account and writes the profile signs of control.
 *
 * @param a - the account
 * @param ring - the ring controlling it
 * @param intensity - 0 … 1
 * @returns the scenario state
 */
export function setupVictim(a: Account, ring: Ring, intensity: number): VictimData {
  const P = VICTIM_PARAMS;
  const r = a.rng;
  const I = intensity;
  const benefit = r.chance(0.3);
  const cadence = benefit ? 'monthly' : r.chance(0.5) ? 'weekly' : 'monthly';
  const monthly = r.float(P.monthlyIncome[0], P.monthlyIncome[1]);
  const payer = benefit ? organisation('DWP UNIVERSAL CREDIT') : organisation(r.pick([...EMPLOYERS.agency, ...EMPLOYERS.hospitality]));
  const sharedDevice = r.chance(scale(P.sharedDevice, I));
  if (sharedDevice) a.device = ring.device;
  if (r.chance(scale(P.sharedPhone, I))) a.phone = ring.phone;
  if (r.chance(scale(P.sharedAddress, I))) a.address = ring.address;
  const flags: string[] = [];
  if (r.chance(scale(P.flagThirdPartyControl, I))) flags.push('third_party_control');
  if (r.chance(scale(P.flagEscorted, I))) flags.push('escorted');
  if (r.chance(scale(P.flagIdInSexAds, I))) flags.push('id_in_sex_ads');
  if (flags.length > 0) a.profile.flags = flags;
  a.profile.occupation = r.pick(['cleaner', 'care assistant', 'waitress', 'hotel housekeeper', 'unemployed', 'student', 'beautician']);
  a.profile.declaredMonthlyIncome = monthly.toFixed(2);
  return {
    ring,
    payer,
    cadence,
    purpose: benefit ? 'benefit' : 'salary',
    payOn: cadence === 'weekly' ? 5 : r.pick([1, 10, 15, 25, 28]),
    incomeMinor: minorOf(a, cadence === 'weekly' ? (monthly * 12) / 52 : monthly),
    sweepShare: Math.min(0.99, scale(P.sweepShare, I) + 0.05 * r.normal()),
    sweepHours: Math.max(0.2, scale(P.sweepDelayHours, I) * r.float(0.6, 1.4)),
    sharedDevice,
    clientRate: r.chance(P.clientShare) ? scale(P.clientPaymentsPerDay, I) : 0,
    clients: [],
    pendingClient: 0,
  };
}

function sweep(a: Account, em: Emitter, st: VictimData, t: number, minor: number): void {
  const r = a.rng;
  const out = Math.round(minor * st.sweepShare);
  if (out < 100) return;
  const when = t + Math.floor(st.sweepHours * 3600 * r.float(0.5, 1.5));
  if (r.chance(VICTIM_PARAMS.cashSweepShare)) {
    cashOut(em, a, when, out, townOn(st.ring.circuit, em.day.index, st.ring.stay, st.ring.phase), r.pick([250, 300, 500]));
    return;
  }
  transfer(em, a, when, 'out', out, st.ring.controllerParty, {
    channel: r.chance(0.7) ? 'instant' : 'transfer',
    reference: r.pick(['', 'rent', 'food', 'datorie', 'bani', 'ok', 'transport', 'for room']) || 'transfer',
    ...(st.sharedDevice ? { device: st.ring.device } : {}),
  });
}

/**
 * One active day of a victim account.
 *
 * @param a - the account
 * @param em - the emitter
 * @param st - scenario state
 * @param intensity - 0 … 1
 */
export function victimDay(a: Account, em: Emitter, st: VictimData, intensity: number): void {
  const P = VICTIM_PARAMS;
  const r = a.rng;
  const I = intensity;
  const day = em.day;
  backgroundDay(a, em, { living: scale(P.living, I), income: false, bills: r.chance(0.3 * (1 - I)), travel: false, businessCosts: false, businessTakings: false });
  const town = townOn(st.ring.circuit, day.index, st.ring.stay, st.ring.phase);
  const due = st.cadence === 'weekly' ? day.weekday === st.payOn : day.dayOfMonth === Math.min(st.payOn, day.daysInMonth);
  if (due) {
    const t = em.at(5 + r.next() * 3);
    const m = st.cadence === 'weekly' ? Math.round(st.incomeMinor * (1 + 0.08 * r.normal())) : st.incomeMinor;
    transfer(em, a, t, 'in', m, st.payer, { purpose: st.purpose, reference: st.purpose === 'benefit' ? 'UC PAYMENT' : 'WAGES' });
    sweep(a, em, st, t, m);
  }
  const clients = r.poisson(st.clientRate);
  let received = 0;
  let last = 0;
  for (let i = 0; i < clients; i++) {
    const t = em.at(13 + r.next() * 11);
    const m = minorOf(a, roundish(r, r.float(50, 250)));
    transfer(em, a, t, 'in', m, oneOffPayer(r, st.clients, 0.15), { channel: 'instant', reference: r.pick(['', 'thanks', 'x', 'booking']) || 'payment' });
    received += m;
    last = Math.max(last, t);
  }
  if (received > 0) sweep(a, em, st, last, received);
  if (r.chance(scale(P.lodgingPerWeek, I) / 7)) cardPayment(em, a, em.at(hourOf(r, 'any')), r.chance(0.5) ? MERCHANTS.hotel : MERCHANTS.shortLet, town);
  const food = r.poisson(scale(P.fastFoodPerDay, I));
  for (let i = 0; i < food; i++) cardPayment(em, a, em.at(hourOf(r, r.chance(0.5) ? 'late' : 'any')), MERCHANTS.fastFood, town);
  const beauty = r.poisson(scale(P.beautyPerWeek, I) / 7);
  for (let i = 0; i < beauty; i++) cardPayment(em, a, em.at(hourOf(r, 'day')), r.pick([MERCHANTS.cosmetics, MERCHANTS.lingerie, MERCHANTS.pharmacy, MERCHANTS.beauty]), town);
  taxis(em, a, r.poisson(scale(P.taxisPerWeek, I) / 7), town);
}
