import type { IngestInput } from './input.js';
import type { Mapping } from './mapping.js';
import { readCsv } from './read-csv.js';
import { readNdjson } from './read-ndjson.js';
import type { IngestStream } from './stats.js';

/** Input formats a reader understands. */
export type InputFormat = 'csv' | 'ndjson';

/**
 * Guesses the format from a file name: `.ndjson`, `.jsonl` and `.json` are NDJSON, anything else CSV.
 *
 * @param path - a file name
 * @returns the format
 * @example
 * guessFormat('tx.jsonl') //=> 'ndjson'
 */
export function guessFormat(path: string): InputFormat {
  return /\.(nd)?jsonl?$|\.json$/i.test(path) ? 'ndjson' : 'csv';
}

/**
 * Reads transactions from a CSV or NDJSON file or stream (see {@link readCsv} and {@link readNdjson}).
 *
 * @param input - a path, or a stream / async iterable of bytes or text
 * @param options - `format` (default: guessed from the path, CSV for streams), `mapping` (CSV only), `source`
 * @returns an async iterable of {@link IngestRecord}s with live `stats`
 * @throws {RuleSetError} while iterating, when a CSV header lacks a mapped column of a required field
 * @example
 * const stream = readTransactions('statement.csv', { mapping });
 * for await (const rec of stream) …
 */
export function readTransactions(
  input: IngestInput,
  options: { format?: InputFormat; mapping?: Mapping; mappingFile?: string; source?: string } = {},
): IngestStream {
  const format = options.format ?? (typeof input === 'string' ? guessFormat(input) : 'csv');
  const source = options.source === undefined ? {} : { source: options.source };
  if (format === 'ndjson') return readNdjson(input, source);
  return readCsv(input, {
    ...source,
    ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
    ...(options.mappingFile === undefined ? {} : { mappingFile: options.mappingFile }),
  });
}
