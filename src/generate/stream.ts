/**
 * The streaming form of the generator: transactions are produced one local day at a time, sorted
 * within the day, given ids, and yielded. Memory holds the accounts, one day's events and the few
 * events already scheduled for the next days — never the whole output.
 */
import type { Transaction } from '../schema/transaction.js';
import { Emitter } from './emit.js';
import { accountDay, buildPopulation, type Population } from './population.js';
import { formatLondon } from './time.js';
import type { GenerateOptions } from './types.js';

/** Counters a caller may pass to {@link runPopulation} to observe buffering. */
export interface RunStats {
  /** Largest number of transactions held at once (one day's batch). */
  maxBuffered: number;
  /** Days generated so far. */
  days: number;
}

/**
 * Runs a planned population and yields its transactions in time order.
 *
 * @param pop - a population from {@link buildPopulation}; it is consumed (its accounts' state advances)
 * @param stats - optional counters, updated as the run goes
 * @returns a generator of transactions sorted by timestamp then id
 */
export function* runPopulation(pop: Population, stats?: RunStats): Generator<Transaction, void, undefined> {
  const em = new Emitter(pop.calendar, pop.accounts);
  const prefix = pop.options.idPrefix;
  let seq = 0;
  for (const day of pop.calendar) {
    em.begin(day);
    for (const a of pop.accounts) accountDay(a, em);
    const events = em.finish();
    if (stats !== undefined) {
      stats.days++;
      if (events.length > stats.maxBuffered) stats.maxBuffered = events.length;
    }
    for (const ev of events) {
      seq++;
      const tx = ev.tx;
      tx.id = `${prefix}${String(seq).padStart(10, '0')}`;
      tx.timestamp = formatLondon(ev.t);
      yield tx;
    }
  }
}

/**
 * Generates transactions lazily, in time order, without holding them all in memory.
 * The sequence is exactly the `transactions` of {@link generatePopulation} with the same options.
 * Timestamps are Europe/London local time with their offset; order is by instant, then id.
 *
 * @param options - generator options (`seed` required)
 * @returns an iterable of transactions; each iteration regenerates from the seed
 * @throws {import('zod').ZodError} when options are invalid (on first iteration)
 * @example
 * let n = 0;
 * for (const tx of generateTransactions({ seed: 1, accounts: 100_000, days: 30 })) n++;
 */
export function generateTransactions(options: GenerateOptions): Iterable<Transaction> {
  return {
    [Symbol.iterator]: () => runPopulation(buildPopulation(options)),
  };
}
