import { createHash } from 'node:crypto';
import { FIELD_KINDS, type FieldPath } from '../schema/fields.js';
import {
  RULE_LIMITS,
  RuleFileSchema,
  type Condition,
  type IndicatorRule,
  type ReferenceList,
  type Source,
  type TriggerCondition,
  type Typology,
} from '../schema/rule.js';
import { CURRENCY_MINOR_UNITS, isCurrencyCode } from '../schema/currencies.js';
import { RuleSetError, type ConfigIssue } from '../errors.js';
import { fromZodIssues } from '../util/zod-issues.js';
import { parseDuration } from '../util/duration.js';
import { toMinorUnits } from '../util/money.js';
import { fieldReader, keyReader, type FieldReader } from '../engine/fields.js';
import type { Row } from '../engine/row.js';
import { compileCondition, type ConditionContext, type Predicate } from './compile-condition.js';
import { compileList, type CompiledList } from './compiled-list.js';
import { resolveParams } from './resolve-params.js';
import { DISPATCH_KEYS, specialise, type DispatchKey } from './specialise.js';
import { exceedsDepth } from '../util/json-depth.js';

/** Deepest nesting accepted in a rule document (files are also limited when parsed). */
const MAX_DOCUMENT_DEPTH = 64;

/** A rule-pack document and where it came from. */
export interface RuleDocument {
  readonly json: unknown;
  readonly file?: string | undefined;
}

/** A measure ready to run. Values are kept in internal units: counts, or base-currency minor units. */
export interface CompiledMeasure {
  readonly name: string;
  readonly index: number;
  readonly fn: 'count' | 'sum' | 'min' | 'max' | 'mean' | 'distinct' | 'sequence';
  readonly unit: 'count' | 'money';
  readonly windowMs: number;
  readonly where: Predicate | undefined;
  readonly distinctKey: ((row: Row) => string | undefined) | undefined;
  readonly distinctField: FieldPath | undefined;
  readonly sequence:
    | { first: Predicate; then: Predicate; withinMs: number; share: number; differentKey: ((row: Row) => string | undefined) | undefined }
    | undefined;
}

/** One comparison of a compiled trigger. */
export interface CompiledComparison {
  readonly measure: number;
  readonly measureName: string;
  readonly op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'ne' | 'between';
  readonly unit: 'count' | 'money';
  /** Literal threshold (internal units), or [lo, hi] for between. */
  readonly value?: number;
  readonly range?: readonly [number, number];
  readonly refMeasure?: number;
  readonly refName?: string;
  readonly refField?: FieldReader;
  readonly factor: number;
}

/** A compiled trigger tree. */
export type CompiledTrigger =
  | { readonly type: 'cmp'; readonly cmp: CompiledComparison }
  | { readonly type: 'all' | 'any'; readonly nodes: readonly CompiledTrigger[] }
  | { readonly type: 'not'; readonly node: CompiledTrigger }
  | { readonly type: 'atLeast'; readonly n: number; readonly nodes: readonly CompiledTrigger[] };

/** A piece of an explanation template. */
export type TemplatePart = { readonly text: string } | { readonly placeholder: string };

/**
 * A rule's filters for transactions of one direction and channel, with the leaves on those two fields
 * already decided (see `specialise`).
 */
export interface RulePlan {
  /** Residual `when`; `undefined` when it always passes. */
  readonly when: Predicate | undefined;
  /** Per measure (by index): its residual `where`, `true` when it counts every row, `false` when none (sequences: `true`). */
  readonly where: readonly (Predicate | boolean)[];
}

