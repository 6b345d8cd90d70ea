import { z } from 'zod';
import { FIELD_PATHS } from './fields.js';

/**
 * Limits that keep an untrusted rule file's cost bounded. Checked at load time.
 *
 * @example
 * RULE_LIMITS.maxConditionDepth //=> 8
 */
export const RULE_LIMITS = Object.freeze({
  /** Deepest nesting of all/any/not/atLeast in one condition. */
  maxConditionDepth: 8,
  /** Condition nodes in one rule, all conditions counted. */
  maxConditionNodes: 256,
  /** Values in one inline list or named list. */
  maxListItems: 10_000,
  /** Characters in one keyword or list item. */
  maxItemLength: 200,
  /** Measures in one rule. */
  maxMeasures: 16,
  /** Longest window: 400 days. */
  maxWindowMs: 400 * 86_400_000,
});

const ID_RE = /^[a-z][a-z0-9_.-]{0,79}$/;
/** An identifier: lower case letters, digits, `_`, `-`, `.`; starts with a letter. */
export const IdSchema = z.string().regex(ID_RE, { message: 'expected an id of lower-case letters, digits, "_", "-" or "." starting with a letter' });
/** A semantic version, `MAJOR.MINOR.PATCH`. */
export const SemverSchema = z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version such as "1.0.0"' });

/**
 * An ISO-8601 duration of days, hours, minutes or weeks: `P30D`, `PT48H`, `P1DT12H`, `P2W`.
 * Months and years are refused: their length varies, and a window must have one length.
 */
export const DurationSchema = z
  .string()
  .regex(/^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/, {
    message: 'expected an ISO-8601 duration in weeks, days, hours or minutes, e.g. "P30D" or "PT48H" (months and years are not allowed: their length varies)',
  })
  .refine((s) => s !== 'P' && !s.endsWith('T'), { message: 'duration has no length' });

/** A reference to a rule parameter: `{ "$param": "minStays" }`. */
export const ParamRefSchema = z.object({ $param: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/) }).strict();
/** A reference to a rule parameter. */
export type ParamRef = z.infer<typeof ParamRefSchema>;

const num = z.union([z.number().refine(Number.isFinite, 'expected a finite number'), ParamRefSchema]);
const dur = z.union([DurationSchema, ParamRefSchema]);
const scalar = z.union([z.string().max(RULE_LIMITS.maxItemLength), z.number().refine(Number.isFinite, 'expected a finite number'), z.boolean()]);
const scalarList = z.union([z.array(scalar).min(1).max(RULE_LIMITS.maxListItems), ParamRefSchema]);
const stringList = z.union([z.array(z.string().min(1).max(RULE_LIMITS.maxItemLength)).min(1).max(RULE_LIMITS.maxListItems), ParamRefSchema]);

/** A field path from the catalogue (see `FIELD_KINDS`). */
export const FieldPathSchema = z.enum(FIELD_PATHS as [string, ...string[]], {
  error: (iss) => `unknown field ${JSON.stringify(iss.input)} (see the field catalogue in the README)`,
});

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a local time "HH:mm"' });

/** The leaf operators, for messages and documentation. */
export const LEAF_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'matchesAny', 'matchesNone', 'hasAny', 'hasNone', 'exists', 'missing', 'localTimeBetween'] as const;

/** Leaf filter conditions, told apart by `op`. */
export const LeafConditionSchema = z.discriminatedUnion('op', [
  z.object({ field: FieldPathSchema, op: z.enum(['eq', 'ne']), value: scalar.optional(), ref: FieldPathSchema.optional() }).strict()
    .refine((c) => (c.value === undefined) !== (c.ref === undefined), { message: 'give exactly one of "value" or "ref"' }),
  z.object({ field: FieldPathSchema, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: num }).strict(),
  z.object({ field: FieldPathSchema, op: z.literal('between'), value: z.tuple([num, num]) }).strict(),
  z.object({ field: FieldPathSchema, op: z.enum(['in', 'notIn']), value: scalarList.optional(), list: IdSchema.optional() }).strict()
    .refine((c) => (c.value === undefined) !== (c.list === undefined), { message: 'give exactly one of "value" or "list"' }),
  z.object({ field: FieldPathSchema, op: z.enum(['matchesAny', 'matchesNone']), value: stringList.optional(), list: IdSchema.optional() }).strict()
    .refine((c) => (c.value === undefined) !== (c.list === undefined), { message: 'give exactly one of "value" or "list"' }),
  z.object({ field: FieldPathSchema, op: z.enum(['hasAny', 'hasNone']), value: stringList }).strict(),
  z.object({ field: FieldPathSchema, op: z.enum(['exists', 'missing']) }).strict(),
  z.object({ op: z.literal('localTimeBetween'), value: z.tuple([HHMM, HHMM]) }).strict(),
], {
  error: (iss) => {
    const op = iss.input !== null && typeof iss.input === 'object' ? (iss.input as { op?: unknown }).op : undefined;
    return `unknown operator ${JSON.stringify(op)}: expected one of ${LEAF_OPS.join(', ')}`;
  },
});

