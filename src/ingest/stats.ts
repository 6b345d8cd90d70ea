import type { Rejection } from '../schema/alert.js';
import type { IngestRecord } from './types.js';

/**
 * Counts kept by a reader while it runs; final once iteration ends. They reconcile exactly:
 * `rowsRead === rowsAccepted + rowsRejected + rowsSkipped`.
 */
export interface IngestStats {
  /** Data rows (CSV records after the header, or non-blank NDJSON lines). Blank lines are not rows. */
  rowsRead: number;
  /** Rows that produced at least one transaction (a two-sided row may produce two). */
  rowsAccepted: number;
  /** Rows that produced a rejection (exactly one each). */
  rowsRejected: number;
  /** Two-sided rows in which neither party is a monitored account: read, nothing to screen. */
  rowsSkipped: number;
  /** Blank lines passed over (counted for line numbers, not as rows). */
  blankLines: number;
  /** Transactions yielded. */
  transactions: number;
  /** Rejections yielded, by code. */
  rejectedByCode: Partial<Record<Rejection['code'], number>>;
  /** Mapped columns of optional fields that the header lacks; those fields stay absent. */
  missingColumns: string[];
}

/**
 * Creates zeroed {@link IngestStats}.
 *
 * @returns fresh counters
 * @example
 * createIngestStats().rowsRead //=> 0
 */
export function createIngestStats(): IngestStats {
  return { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, rowsSkipped: 0, blankLines: 0, transactions: 0, rejectedByCode: {}, missingColumns: [] };
}

/**
 * Counts one row's outcome into `stats`: its records (none for a skipped row).
 *
 * @param stats - the counters to update
 * @param records - what the row produced
 * @returns nothing
 * @example
 * countRow(stats, [{ kind: 'rejected', rejection }])
 */
export function countRow(stats: IngestStats, records: readonly IngestRecord[]): void {
  stats.rowsRead++;
  if (records.length === 0) {
    stats.rowsSkipped++;
    return;
  }
  let rejected = false;
  for (const r of records) {
    if (r.kind === 'transaction') stats.transactions++;
    else {
      rejected = true;
      stats.rejectedByCode[r.rejection.code] = (stats.rejectedByCode[r.rejection.code] ?? 0) + 1;
    }
  }
  if (rejected) stats.rowsRejected++;
  else stats.rowsAccepted++;
}

/** An async iterable of ingest records whose `stats` fill in as it is consumed. */
export interface IngestStream extends AsyncIterable<IngestRecord> {
  /** Live counters; final after iteration completes. */
  readonly stats: IngestStats;
}

/** What a reader's row generator yields: one row's records, or a blank line. */
export type RowOutcome = readonly IngestRecord[] | 'blank';

/**
 * Wraps a generator of row outcomes (yielded in batches, to keep per-row async overhead low) as an
 * {@link IngestStream} that keeps `stats`. The stream is single-use.
 *
 * @param rows - yields batches of row outcomes, in input order
 * @param stats - the counters to keep (also handed to `rows` for extra fields like `missingColumns`)
 * @returns the stream
 * @example
 * const s = toIngestStream(async function* () { yield [[record], 'blank'] })
 */
export function toIngestStream(rows: (stats: IngestStats) => AsyncIterable<readonly RowOutcome[]>, stats: IngestStats = createIngestStats()): IngestStream {
  return {
    stats,
    async *[Symbol.asyncIterator]() {
      for await (const batch of rows(stats)) {
        for (const row of batch) {
          if (row === 'blank') {
            stats.blankLines++;
            continue;
          }
          countRow(stats, row);
          yield* row;
        }
      }
    },
  };
}
