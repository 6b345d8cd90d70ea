/**
 * Ingest: outside data → canonical transactions, streaming, with a rejection for every bad row.
 * Named re-exports only.
 */
export type { IngestRecord } from './types.js';
export type { IngestInput } from './input.js';
export { decodeInput, isSupportedEncoding } from './input.js';
export { createCsvRecordSplitter, type CsvRecord, type CsvDialect } from './csv-records.js';
export { parseAmount, type NumberStyle, type ParsedAmount } from './parse-amount.js';
export { compileTimestampParser, checkDateFormat, isTimeZone, type TimestampParser, type ParsedTimestamp } from './parse-timestamp.js';
export {
  MappingSchema,
  MAPPING_TARGETS,
  DEFAULT_MAPPING,
  parseMapping,
  loadMapping,
  checkCanonicalValue,
  type Mapping,
  type MappingInput,
  type MappingTarget,
  type ColumnSource,
  type TwoSided,
  type PartyColumns,
} from './mapping.js';
export { createRowMapper, type RowMapper } from './map-row.js';
export { createIngestStats, countRow, toIngestStream, type IngestStats, type IngestStream, type RowOutcome } from './stats.js';
export { readCsv, readCsvRecords, readCsvRecordBatches, isBlankRecord, type ReadCsvOptions } from './read-csv.js';
export { readLines, type TextLine } from './read-lines.js';
export { parseJsonLine } from './parse-json-line.js';
export { readNdjson, readObjects, type ReadNdjsonOptions } from './read-ndjson.js';
export { readTransactions, guessFormat, type InputFormat } from './read-transactions.js';
export { readProfiles, type ProfilesResult } from './read-profiles.js';
export { readFxRates, FxRateSchema, type FxRate } from './fx.js';
