import { compileRuleSet, type RuleDocument } from '../compile/compile-rule-set.js';
import type { FxRate } from '../engine/fx.js';
import type { CustomerProfile } from '../schema/profile.js';
import { evaluateAlerts, LOOKALIKE_ARCHETYPES, type EvaluationResult } from './evaluate-alerts.js';
import type { EvaluationLabels } from './labels.js';
import { screenForEvaluation } from './screen-for-evaluation.js';
import type { Proportion } from './wilson.js';

/** One parameter and the values to try. */
export interface SweepSpec {
  readonly ruleId: string;
  readonly param: string;
  readonly values: readonly number[];
}

/** Most values one sweep may try (each one re-screens the whole input). */
export const MAX_SWEEP_VALUES = 100;

/**
 * Parses `rule.param=a:b:step` (inclusive of `b` when the steps land on it) into a {@link SweepSpec}.
 * The rule id is everything before the last dot of the left side, so rule ids may contain dots.
 *
 * @param text - e.g. `lodging_velocity.minStaysPerWeek=2:6:1`
 * @returns the rule, parameter and values
 * @throws {RangeError} when the text is malformed, the step is not positive, b < a, or there are more than {@link MAX_SWEEP_VALUES} values
 * @example
 * parseSweepSpec('lodging_velocity.minStaysPerWeek=2:4:1') //=> { ruleId: 'lodging_velocity', param: 'minStaysPerWeek', values: [2, 3, 4] }
 */
export function parseSweepSpec(text: string): SweepSpec {
  const m = /^(.+)\.([A-Za-z_][A-Za-z0-9_]*)=(-?[0-9.]+):(-?[0-9.]+):([0-9.]+)$/.exec(text.trim());
  if (m === null) throw new RangeError(`sweep "${text}" is not rule.param=a:b:step (e.g. lodging_velocity.minStaysPerWeek=2:6:1)`);
  const [, ruleId, param, aText, bText, stepText] = m as unknown as [string, string, string, string, string, string];
  const a = Number(aText);
  const b = Number(bText);
  const step = Number(stepText);
  if (![a, b, step].every(Number.isFinite)) throw new RangeError(`sweep "${text}": a, b and step must be numbers`);
  if (!(step > 0)) throw new RangeError(`sweep "${text}": step must be positive`);
  if (b < a) throw new RangeError(`sweep "${text}": b must not be below a`);
  // Count steps with a tolerance, and round each value to the inputs' decimals, so 0.1 steps give 0.3, not 0.30000000000000004.
  const n = Math.floor((b - a) / step + 1e-9) + 1;
  if (n > MAX_SWEEP_VALUES) throw new RangeError(`sweep "${text}" has ${n} values; at most ${MAX_SWEEP_VALUES}`);
  const decimals = Math.max(...[aText, bText, stepText].map((s) => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0)));
  const values = Array.from({ length: n }, (_, i) => Number((a + i * step).toFixed(decimals)));
  return { ruleId, param, values };
}

/** Options of {@link sweepParameter}. */
export interface SweepOptions {
  /** The rule pack's documents (e.g. from `readRuleDocuments`). */
  readonly documents: readonly RuleDocument[];
  readonly spec: SweepSpec;
  /** Opens the transactions afresh for each value (they are screened once per value). */
  readonly transactions: () => Iterable<unknown> | AsyncIterable<unknown>;
  readonly labels: EvaluationLabels;
  readonly baseCurrency?: string;
  /** Other parameter overrides held fixed during the sweep. */
  readonly overrides?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly fx?: readonly FxRate[];
  readonly profiles?: ReadonlyMap<string, CustomerProfile> | Iterable<CustomerProfile>;
  readonly timeZone?: string;
  readonly validate?: boolean;
  /** Population size (default: the labelled accounts). */
  readonly accounts?: number;
  /** Called after each value with its row. */
  readonly onRow?: (row: SweepRow) => void;
}