/** An indicator rule ready to run. */
export interface CompiledIndicator {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly document: IndicatorRule;
  readonly sources: readonly Source[];
  readonly enabled: boolean;
  readonly scopeField: FieldPath;
  readonly scopeKey: (row: Row) => string | undefined;
  readonly when: Predicate;
  /**
   * The rule specialised for each (direction, channel) pair, indexed by `dispatchIndex`: `undefined`
   * where `when` can never pass, otherwise the residual filters (see {@link RulePlan}).
   */
  readonly plans: readonly (RulePlan | undefined)[];
  readonly windowMs: number;
  /** Longest measure window: how long window entries are kept. */
  readonly retentionMs: number;
  readonly cooldownMs: number;
  readonly measures: readonly CompiledMeasure[];
  readonly measureIndex: ReadonlyMap<string, number>;
  readonly trigger: CompiledTrigger;
  readonly explain: readonly TemplatePart[];
}

/** A typology ready to score. */
export interface CompiledTypology {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly document: Typology;
  readonly entity: 'accountId' | 'customerId';
  readonly lookbackMs: number;
  /** Member weights in ten-thousandths, so scores add up exactly. */
  readonly members: ReadonlyMap<string, number>;
  readonly reviewUnits: number;
  readonly highUnits: number;
}

/**
 * A validated, compiled rule pack. Immutable; one rule set can serve many screeners.
 */
export interface RuleSet {
  readonly baseCurrency: string;
  readonly indicators: readonly CompiledIndicator[];
  readonly typologies: readonly CompiledTypology[];
  readonly lists: ReadonlyMap<string, CompiledList>;
  /** SHA-256 over the resolved documents and base currency: a snapshot only restores into the same rules. */
  readonly fingerprint: string;
  /** Where each document came from (id → file), for messages and reports. */
  readonly files: ReadonlyMap<string, string>;
}

/** Options for compiling a rule pack. */
export interface CompileOptions {
  /** Currency that money thresholds are written in (default `GBP`). */
  baseCurrency?: string;
  /** Parameter overrides: `{ lodging_velocity: { minStays: 10 } }` (used by threshold sweeps). */
  overrides?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Only these indicator ids are enabled (others load but do not run). */
  only?: readonly string[];
}

/** Weight scale: weights and thresholds are held as integers of 1/10000. */
export const WEIGHT_SCALE = 10_000;

/**
 * Validates and compiles rule-pack documents (indicators, typologies, lists), reporting **every**
 * problem in every document at once: unknown fields, bad durations, unknown measures, lists or
 * parameters, duplicate ids, typology members that name no rule, limits exceeded.
 *
 * @param documents - parsed JSON documents, each with the file it came from
 * @param options - base currency, parameter overrides
 * @returns the compiled rule set
 * @throws {RuleSetError} with all issues, each with file and JSON path
 * @example
 * const rules = compileRuleSet([{ json: lodgingRuleJson, file: 'lodging.json' }, { json: mccList }]);
 * rules.indicators.length //=> 1
 */