/**
 * A filter over one transaction: leaf comparisons combined with `all`, `any`, `not` and `atLeast`.
 *
 * `between` is inclusive at both ends. `localTimeBetween: ["22:00","06:00"]` is the half-open
 * local-time interval [22:00, 06:00) and wraps midnight when the start is later than the end.
 */
export type Condition =
  | z.infer<typeof LeafConditionSchema>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { atLeast: number | ParamRef; of: Condition[] };

/** Schema of {@link Condition}. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    LeafConditionSchema,
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ atLeast: num, of: z.array(ConditionSchema).min(1) }).strict(),
  ]),
);

const measureBase = { where: ConditionSchema.optional(), window: dur.optional() };

/**
 * A measure over the sliding window of one scope key. The window is the rule's unless the measure sets its own.
 *
 * - `count`, `sum`, `min`, `max`, `mean` of the transactions that pass `where`;
 * - `distinct`: the number of distinct values of a field;
 * - `sequence`: how many `first` transactions were followed, within `within`, by `then` transactions
 *   adding up to at least `share` of the first one's amount (funnel, wages swept).
 */
export const MeasureSchema = z.discriminatedUnion('fn', [
  z.object({ fn: z.literal('count'), ...measureBase }).strict(),
  z.object({ fn: z.enum(['sum', 'min', 'max', 'mean']), of: z.literal('amount'), ...measureBase }).strict(),
  z.object({ fn: z.literal('distinct'), of: FieldPathSchema, ...measureBase }).strict(),
  z.object({
    fn: z.literal('sequence'),
    first: ConditionSchema,
    then: ConditionSchema,
    within: dur,
    share: num,
    differentField: FieldPathSchema.optional(),
    window: dur.optional(),
  }).strict(),
]);
/** A measure (see {@link MeasureSchema}). */
export type Measure = z.infer<typeof MeasureSchema>;

/** Comparison of a measure with a number, with another measure, or with a numeric field of the transaction, times `factor`. */
export const MeasureComparisonSchema = z.union([
  z.object({ measure: z.string(), op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq', 'ne']), value: num }).strict(),
  z.object({ measure: z.string(), op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq', 'ne']), ref: z.string(), factor: num.optional() }).strict(),
  z.object({ measure: z.string(), op: z.literal('between'), value: z.tuple([num, num]) }).strict(),
]);

/** A trigger: measure comparisons combined with `all`, `any`, `not`, `atLeast`. */
export type TriggerCondition =
  | z.infer<typeof MeasureComparisonSchema>
  | { all: TriggerCondition[] }
  | { any: TriggerCondition[] }
  | { not: TriggerCondition }
  | { atLeast: number | ParamRef; of: TriggerCondition[] };

/** Schema of {@link TriggerCondition}. */
export const TriggerConditionSchema: z.ZodType<TriggerCondition> = z.lazy(() =>
  z.union([
    MeasureComparisonSchema,
    z.object({ all: z.array(TriggerConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(TriggerConditionSchema).min(1) }).strict(),
    z.object({ not: TriggerConditionSchema }).strict(),
    z.object({ atLeast: num, of: z.array(TriggerConditionSchema).min(1) }).strict(),
  ]),
);

/** A published document a rule rests on. */
export const SourceSchema = z
  .object({
    /** Short key from the indicator catalogue, e.g. `F20`. */
    key: z.string().max(20).optional(),
    issuer: z.string().min(1).max(200),
    ref: z.string().min(1).max(300),
    title: z.string().max(400).optional(),
    year: z.number().int().min(1990).max(2100),
    url: z.string().url().max(500).optional(),
    /** The words or figure of the source this rule uses. */
    quote: z.string().max(1000).optional(),
  })
  .strict();
/** A source citation. */
export type Source = z.infer<typeof SourceSchema>;

/** A named, documented value that a rule uses in place of a literal (`{ "$param": name }`). */
export const ParameterSchema = z
  .object({
    value: z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()])).max(RULE_LIMITS.maxListItems)]),
    description: z.string().min(1).max(500),
    /** Where the value comes from when a source gives it. */
    source: z.string().max(500).optional(),
    /** Present when the value is this pack's own starting point: how to calibrate it. */
    calibration: z.string().max(1000).optional(),
  })
  .strict();
/** A rule parameter. */
export type Parameter = z.infer<typeof ParameterSchema>;

const common = {
  $schema: z.string().optional(),
  id: IdSchema,
  version: SemverSchema,
  title: z.string().min(1).max(200),
  description: z.string().min(1).max(2000),
  sources: z.array(SourceSchema).max(20).default([]),
  tags: z.array(z.string().max(50)).max(20).default([]),
};

