/**
 * Cross-border repatriation UK → RO (E15; EJ), seen from both banks.
 *
 * UK side ("sender") emits: frequent remittances to several Romanian beneficiaries through money
 * transfer operators or bank transfers; one-way RO→UK coach and air tickets bought for others;
 * prepaid-card loads and small crypto buys; an occasional branch transfer abroad recorded by staff as
 * escorted (transaction flag `escorted`); cash and instant credits funding it.
 * RO side ("beneficiary") emits: credits from many UK senders and operators, quickly withdrawn as cash
 * in Romania, occasional big purchases (cars, jewellery, property deposits) and RO→UK tickets.
 */
import type { Account } from '../account.js';
import { backgroundDay } from '../archetypes.js';
import { cardPayment, cash, drawAmount, type Emitter, hourOf, minorOf, transfer } from '../emit.js';
import { externalPerson, organisation, type Party, terminalIn } from '../identity.js';
import { AIRPORTS, MERCHANTS, type Place, RO_PLACES, UK_PLACES } from '../merchants.js';
import { cashOut, type Range, roundish, scale } from './common.js';

/** Parameters of the repatriation scenario; each range is `[at intensity 0, at intensity 1]`. */
export const REPATRIATION_PARAMS = Object.freeze({
  beneficiaries: [2, 6] as Range,
  remittancesPerMonth: [2, 12] as Range,
  /** Median remittance, pounds. */
  remittanceMedian: [250, 700] as Range,
  msbShare: 0.6,
  oneWayTicketsPerMonth: [0.3, 4] as Range,
  prepaidPerMonth: [0.2, 3] as Range,
  cryptoPerMonth: [0.2, 3] as Range,
  escortedPerMonth: [0, 0.6] as Range,
  cashInPerWeek: [0.5, 3] as Range,
  instantInPerDay: [0.2, 1.5] as Range,
  luxuryPerMonth: [0, 1.5] as Range,
  living: [0.8, 0.4] as Range,
  /** RO side. */
  roInflowsPerMonth: [3, 15] as Range,
  roSenders: [3, 12] as Range,
  roCashOutShare: [0.4, 0.9] as Range,
  roAssetBuysPerMonth: [0.05, 0.5] as Range,
  roTicketsPerMonth: [0.2, 2] as Range,
});

/** Per-account state of a UK-side sender. */
export interface SenderData {
  readonly beneficiaries: Party[];
  readonly town: Place;
  readonly clients: Party[];
}

/** Per-account state of a RO-side beneficiary. */
export interface BeneficiaryData {
  readonly senders: readonly Party[];
}

/**
 * Sets up a UK-side sender; `internalBeneficiaries` are generated RO accounts it also pays.
 *
 * @param a - the account
 * @param intensity - 0 … 1
 * @param internalBeneficiaries - parties of generated RO-side accounts
 * @returns the scenario state
 */
export function setupSender(a: Account, intensity: number, internalBeneficiaries: readonly Party[]): SenderData {
  const r = a.rng;
  const n = Math.max(1, Math.round(scale(REPATRIATION_PARAMS.beneficiaries, intensity) * r.float(0.7, 1.3)));
  const beneficiaries: Party[] = [...internalBeneficiaries];
  while (beneficiaries.length < n) beneficiaries.push(externalPerson(r, 'RO'));
  return { beneficiaries, town: a.home, clients: [] };
}

/**
 * Sets up a RO-side beneficiary.
 *
 * @param a - the account
 * @param intensity - 0 … 1
 * @returns the scenario state
 */
export function setupBeneficiary(a: Account, intensity: number): BeneficiaryData {
  const r = a.rng;
  const senders: Party[] = [];
  const n = Math.max(2, Math.round(scale(REPATRIATION_PARAMS.roSenders, intensity) * r.float(0.7, 1.3)));
  for (let i = 0; i < n; i++) senders.push(externalPerson(r, 'GB', 'RO'));
  return { senders };
}

function oneWayTicket(a: Account, em: Emitter, where: Place): void {
  const r = a.rng;
  const from = r.weighted(RO_PLACES, (p) => p.weight);
  const to = r.weighted(UK_PLACES, (p) => p.weight);
  const t = em.at(hourOf(r, 'any'));
  if (r.chance(0.35)) {
    cardPayment(em, a, t, MERCHANTS.roCoach, from, { online: true, reference: `${from.name.toUpperCase()}-${to.name.toUpperCase()}` });
  } else {
    cardPayment(em, a, t, MERCHANTS.roAirline, where, { online: true, reference: `${AIRPORTS[from.name] ?? 'OTP'}-${AIRPORTS[to.name] ?? 'LTN'}` });
  }
}

/**
 * One active day of a UK-side sender.
 *
 * @param a - the account
 * @param em - the emitter
 * @param st - scenario state
 * @param intensity - 0 … 1
 */
