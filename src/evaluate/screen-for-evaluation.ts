import type { RuleSet } from '../compile/compile-rule-set.js';
import { createScreener } from '../engine/screener.js';
import type { FxRate } from '../engine/fx.js';
import type { Alert } from '../schema/alert.js';
import type { CustomerProfile } from '../schema/profile.js';
import type { EvaluationHit } from './evaluate-alerts.js';

/** Options of {@link screenForEvaluation}. */
export interface ScreenForEvaluationOptions {
  readonly rules: RuleSet;
  /** Transactions, in event order (objects; validated unless `validate: false`). */
  readonly transactions: Iterable<unknown> | AsyncIterable<unknown>;
  readonly fx?: readonly FxRate[];
  readonly profiles?: ReadonlyMap<string, CustomerProfile> | Iterable<CustomerProfile>;
  readonly timeZone?: string;
  /** Validate each transaction (default true; turn off for input that a reader already validated). */
  readonly validate?: boolean;
  /** Called every 100,000 transactions with the count so far. */
  readonly onProgress?: (transactions: number) => void;
}

/** What {@link screenForEvaluation} collects: enough to evaluate, small enough for millions of transactions. */
export interface ScreenForEvaluationResult {
  /** The latest revision of every alert, in the order alerts were first raised. */
  readonly alerts: readonly Alert[];
  /** Every hit, reduced to rule, scope and accounts. */
  readonly hits: readonly EvaluationHit[];
  readonly transactions: number;
  readonly screened: number;
  readonly rejected: number;
  readonly rejectedByCode: Readonly<Record<string, number>>;
  /** Event time of the first and last transaction (epoch ms), or undefined for no input. */
  readonly firstAt: number | undefined;
  readonly lastAt: number | undefined;
  /** Whole days spanned by the transactions (at least 1). */
  readonly days: number;
}

/**
 * Screens transactions and keeps what evaluation needs: the latest revision of each alert and a
 * compact record of each hit. Memory grows with alerts and hits, not with transactions.
 *
 * @param options - rules, transactions, FX, profiles, time zone
 * @returns alerts, hits, counts and the period covered
 * @throws {MshtError} for a bad time zone or FX table (from the screener)
 * @example
 * const run = await screenForEvaluation({ rules: loadRules(), transactions: generatePopulation({ seed: 1 }).transactions, fx });
 * evaluateAlerts({ alerts: run.alerts, hits: run.hits, labels, days: run.days });
 */
export async function screenForEvaluation(options: ScreenForEvaluationOptions): Promise<ScreenForEvaluationResult> {
  const screener = createScreener({
    rules: options.rules,
    ...(options.fx === undefined ? {} : { fx: options.fx }),
    ...(options.profiles === undefined ? {} : { profiles: options.profiles }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    validate: options.validate ?? true,
  });
  const alerts = new Map<string, Alert>();
  const hits: EvaluationHit[] = [];
  let count = 0;
  let firstAt: number | undefined;
  let lastAt: number | undefined;
  const take = (events: ReturnType<typeof screener.push>) => {
    for (const e of events) {
      if (e.type === 'alert') alerts.set(e.alert.alertId, e.alert);
      else if (e.type === 'hit') hits.push({ ruleId: e.hit.ruleId, scope: e.hit.scope, accounts: e.hit.accounts });
    }
  };
  for await (const tx of options.transactions as AsyncIterable<unknown>) {
    count++;
    const ts = (tx as { timestamp?: unknown }).timestamp;
    if (typeof ts === 'string') {
      const t = Date.parse(ts);
      if (!Number.isNaN(t)) {
        if (firstAt === undefined || t < firstAt) firstAt = t;
        if (lastAt === undefined || t > lastAt) lastAt = t;
      }
    }
    take(screener.push(tx));
    if (options.onProgress !== undefined && count % 100_000 === 0) options.onProgress(count);
  }
  take(screener.flush());
  const span = firstAt === undefined || lastAt === undefined ? 0 : (lastAt - firstAt) / 86_400_000;
  return {
    alerts: [...alerts.values()],
    hits,
    transactions: count,
    screened: screener.stats.screened,
    rejected: screener.stats.rejected,
    rejectedByCode: { ...screener.stats.rejectedByCode },
    firstAt,
    lastAt,
    days: Math.max(1, Math.ceil(span - 1e-9)),
  };
}