/** How strongly the published sources support a rule as written. */
export const EvidenceSchema = z
  .object({
    level: z.enum(['direct', 'partial', 'inferred']),
    note: z.string().min(1).max(2000),
  })
  .strict();

/**
 * One indicator: filter → per-key sliding window → measures → trigger → hit.
 * @example
 * IndicatorRuleSchema.safeParse(JSON.parse(text)).success //=> true
 */
export const IndicatorRuleSchema = z
  .object({
    type: z.literal('indicator'),
    ...common,
    /** Why the pattern matters, for the rule card. */
    rationale: z.string().max(2000).optional(),
    /** Fields the rule needs; the card lists them so a bank knows what to map. */
    dataNeeds: z.array(z.string().max(100)).max(30).default([]),
    evidence: EvidenceSchema.optional(),
    /** A note on how to calibrate the rule's defaults. */
    calibration: z.string().max(2000).optional(),
    enabled: z.boolean().default(true),
    parameters: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), ParameterSchema).default({}),
    /** The field whose value keys the windows, e.g. `accountId`, `device.id`. */
    scope: FieldPathSchema.default('accountId'),
    /** Which transactions enter this rule's windows at all. Absent: every transaction. */
    when: ConditionSchema.optional(),
    /** Default window length for the measures. */
    window: dur,
    measures: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), MeasureSchema),
    trigger: TriggerConditionSchema,
    /** After a hit, no new hit for the same key until this much event time has passed. Default: the rule's window. */
    cooldown: dur.optional(),
    /** Plain-language template; `{name}` is a measure, plus `{windowStart}`, `{windowEnd}`, `{key}`, `{scope}`. */
    explain: z.string().min(1).max(1000),
  })
  .strict();
/** An indicator rule as written in its file. */
export type IndicatorRule = z.infer<typeof IndicatorRuleSchema>;
/** An indicator rule before defaults are applied (what an author writes). */
export type IndicatorRuleInput = z.input<typeof IndicatorRuleSchema>;

/**
 * A weighted combination of indicators for one kind of entity.
 *
 * @example
 * TypologySchema.parse(JSON.parse(text)).thresholds.review //=> 0.7
 */
export const TypologySchema = z
  .object({
    type: z.literal('typology'),
    ...common,
    /** The field that names the entity an alert is about: `accountId` or `customerId`. */
    entity: z.enum(['accountId', 'customerId']).default('accountId'),
    /** A member counts while its last hit for the entity is within this much event time. */
    lookback: DurationSchema,
    members: z
      .array(z.object({ rule: IdSchema, weight: z.number().positive().max(100) }).strict())
      .min(1)
      .max(100),
    thresholds: z
      .object({ review: z.number().positive(), high: z.number().positive() })
      .strict()
      .refine((t) => t.high >= t.review, { message: '"high" must be at least "review"' }),
  })
  .strict();
/** A typology as written in its file. */
export type Typology = z.infer<typeof TypologySchema>;

/**
 * A named reference list: merchant category codes, or merchant-name keywords.
 *
 * @example
 * ReferenceListSchema.parse({ type: 'list', id: 'mcc.lodging', title: 'Lodging', kind: 'codes', items: ['7011'] })
 */
export const ReferenceListSchema = z
  .object({
    type: z.literal('list'),
    $schema: z.string().optional(),
    id: IdSchema,
    title: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** `codes`: exact values (MCCs, countries); `names`: keywords matched against text, case- and diacritic-insensitive. */
    kind: z.enum(['codes', 'names']),
    items: z.array(z.string().min(1).max(RULE_LIMITS.maxItemLength)).max(RULE_LIMITS.maxListItems).default([]),
    /** Inclusive code ranges, e.g. `["3501","3835"]` (codes lists only; compared as equal-length digit strings). */
    ranges: z
      .array(
        z
          .tuple([z.string().regex(/^\d{1,8}$/), z.string().regex(/^\d{1,8}$/)])
          .refine(([lo, hi]) => lo.length === hi.length && lo <= hi, { message: 'a range is [low, high] of codes with the same number of digits, low ≤ high' }),
      )
      .max(1000)
      .default([]),
    sources: z.array(SourceSchema).max(20).default([]),
  })
  .strict();
/** A reference list. */
export type ReferenceList = z.infer<typeof ReferenceListSchema>;

/**
 * Any file of a rule pack, told apart by `type`.
 *
 * @example
 * RuleFileSchema.parse(JSON.parse(text)).type //=> 'indicator'
 */
export const RuleFileSchema = z.discriminatedUnion('type', [IndicatorRuleSchema, TypologySchema, ReferenceListSchema]);
/** Any rule-pack document. */
export type RuleFile = z.infer<typeof RuleFileSchema>;
