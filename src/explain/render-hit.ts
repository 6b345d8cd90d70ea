import type { CompiledComparison, CompiledIndicator, CompiledTrigger } from '../compile/compile-rule-set.js';
import type { Row } from '../engine/row.js';
import type { ComparisonOutcome, Hit, MeasureValue } from '../schema/alert.js';
import { describeDuration } from '../util/duration.js';
import { formatMinorUnits, formatMoney } from '../util/money.js';
import type { KeyWindow } from '../windows/key-window.js';
import { compareScaled } from '../util/ratio.js';
import { Decimal } from 'decimal.js';

/** What building a hit needs besides the window. */
export interface HitContext {
  readonly baseCurrency: string;
  readonly baseExponent: number;
}

/**
 * Evaluates a compiled trigger against the current measure values.
 */
export function evaluateTrigger(node: CompiledTrigger, win: KeyWindow, row: Row): boolean {
  switch (node.type) {
    case 'cmp':
      return passes(node.cmp, win, row);
    case 'all':
      for (const n of node.nodes) if (!evaluateTrigger(n, win, row)) return false;
      return node.nodes.length > 0;
    case 'any':
      for (const n of node.nodes) if (evaluateTrigger(n, win, row)) return true;
      return false;
    case 'not':
      return !evaluateTrigger(node.node, win, row);
    case 'atLeast': {
      let k = 0;
      for (const n of node.nodes) if (evaluateTrigger(n, win, row) && ++k >= node.n) return true;
      return false;
    }
  }
}

/** The right-hand side of a comparison before its factor, or null when it is missing (empty window, absent field). */
function refOf(c: CompiledComparison, win: KeyWindow, row: Row): number | null {
  if (c.value !== undefined) return c.value;
  if (c.refMeasure !== undefined) return win.value(c.refMeasure);
  const r = c.refField?.(row);
  return typeof r === 'number' ? r : null;
}

/** `observed op factor × ref`, exactly (decimal factors compared without binary rounding). */
function holds(op: CompiledComparison['op'], observed: number, factor: number, ref: number): boolean {
  const cmp = factor === 1 ? Math.sign(observed - ref) : compareScaled(observed, factor, ref);
  switch (op) {
    case 'gt': return cmp > 0;
    case 'gte': return cmp >= 0;
    case 'lt': return cmp < 0;
    case 'lte': return cmp <= 0;
    case 'eq': return cmp === 0;
    case 'ne': return cmp !== 0;
    default: return false;
  }
}

/** Whether one comparison holds; the hot path (no allocation). {@link compare} gives the details for a hit. */
function passes(c: CompiledComparison, win: KeyWindow, row: Row): boolean {
  const observed = win.value(c.measure);
  if (observed === null) return false;
  if (c.range !== undefined) return observed >= c.range[0] && observed <= c.range[1];
  const ref = refOf(c, win, row);
  return ref !== null && holds(c.op, observed, c.value !== undefined ? 1 : c.factor, ref);
}

function compare(c: CompiledComparison, win: KeyWindow, row: Row): { passed: boolean; observed: number | null; threshold: number | null } {
  const observed = win.value(c.measure);
  if (c.range !== undefined) return { passed: passes(c, win, row), observed, threshold: null };
  const ref = refOf(c, win, row);
  const factor = c.value !== undefined ? 1 : c.factor;
  const threshold = ref === null ? null : ref * factor;
  const passed = observed !== null && ref !== null && holds(c.op, observed, factor, ref);
  return { passed, observed, threshold };
}

function collectComparisons(node: CompiledTrigger, out: CompiledComparison[]): void {
  if (node.type === 'cmp') out.push(node.cmp);
  else if (node.type === 'not') collectComparisons(node.node, out);
  else for (const n of node.nodes) collectComparisons(n, out);
}

/**
 * Builds the structured evidence of a hit: every measure with its window and transactions, every
 * comparison with what it saw, and the explanation text rendered from the rule's template.
 */
