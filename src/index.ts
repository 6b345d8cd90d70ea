/**
 * msht-redflags — screen bank transactions for the financial red flags of modern slavery and human
 * trafficking, and raise explainable alerts.
 *
 * Public API: named re-exports only. Anything not exported here is internal.
 */
export { TransactionSchema, CHANNELS, type Transaction, type Channel } from './schema/transaction.js';
export { CustomerProfileSchema, type CustomerProfile } from './schema/profile.js';
export { validateTransaction, type TransactionValidation } from './schema/validate-transaction.js';
export {
  RuleFileSchema,
  IndicatorRuleSchema,
  TypologySchema,
  ReferenceListSchema,
  RULE_LIMITS,
  type IndicatorRule,
  type IndicatorRuleInput,
  type Typology,
  type ReferenceList,
  type RuleFile,
  type Condition,
  type TriggerCondition,
  type Measure,
  type Source,
} from './schema/rule.js';
export { FIELD_KINDS, type FieldPath } from './schema/fields.js';
export {
  AlertSchema,
  HitSchema,
  type Alert,
  type AlertReason,
  type Hit,
  type MeasureValue,
  type ComparisonOutcome,
  type Rejection,
  type Eviction,
  type ScreenEvent,
} from './schema/alert.js';
export { MshtError, RuleSetError, SnapshotError, prettifyIssues, formatPath, type ConfigIssue } from './errors.js';
export { compileRuleSet, type RuleSet, type RuleDocument, type CompileOptions } from './compile/compile-rule-set.js';
export { loadRules, safeLoadRules, bundledRulesDir, readRuleDocuments, parseJsonSafely, type SafeLoadResult } from './compile/load-rules.js';
export { createScreener, SNAPSHOT_VERSION, type Screener, type ScreenerOptions, type ScreenerStats, type ScreenerSnapshot } from './engine/screener.js';
export { createScreenStream, type ScreenStreamOptions } from './engine/screen-stream.js';
export { createFxConverter, FxRateSchema, type FxRate, type FxConverter } from './engine/fx.js';
export { explainAlert, explainHit, describeComparison, formatSource, type ExplainOptions } from './explain/explain-alert.js';
export { readTransactions, type InputFormat } from './ingest/read-transactions.js';
export type { IngestRecord } from './ingest/types.js';
export { loadMapping, parseMapping, DEFAULT_MAPPING, MappingSchema, type Mapping, type MappingInput } from './ingest/mapping.js';
export { readProfiles, type ProfilesResult } from './ingest/read-profiles.js';
export { readFxRates } from './ingest/fx.js';
export {
  generatePopulation,
  generateTransactions,
  planPopulation,
  writeCanonicalCsv,
  writeNdjson,
  writeTwoSidedCsv,
  writeProfilesCsv,
  writeLabelsCsv,
  SCENARIOS,
  ARCHETYPES,
  DEFAULT_TYPOLOGY_IDS,
  GenerateOptionsSchema,
  PlantedLabelSchema,
  BackgroundLabelSchema,
  type GeneratedData,
  type GenerateOptions,
  type GeneratedLabels,
  type PlantedLabel,
  type BackgroundLabel,
  type Scenario,
  type Archetype,
  type WriteOptions,
} from './generate/index.js';
export {
  evaluateAlerts,
  wilsonInterval,
  readLabelsCsv,
  screenForEvaluation,
  parseSweepSpec,
  sweepParameter,
  formatEvaluation,
  formatSweep,
  fxRatesForGenerated,
  LOOKALIKE_ARCHETYPES,
  type Proportion,
  type EvaluationLabels,
  type EvaluateInput,
  type EvaluationResult,
  type TypologyMetrics,
  type ArchetypeMetrics,
  type IndicatorMetrics,
  type ScreenForEvaluationResult,
  type SweepSpec,
  type SweepRow,
} from './evaluate/index.js';
