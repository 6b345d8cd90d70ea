/**
 * Small builders for tests: inline rule documents, typologies, lists and transactions with sensible
 * defaults, plus a few helpers to compile and screen them. Generic on purpose: any test may import it.
 */
import { compileRuleSet, createScreener, type CompileOptions, type CustomerProfile, type RuleSet, type ScreenEvent, type ScreenerOptions, type Transaction } from '../../src/index.js';
import type { Alert, Hit, Rejection } from '../../src/schema/alert.js';
import type { Row } from '../../src/engine/row.js';
import { createLocalClock } from '../../src/engine/local-time.js';
import { toMinorUnits } from '../../src/util/money.js';

/** Monday 2026-01-05 00:00 UTC: a fixed origin for test timelines. */
export const T0 = Date.parse('2026-01-05T00:00:00Z');
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** ISO-8601 UTC of epoch milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A JSON rule-pack document (what a rule file holds). */
export type Doc = Record<string, unknown>;

/**
 * An indicator rule document. Defaults: id `test_rule`, window `P1D`, one `count` measure `n`,
 * trigger `n ≥ 1`, explain `{n} transactions`. Any key of `partial` replaces the default.
 */
export function indicator(partial: Doc = {}): Doc {
  return {
    type: 'indicator',
    id: 'test_rule',
    version: '1.0.0',
    title: 'Test rule',
    description: 'A rule written for a test.',
    window: 'P1D',
    measures: { n: { fn: 'count' } },
    trigger: { measure: 'n', op: 'gte', value: 1 },
    explain: '{n} transactions',
    ...partial,
  };
}

/**
 * A typology document. Defaults: id `test_typology`, entity `accountId`, lookback `P30D`,
 * thresholds review 0.5 / high 1.0. `members` is usually given.
 */
export function typology(partial: Doc = {}): Doc {
  return {
    type: 'typology',
    id: 'test_typology',
    version: '1.0.0',
    title: 'Test typology',
    description: 'A typology written for a test.',
    lookback: 'P30D',
    members: [{ rule: 'test_rule', weight: 1 }],
    thresholds: { review: 0.5, high: 1 },
    ...partial,
  };
}

/** A reference-list document. */
export function list(id: string, kind: 'codes' | 'names', items: string[], extra: Doc = {}): Doc {
  return { type: 'list', id, title: `List ${id}`, kind, items, ...extra };
}

/** Compiles inline documents (no files) into a rule set. */
export function compile(docs: readonly Doc[], options: CompileOptions = {}): RuleSet {
  return compileRuleSet(docs.map((json) => ({ json })), options);
}

let nextTxId = 1;
/** Restarts the automatic transaction ids at `tx-1`. */
export function resetTxIds(): void {
  nextTxId = 1;
}

/** Partial transaction; `at` (epoch ms) is a shorthand for `timestamp`. */
export type TxInput = Partial<Transaction> & { at?: number };

/**
 * A valid transaction. Defaults: id `tx-<n>`, timestamp {@link T0}, account `A1`, direction `out`,
 * amount `10.00` GBP by card.
 */
export function tx(partial: TxInput = {}): Transaction {
  const { at, ...rest } = partial;
  return {
    id: `tx-${nextTxId++}`,
    timestamp: iso(at ?? T0),
    accountId: 'A1',
    direction: 'out',
    amount: '10.00',
    currency: 'GBP',
    channel: 'card',
    ...rest,
  };
}

/** Pushes every transaction through a fresh screener, flushes, and returns all events. */
export function screenAll(rules: RuleSet, txs: readonly unknown[], options: Omit<ScreenerOptions, 'rules'> = {}): ScreenEvent[] {
  const s = createScreener({ rules, ...options });
  const out: ScreenEvent[] = [];
  for (const t of txs) out.push(...s.push(t));
  out.push(...s.flush());
  return out;
}

/** The hits among events. */
export function hitsOf(events: readonly ScreenEvent[]): Hit[] {
  return events.flatMap((e) => (e.type === 'hit' ? [e.hit] : []));
}

/** The alerts among events, with their change. */
export function alertsOf(events: readonly ScreenEvent[]): (Alert & { change: 'raised' | 'updated' })[] {
  return events.flatMap((e) => (e.type === 'alert' ? [{ ...e.alert, change: e.change }] : []));
}

/** The rejections among events. */
export function rejectionsOf(events: readonly ScreenEvent[]): Rejection[] {
  return events.flatMap((e) => (e.type === 'rejected' ? [e.rejection] : []));
}

/**
 * A {@link Row} as the screener derives it, for testing compiled predicates directly.
 * Base currency GBP (amounts must be GBP); local time in `timeZone` (default Europe/London).
 */
export function row(t: Transaction, options: { profile?: CustomerProfile; timeZone?: string } = {}): Row {
  const ms = Date.parse(t.timestamp);
  const p = options.profile;
  return {
    tx: t,
    t: ms,
    amountMinor: toMinorUnits(t.amount, 2),
    local: createLocalClock(options.timeZone ?? 'Europe/London')(ms),
    profile: p,
    profileMinor:
      p === undefined
        ? undefined
        : {
            ...(p.declaredMonthlyIncome === undefined ? {} : { declaredMonthlyIncome: toMinorUnits(p.declaredMonthlyIncome, 2) }),
            ...(p.expectedMonthlyTurnover === undefined ? {} : { expectedMonthlyTurnover: toMinorUnits(p.expectedMonthlyTurnover, 2) }),
          },
  };
}
