import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createAtomicWriteStream } from '../report/atomic-write.js';

/** A text sink: stdout, or a file that appears atomically when the run succeeds. */
export interface Sink {
  write(text: string): Promise<void>;
  /** Commit (file: rename into place). */
  close(): Promise<void>;
  /** Abandon (file: remove the temporary file; the target is untouched). */
  abort(err: Error): void;
}

/**
 * Opens a sink for a path, or stdout for undefined / "-".
 */
export function openSink(path: string | undefined, stdout: Writable): Sink {
  if (path === undefined || path === '-') {
    return {
      write: (text) => write(stdout, text),
      close: async () => undefined,
      abort: () => undefined,
    };
  }
  const stream = createAtomicWriteStream(path);
  // A failure is reported by close()/write(); this keeps an early error from crashing the process.
  stream.on('error', () => undefined);
  return {
    write: (text) => write(stream, text),
    close: async () => {
      stream.end();
      await finished(stream);
    },
    abort: (err) => {
      stream.destroy(err);
    },
  };
}

function write(stream: Writable, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      if (e === undefined) resolve();
      else reject(e);
    };
    const onDrain = () => done();
    const onError = (e: Error) => done(e);
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}