export function compileRuleSet(documents: readonly RuleDocument[], options: CompileOptions = {}): RuleSet {
  const baseCurrency = options.baseCurrency ?? 'GBP';
  const baseExponent = isCurrencyCode(baseCurrency) ? CURRENCY_MINOR_UNITS[baseCurrency] : undefined;
  const issues: ConfigIssue[] = [];
  if (baseExponent === undefined) issues.push({ code: 'invalid_option', path: ['baseCurrency'], message: `unknown base currency "${baseCurrency}"` });

  // 1. Structure of every document.
  const indicators: { doc: IndicatorRule; raw: Record<string, unknown>; file?: string }[] = [];
  const typologies: { doc: Typology; file?: string }[] = [];
  const lists: { doc: ReferenceList; file?: string }[] = [];
  const files = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const { json, file } of documents) {
    if (exceedsDepth(json, MAX_DOCUMENT_DEPTH)) {
      issues.push({ code: 'too_deep', path: [], message: `document nests deeper than ${MAX_DOCUMENT_DEPTH} levels`, ...(file === undefined ? {} : { file }) });
      continue;
    }
    const parsed = RuleFileSchema.safeParse(json);
    const idGuess = json !== null && typeof json === 'object' && typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : undefined;
    if (!parsed.success) {
      issues.push(...fromZodIssues(parsed.error.issues, [], file, idGuess));
      continue;
    }
    const doc = parsed.data;
    const where = file ?? '(inline)';
    const kind = doc.type === 'list' ? 'list' : 'rule';
    const dupKey = `${kind}:${doc.id}`;
    if (seen.has(dupKey)) {
      issues.push({ code: 'duplicate_id', path: ['id'], message: `duplicate ${kind} id "${doc.id}" (also in ${seen.get(dupKey)})`, ...(file === undefined ? {} : { file }), ruleId: doc.id });
      continue;
    }
    seen.set(dupKey, where);
    if (file !== undefined) files.set(doc.id, file);
    if (doc.type === 'indicator') indicators.push({ doc, raw: json as Record<string, unknown>, ...(file === undefined ? {} : { file }) });
    else if (doc.type === 'typology') typologies.push({ doc, ...(file === undefined ? {} : { file }) });
    else lists.push({ doc, ...(file === undefined ? {} : { file }) });
  }

  const compiledLists = new Map<string, CompiledList>();
  for (const { doc } of lists) compiledLists.set(doc.id, compileList(doc));

  for (const id of Object.keys(options.overrides ?? {})) {
    if (!indicators.some((i) => i.doc.id === id)) issues.push({ code: 'unknown_rule', path: ['overrides', id], message: `override names no indicator "${id}"` });
  }
  for (const id of options.only ?? []) {
    if (!indicators.some((i) => i.doc.id === id)) issues.push({ code: 'unknown_rule', path: ['only'], message: `"only" names no indicator "${id}"` });
  }

  // 2. Each indicator: resolve parameters, re-validate, compile.
  const compiled: CompiledIndicator[] = [];
  for (const { doc, raw, file } of indicators) {
    const local: ConfigIssue[] = [];
    const c = compileIndicator(doc, raw, options.overrides?.[doc.id] ?? {}, compiledLists, baseExponent ?? 2, local);
    for (const i of local) issues.push({ ...i, ...(file === undefined ? {} : { file }), ruleId: doc.id });
    if (c !== undefined) compiled.push(options.only === undefined || options.only.includes(c.id) ? c : { ...c, enabled: false });
  }

  // 3. Typologies.
  const ruleIds = new Set(indicators.map((i) => i.doc.id));
  const compiledTypologies: CompiledTypology[] = [];
  for (const { doc, file } of typologies) {
    const at = (path: (string | number)[], code: string, message: string) =>
      issues.push({ code, path, message, ...(file === undefined ? {} : { file }), ruleId: doc.id });
    const members = new Map<string, number>();
    doc.members.forEach((m, i) => {
      if (!ruleIds.has(m.rule)) at(['members', i, 'rule'], 'unknown_rule', `typology member "${m.rule}" names no indicator rule`);
      else if (members.has(m.rule)) at(['members', i, 'rule'], 'duplicate_member', `"${m.rule}" is listed twice`);
      else members.set(m.rule, Math.round(m.weight * WEIGHT_SCALE));
    });
    const lookbackMs = parseDuration(doc.lookback);
    if (lookbackMs === undefined || lookbackMs > RULE_LIMITS.maxWindowMs) at(['lookback'], 'invalid_duration', 'lookback must be a positive duration of at most 400 days');
    const total = [...members.values()].reduce((a, b) => a + b, 0);
    const reviewUnits = Math.round(doc.thresholds.review * WEIGHT_SCALE);
    if (members.size > 0 && reviewUnits > total) at(['thresholds', 'review'], 'unreachable_threshold', `review threshold ${doc.thresholds.review} is above the sum of all member weights (${total / WEIGHT_SCALE})`);
    compiledTypologies.push({
      id: doc.id,
      version: doc.version,
      title: doc.title,
      document: doc,
      entity: doc.entity,
      lookbackMs: lookbackMs ?? 0,
      members,
      reviewUnits,
      highUnits: Math.round(doc.thresholds.high * WEIGHT_SCALE),
    });
  }

  if (issues.length > 0) {
    // Report file by file, in the order the files were given.
    const order = new Map(documents.map((d, i) => [d.file ?? '', i]));
    const sorted = issues.map((issue, i) => ({ issue, i })).sort((a, b) => (order.get(a.issue.file ?? '') ?? -1) - (order.get(b.issue.file ?? '') ?? -1) || a.i - b.i);
    throw new RuleSetError(sorted.map((x) => x.issue));
  }

  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ baseCurrency, i: compiled.map((c) => [c.document, c.enabled]), t: typologies.map((t) => t.doc), l: lists.map((l) => l.doc) }))
    .digest('hex');
  return Object.freeze({ baseCurrency, indicators: compiled, typologies: compiledTypologies, lists: compiledLists, fingerprint, files });
}

