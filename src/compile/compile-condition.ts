import { FIELD_KINDS, type FieldPath } from '../schema/fields.js';
import { RULE_LIMITS, type Condition } from '../schema/rule.js';
import type { ConfigIssue } from '../errors.js';
import { fieldReader } from '../engine/fields.js';
import type { Row } from '../engine/row.js';
import { KeywordMatcher, cachedWords, normaliseText } from '../util/text.js';
import { toMinorUnits } from '../util/money.js';
import type { CompiledList } from './compiled-list.js';

/** A compiled filter: a pure function of one row. */
export type Predicate = (row: Row) => boolean;

/** What compiling a condition needs to know. */
export interface ConditionContext {
  readonly lists: ReadonlyMap<string, CompiledList>;
  readonly baseExponent: number;
  readonly issues: ConfigIssue[];
  /** Running node count, shared across a rule's conditions. */
  nodes: { count: number };
}

const ALWAYS: Predicate = () => true;

/**
 * Compiles a filter condition into a predicate, checking every field, operator and list against the
 * catalogue and the limits. Problems are pushed to `ctx.issues` with their JSON path; the returned
 * predicate is then never used.
 */
export function compileCondition(cond: Condition, path: (string | number)[], ctx: ConditionContext, depth = 0): Predicate {
  ctx.nodes.count++;
  if (ctx.nodes.count === RULE_LIMITS.maxConditionNodes + 1) {
    ctx.issues.push({ code: 'too_complex', path, message: `a rule may have at most ${RULE_LIMITS.maxConditionNodes} condition nodes` });
  }
  if (depth > RULE_LIMITS.maxConditionDepth) {
    ctx.issues.push({ code: 'too_deep', path, message: `conditions may nest at most ${RULE_LIMITS.maxConditionDepth} levels deep` });
    return ALWAYS;
  }
  if ('all' in cond) {
    const parts = cond.all.map((c, i) => compileCondition(c, [...path, 'all', i], ctx, depth + 1));
    return (row) => {
      for (const p of parts) if (!p(row)) return false;
      return true;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map((c, i) => compileCondition(c, [...path, 'any', i], ctx, depth + 1));
    return (row) => {
      for (const p of parts) if (p(row)) return true;
      return false;
    };
  }
  if ('not' in cond) {
    const inner = compileCondition(cond.not, [...path, 'not'], ctx, depth + 1);
    return (row) => !inner(row);
  }
  if ('atLeast' in cond) {
    const n = cond.atLeast as number;
    const parts = cond.of.map((c, i) => compileCondition(c, [...path, 'of', i], ctx, depth + 1));
    if (!Number.isInteger(n) || n < 1 || n > parts.length) {
      ctx.issues.push({ code: 'invalid_at_least', path: [...path, 'atLeast'], message: `"atLeast" must be a whole number from 1 to ${parts.length}` });
    }
    return (row) => {
      let hits = 0;
      for (const p of parts) if (p(row) && ++hits >= n) return true;
      return false;
    };
  }
  return compileLeaf(cond, path, ctx);
}

type Leaf = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown } | { atLeast: unknown }>;

