import type { Condition, Measure, TriggerCondition } from '../schema/rule.js';

const OP_WORDS: Record<string, string> = {
  eq: 'is', ne: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', between: 'between', in: 'is one of', notIn: 'is none of',
  matchesAny: 'mentions any of', matchesNone: 'mentions none of', hasAny: 'has any of', hasNone: 'has none of',
};

function val(v: unknown): string {
  if (v !== null && typeof v === 'object' && '$param' in (v as object)) return `‹${(v as { $param: string }).$param}›`;
  if (Array.isArray(v)) return v.length > 6 ? `[${v.slice(0, 6).map(val).join(', ')}, … ${v.length - 6} more]` : `[${v.map(val).join(', ')}]`;
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/**
 * Renders a filter condition in words (parameters shown as ‹name›).
 *
 * @param c - a condition as written in a rule
 * @returns text
 * @example
 * describeCondition({ field: 'merchant.mcc', op: 'in', list: 'mcc.lodging' }) //=> 'merchant.mcc is in list mcc.lodging'
 */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map((x) => wrap(x)).join(' and ');
  if ('any' in c) return c.any.map((x) => wrap(x)).join(' or ');
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if ('atLeast' in c) return `at least ${val(c.atLeast)} of: ${c.of.map((x) => wrap(x)).join('; ')}`;
  if (c.op === 'localTimeBetween') return `local time in [${c.value[0]}, ${c.value[1]})`;
  if (c.op === 'exists') return `${c.field} is present`;
  if (c.op === 'missing') return `${c.field} is absent`;
  if ('list' in c && c.list !== undefined) return `${c.field} ${c.op === 'in' || c.op === 'matchesAny' ? 'is in' : 'is not in'} list ${c.list}`;
  if ('ref' in c && c.ref !== undefined) return `${c.field} ${OP_WORDS[c.op]} ${c.ref}`;
  if (c.op === 'between') return `${c.field} between ${val(c.value[0])} and ${val(c.value[1])}`;
  return `${c.field} ${OP_WORDS[c.op] ?? c.op} ${val((c as { value?: unknown }).value)}`;
}

function wrap(c: Condition): string {
  const s = describeCondition(c);
  return 'all' in c || 'any' in c ? `(${s})` : s;
}

/**
 * Renders a measure in words.
 *
 * @param m - a measure as written in a rule
 * @returns text
 * @example
 * describeMeasure({ fn: 'distinct', of: 'merchant.city' }) //=> 'number of distinct merchant.city'
 */
export function describeMeasure(m: Measure): string {
  const own = m.window === undefined ? '' : ` over ${val(m.window)}`;
  if (m.fn === 'sequence') {
    return `number of transactions where (${describeCondition(m.first)}) followed within ${val(m.within)} by (${describeCondition(m.then)}) adding up to ≥ ${val(m.share)} of it${m.differentField === undefined ? '' : ` with a different ${m.differentField}`}${own}`;
  }
  const where = 'where' in m && m.where !== undefined ? ` where ${describeCondition(m.where)}` : '';
  if (m.fn === 'count') return `count of transactions${where}${own}`;
  if (m.fn === 'distinct') return `number of distinct ${m.of}${where}${own}`;
  return `${m.fn} of amount${where}${own}`;
}

/**
 * Renders a trigger in words.
 *
 * @param t - a trigger as written in a rule
 * @returns text
 * @example
 * describeTrigger({ measure: 'stays', op: 'gte', value: 8 }) //=> 'stays ≥ 8'
 */
export function describeTrigger(t: TriggerCondition): string {
  if ('all' in t) return t.all.map((x) => `(${describeTrigger(x)})`).join(' and ');
  if ('any' in t) return t.any.map((x) => `(${describeTrigger(x)})`).join(' or ');
  if ('not' in t) return `not (${describeTrigger(t.not)})`;
  if ('atLeast' in t) return `at least ${val(t.atLeast)} of: ${t.of.map((x) => describeTrigger(x)).join('; ')}`;
  if (t.op === 'between') return `${t.measure} between ${val(t.value[0])} and ${val(t.value[1])}`;
  if ('ref' in t) return `${t.measure} ${OP_WORDS[t.op]} ${t.factor === undefined ? '' : `${val(t.factor)} × `}${t.ref}`;
  return `${t.measure} ${OP_WORDS[t.op]} ${val(t.value)}`;
}