function compileIndicator(
  original: IndicatorRule,
  raw: Record<string, unknown>,
  overrides: Readonly<Record<string, unknown>>,
  lists: ReadonlyMap<string, CompiledList>,
  baseExponent: number,
  issues: ConfigIssue[],
): CompiledIndicator | undefined {
  const values = new Map<string, unknown>();
  for (const [name, p] of Object.entries(original.parameters)) values.set(name, p.value);
  for (const [name, v] of Object.entries(overrides)) {
    if (!values.has(name)) issues.push({ code: 'unknown_parameter', path: ['parameters', name], message: `override names no parameter "${name}"` });
    else values.set(name, v);
  }
  const resolvedJson = resolveParams(raw, values, issues);
  if (issues.length > 0) return undefined;
  const reparsed = RuleFileSchema.safeParse(resolvedJson);
  if (!reparsed.success || reparsed.data.type !== 'indicator') {
    if (!reparsed.success) issues.push(...fromZodIssues(reparsed.error.issues).map((i) => ({ ...i, message: `${i.message} (after substituting parameters)` })));
    return undefined;
  }
  const doc = reparsed.data;
  const ctx: ConditionContext = { lists, baseExponent, issues, nodes: { count: 0 } };
  const dur = (v: unknown, path: (string | number)[]): number => {
    const ms = typeof v === 'string' ? parseDuration(v) : undefined;
    if (ms === undefined) issues.push({ code: 'invalid_duration', path, message: 'expected a positive duration' });
    else if (ms > RULE_LIMITS.maxWindowMs) issues.push({ code: 'invalid_duration', path, message: 'windows may be at most 400 days long' });
    return ms ?? 0;
  };

  const windowMs = dur(doc.window, ['window']);
  const when = doc.when === undefined ? () => true : compileCondition(doc.when, ['when'], ctx);
  const measureEntries = Object.entries(doc.measures);
  if (measureEntries.length === 0) issues.push({ code: 'no_measures', path: ['measures'], message: 'a rule needs at least one measure' });
  if (measureEntries.length > RULE_LIMITS.maxMeasures) issues.push({ code: 'too_complex', path: ['measures'], message: `at most ${RULE_LIMITS.maxMeasures} measures` });
  const measures: CompiledMeasure[] = measureEntries.map(([name, m], index) => {
    const path = ['measures', name];
    const mWindow = m.window === undefined ? windowMs : dur(m.window, [...path, 'window']);
    if (m.fn === 'sequence') {
      const share = m.share as number;
      if (!(share > 0 && share <= 1)) issues.push({ code: 'invalid_share', path: [...path, 'share'], message: '"share" must be in (0, 1]' });
      const differentField = m.differentField as FieldPath | undefined;
      return {
        name, index, fn: 'sequence', unit: 'count', windowMs: mWindow, where: undefined, distinctKey: undefined, distinctField: undefined,
        sequence: {
          first: compileCondition(m.first, [...path, 'first'], ctx),
          then: compileCondition(m.then, [...path, 'then'], ctx),
          withinMs: dur(m.within, [...path, 'within']),
          share,
          differentKey: differentField === undefined ? undefined : keyReader(differentField),
        },
      };
    }
    const where = m.where === undefined ? undefined : compileCondition(m.where, [...path, 'where'], ctx);
    if (m.fn === 'distinct') {
      const f = m.of as FieldPath;
      return { name, index, fn: 'distinct', unit: 'count', windowMs: mWindow, where, distinctKey: keyReader(f), distinctField: f, sequence: undefined };
    }
    return { name, index, fn: m.fn, unit: m.fn === 'count' ? 'count' : 'money', windowMs: mWindow, where, distinctKey: undefined, distinctField: undefined, sequence: undefined };
  });
  const measureIndex = new Map(measures.map((m) => [m.name, m.index]));
  const trigger = compileTrigger(doc.trigger, ['trigger'], measures, measureIndex, baseExponent, issues, 0);
  const cooldownMs = doc.cooldown === undefined ? windowMs : dur(doc.cooldown, ['cooldown']);
  const explain = compileTemplate(doc.explain, measureIndex, issues);
  const scopeField = doc.scope as FieldPath;
  if (FIELD_KINDS[scopeField] === 'money' || FIELD_KINDS[scopeField] === 'number') {
    issues.push({ code: 'invalid_scope', path: ['scope'], message: `scope must be an identifying field, not the ${FIELD_KINDS[scopeField]} field "${scopeField}"` });
  }
  if (issues.length > 0) return undefined;
  return {
    id: doc.id,
    version: doc.version,
    title: doc.title,
    document: doc,
    sources: doc.sources,
    enabled: doc.enabled,
    scopeField,
    scopeKey: keyReader(scopeField),
    when,
    plans: planRule(doc, lists, baseExponent),
    windowMs,
    retentionMs: Math.max(windowMs, ...measures.map((m) => m.windowMs)),
    cooldownMs,
    measures,
    measureIndex,
    trigger,
    explain,
  };
}