/** The trade-off at one parameter value. */
export interface SweepRow {
  readonly value: number;
  readonly alerts: number;
  readonly alertedAccounts: number;
  /** Hits of the swept rule, and the distinct planted and background accounts it hit. */
  readonly ruleHits: { readonly hits: number; readonly plantedAccounts: number; readonly backgroundAccounts: number };
  readonly precision: Proportion;
  readonly recall: Proportion;
  /** The typologies that include the swept rule. */
  readonly typologies: readonly { readonly id: string; readonly precision: Proportion; readonly recall: Proportion }[];
  /** False-positive rate of each innocent look-alike archetype. */
  readonly lookalikes: readonly { readonly archetype: string; readonly rate: Proportion }[];
  /** The full evaluation at this value. */
  readonly evaluation: EvaluationResult;
}

/**
 * Sweeps one rule parameter: for each value, recompiles the pack with that override, re-screens the
 * same transactions and evaluates against the labels — the threshold curve an analyst reads to pick a value.
 *
 * @param options - documents, spec, a transactions factory, labels, FX, profiles
 * @returns one row per value, in the order of `spec.values`
 * @throws {RuleSetError} when the rule or parameter does not exist, or a value is invalid for it
 * @example
 * const rows = await sweepParameter({ documents, spec: parseSweepSpec('lodging_velocity.minStaysPerWeek=2:6:1'), transactions: () => txs, labels, fx });
 * rows.map((r) => [r.value, r.precision.value, r.recall.value]);
 */
export async function sweepParameter(options: SweepOptions): Promise<SweepRow[]> {
  const { spec } = options;
  const rows: SweepRow[] = [];
  for (const value of spec.values) {
    const overrides = { ...(options.overrides ?? {}), [spec.ruleId]: { ...(options.overrides?.[spec.ruleId] ?? {}), [spec.param]: value } };
    const rules = compileRuleSet(options.documents, { overrides, ...(options.baseCurrency === undefined ? {} : { baseCurrency: options.baseCurrency }) });
    const run = await screenForEvaluation({
      rules,
      transactions: options.transactions(),
      ...(options.fx === undefined ? {} : { fx: options.fx }),
      ...(options.profiles === undefined ? {} : { profiles: options.profiles }),
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      ...(options.validate === undefined ? {} : { validate: options.validate }),
    });
    const evaluation = evaluateAlerts({
      alerts: run.alerts,
      hits: run.hits,
      labels: options.labels,
      days: run.days,
      ...(options.accounts === undefined ? {} : { accounts: options.accounts }),
      typologies: rules.typologies.map((t) => ({ id: t.id, title: t.title })),
    });
    const ind = evaluation.indicators.find((i) => i.ruleId === spec.ruleId);
    const total = (r: Readonly<Record<string, number>> | undefined) => Object.values(r ?? {}).reduce((a, b) => a + b, 0);
    const including = new Set(rules.typologies.filter((t) => t.members.has(spec.ruleId)).map((t) => t.id));
    const row: SweepRow = {
      value,
      alerts: evaluation.alerts,
      alertedAccounts: evaluation.overall.alertedAccounts,
      ruleHits: { hits: ind?.hits ?? 0, plantedAccounts: total(ind?.plantedAccounts), backgroundAccounts: total(ind?.backgroundAccounts) },
      precision: evaluation.overall.precision,
      recall: evaluation.overall.recall,
      typologies: evaluation.typologies.filter((t) => including.has(t.id)).map((t) => ({ id: t.id, precision: t.precision, recall: t.recall })),
      lookalikes: LOOKALIKE_ARCHETYPES.map((archetype) => {
        const a = evaluation.archetypes.find((x) => x.archetype === archetype);
        return { archetype, rate: a?.alerted ?? { successes: 0, total: 0, value: null, lower: null, upper: null } };
      }),
      evaluation,
    };
    rows.push(row);
    options.onRow?.(row);
  }
  return rows;
}
