import { Transform, type TransformCallback } from 'node:stream';
import type { ScreenEvent } from '../schema/alert.js';
import type { Screener } from './screener.js';

/** Options of {@link createScreenStream}. */
export interface ScreenStreamOptions {
  /** Which events to pass on (default: all). */
  events?: readonly ScreenEvent['type'][];
  /** Transactions to buffer before the transform asks for more (default 1024). */
  highWaterMark?: number;
}

/**
 * Wraps a screener in an object-mode Node `Transform`: transactions in, events out. At the end of
 * the input it flushes the reorder buffer. Backpressure is Node's own.
 *
 * @param screener - a screener
 * @param options - event filter, buffer size
 * @returns a Transform stream
 * @example
 * import { pipeline } from 'node:stream/promises';
 * await pipeline(readTransactions('tx.csv'), createScreenStream(screener, { events: ['alert'] }), alertSink);
 */
export function createScreenStream(screener: Screener, options: ScreenStreamOptions = {}): Transform {
  const wanted = options.events === undefined ? undefined : new Set(options.events);
  const pass = (t: Transform, events: readonly ScreenEvent[]) => {
    for (const e of events) if (wanted === undefined || wanted.has(e.type)) t.push(e);
  };
  return new Transform({
    objectMode: true,
    highWaterMark: options.highWaterMark ?? 1024,
    transform(chunk: unknown, _enc: BufferEncoding, cb: TransformCallback) {
      try {
        pass(this, screener.push(chunk));
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        pass(this, screener.flush());
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}