/**
 * Specialises a rule's `when` and measure `where`s for every (direction, channel) pair. Residuals that
 * come out the same are compiled once. The rule has been validated, so compiling cannot fail here.
 */
function planRule(doc: IndicatorRule, lists: ReadonlyMap<string, CompiledList>, baseExponent: number): (RulePlan | undefined)[] {
  const compiled = new Map<string, Predicate>();
  const ctx: ConditionContext = { lists, baseExponent, issues: [], nodes: { count: 0 } };
  const residual = (cond: Condition | undefined, known: DispatchKey | undefined): Predicate | boolean => {
    if (cond === undefined) return true;
    const r = known === undefined ? cond : specialise(cond, known);
    if (typeof r === 'boolean') return r;
    const key = JSON.stringify(r);
    let p = compiled.get(key);
    if (p === undefined) {
      ctx.nodes.count = 0;
      compiled.set(key, (p = compileCondition(r, [], ctx)));
    }
    return p;
  };
  const measures = Object.values(doc.measures);
  const plan = (known: DispatchKey | undefined): RulePlan | undefined => {
    const when = residual(doc.when, known);
    if (when === false) return undefined;
    return { when: when === true ? undefined : when, where: measures.map((m) => (m.fn === 'sequence' ? true : residual(m.where, known))) };
  };
  // The last index is for a direction or channel outside the schema: the rule as written.
  return [...DISPATCH_KEYS.map(plan), plan(undefined)];
}

