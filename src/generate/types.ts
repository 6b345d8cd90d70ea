import { z } from 'zod';
import { CurrencyCodeSchema } from '../schema/transaction.js';

/**
 * Planted scenarios, one per MSHT typology of the catalogue (indicators.md §4).
 *
 * @example
 * SCENARIOS.length //=> 6
 */
export const SCENARIOS = ['controller', 'victim', 'popup', 'funnel', 'repatriation', 'front_business'] as const;
/** One of {@link SCENARIOS}. */
export type Scenario = (typeof SCENARIOS)[number];

/**
 * Background (innocent) archetypes.
 *
 * @example
 * ARCHETYPES.includes('romanian_worker') //=> true
 */
export const ARCHETYPES = [
  'salaried',
  'student',
  'romanian_worker',
  'night_shift',
  'small_business',
  'business_traveller',
  'pensioner',
  'ro_resident',
] as const;
/** One of {@link ARCHETYPES}. */
export type Archetype = (typeof ARCHETYPES)[number];

/**
 * Default typology id of each scenario: the id a rule pack's typology file is expected to carry.
 * Override with `typologyIds` when a rule pack names them differently.
 * @example
 * DEFAULT_TYPOLOGY_IDS.popup //=> 'popup_operation'
 */
export const DEFAULT_TYPOLOGY_IDS: Readonly<Record<Scenario, string>> = Object.freeze({
  controller: 'controller_account',
  victim: 'victim_account',
  popup: 'popup_operation',
  funnel: 'funnel_cash_placement',
  repatriation: 'cross_border_repatriation',
  front_business: 'front_business',
});

/** Default share of accounts planted with each scenario. */
export const DEFAULT_PLANTED: Readonly<Record<Scenario, number>> = Object.freeze({
  controller: 0.005,
  victim: 0.01,
  popup: 0.005,
  funnel: 0.005,
  repatriation: 0.005,
  front_business: 0.002,
});

/** Default share of each background archetype among the accounts that are not planted (normalised to sum 1). */
export const DEFAULT_ARCHETYPE_SHARES: Readonly<Record<Archetype, number>> = Object.freeze({
  salaried: 0.45,
  student: 0.1,
  romanian_worker: 0.12,
  night_shift: 0.1,
  small_business: 0.08,
  business_traveller: 0.06,
  pensioner: 0.07,
  ro_resident: 0.02,
});

const share = z.number().min(0).max(1);

/**
 * Options of {@link generatePopulation} and {@link generateTransactions}, validated with zod.
 * Everything but `seed` has a default.
 * @example
 * GenerateOptionsSchema.parse({ seed: 1 }).accounts //=> 1000
 */
export const GenerateOptionsSchema = z
  .object({
    /** Any integer; the same seed and options give byte-identical output. */
    seed: z.number().int(),
    /** Number of accounts (one customer each). */
    accounts: z.number().int().min(1).max(10_000_000).default(1000),
    /** First day of the period, `YYYY-MM-DD` (UK local time). */
    start: z.iso.date().default('2025-01-01'),
    /** Length of the period in days. */
    days: z.number().int().min(1).max(3660).default(90),
    /** Currency of UK accounts; amounts are modelled in pounds and converted with a fixed table. */
    baseCurrency: CurrencyCodeSchema.default('GBP'),
    /** Currency of Romanian accounts. */
    roCurrency: CurrencyCodeSchema.default('RON'),
    /** Share of all accounts planted with each scenario (missing keys take {@link DEFAULT_PLANTED}). */
    planted: z.partialRecord(z.enum(SCENARIOS), share).default({}),
    /** Shares of the background archetypes (missing keys take {@link DEFAULT_ARCHETYPE_SHARES}; normalised). */
    archetypes: z.partialRecord(z.enum(ARCHETYPES), z.number().min(0)).default({}),
    /** Each planted instance draws its intensity uniformly from this range: 0 is faint, 1 is blatant. */
    intensity: z
      .tuple([share, share])
      .refine(([lo, hi]) => lo <= hi, { message: 'intensity range must be [low, high] with low ≤ high' })
      .default([0.15, 1]),
    /** Share of repatriation instances seen from the Romanian side (a RO account receiving from many UK senders). */
    roSideShare: share.default(0.25),
    /** Typology id per scenario written into labels (defaults: {@link DEFAULT_TYPOLOGY_IDS}). */
    typologyIds: z.partialRecord(z.enum(SCENARIOS), z.string().min(1)).default({}),
    /** Prefix of transaction ids. */
    idPrefix: z.string().regex(/^[A-Za-z0-9_-]{0,16}$/).default('TX'),
  })
  .strict();

/** Options as a caller writes them (defaults optional). */
export type GenerateOptions = z.input<typeof GenerateOptionsSchema>;
/** Options after defaults are applied. */
export type ResolvedGenerateOptions = z.output<typeof GenerateOptionsSchema>;

/**
 * The label of one planted account: what was planted, when, and how strongly.
 *
 * @example
 * PlantedLabelSchema.parse(row).scenario //=> 'victim'
 */
export const PlantedLabelSchema = z
  .object({
    accountId: z.string(),
    customerId: z.string(),
    scenario: z.enum(SCENARIOS),
    typology: z.string(),
    /** The account's part in the scenario, e.g. `controller`, `victim`, `organiser`, `sender`, `beneficiary`. */
    role: z.string(),
    /** Accounts planted together (a controller and its victims) share a group id. */
    groupId: z.string(),
    /** The ordinary archetype the account also behaves as (its cover). */
    archetype: z.enum(ARCHETYPES),
    /** First local midnight of planted activity, ISO-8601 with offset. */
    start: z.string(),
    /** End of planted activity (exclusive), ISO-8601 with offset. */
    end: z.string(),
    /** 0 (faint) … 1 (blatant). */
    intensity: z.number().min(0).max(1),
  })
  .strict();
/** See {@link PlantedLabelSchema}. */
export type PlantedLabel = z.infer<typeof PlantedLabelSchema>;

/**
 * The label of one background account, so false positives can be attributed to an archetype.
 *
 * @example
 * BackgroundLabelSchema.parse({ accountId: 'A1', customerId: 'C1', archetype: 'student' })
 */
export const BackgroundLabelSchema = z
  .object({ accountId: z.string(), customerId: z.string(), archetype: z.enum(ARCHETYPES) })
  .strict();
/** See {@link BackgroundLabelSchema}. */
export type BackgroundLabel = z.infer<typeof BackgroundLabelSchema>;

/** Labels of a generated population: planted accounts and background accounts, in account order. */
export interface GeneratedLabels {
  readonly planted: readonly PlantedLabel[];
  readonly background: readonly BackgroundLabel[];
}
