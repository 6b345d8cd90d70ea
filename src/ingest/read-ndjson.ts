import type { Rejection } from '../schema/alert.js';
import { validateOwnTransaction, validateTransaction } from '../schema/validate-transaction.js';
import { describeInput, type IngestInput } from './input.js';
import { parseJsonLine } from './parse-json-line.js';
import { readLines } from './read-lines.js';
import { toIngestStream, type IngestStream } from './stats.js';
import type { IngestRecord } from './types.js';

/** Options of {@link readNdjson}. */
export interface ReadNdjsonOptions {
  /** Name of the input in rejections (default: the path, when the input is one). */
  readonly source?: string;
  /** A line longer than this many characters is rejected without being held in memory (default 1 MiB). */
  readonly maxLineLength?: number;
}

/**
 * Reads NDJSON (one canonical transaction per line, camelCase as in `Transaction`), streaming. Blank lines are
 * skipped and counted; a line that is not JSON is a `parse_error`; one that fails the schema is `invalid` with
 * the field and value; `__proto__`/`constructor`/`prototype` keys are refused; a line over 1 MiB is a `parse_error`.
 *
 * @param input - a path, or a stream / async iterable of bytes or text
 * @param options - source name, line limit
 * @returns an async iterable of {@link IngestRecord}s with live `stats`
 * @example
 * for await (const rec of readNdjson('tx.ndjson')) if (rec.kind === 'rejected') console.error(rec.rejection.line, rec.rejection.message)
 */
export function readNdjson(input: IngestInput, options: ReadNdjsonOptions = {}): IngestStream {
  const source = describeInput(input, options.source);
  const max = options.maxLineLength ?? 1_048_576;
  const where = (line: number) => (source === undefined ? { line } : { line, source });
  return toIngestStream(async function* () {
    for await (const l of readLines(input, { maxLineLength: max })) {
      if (l.tooLong) {
        yield [[rejected({ code: 'parse_error', message: `line is longer than ${max} characters; skipped`, ...where(l.line) })]];
        continue;
      }
      if (l.text.trim() === '') {
        yield ['blank'];
        continue;
      }
      const parsed = parseJsonLine(l.text);
      if (!parsed.ok) {
        yield [[rejected({ code: parsed.code, message: parsed.reason, ...(parsed.field === undefined ? {} : { field: parsed.field }), value: truncate(l.text), ...where(l.line) })]];
        continue;
      }
      yield [[toRecord(validateOwnTransaction(parsed.value, where(l.line)), l.line, source)]];
    }
  });
}

/**
 * Validates in-memory objects as transactions through the same path as files. Each object counts as one row,
 * numbered from 1 in `line`.
 *
 * @param objects - anything iterable, sync or async
 * @param options - source name
 * @returns an async iterable of {@link IngestRecord}s with live `stats`
 * @example
 * for await (const rec of readObjects([{ id: 't1', … }])) …
 */
export function readObjects(objects: Iterable<unknown> | AsyncIterable<unknown>, options: { source?: string } = {}): IngestStream {
  const source = options.source;
  return toIngestStream(async function* () {
    let line = 0;
    for await (const obj of objects as AsyncIterable<unknown>) {
      line++;
      // The caller's own objects: validated by the schema, which returns a copy.
      yield [[toRecord(validateTransaction(obj, source === undefined ? { line } : { line, source }), line, source)]];
    }
  });
}

function toRecord(v: ReturnType<typeof validateOwnTransaction>, line: number, source: string | undefined): IngestRecord {
  if (!v.ok) return { kind: 'rejected', rejection: v.rejection };
  return source === undefined ? { kind: 'transaction', transaction: v.transaction, line } : { kind: 'transaction', transaction: v.transaction, line, source };
}

function rejected(rejection: Rejection): IngestRecord {
  return { kind: 'rejected', rejection };
}

function truncate(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
