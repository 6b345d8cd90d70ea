/**
 * Helpers shared by the planted scenarios: intensity scaling, towns on a circuit, one-off payers.
 */
import type { Account } from '../account.js';
import { cardPayment, cash, type Emitter, hourOf, minorOf } from '../emit.js';
import { externalPerson, type Party, terminalIn } from '../identity.js';
import { MERCHANTS, type Place, UK_PLACES } from '../merchants.js';
import type { Rng } from '../prng.js';

/** A `[faint, blatant]` pair: the value at intensity 0 and at intensity 1. */
export type Range = readonly [number, number];

/**
 * Linear interpolation of a parameter by intensity.
 *
 * @param range - value at intensity 0 and at intensity 1
 * @param intensity - 0 … 1
 * @returns the scaled value
 * @example
 * scale([2, 10], 0.5) //=> 6
 */
export function scale(range: Range, intensity: number): number {
  return range[0] + (range[1] - range[0]) * intensity;
}

/**
 * Distinct UK towns for a circuit, excluding some.
 *
 * @param rng - random source
 * @param n - how many
 * @param exclude - towns not to use
 * @returns the towns, in visiting order
 */
export function circuitOf(rng: Rng, n: number, exclude: readonly Place[] = []): Place[] {
  const pool = UK_PLACES.filter((p) => !exclude.includes(p));
  const out: Place[] = [];
  while (out.length < n && pool.length > 0) {
    const p = rng.weighted(pool, (x) => Math.sqrt(x.weight));
    out.push(p);
    pool.splice(pool.indexOf(p), 1);
  }
  return out;
}

/**
 * A payer for a one-off instant payment, sometimes from a small pool of repeat payers.
 *
 * @param rng - random source
 * @param pool - repeat payers (grown as new payers appear)
 * @param repeatShare - chance of reusing a pool member
 * @returns the payer
 */
export function oneOffPayer(rng: Rng, pool: Party[], repeatShare: number): Party {
  if (pool.length > 0 && rng.chance(repeatShare)) return rng.pick(pool);
  const p = externalPerson(rng, 'GB', rng.chance(0.8) ? 'GB' : 'RO');
  if (pool.length < 12 && rng.chance(0.3)) pool.push(p);
  return p;
}

/** Prices of adult-classified posting credits and boosts (small fixed multiples, T16/F14). */
export const AD_PRICES: readonly number[] = Object.freeze([3, 6, 12, 12, 24, 24, 30, 48, 60, 100, 150]);

/**
 * Rounds pounds the way people pay each other in cash-like amounts: mostly to £10, sometimes to £5.
 *
 * @param rng - random source
 * @param pounds - raw amount
 * @returns rounded amount (≥ 5)
 */
export function roundish(rng: Rng, pounds: number): number {
  const step = rng.chance(0.75) ? 10 : 5;
  return Math.max(5, Math.round(pounds / step) * step);
}

/**
 * Several cash-machine withdrawals that together take out about `totalMinor`, spread over a few hours.
 *
 * @param em - the emitter
 * @param a - the account
 * @param t - epoch seconds of the first
 * @param totalMinor - amount to take out
 * @param where - town
 * @param maxPerWithdrawal - machine limit in pounds
 */
export function cashOut(em: Emitter, a: Account, t: number, totalMinor: number, where: Place, maxPerWithdrawal = 300): void {
  const r = a.rng;
  let left = totalMinor;
  let when = t;
  const cap = minorOf(a, maxPerWithdrawal);
  const unit = minorOf(a, 10);
  let guard = 0;
  while (left >= unit && guard++ < 12) {
    const m = Math.min(cap, Math.floor(left / unit) * unit);
    cash(em, a, when, 'out', m, where, { atm: true, terminalId: terminalIn(r, where, 'atm') });
    left -= m;
    when += 600 + Math.floor(r.next() * 5400);
  }
}

/**
 * Taxi or rideshare trips, mostly evening and night.
 *
 * @param em - the emitter
 * @param a - the account
 * @param n - number of trips
 * @param where - town
 */
export function taxis(em: Emitter, a: Account, n: number, where: Place): void {
  for (let i = 0; i < n; i++) cardPayment(em, a, em.at(hourOf(a.rng, a.rng.chance(0.6) ? 'late' : 'any')), MERCHANTS.taxi, where);
}

/**
 * Payments for adult-classified adverts in small fixed multiples, often to foreign-based sites.
 *
 * @param em - the emitter
 * @param a - the account
 * @param n - number of payments
 * @param where - card town
 */
export function adPayments(em: Emitter, a: Account, n: number, where: Place): void {
  for (let i = 0; i < n; i++) {
    const r = a.rng;
    cardPayment(em, a, em.at(hourOf(r, 'any')), r.chance(0.8) ? MERCHANTS.ads : { ...MERCHANTS.ads, mcc: '5967' }, where, { online: true, minor: minorOf(a, r.pick(AD_PRICES)) });
  }
}

/**
 * Where a ring or organiser is on a given day, moving along its circuit every `stay` days.
 *
 * @param circuit - towns
 * @param day - day index
 * @param stay - days per town
 * @param offset - phase
 * @returns the town
 */
export function townOn(circuit: readonly Place[], day: number, stay: number, offset: number): Place {
  const p = circuit[Math.floor((day + offset) / Math.max(1, stay)) % circuit.length];
  if (p === undefined) throw new RangeError('empty circuit');
  return p;
}
