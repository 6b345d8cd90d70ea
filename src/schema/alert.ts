import { z } from 'zod';
import { SourceSchema } from './rule.js';

/** A time interval in event time, ISO-8601 UTC. `from` is exclusive and `to` inclusive: `(from, to]`. */
export const WindowSpanSchema = z.object({ from: z.string(), to: z.string() }).strict();

/** The value of one measure at the moment a rule fired. */
export const MeasureValueSchema = z
  .object({
    fn: z.enum(['count', 'sum', 'min', 'max', 'mean', 'distinct', 'sequence']),
    /** Counts are integers; money is a decimal string in the base currency; an empty window's min/max/mean is `null`. */
    value: z.union([z.number(), z.string(), z.null()]),
    /** `money` values are in `currency`. */
    unit: z.enum(['count', 'money']),
    currency: z.string().optional(),
    window: WindowSpanSchema,
    /** The transactions this measure counted (capped; see `transactionIdsTruncated`). */
    transactionIds: z.array(z.string()),
    transactionIdsTruncated: z.boolean(),
  })
  .strict();
/** A measure value in a hit. */
export type MeasureValue = z.infer<typeof MeasureValueSchema>;

/** One comparison of the trigger with the values it saw. */
export const ComparisonOutcomeSchema = z
  .object({
    measure: z.string(),
    op: z.string(),
    observed: z.union([z.number(), z.string(), z.null()]),
    /** The number compared against: a literal, or `factor × ref`. */
    threshold: z.union([z.number(), z.string(), z.tuple([z.union([z.number(), z.string()]), z.union([z.number(), z.string()])]), z.null()]),
    ref: z.string().optional(),
    factor: z.number().optional(),
    passed: z.boolean(),
  })
  .strict();
/** A trigger comparison outcome. */
export type ComparisonOutcome = z.infer<typeof ComparisonOutcomeSchema>;

/**
 * A rule that fired for one scope key: the structured evidence behind an alert.
 *
 * @example
 * HitSchema.parse(event.hit).ruleId //=> 'lodging_velocity'
 */
export const HitSchema = z
  .object({
    ruleId: z.string(),
    ruleVersion: z.string(),
    title: z.string(),
    scope: z.object({ field: z.string(), key: z.string() }).strict(),
    /** Event time of the transaction that made the rule fire. */
    at: z.string(),
    triggeringTransactionId: z.string(),
    window: WindowSpanSchema,
    measures: z.record(z.string(), MeasureValueSchema),
    /** Every comparison of the trigger, passed or not. */
    trigger: z.array(ComparisonOutcomeSchema),
    /** Union of the measures' transactions, in event order (capped). */
    transactionIds: z.array(z.string()),
    transactionIdsTruncated: z.boolean(),
    /** Entities (accounts) that the hit's transactions belong to. */
    accounts: z.array(z.string()),
    customers: z.array(z.string()),
    text: z.string(),
    sources: z.array(SourceSchema),
  })
  .strict();
/** A rule hit. */
export type Hit = z.infer<typeof HitSchema>;

/**
 * An alert: a typology whose score crossed a threshold for one entity.
 *
 * @example
 * AlertSchema.parse(JSON.parse(line).alert).level //=> 'review'
 */
export const AlertSchema = z
  .object({
    alertId: z.string(),
    /** 1 when raised; +1 on every update of the same alert. */
    revision: z.number().int().positive(),
    typology: z.object({ id: z.string(), version: z.string(), title: z.string() }).strict(),
    entity: z.object({ field: z.string(), key: z.string() }).strict(),
    level: z.enum(['review', 'high']),
    score: z.number(),
    thresholds: z.object({ review: z.number(), high: z.number() }).strict(),
    /** Event time the alert was first raised. */
    raisedAt: z.string(),
    /** Event time of this revision. */
    updatedAt: z.string(),
    firstTransactionId: z.string(),
    reasons: z.array(HitSchema.extend({ weight: z.number() })),
    sources: z.array(SourceSchema),
  })
  .strict();
/** An alert. */
export type Alert = z.infer<typeof AlertSchema>;
/** One reason of an alert: a member rule's latest hit and its weight. */
export type AlertReason = Alert['reasons'][number];

/** Why a transaction was not screened. */
export const REJECTION_CODES = [
  'invalid', // failed schema validation or could not be parsed
  'duplicate', // an id already screened
  'late', // older than the watermark allows
  'fx_missing', // no exchange rate for the currency on that date
  'parse_error', // the input row could not be read at all (ingest)
] as const;

/** A transaction or input row that was not screened, with where and why. */
export const RejectionSchema = z
  .object({
    code: z.enum(REJECTION_CODES),
    message: z.string(),
    transactionId: z.string().optional(),
    /** 1-based input line (ingest), when known. */
    line: z.number().int().optional(),
    /** Field or column, when the problem is in one. */
    field: z.string().optional(),
    /** The raw value, truncated to 200 characters. */
    value: z.string().optional(),
    source: z.string().optional(),
  })
  .strict();
/** A rejection. */
export type Rejection = z.infer<typeof RejectionSchema>;

/** A key's state was dropped to respect a resource cap. Never silent. */
export const EvictionSchema = z
  .object({
    reason: z.enum(['max_keys', 'max_window_events']),
    ruleId: z.string(),
    key: z.string(),
    /** Events dropped from the window (for `max_window_events`) or the whole state (for `max_keys`). */
    dropped: z.number().int(),
    at: z.string(),
  })
  .strict();
/** An eviction. */
export type Eviction = z.infer<typeof EvictionSchema>;

/** What the screener emits. */
export type ScreenEvent =
  | { type: 'hit'; hit: Hit }
  | { type: 'alert'; change: 'raised' | 'updated'; alert: Alert }
  | { type: 'rejected'; rejection: Rejection }
  | { type: 'evicted'; eviction: Eviction };
