import { decodeInput, type IngestInput } from './input.js';

/** One physical line of text input. */
export interface TextLine {
  /** The line without its terminator; empty when `tooLong`. */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
  /** The line exceeded the limit and was discarded without being held in memory. */
  readonly tooLong: boolean;
}

/**
 * Splits an input into lines, streaming. `\n`, `\r\n` and a lone `\r` end a line. A line longer than
 * `maxLineLength` characters is not accumulated: it is reported once as `tooLong` and skipped, so a file
 * without newlines cannot exhaust memory.
 *
 * @param input - a path, or a stream / async iterable of bytes or text
 * @param options - `maxLineLength` (default 1,048,576) and `encoding` (default utf-8)
 * @returns the lines in order
 * @example
 * for await (const l of readLines('tx.ndjson')) console.log(l.line, l.text)
 */
export async function* readLines(input: IngestInput, options: { maxLineLength?: number; encoding?: string } = {}): AsyncGenerator<TextLine> {
  const max = options.maxLineLength ?? 1_048_576;
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  let started = false;
  let line = 1;
  let pendingCR = false;
  const finish = (): TextLine => {
    const out: TextLine = { text: tooLong ? '' : parts.join(''), line, tooLong };
    parts = [];
    length = 0;
    tooLong = false;
    started = false;
    line++;
    return out;
  };
  const add = (s: string) => {
    if (s.length === 0) return;
    started = true;
    if (tooLong) return;
    length += s.length;
    if (length > max) {
      tooLong = true;
      parts = [];
    } else parts.push(s);
  };
  for await (const text of decodeInput(input, options.encoding)) {
    let i = 0;
    if (pendingCR) {
      pendingCR = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    while (i < text.length) {
      let j = i;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 10 || c === 13) break;
        j++;
      }
      add(text.slice(i, j));
      if (j === text.length) break;
      const c = text.charCodeAt(j);
      yield finish();
      if (c === 13) {
        if (j + 1 === text.length) pendingCR = true;
        else if (text.charCodeAt(j + 1) === 10) j++;
      }
      i = j + 1;
    }
  }
  if (started) yield finish();
}
