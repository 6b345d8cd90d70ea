/**
 * Controller / coordinator account (A22; F20 funnel; EJ).
 *
 * Emits: many small instant credits from mostly one-off payers (clients); third-party cash deposits at
 * several machines and branches in the ring's towns; adult-classified advert payments in small fixed
 * multiples; lodging and taxis in the ring's towns; phone top-ups; weekly transfers to several
 * individuals (the ring's victims and others); cash withdrawals; luxury and gambling spend; few
 * ordinary living costs. Victims' swept wages arrive as mirrored transfers from their accounts.
 */
import type { Account } from '../account.js';
import { backgroundDay } from '../archetypes.js';
import { cardPayment, cash, type Emitter, hourOf, minorOf, transfer } from '../emit.js';
import { externalPerson, type Party, terminalIn } from '../identity.js';
import { MERCHANTS } from '../merchants.js';
import { adPayments, cashOut, oneOffPayer, type Range, roundish, scale, taxis, townOn } from './common.js';
import type { Ring } from './ring.js';

/** Parameters of the controller scenario; each range is `[at intensity 0, at intensity 1]`. */
export const CONTROLLER_PARAMS = Object.freeze({
  clientPaymentsPerDay: [0.4, 4] as Range,
  /** Client payment in pounds, drawn uniformly then rounded (A22: AUD 100–800, average 250). */
  clientAmount: [60, 450] as Range,
  repeatClientShare: 0.2,
  cashDepositsPerWeek: [0.3, 4] as Range,
  cashDepositAmount: [200, 800] as Range,
  adPaymentsPerWeek: [0.4, 5] as Range,
  lodgingPerWeek: [0.3, 3] as Range,
  taxisPerWeek: [1, 9] as Range,
  topupsPerWeek: [0.5, 5] as Range,
  /** Weekly payment to each worker, pounds. */
  workerPayment: [40, 250] as Range,
  /** Individuals paid weekly besides the generated victims. */
  extraWorkers: [0, 3] as Range,
  cashOutPerWeek: [0.3, 2.5] as Range,
  luxuryPerMonth: [0.3, 5] as Range,
  remittancesPerMonth: [0, 2] as Range,
  /** Everyday-spending multiplier. */
  living: [0.7, 0.25] as Range,
});

/** Per-account state of a planted controller. */
export interface ControllerData {
  readonly ring: Ring;
  readonly clients: Party[];
  readonly extraWorkers: readonly Party[];
  readonly payday: number;
  readonly keepsJob: boolean;
  readonly depositors: readonly string[];
}

/**
 * Sets up a controller on an account.
 *
 * @param a - the account
 * @param ring - its ring
 * @param intensity - 0 … 1
 * @returns the scenario state
 */
export function setupController(a: Account, ring: Ring, intensity: number): ControllerData {
  const r = a.rng;
  const extra: Party[] = [];
  const n = Math.round(scale(CONTROLLER_PARAMS.extraWorkers, intensity) * r.next() + (ring.victims.length === 0 ? 2 : 0));
  for (let i = 0; i < n; i++) extra.push(externalPerson(r, 'GB', 'RO'));
  const depositors: string[] = [];
  for (let i = 0; i < 4; i++) depositors.push(externalPerson(r, 'GB', r.chance(0.6) ? 'RO' : 'GB').name);
  a.device = ring.device;
  return { ring, clients: [], extraWorkers: extra, payday: r.int(1, 7), keepsJob: r.chance(1 - intensity * 0.8), depositors };
}

/**
 * One active day of a controller.
 *
 * @param a - the account
 * @param em - the emitter
 * @param st - scenario state
 * @param intensity - 0 … 1
 */
