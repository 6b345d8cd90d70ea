import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';

/** The data {@link writeFileAtomic} accepts: text, bytes, or chunks produced as they come. */
export type AtomicData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

async function fsyncDir(dir: string): Promise<void> {
  // makes the rename itself durable; not supported everywhere (e.g. Windows), hence best effort
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}

function writeChunk(fh: FileHandle, chunk: string | Uint8Array): Promise<unknown> {
  return typeof chunk === 'string' ? fh.write(chunk, null, 'utf8') : fh.write(chunk);
}

/**
 * Writes a file so that readers see either the old file or the complete new one, never half of it: the data
 * goes to a temporary file beside the target (same directory, so the rename stays on one file system), is
 * flushed to disk (fsync), and is renamed over the target. If anything fails — including the data iterable
 * throwing midway — the temporary file is removed and the target is left untouched.
 *
 * @param path - the target file
 * @param data - a string (UTF-8), bytes, or an (async) iterable of chunks
 * @param options - `mode`: permission bits of the new file (default 0o644)
 * @returns when the target holds the new content
 * @throws the underlying I/O error, or the error thrown by `data`
 * @example
 * await writeFileAtomic('alerts.json', JSON.stringify(alerts))
 */
export async function writeFileAtomic(path: string, data: AtomicData, options: { mode?: number } = {}): Promise<void> {
  const tmp = tempPathFor(path);
  const fh = await open(tmp, 'wx', options.mode ?? 0o644);
  let closed = false;
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await writeChunk(fh, data);
    else for await (const chunk of data as AsyncIterable<string | Uint8Array>) await writeChunk(fh, chunk);
    await fh.sync();
    await fh.close();
    closed = true;
    await rename(tmp, path);
  } catch (e) {
    if (!closed) await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dirname(path));
}

/** A writable stream to a file that appears only when the stream finishes (see {@link createAtomicWriteStream}). */
export interface AtomicWriteStream extends Writable {
  /** The target path. */
  readonly path: string;
  /** The temporary file being written. */
  readonly tempPath: string;
}

/**
 * Creates a writable stream whose content replaces `path` atomically when the stream finishes (`end()`): it
 * writes a temporary file beside the target, fsyncs it and renames it over the target in `final`. Destroying
 * the stream (`destroy(err)`), or any write error, removes the temporary file and leaves the target untouched.
 * Wait for `'finish'` (or `stream/promises` `finished`) before assuming the file is there.
 *
 * @param path - the target file
 * @returns the stream
 * @example
 * const out = createAtomicWriteStream('alerts.ndjson');
 * for (const a of alerts) out.write(JSON.stringify(a) + '\n');
 * out.end();
 * await finished(out);
 */
export function createAtomicWriteStream(path: string): AtomicWriteStream {
  const tempPath = tempPathFor(path);
  let fh: FileHandle | undefined;
  let committed = false;
  const stream = new Writable({
    construct(callback) {
      open(tempPath, 'wx', 0o644).then(
        (h) => {
          fh = h;
          callback();
        },
        (e: Error) => callback(e),
      );
    },
    write(chunk: Buffer, _encoding, callback) {
      fh!.write(chunk).then(
        () => callback(),
        (e: Error) => callback(e),
      );
    },
    writev(chunks, callback) {
      fh!.writev(chunks.map((c) => c.chunk as Buffer)).then(
        () => callback(),
        (e: Error) => callback(e),
      );
    },
    final(callback) {
      const h = fh!;
      (async () => {
        await h.sync();
        await h.close();
        fh = undefined;
        await rename(tempPath, path);
        committed = true;
        await fsyncDir(dirname(path));
      })().then(
        () => callback(),
        (e: Error) => callback(e),
      );
    },
    destroy(error, callback) {
      if (committed) return callback(error);
      const h = fh;
      fh = undefined;
      (async () => {
        if (h !== undefined) await h.close().catch(() => undefined);
        await unlink(tempPath).catch(() => undefined);
      })().then(() => callback(error));
    },
  });
  return Object.assign(stream, { path, tempPath }) as AtomicWriteStream;
}
