/**
 * Funnel / cash placement (F20 funnel accounts; FA18).
 *
 * Emits: cash paid in at machines and branches in one town, often by third parties, sometimes just
 * under a reporting threshold; most of it taken out again in another town (or sent on) within a day or
 * two; no salary and no direct debits at higher intensities; little ordinary spending.
 */
import type { Account } from '../account.js';
import { backgroundDay } from '../archetypes.js';
import { cash, type Emitter, hourOf, minorOf, transfer } from '../emit.js';
import { externalPerson, type Party, terminalIn } from '../identity.js';
import type { Place } from '../merchants.js';
import { cashOut, circuitOf, type Range, scale } from './common.js';

/** Parameters of the funnel scenario; each range is `[at intensity 0, at intensity 1]`. */
export const FUNNEL_PARAMS = Object.freeze({
  depositsPerWeek: [1, 6] as Range,
  /** Median deposit, pounds. */
  depositMedian: [400, 1500] as Range,
  /** A reporting threshold to stay under, pounds (≈ EUR 10,000, the Romanian cash-report threshold, at 1.17). */
  threshold: 8500,
  nearThresholdShare: [0.03, 0.3] as Range,
  depositors: [1, 6] as Range,
  withdrawShare: [0.5, 0.95] as Range,
  /** Hours from deposit to withdrawal. */
  withdrawDelayHours: [96, 6] as Range,
  /** Chance the money leaves by transfer to another person rather than as cash. */
  transferOutShare: 0.3,
  living: [0.5, 0.1] as Range,
});

/** Per-account state of a funnel account. */
export interface FunnelData {
  readonly depositTown: Place;
  readonly withdrawTowns: readonly Place[];
  readonly depositors: readonly string[];
  readonly onward: readonly Party[];
  readonly keepsIncome: boolean;
}

/**
 * Sets up a funnel account.
 *
 * @param a - the account
 * @param intensity - 0 … 1
 * @returns the scenario state
 */
export function setupFunnel(a: Account, intensity: number): FunnelData {
  const r = a.rng;
  const depositors: string[] = [];
  const n = Math.max(1, Math.round(scale(FUNNEL_PARAMS.depositors, intensity) * r.float(0.7, 1.3)));
  for (let i = 0; i < n; i++) depositors.push(externalPerson(r, 'GB', r.chance(0.5) ? 'RO' : 'GB').name);
  const depositTown = r.chance(0.6) ? a.home : (circuitOf(r, 1, [a.home])[0] as Place);
  const onward: Party[] = [externalPerson(r, 'GB', 'RO'), externalPerson(r, r.chance(0.4) ? 'RO' : 'GB', 'RO')];
  if (r.chance(0.3)) a.profile.declaredMonthlyIncome = r.float(0, 1) < 0.5 ? '600.00' : '1100.00';
  return { depositTown, withdrawTowns: circuitOf(r, r.int(1, 2), [depositTown]), depositors, onward, keepsIncome: r.chance(1 - intensity) };
}

/**
 * One active day of a funnel account.
 *
 * @param a - the account
 * @param em - the emitter
 * @param st - scenario state
 * @param intensity - 0 … 1
 */
export function funnelDay(a: Account, em: Emitter, st: FunnelData, intensity: number): void {
  const P = FUNNEL_PARAMS;
  const r = a.rng;
  const I = intensity;
  backgroundDay(a, em, { living: scale(P.living, I), income: st.keepsIncome, bills: st.keepsIncome, travel: false, businessCosts: false, businessTakings: false });
  const n = r.poisson(scale(P.depositsPerWeek, I) / 7);
  for (let i = 0; i < n; i++) {
    const near = r.chance(scale(P.nearThresholdShare, I));
    const pounds = near ? P.threshold * r.float(0.9, 0.995) : r.lognormal(scale(P.depositMedian, I), 0.5, 100, 5000);
    const m = minorOf(a, Math.round(pounds / (near ? 1 : 10)) * (near ? 1 : 10));
    const atm = !near && r.chance(0.5);
    const t = em.at(hourOf(r, 'any'));
    cash(em, a, t, 'in', m, st.depositTown, {
      atm,
      terminalId: terminalIn(r, st.depositTown, atm ? 'atm' : 'branch'),
      ...(atm || r.chance(0.3) ? {} : { depositor: r.pick(st.depositors) }),
    });
    const outMinor = Math.round(m * scale(P.withdrawShare, I) * r.float(0.9, 1.05));
    const when = t + Math.floor(scale(P.withdrawDelayHours, I) * 3600 * r.float(0.4, 1.3));
    if (r.chance(P.transferOutShare)) {
      const to = r.pick(st.onward);
      transfer(em, a, when, 'out', outMinor, to, { channel: to.country === 'GB' ? 'instant' : 'transfer', reference: r.pick(['loan', 'car', 'family', 'payment']) });
    } else if (outMinor > minorOf(a, 1500)) {
      const where = r.pick(st.withdrawTowns);
      cash(em, a, when, 'out', outMinor, where, { atm: false, terminalId: terminalIn(r, where, 'branch') });
    } else cashOut(em, a, when, outMinor, r.pick(st.withdrawTowns), 500);
  }
}
