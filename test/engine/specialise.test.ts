import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/compile/compile-condition.js';
import { compileList } from '../../src/compile/compiled-list.js';
import { DISPATCH_KEYS, DISPATCH_SIZE, dispatchIndex, specialise } from '../../src/compile/specialise.js';
import { ConditionSchema, ReferenceListSchema, type Condition } from '../../src/schema/rule.js';
import { CHANNELS, loadRules } from '../../src/index.js';
import { row, tx } from '../helpers/rules.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const lists = new Map([['mcc.lodging', compileList(ReferenceListSchema.parse({ type: 'list', id: 'mcc.lodging', title: 'Lodging', kind: 'codes', items: ['7011'] }))]]);
const compile = (c: Condition) => {
  const issues: unknown[] = [];
  const p = compileCondition(c, [], { lists, baseExponent: 2, issues: issues as never[], nodes: { count: 0 } });
  expect(issues).toEqual([]);
  return p;
};
const out = { direction: 'out', channel: 'card' } as const;

describe('specialise: deciding direction and channel leaves', () => {
  it('decides leaves on direction and channel and simplifies around them', () => {
    const amount = { field: 'amount', op: 'gt', value: 5 } as const;
    expect(specialise({ all: [{ field: 'direction', op: 'eq', value: 'in' }, amount] }, out)).toBe(false);
    expect(specialise({ all: [{ field: 'direction', op: 'eq', value: 'out' }, amount] }, out)).toEqual(amount);
    expect(specialise({ any: [{ field: 'channel', op: 'in', value: ['cash', 'card'] }, amount] }, out)).toBe(true);
    expect(specialise({ not: { field: 'channel', op: 'notIn', value: ['card'] } }, out)).toBe(true);
    expect(specialise({ field: 'channel', op: 'missing' }, out)).toBe(false);
    expect(specialise({ atLeast: 2, of: [{ field: 'direction', op: 'eq', value: 'out' }, amount, { field: 'channel', op: 'eq', value: 'atm' }] }, out)).toEqual(amount);
    expect(specialise({ atLeast: 2, of: [{ field: 'direction', op: 'eq', value: 'in' }, amount, { field: 'channel', op: 'eq', value: 'atm' }] }, out)).toBe(false);
  });

  it('leaves what it cannot decide: lists, references to other fields, other fields', () => {
    const byList = { field: 'channel', op: 'in', list: 'mcc.lodging' } as const;
    expect(specialise(byList, out)).toBe(byList);
    const byRef = { field: 'direction', op: 'eq', ref: 'purpose' } as const;
    expect(specialise(byRef, out)).toBe(byRef);
  });

  it('indexes every (direction, channel) pair once, and anything else at the last index', () => {
    const seen = new Set(DISPATCH_KEYS.map((k) => dispatchIndex(k.direction, k.channel)));
    expect(seen.size).toBe(2 * CHANNELS.length);
    expect(Math.max(...seen)).toBe(DISPATCH_SIZE - 2);
    expect(dispatchIndex('sideways', 'card')).toBe(DISPATCH_SIZE - 1);
    expect(dispatchIndex('in', 'constructor')).toBe(DISPATCH_SIZE - 1);
  });

  it('every pack rule has a plan exactly for the pairs its when can match, and the catch-all plan is the rule as written', () => {
    for (const rule of loadRules().indicators) {
      expect(rule.plans).toHaveLength(DISPATCH_SIZE);
      DISPATCH_KEYS.forEach((k, d) => {
        const decided = rule.document.when === undefined ? true : specialise(rule.document.when, k);
        expect(rule.plans[d] === undefined, `${rule.id} ${k.direction}/${k.channel}`).toBe(decided === false);
        expect(rule.plans[d]?.when === undefined).toBe(decided === true || decided === false);
      });
      const last = rule.plans[DISPATCH_SIZE - 1];
      expect(last).toBeDefined();
      expect(last!.when === undefined).toBe(rule.document.when === undefined);
    }
  });

  // The invariant the screener relies on: for any transaction, the residual of its own direction and
  // channel gives the same answer as the condition as written.
  const leaf = fc.oneof(
    fc.record({ field: fc.constantFrom('direction', 'channel'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('in', 'out', 'card', 'cash', 'atm', 'transfer') }),
    fc.record({ field: fc.constantFrom('direction', 'channel'), op: fc.constantFrom('in', 'notIn'), value: fc.subarray(['in', 'out', 'card', 'cash', 'atm', 'msb'], { minLength: 1 }) }),
    fc.record({ field: fc.constantFrom('direction', 'channel'), op: fc.constantFrom('exists', 'missing') }),
    fc.record({ field: fc.constant('amount'), op: fc.constantFrom('gt', 'lte'), value: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ field: fc.constant('merchant.mcc'), op: fc.constantFrom('in', 'notIn'), list: fc.constant('mcc.lodging') }),
    fc.record({ field: fc.constant('channel'), op: fc.constant('eq'), ref: fc.constant('purpose') }),
  );
  const condition = fc.letrec<{ c: unknown }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 4 }) }),
      fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 4 }) }),
      fc.record({ not: tie('c') }),
      fc.array(tie('c'), { minLength: 1, maxLength: 4 }).chain((of) => fc.record({ atLeast: fc.integer({ min: 1, max: of.length }), of: fc.constant(of) })),
    ),
  })).c;
  const transaction = fc.record({
    direction: fc.constantFrom('in', 'out'),
    channel: fc.constantFrom(...CHANNELS),
    amount: fc.integer({ min: 0, max: 120 }).map((n) => `${n}.00`),
    mcc: fc.constantFrom('7011', '5411', undefined),
    purpose: fc.constantFrom('card', 'salary', undefined),
  });

  it('property: the residual for a transaction’s own direction and channel agrees with the whole condition', () => {
    fc.assert(
      fc.property(condition, fc.array(transaction, { minLength: 1, maxLength: 20 }), (raw, txs) => {
        const cond = ConditionSchema.parse(raw);
        // Only conditions within the rule language's limits (depth, node count) can be rules.
        const issues: unknown[] = [];
        compileCondition(cond, [], { lists, baseExponent: 2, issues: issues as never[], nodes: { count: 0 } });
        fc.pre(issues.length === 0);
        const whole = compile(cond);
        for (const t of txs) {
          const r = row(tx({ direction: t.direction, channel: t.channel, amount: t.amount, ...(t.mcc === undefined ? {} : { merchant: { mcc: t.mcc } }), ...(t.purpose === undefined ? {} : { purpose: t.purpose }) }));
          const residual = specialise(cond, { direction: t.direction, channel: t.channel });
          const got = typeof residual === 'boolean' ? residual : compile(residual)(r);
          expect(got).toBe(whole(r));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