export function buildHit(rule: CompiledIndicator, key: string, win: KeyWindow, row: Row, ctx: HitContext): Hit {
  const now = row.t;
  const to = iso(now);
  const measures: Record<string, MeasureValue> = {};
  const accounts = new Set<string>();
  const customers = new Set<string>();
  let truncated = false;
  // Money in internal minor units (a mean or factor × ref may be fractional): rounded half-even once, here.
  const money = (minor: number | null): string | null =>
    minor === null ? null : Number.isInteger(minor) ? formatMinorUnits(minor, ctx.baseExponent) : new Decimal(minor).dividedBy(new Decimal(10).pow(ctx.baseExponent)).toFixed(ctx.baseExponent, Decimal.ROUND_HALF_EVEN);
  for (const m of rule.measures) {
    const v = win.value(m.index);
    const ev = win.evidence(m.index, key);
    for (const a of ev.accounts) accounts.add(a);
    for (const c of ev.customers) customers.add(c);
    truncated ||= ev.truncated;
    measures[m.name] = {
      fn: m.fn,
      value: m.unit === 'money' ? money(v) : v,
      unit: m.unit,
      ...(m.unit === 'money' ? { currency: ctx.baseCurrency } : {}),
      window: { from: iso(now - m.windowMs), to },
      transactionIds: ev.ids,
      transactionIdsTruncated: ev.truncated,
    };
  }
  const cmps: CompiledComparison[] = [];
  collectComparisons(rule.trigger, cmps);
  const trigger: ComparisonOutcome[] = cmps.map((c) => {
    const r = compare(c, win, row);
    const fmt = (x: number | null): number | string | null => (c.unit === 'money' ? money(x) : x);
    return {
      measure: c.measureName,
      op: c.op,
      observed: fmt(r.observed),
      threshold: c.range !== undefined ? [fmt(c.range[0])!, fmt(c.range[1])!] : fmt(r.threshold),
      ...(c.refName === undefined ? {} : { ref: c.refName, factor: c.factor }),
      passed: r.passed,
    };
  });
  // Transaction ids of all measures, in event order.
  const union = win.evidenceUnion();
  const transactionIds = union.ids;
  truncated ||= union.truncated;
  if (accounts.size === 0) accounts.add(row.tx.accountId);
  if (customers.size === 0 && row.tx.customerId !== undefined) customers.add(row.tx.customerId);
  const hit: Omit<Hit, 'text'> = {
    ruleId: rule.id,
    ruleVersion: rule.version,
    title: rule.title,
    scope: { field: rule.scopeField, key },
    at: to,
    triggeringTransactionId: row.tx.id,
    window: { from: iso(now - rule.windowMs), to },
    measures,
    trigger,
    transactionIds,
    transactionIdsTruncated: truncated,
    accounts: [...accounts].sort(),
    customers: [...customers].sort(),
    sources: [...rule.sources],
  };
  return { ...hit, text: renderTemplate(rule, hit, ctx) };
}

function renderTemplate(rule: CompiledIndicator, hit: Omit<Hit, 'text'>, ctx: HitContext): string {
  let out = '';
  for (const part of rule.explain) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const name = part.placeholder;
    const m = hit.measures[name];
    if (m !== undefined) {
      out += m.value === null ? 'n/a' : m.unit === 'money' ? formatMoney(String(m.value), ctx.baseCurrency, ctx.baseExponent) : String(m.value);
    } else if (name === 'windowStart') out += hit.window.from.slice(0, 10);
    else if (name === 'windowEnd') out += hit.window.to.slice(0, 10);
    else if (name === 'key') out += hit.scope.key;
    else if (name === 'scope') out += hit.scope.field;
    else if (name === 'window') out += describeDuration(rule.windowMs);
  }
  return out;
}

/** ISO-8601 UTC with milliseconds. */
export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
