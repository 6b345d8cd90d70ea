import type { Condition } from '../schema/rule.js';
import { CHANNELS, type Channel } from '../schema/transaction.js';

/** Direction and channel of a transaction: the two fields every rule can be indexed by. */
export interface DispatchKey {
  readonly direction: 'in' | 'out';
  readonly channel: Channel;
}

/**
 * Size of tables indexed by {@link dispatchIndex}: one entry per (direction, channel) pair, plus a last
 * one for anything else (only reachable with `validate: false`), which must hold the unspecialised rule.
 */
export const DISPATCH_SIZE = 2 * CHANNELS.length + 1;

const CHANNEL_INDEX: ReadonlyMap<string, number> = new Map(CHANNELS.map((c, i) => [c, i]));

/**
 * Index of a transaction's (direction, channel) pair, for tables built per pair; `DISPATCH_SIZE − 1`
 * for a direction or channel outside the schema.
 *
 * @example
 * dispatchIndex('out', 'card') //=> 9
 */
export function dispatchIndex(direction: string, channel: string): number {
  const c = CHANNEL_INDEX.get(channel);
  if (c === undefined || (direction !== 'in' && direction !== 'out')) return DISPATCH_SIZE - 1;
  return (direction === 'in' ? 0 : CHANNELS.length) + c;
}

/** Every (direction, channel) pair in {@link dispatchIndex} order (without the last, catch-all index). */
export const DISPATCH_KEYS: readonly DispatchKey[] = (['in', 'out'] as const).flatMap((direction) => CHANNELS.map((channel) => ({ direction, channel })));

/**
 * Partially evaluates a filter for transactions of one direction and channel: leaves that test only
 * those fields are decided, and `all`/`any`/`not`/`atLeast` are simplified around them. Returns
 * `true` or `false` when the whole condition is decided, otherwise the residual condition, which
 * gives the same answer as the original for every transaction of that direction and channel.
 *
 * This is what lets the screener index rules by direction and channel: a rule whose `when` is
 * `false` for a pair is never consulted for it, and a `true` one is not evaluated at all.
 *
 * @example
 * specialise({ all: [{ field: 'direction', op: 'eq', value: 'out' }, { field: 'amount', op: 'gt', value: 5 }] }, { direction: 'in', channel: 'card' }) //=> false
 */
export function specialise(cond: Condition, known: DispatchKey): Condition | boolean {
  if ('all' in cond) {
    const rest: Condition[] = [];
    for (const c of cond.all) {
      const r = specialise(c, known);
      if (r === false) return false;
      if (r !== true) rest.push(r);
    }
    return rest.length === 0 ? true : rest.length === 1 ? rest[0]! : { all: rest };
  }
  if ('any' in cond) {
    const rest: Condition[] = [];
    for (const c of cond.any) {
      const r = specialise(c, known);
      if (r === true) return true;
      if (r !== false) rest.push(r);
    }
    return rest.length === 0 ? false : rest.length === 1 ? rest[0]! : { any: rest };
  }
  if ('not' in cond) {
    const r = specialise(cond.not, known);
    return typeof r === 'boolean' ? !r : { not: r };
  }
  if ('atLeast' in cond) {
    // Parameters are resolved before compiling, so `atLeast` is a number here.
    let need = cond.atLeast as number;
    const rest: Condition[] = [];
    for (const c of cond.of) {
      const r = specialise(c, known);
      if (r === true) need--;
      else if (r !== false) rest.push(r);
    }
    if (need <= 0) return true;
    if (rest.length < need) return false;
    if (rest.length === 1) return rest[0]!;
    if (need === rest.length) return { all: rest };
    return need === 1 ? { any: rest } : { atLeast: need, of: rest };
  }
  return leaf(cond, known) ?? cond;
}

/** A leaf on direction or channel decided for a known pair; undefined when it depends on other fields. */
function leaf(cond: Condition, known: DispatchKey): boolean | undefined {
  if (!('field' in cond) || (cond.field !== 'direction' && cond.field !== 'channel')) return undefined;
  const v = cond.field === 'direction' ? known.direction : known.channel;
  switch (cond.op) {
    case 'exists':
      return true;
    case 'missing':
      return false;
    case 'eq':
    case 'ne':
      // Compared with another field (or a parameter not yet substituted): left to run time.
      if (cond.value === undefined || typeof cond.value === 'object') return undefined;
      return (String(cond.value) === v) !== (cond.op === 'ne');
    case 'in':
    case 'notIn':
      if (!Array.isArray(cond.value)) return undefined; // a named list
      return cond.value.some((x) => String(x) === v) !== (cond.op === 'notIn');
    default:
      return undefined;
  }
}
