import type { Rejection } from '../schema/alert.js';
import { createCsvRecordSplitter, type CsvRecord } from './csv-records.js';
import { decodeInput, describeInput, type IngestInput } from './input.js';
import { createRowMapper } from './map-row.js';
import { DEFAULT_MAPPING, type Mapping } from './mapping.js';
import { toIngestStream, type IngestStream, type RowOutcome } from './stats.js';
import type { IngestRecord } from './types.js';

/** Options of {@link readCsv}. */
export interface ReadCsvOptions {
  /** Column mapping; {@link DEFAULT_MAPPING} (canonical snake_case headers) when absent. */
  readonly mapping?: Mapping;
  /** Name of the input in rejections (default: the path, when the input is one). */
  readonly source?: string;
  /** The mapping's file, to locate header errors. */
  readonly mappingFile?: string;
  /** A row longer than this many characters is rejected (default 1 MiB). */
  readonly maxRowLength?: number;
}

/**
 * Reads CSV records (header included) from an input, streaming: text is decoded and split as it arrives and
 * the source waits while the consumer is busy (backpressure through async iteration).
 *
 * @param input - a path, or a stream / async iterable of bytes or text
 * @param dialect - delimiter, quote, encoding and row-length limit
 * @returns the records, in order, with their physical line numbers
 * @example
 * for await (const rec of readCsvRecords('a.csv', {})) console.log(rec.line, rec.fields)
 */
export async function* readCsvRecords(
  input: IngestInput,
  dialect: { delimiter?: string; quote?: string | null; encoding?: string; maxRecordLength?: number },
): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvRecordBatches(input, dialect)) yield* batch;
}

/**
 * Like {@link readCsvRecords}, but yields the records completed by each chunk of input as one array, which
 * saves an async hop per record on the hot path.
 *
 * @param input - a path, or a stream / async iterable of bytes or text
 * @param dialect - delimiter, quote, encoding and row-length limit
 * @returns batches of records, in order
 * @example
 * for await (const batch of readCsvRecordBatches('a.csv', {})) for (const rec of batch) …
 */
export async function* readCsvRecordBatches(
  input: IngestInput,
  dialect: { delimiter?: string; quote?: string | null; encoding?: string; maxRecordLength?: number },
): AsyncGenerator<CsvRecord[]> {
  const splitter = createCsvRecordSplitter({
    ...(dialect.delimiter === undefined ? {} : { delimiter: dialect.delimiter }),
    ...(dialect.quote === undefined ? {} : { quote: dialect.quote }),
    ...(dialect.maxRecordLength === undefined ? {} : { maxRecordLength: dialect.maxRecordLength }),
  });
  for await (const text of decodeInput(input, dialect.encoding)) {
    const batch = splitter.push(text);
    if (batch.length > 0) yield batch;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

/**
 * Whether a record is a blank line (no cells, or one cell of whitespace).
 *
 * @param rec - a CSV record
 * @returns true for a blank line
 * @example
 * isBlankRecord({ fields: [''], line: 3, endLine: 3 }) //=> true
 */
export function isBlankRecord(rec: CsvRecord): boolean {
  return rec.error === undefined && rec.fields.length <= 1 && (rec.fields[0] ?? '').trim() === '';
}

/**
 * Reads a CSV export as canonical transactions, streaming, through a column mapping. Line 1 is the header.
 * Every data row yields exactly one record — a transaction, or a rejection with the physical line where the
 * row starts, the field, the source column, the raw value and the reason — except a two-sided row, which
 * yields one transaction per monitored party (two, one, or none: counted in `stats.rowsSkipped`).
 * Blank lines are skipped and counted; a UTF-8 BOM is removed; `\n`, `\r\n` and `\r` all end rows.
 * A bad row never stops the run. The returned stream is single-use.
 *
 * @param input - a path, or a Node stream / async iterable of bytes or text
 * @param options - mapping, source name
 * @returns an async iterable of {@link IngestRecord}s with live `stats`
 * @throws {RuleSetError} while iterating, when the header lacks a column of a required field (or repeats a mapped one)
 * @example
 * const stream = readCsv('statement.csv', { mapping: loadMapping('bank.json') });
 * for await (const rec of stream) if (rec.kind === 'transaction') screener.push(rec.transaction);
 * stream.stats //=> { rowsRead: 1000, rowsAccepted: 997, rowsRejected: 3, … }
 */
export function readCsv(input: IngestInput, options: ReadCsvOptions = {}): IngestStream {
  const mapping = options.mapping ?? DEFAULT_MAPPING;
  const source = describeInput(input, options.source);
  return toIngestStream(async function* (stats) {
    let mapRow: ((fields: readonly string[], line: number) => IngestRecord[]) | undefined;
    for await (const batch of readCsvRecordBatches(input, {
      delimiter: mapping.delimiter,
      quote: mapping.quote,
      encoding: mapping.encoding,
      maxRecordLength: options.maxRowLength ?? 1_048_576,
    })) {
      const out: RowOutcome[] = [];
      for (const rec of batch) {
        if (mapRow === undefined) {
          if (isBlankRecord(rec)) continue; // blank lines before the header
          const m = createRowMapper(mapping, rec.fields, {
            ...(source === undefined ? {} : { source }),
            ...(options.mappingFile === undefined ? {} : { mappingFile: options.mappingFile }),
          });
          mapRow = m.mapRow;
          stats.missingColumns.push(...m.missingColumns);
        } else if (isBlankRecord(rec)) out.push('blank');
        else if (rec.error !== undefined) out.push([recordError(rec, source)]);
        else out.push(mapRow(rec.fields, rec.line));
      }
      if (out.length > 0) yield out;
    }
  });
}

/**
 * The rejection for a record the splitter could not read (bad quoting, too long).
 *
 * @param rec - the record with an `error`
 * @param source - the input's name
 * @returns a `parse_error` record
 * @example
 * recordError({ fields: [], line: 7, endLine: 7, error: 'unexpected character "x" after a closing quote on line 7' })
 */
export function recordError(rec: CsvRecord, source: string | undefined): IngestRecord {
  const rejection: Rejection = {
    code: 'parse_error',
    message: rec.error ?? 'unreadable row',
    field: '(row)',
    line: rec.line,
    ...(rec.fields.length === 0 ? {} : { value: truncate(rec.fields.join(',')) }),
    ...(source === undefined ? {} : { source }),
  };
  return { kind: 'rejected', rejection };
}

function truncate(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