function compileLeaf(cond: Leaf, path: (string | number)[], ctx: ConditionContext): Predicate {
  const fail = (message: string, at: (string | number)[] = path, code = 'invalid_condition'): Predicate => {
    ctx.issues.push({ code, path: at, message });
    return ALWAYS;
  };
  if (cond.op === 'localTimeBetween') {
    const [from, to] = cond.value.map(hhmm);
    const a = from!;
    const b = to!;
    if (a === b) return fail('"localTimeBetween" needs two different times', [...path, 'value']);
    // Half-open [from, to); wraps midnight when from > to (22:00–06:00).
    return a < b ? (r) => r.local.minuteOfDay >= a && r.local.minuteOfDay < b : (r) => r.local.minuteOfDay >= a || r.local.minuteOfDay < b;
  }
  const field = cond.field as FieldPath;
  const kind = FIELD_KINDS[field];
  const read = fieldReader(field);
  switch (cond.op) {
    case 'exists':
      return (r) => present(read(r));
    case 'missing':
      return (r) => !present(read(r));
    case 'eq':
    case 'ne': {
      const neg = cond.op === 'ne';
      if (cond.ref !== undefined) {
        const other = cond.ref as FieldPath;
        const kind2 = FIELD_KINDS[other];
        if ((kind === 'money') !== (kind2 === 'money') || kind === 'set' || kind2 === 'set') return fail(`cannot compare ${kind} field "${field}" with ${kind2} field "${other}"`, [...path, 'ref']);
        const readOther = fieldReader(other);
        const textual = kind === 'text' || kind2 === 'text';
        return (r) => {
          const a = read(r);
          const b = readOther(r);
          if (!present(a) || !present(b)) return false;
          const same = textual ? normaliseText(String(a)) === normaliseText(String(b)) : String(a) === String(b);
          return same !== neg;
        };
      }
      if (kind === 'set') return fail(`"${cond.op}" does not apply to the flag list "${field}"; use "hasAny"/"hasNone"`, [...path, 'op']);
      const target = literal(cond.value!, kind, ctx, [...path, 'value']);
      if (target === undefined) return ALWAYS;
      return (r) => {
        const v = read(r);
        if (!present(v)) return false;
        const same = kind === 'text' ? normaliseText(String(v)) === target : kind === 'money' || kind === 'number' ? v === target : String(v) === target;
        return same !== neg;
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (kind !== 'money' && kind !== 'number') return fail(`"${cond.op}" needs a numeric field; "${field}" is ${kind}`, [...path, 'op']);
      const x = literal(cond.value as number, kind, ctx, [...path, 'value']) as number | undefined;
      if (x === undefined) return ALWAYS;
      const op = cond.op;
      return (r) => {
        const v = read(r);
        if (typeof v !== 'number') return false;
        return op === 'gt' ? v > x : op === 'gte' ? v >= x : op === 'lt' ? v < x : v <= x;
      };
    }
    case 'between': {
      if (kind !== 'money' && kind !== 'number') return fail(`"between" needs a numeric field; "${field}" is ${kind}`, [...path, 'op']);
      const lo = literal(cond.value[0] as number, kind, ctx, [...path, 'value', 0]) as number | undefined;
      const hi = literal(cond.value[1] as number, kind, ctx, [...path, 'value', 1]) as number | undefined;
      if (lo === undefined || hi === undefined) return ALWAYS;
      if (lo > hi) return fail('"between" needs [low, high] with low ≤ high', [...path, 'value']);
      return (r) => {
        const v = read(r);
        return typeof v === 'number' && v >= lo && v <= hi;
      };
    }
    case 'in':
    case 'notIn': {
      const neg = cond.op === 'notIn';
      if (kind === 'set') return fail(`"${cond.op}" does not apply to the flag list "${field}"; use "hasAny"/"hasNone"`, [...path, 'op']);
      let has: (v: string | number) => boolean;
      if (cond.list !== undefined) {
        const list = ctx.lists.get(cond.list);
        if (list === undefined) return fail(`unknown list "${cond.list}"`, [...path, 'list'], 'unknown_list');
        if (list.kind !== 'codes') return fail(`list "${cond.list}" holds names; use "matchesAny" for name lists`, [...path, 'list']);
        has = (v) => list.hasCode(String(v));
      } else {
        const values = cond.value as (string | number | boolean)[];
        const set = new Set<string | number>();
        values.forEach((v, i) => {
          const lit = literal(v, kind, ctx, [...path, 'value', i]);
          if (lit !== undefined) set.add(lit);
        });
        has = kind === 'text' ? (v) => set.has(normaliseText(String(v))) : kind === 'money' || kind === 'number' ? (v) => set.has(v) : (v) => set.has(String(v));
      }
      return (r) => {
        const v = read(r);
        if (!present(v)) return false;
        return has(v as string | number) !== neg;
      };
    }
    case 'matchesAny':
    case 'matchesNone': {
      const neg = cond.op === 'matchesNone';
      if (kind !== 'text') return fail(`"${cond.op}" needs a text field; "${field}" is ${kind}`, [...path, 'op']);
      let matcher: KeywordMatcher;
      if (cond.list !== undefined) {
        const list = ctx.lists.get(cond.list);
        if (list === undefined) return fail(`unknown list "${cond.list}"`, [...path, 'list'], 'unknown_list');
        if (list.kind !== 'names') return fail(`list "${cond.list}" holds codes; use "in" for code lists`, [...path, 'list']);
        matcher = list.matcher;
      } else matcher = new KeywordMatcher(cond.value as string[]);
      return (r) => {
        const v = read(r);
        if (typeof v !== 'string') return neg;
        return (matcher.find(cachedWords(v)) !== undefined) !== neg;
      };
    }
    case 'hasAny':
    case 'hasNone': {
      const neg = cond.op === 'hasNone';
      if (kind !== 'set') return fail(`"${cond.op}" needs a flag-list field (flags, profile.flags); "${field}" is ${kind}`, [...path, 'op']);
      const wanted = new Set((cond.value as string[]).map((s) => s.toLowerCase()));
      return (r) => {
        const v = read(r);
        if (!Array.isArray(v)) return neg;
        for (const f of v as string[]) if (wanted.has(f.toLowerCase())) return !neg;
        return neg;
      };
    }
  }
}

function present(v: unknown): boolean {
  return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
}

function hhmm(s: string): number {
  return Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
}

/** Converts a literal from a rule to the internal representation of a field kind. */
function literal(v: string | number | boolean, kind: string, ctx: ConditionContext, path: (string | number)[]): string | number | undefined {
  if (kind === 'money') {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      ctx.issues.push({ code: 'invalid_type', path, message: 'expected a number (an amount in the base currency)' });
      return undefined;
    }
    return toMinorUnits(String(v), ctx.baseExponent);
  }
  if (kind === 'number') {
    if (typeof v !== 'number') {
      ctx.issues.push({ code: 'invalid_type', path, message: 'expected a number' });
      return undefined;
    }
    return v;
  }
  if (kind === 'text') return normaliseText(String(v));
  return String(v);
}
