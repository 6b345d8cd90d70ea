/**
 * Evaluation: compare alerts with ground-truth labels (from the generator) and sweep thresholds.
 * Named re-exports only.
 */
export { wilsonInterval, Z_95, type Proportion } from './wilson.js';
export {
  readLabelsCsv,
  EvaluationPlantedLabelSchema,
  EvaluationBackgroundLabelSchema,
  type EvaluationLabels,
  type EvaluationPlantedLabel,
  type EvaluationBackgroundLabel,
} from './labels.js';
export {
  evaluateAlerts,
  median,
  LOOKALIKE_ARCHETYPES,
  type EvaluateInput,
  type EvaluationAlert,
  type EvaluationHit,
  type EvaluationResult,
  type TypologyMetrics,
  type ArchetypeMetrics,
  type IndicatorMetrics,
} from './evaluate-alerts.js';
export { screenForEvaluation, type ScreenForEvaluationOptions, type ScreenForEvaluationResult } from './screen-for-evaluation.js';
export { parseSweepSpec, sweepParameter, MAX_SWEEP_VALUES, type SweepSpec, type SweepOptions, type SweepRow } from './sweep.js';
export { formatEvaluation, formatSweep, formatProportion, formatPercent, textTable } from './format.js';
export { fxRatesForGenerated } from './fx-table.js';
