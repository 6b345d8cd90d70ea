import type { CompiledComparison, CompiledIndicator, CompiledTrigger } from '../compile/compile-rule-set.js';
import type { Row } from '../engine/row.js';
import type { ComparisonOutcome, Hit, MeasureValue } from '../schema/alert.js';
import { describeDuration } from '../util/duration.js';
import { formatMinorUnits, formatMoney } from '../util/money.js';
import type { KeyWindow } from '../windows/key-window.js';

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
      return compare(node.cmp, win, row).passed;
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

function compare(c: CompiledComparison, win: KeyWindow, row: Row): { passed: boolean; observed: number | null; threshold: number | null } {
  const observed = win.value(c.measure);
  let threshold: number | null;
  if (c.range !== undefined) {
    const passed = observed !== null && observed >= c.range[0] && observed <= c.range[1];
    return { passed, observed, threshold: null };
  }
  if (c.value !== undefined) threshold = c.value;
  else if (c.refMeasure !== undefined) {
    const r = win.value(c.refMeasure);
    threshold = r === null ? null : r * c.factor;
  } else {
    const r = c.refField?.(row);
    threshold = typeof r === 'number' ? r * c.factor : null;
  }
  if (observed === null || threshold === null) return { passed: false, observed, threshold };
  let passed: boolean;
  switch (c.op) {
    case 'gt': passed = observed > threshold; break;
    case 'gte': passed = observed >= threshold; break;
    case 'lt': passed = observed < threshold; break;
    case 'lte': passed = observed <= threshold; break;
    case 'eq': passed = observed === threshold; break;
    case 'ne': passed = observed !== threshold; break;
    default: passed = false;
  }
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
  const allIds = new Set<string>();
  let truncated = false;
  const money = (minor: number | null): string | null => (minor === null ? null : formatMinorUnits(Math.round(minor), ctx.baseExponent));
  for (const m of rule.measures) {
    const v = win.value(m.index);
    const ev = win.evidence(m.index, key);
    for (const a of ev.accounts) accounts.add(a);
    for (const c of ev.customers) customers.add(c);
    for (const id of ev.ids) allIds.add(id);
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
  // Transaction ids in event order across measures: the window holds them oldest first per measure.
  const transactionIds = [...allIds];
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
