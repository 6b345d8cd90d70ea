import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** Where a reader takes its input from: a file path, or a Node stream of bytes or text. */
export type IngestInput = string | Readable | NodeJS.ReadableStream | AsyncIterable<string | Uint8Array>;

/**
 * Whether `label` names a text encoding this runtime can decode (WHATWG labels: `utf-8`, `utf-16le`,
 * `windows-1250`, `windows-1252`, `iso-8859-2`, `latin1`, …).
 *
 * @param label - an encoding label
 * @returns true when `new TextDecoder(label)` accepts it
 * @example
 * isSupportedEncoding('windows-1250') //=> true
 */
export function isSupportedEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens an input and yields its text in chunks, decoded incrementally (a character split across two chunks is
 * decoded once), with a leading byte-order mark removed. Nothing is read ahead: the source is paused while the
 * consumer is busy, so a file of any size streams in bounded memory.
 *
 * @param input - a file path, or a stream / async iterable of bytes or strings
 * @param encoding - WHATWG encoding label for byte input (default `utf-8`)
 * @returns an async iterable of text chunks
 * @throws {RangeError} when the encoding is unknown
 * @example
 * for await (const text of decodeInput('statement.csv')) process(text)
 */
export async function* decodeInput(input: IngestInput, encoding = 'utf-8'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const source: AsyncIterable<string | Uint8Array> =
    typeof input === 'string' ? createReadStream(input, { highWaterMark: 256 * 1024 }) : (input as AsyncIterable<string | Uint8Array>);
  let first = true;
  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length === 0) continue;
    if (first) {
      first = false;
      // TextDecoder drops the BOM of byte input; string input may still carry one
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) continue;
    }
    yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest;
}

/**
 * A name for an input in rejections and messages: the path, or `stdin`/`stream`.
 *
 * @param input - the input
 * @param source - an explicit name, which wins
 * @returns the name, or undefined for an anonymous stream
 * @example
 * describeInput('a.csv') //=> 'a.csv'
 */
export function describeInput(input: IngestInput, source?: string): string | undefined {
  if (source !== undefined) return source;
  return typeof input === 'string' ? input : undefined;
}