export function controllerDay(a: Account, em: Emitter, st: ControllerData, intensity: number): void {
  const P = CONTROLLER_PARAMS;
  const r = a.rng;
  const I = intensity;
  const d = em.day.index;
  backgroundDay(a, em, { living: scale(P.living, I), income: st.keepsJob, bills: st.keepsJob || r.chance(0.02), travel: false, businessCosts: true, businessTakings: true });
  const town = townOn(st.ring.circuit, d, st.ring.stay, st.ring.phase);

  const clients = r.poisson(scale(P.clientPaymentsPerDay, I));
  for (let i = 0; i < clients; i++) {
    const payer = oneOffPayer(r, st.clients, P.repeatClientShare);
    const pounds = roundish(r, r.float(P.clientAmount[0], P.clientAmount[1]) * (r.chance(0.7) ? 0.6 : 1));
    transfer(em, a, em.at(12 + r.next() * 13), 'in', minorOf(a, pounds), payer, { channel: 'instant', reference: r.pick(['', 'thanks', 'x', 'massage', 'booking', 'for tonight', 'ok', 'deposit', 'services']) || 'payment' });
  }
  if (r.chance(scale(P.cashDepositsPerWeek, I) / 7)) {
    const atm = r.chance(0.6);
    const where = r.pick(st.ring.circuit);
    cash(em, a, em.at(hourOf(r, 'any')), 'in', minorOf(a, Math.round(r.float(P.cashDepositAmount[0], P.cashDepositAmount[1]) / 10) * 10), where, {
      atm,
      terminalId: terminalIn(r, where, atm ? 'atm' : 'branch'),
      ...(atm ? {} : { depositor: r.pick(st.depositors) }),
    });
  }
  adPayments(em, a, r.poisson(scale(P.adPaymentsPerWeek, I) / 7), town);
  if (r.chance(scale(P.lodgingPerWeek, I) / 7)) cardPayment(em, a, em.at(hourOf(r, 'any')), r.chance(0.5) ? MERCHANTS.shortLet : MERCHANTS.hotel, town, { online: r.chance(0.5) });
  taxis(em, a, r.poisson(scale(P.taxisPerWeek, I) / 7), town);
  const topups = r.poisson(scale(P.topupsPerWeek, I) / 7);
  for (let i = 0; i < topups; i++) {
    cardPayment(em, a, em.at(hourOf(r, 'any')), MERCHANTS.telecomTopup, town, { online: true, minor: minorOf(a, r.pick([10, 10, 15, 20, 20, 30])), reference: `07${r.int(100000000, 999999999)}` });
  }
  if (em.day.weekday === st.payday) {
    const workers: Party[] = [...st.ring.victims.map((v) => v.party), ...st.extraWorkers];
    for (const w of workers) {
      if (!r.chance(0.35 + 0.6 * I)) continue;
      transfer(em, a, em.at(hourOf(r, 'any')), 'out', minorOf(a, roundish(r, r.float(P.workerPayment[0], P.workerPayment[1]))), w, { channel: 'instant', reference: r.pick(['', 'food', 'for you', 'bani', 'mancare', 'ok']) || 'transfer' });
    }
  }
  if (r.chance(scale(P.cashOutPerWeek, I) / 7)) cashOut(em, a, em.at(hourOf(r, 'any')), minorOf(a, r.float(200, 600)), town, 500);
  if (r.chance(scale(P.luxuryPerMonth, I) / 30)) {
    const k = r.pick([MERCHANTS.gambling, MERCHANTS.gambling, MERCHANTS.jewellery, MERCHANTS.designer]);
    cardPayment(em, a, em.at(hourOf(r, 'evening')), k, town, { online: k === MERCHANTS.gambling });
  }
  if (r.chance((scale(P.luxuryPerMonth, I) / 30) * 0.02)) cardPayment(em, a, em.at(hourOf(r, 'day')), MERCHANTS.carDealer, town);
  if (r.chance(scale(P.remittancesPerMonth, I) / 30)) {
    transfer(em, a, em.at(hourOf(r, 'day')), 'out', minorOf(a, r.lognormal(800, 0.5, 200, 4000)), externalPerson(r, 'RO'), {
      channel: 'msb',
      reference: 'family',
      merchant: { mcc: MERCHANTS.moneyTransfer.mcc, name: r.pick(MERCHANTS.moneyTransfer.names), city: town.name, country: 'GB' },
      at: { place: town },
    });
  }
}
