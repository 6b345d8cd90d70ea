/**
 * Synthetic bank activity with planted MSHT patterns, labelled by construction.
 *
 * `generatePopulation` returns everything in memory (for tests, demos and small runs);
 * `generateTransactions` streams the same transactions for large runs; `planPopulation` returns the
 * profiles and labels alone, so a streaming run can still write them.
 */
import type { CustomerProfile } from '../schema/profile.js';
import type { Transaction } from '../schema/transaction.js';
import { buildPopulation } from './population.js';
import { generateTransactions, runPopulation } from './stream.js';
import type { GeneratedLabels, GenerateOptions, ResolvedGenerateOptions } from './types.js';

/** Everything a generator run produces. */
export interface GeneratedData {
  /** Options after defaults. */
  readonly options: ResolvedGenerateOptions;
  /** Sorted by timestamp (instant), then id; ids unique. */
  readonly transactions: readonly Transaction[];
  /** One profile per customer, in account order. */
  readonly profiles: readonly CustomerProfile[];
  /** Planted and background labels. Never present in the transactions. */
  readonly labels: GeneratedLabels;
}

/**
 * Generates a labelled population in memory: transactions, customer profiles and labels.
 * Deterministic: the same options give byte-identical output.
 *
 * @param options - generator options (`seed` required; see {@link GenerateOptionsSchema})
 * @returns transactions, profiles and labels
 * @throws {import('zod').ZodError} when options are invalid
 * @throws {RangeError} when planted shares exceed the number of accounts
 * @example
 * const { transactions, labels } = generatePopulation({ seed: 1, accounts: 500, days: 60 });
 * labels.planted.length //=> 16
 */
export function generatePopulation(options: GenerateOptions): GeneratedData {
  const pop = buildPopulation(options);
  const profiles = pop.profiles;
  const labels = pop.labels;
  const transactions = Array.from(runPopulation(pop));
  return { options: pop.options, transactions, profiles, labels };
}

/**
 * Profiles and labels of a population without generating its transactions (cheap), for streaming runs
 * that write transactions with {@link generateTransactions}.
 *
 * @param options - generator options
 * @returns the resolved options, profiles and labels
 * @example
 * planPopulation({ seed: 1, accounts: 100 }).profiles.length //=> 100
 */
export function planPopulation(options: GenerateOptions): Omit<GeneratedData, 'transactions'> {
  const pop = buildPopulation(options);
  return { options: pop.options, profiles: pop.profiles, labels: pop.labels };
}

export { generateTransactions };
export {
  ARCHETYPES,
  type Archetype,
  type BackgroundLabel,
  BackgroundLabelSchema,
  DEFAULT_ARCHETYPE_SHARES,
  DEFAULT_PLANTED,
  DEFAULT_TYPOLOGY_IDS,
  type GeneratedLabels,
  type GenerateOptions,
  GenerateOptionsSchema,
  type PlantedLabel,
  PlantedLabelSchema,
  type ResolvedGenerateOptions,
  type Scenario,
  SCENARIOS,
} from './types.js';
export { CONTROLLER_PARAMS } from './scenarios/controller.js';
export { VICTIM_PARAMS } from './scenarios/victim.js';
export { POPUP_PARAMS } from './scenarios/popup.js';
export { FUNNEL_PARAMS } from './scenarios/funnel.js';
export { REPATRIATION_PARAMS } from './scenarios/repatriation.js';
export { FRONT_BUSINESS_PARAMS } from './scenarios/front-business.js';
export { PER_POUND } from './emit.js';
export { writeCanonicalCsv, writeNdjson, writeTwoSidedCsv, writeProfilesCsv, writeLabelsCsv, CANONICAL_CSV_HEADERS, type WriteOptions } from './write.js';