function compileTrigger(
  t: TriggerCondition,
  path: (string | number)[],
  measures: readonly CompiledMeasure[],
  index: ReadonlyMap<string, number>,
  baseExponent: number,
  issues: ConfigIssue[],
  depth: number,
): CompiledTrigger {
  if (depth > RULE_LIMITS.maxConditionDepth) {
    issues.push({ code: 'too_deep', path, message: `triggers may nest at most ${RULE_LIMITS.maxConditionDepth} levels deep` });
    return { type: 'all', nodes: [] };
  }
  const sub = (c: TriggerCondition, p: (string | number)[]) => compileTrigger(c, p, measures, index, baseExponent, issues, depth + 1);
  if ('all' in t) return { type: 'all', nodes: t.all.map((c, i) => sub(c, [...path, 'all', i])) };
  if ('any' in t) return { type: 'any', nodes: t.any.map((c, i) => sub(c, [...path, 'any', i])) };
  if ('not' in t) return { type: 'not', node: sub(t.not, [...path, 'not']) };
  if ('atLeast' in t) {
    const n = t.atLeast as number;
    if (!Number.isInteger(n) || n < 1 || n > t.of.length) issues.push({ code: 'invalid_at_least', path: [...path, 'atLeast'], message: `"atLeast" must be a whole number from 1 to ${t.of.length}` });
    return { type: 'atLeast', n, nodes: t.of.map((c, i) => sub(c, [...path, 'of', i])) };
  }
  const mi = index.get(t.measure);
  if (mi === undefined) {
    issues.push({ code: 'unknown_measure', path: [...path, 'measure'], message: `unknown measure "${t.measure}" (known: ${[...index.keys()].join(', ')})` });
    return { type: 'all', nodes: [] };
  }
  const m = measures[mi]!;
  const toUnits = (v: number): number => (m.unit === 'money' ? toMinorUnits(String(v), baseExponent) : v);
  const base = { measure: mi, measureName: m.name, unit: m.unit } as const;
  if (t.op === 'between') {
    const [lo, hi] = t.value as [number, number];
    if (lo > hi) issues.push({ code: 'invalid_condition', path: [...path, 'value'], message: '"between" needs [low, high] with low ≤ high' });
    return { type: 'cmp', cmp: { ...base, op: 'between', range: [toUnits(lo), toUnits(hi)], factor: 1 } };
  }
  if ('ref' in t) {
    const factor = (t.factor as number | undefined) ?? 1;
    const ri = index.get(t.ref);
    if (ri !== undefined) {
      const r = measures[ri]!;
      if (r.unit !== m.unit) issues.push({ code: 'unit_mismatch', path: [...path, 'ref'], message: `cannot compare ${m.unit} measure "${m.name}" with ${r.unit} measure "${r.name}"` });
      return { type: 'cmp', cmp: { ...base, op: t.op, refMeasure: ri, refName: r.name, factor } };
    }
    if (Object.prototype.hasOwnProperty.call(FIELD_KINDS, t.ref)) {
      const kind = FIELD_KINDS[t.ref as FieldPath];
      const wantKind = m.unit === 'money' ? 'money' : 'number';
      if (kind !== wantKind) {
        issues.push({ code: 'unit_mismatch', path: [...path, 'ref'], message: `"${t.ref}" is a ${kind} field; a ${m.unit} measure compares with a ${wantKind} field` });
      }
      return { type: 'cmp', cmp: { ...base, op: t.op, refField: fieldReader(t.ref as FieldPath), refName: t.ref, factor } };
    }
    issues.push({ code: 'unknown_measure', path: [...path, 'ref'], message: `"${t.ref}" is neither a measure of this rule nor a field` });
    return { type: 'all', nodes: [] };
  }
  return { type: 'cmp', cmp: { ...base, op: t.op, value: toUnits(t.value as number), factor: 1 } };
}

const FIXED_PLACEHOLDERS = new Set(['windowStart', 'windowEnd', 'key', 'scope', 'window']);

function compileTemplate(text: string, measures: ReadonlyMap<string, number>, issues: ConfigIssue[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  const re = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const name = m[1]!;
    if (!measures.has(name) && !FIXED_PLACEHOLDERS.has(name)) {
      issues.push({ code: 'unknown_placeholder', path: ['explain'], message: `unknown placeholder {${name}}: use a measure name or one of ${[...FIXED_PLACEHOLDERS].join(', ')}` });
    }
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ placeholder: name });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