export function senderDay(a: Account, em: Emitter, st: SenderData, intensity: number): void {
  const P = REPATRIATION_PARAMS;
  const r = a.rng;
  const I = intensity;
  backgroundDay(a, em, { living: scale(P.living, I), income: true, bills: true, travel: I < 0.5, businessCosts: true, businessTakings: true });
  if (r.chance(scale(P.cashInPerWeek, I) / 7)) {
    const atm = r.chance(0.5);
    cash(em, a, em.at(hourOf(r, 'any')), 'in', minorOf(a, roundish(r, r.float(200, 900))), st.town, { atm, terminalId: terminalIn(r, st.town, atm ? 'atm' : 'branch') });
  }
  const ins = r.poisson(scale(P.instantInPerDay, I));
  for (let i = 0; i < ins; i++) {
    const from = r.chance(0.7) ? externalPerson(r, 'GB', r.chance(0.5) ? 'RO' : 'GB') : (r.pick(st.clients.length > 0 ? st.clients : [externalPerson(r, 'GB')]));
    if (st.clients.length < 6) st.clients.push(from);
    transfer(em, a, em.at(12 + r.next() * 12), 'in', minorOf(a, roundish(r, r.float(50, 300))), from, { channel: 'instant', reference: r.pick(['', 'thanks', 'x', 'share']) || 'payment' });
  }
  if (r.chance(scale(P.remittancesPerMonth, I) / 30)) {
    const to = r.pick(st.beneficiaries);
    const m = minorOf(a, Math.round(r.lognormal(scale(P.remittanceMedian, I), 0.5, 60, 4000)));
    const t = em.at(hourOf(r, 'day'));
    if (r.chance(P.msbShare)) {
      transfer(em, a, t, 'out', m, to, {
        channel: 'msb',
        reference: r.pick(['family', 'ajutor', 'pentru casa', 'gift', '']) || 'transfer',
        merchant: { mcc: MERCHANTS.moneyTransfer.mcc, name: r.pick(MERCHANTS.moneyTransfer.names), city: st.town.name, country: 'GB' },
        at: { place: st.town },
      });
    } else transfer(em, a, t, 'out', m, to, { reference: r.pick(['family', 'casa', 'masina', 'bani', 'support']) });
  }
  if (r.chance(scale(P.escortedPerMonth, I) / 30)) {
    transfer(em, a, em.at(10 + r.next() * 6), 'out', minorOf(a, Math.round(r.float(900, 3500))), r.pick(st.beneficiaries), {
      purpose: 'salary',
      reference: 'SALARIU',
      flags: ['escorted'],
      at: { place: st.town, terminalId: terminalIn(r, st.town, 'branch') },
    });
  }
  if (r.chance(scale(P.oneWayTicketsPerMonth, I) / 30)) oneWayTicket(a, em, st.town);
  if (r.chance(scale(P.prepaidPerMonth, I) / 30)) cardPayment(em, a, em.at(hourOf(r, 'any')), MERCHANTS.prepaid, st.town, { minor: minorOf(a, r.pick([25, 50, 50, 100, 100, 150, 250])) });
  if (r.chance(scale(P.cryptoPerMonth, I) / 30)) cardPayment(em, a, em.at(hourOf(r, 'any')), MERCHANTS.crypto, st.town, { online: true, minor: minorOf(a, r.pick([20, 25, 50, 50, 100, 100, 200])) });
  if (r.chance(scale(P.luxuryPerMonth, I) / 30)) cardPayment(em, a, em.at(hourOf(r, 'day')), r.pick([MERCHANTS.jewellery, MERCHANTS.gambling, MERCHANTS.designer]), st.town);
}

/**
 * One active day of a RO-side beneficiary.
 *
 * @param a - the account
 * @param em - the emitter
 * @param st - scenario state
 * @param intensity - 0 … 1
 */
export function beneficiaryDay(a: Account, em: Emitter, st: BeneficiaryData, intensity: number): void {
  const P = REPATRIATION_PARAMS;
  const r = a.rng;
  const I = intensity;
  backgroundDay(a, em, { living: scale([0.9, 0.5], I), income: I < 0.6 || r.chance(0.5), bills: true, travel: false, businessCosts: true, businessTakings: true });
  if (r.chance(scale(P.roInflowsPerMonth, I) / 30)) {
    const from = r.pick(st.senders);
    const t = em.at(hourOf(r, 'day'));
    const m = minorOf(a, Math.round(r.lognormal(scale(REPATRIATION_PARAMS.remittanceMedian, I), 0.5, 60, 4000)));
    if (r.chance(0.6)) {
      transfer(em, a, t, 'in', m, from, { channel: 'msb', reference: `${r.pick(MERCHANTS.moneyTransfer.names)} ${r.int(1000000, 9999999)}` });
    } else transfer(em, a, t, 'in', m, from, { reference: r.pick(['family', 'ajutor', 'casa', 'bani']) });
    if (r.chance(scale(P.roCashOutShare, I))) cashOut(em, a, t + Math.floor(r.float(1, 40) * 3600), Math.round(m * r.float(0.7, 1)), a.home, 340);
  }
  if (r.chance(scale(P.roAssetBuysPerMonth, I) / 30)) {
    const k = r.pick([MERCHANTS.roCarDealer, MERCHANTS.roJewellery, MERCHANTS.roJewellery]);
    if (r.chance(0.3)) {
      transfer(em, a, em.at(hourOf(r, 'day')), 'out', minorOf(a, r.float(5000, 20000)), organisation(`NOTAR PUBLIC ${externalPerson(r, 'RO').name.split(' ')[1] ?? 'POPESCU'}`, 'RO'), { reference: 'avans apartament' });
    } else cardPayment(em, a, em.at(hourOf(r, 'day')), k, a.home, { minor: drawAmount(a, k) });
  }
  if (r.chance(scale(P.roTicketsPerMonth, I) / 30)) oneWayTicket(a, em, a.home);
}
