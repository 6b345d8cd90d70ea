import { Readable } from 'node:stream';
import type { IngestRecord } from '../../src/ingest/types.js';
import type { IngestStream } from '../../src/ingest/stats.js';

/** Collects a stream's records. */
export async function collect(stream: IngestStream): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  for await (const r of stream) out.push(r);
  return out;
}

/** A byte stream of `text` cut at the given sizes (cycled). */
export function chunked(text: string | Buffer, sizes: readonly number[] = [65536]): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const parts: Buffer[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    parts.push(bytes.subarray(i, i + n));
    i += n;
  }
  return Readable.from(parts, { objectMode: false });
}

/** Rejections only, as `line: field: message`. */
export function rejections(records: readonly IngestRecord[]) {
  return records.flatMap((r) => (r.kind === 'rejected' ? [r.rejection] : []));
}

/** Transactions only. */
export function transactions(records: readonly IngestRecord[]) {
  return records.flatMap((r) => (r.kind === 'transaction' ? [r.transaction] : []));
}
