/**
 * A streaming RFC 4180 record splitter that knows physical line numbers and never throws on bad input.
 *
 * Why not fast-csv's parser: fast-csv 5 throws (and destroys the stream) on a malformed quoted field such as
 * `"abc"x,1` or an unterminated quote, and because it parses a whole chunk before emitting any of its rows,
 * the good rows that shared the chunk are lost too: the result depends on chunk boundaries and one bad row
 * stops the run. It also reports row counts, not the physical line where a row starts, which differ as
 * soon as a quoted field contains a newline. This splitter turns each of those cases into a record with an
 * `error`, resynchronises at the next row delimiter, and keeps memory bounded by `maxRecordLength`.
 */

/** One CSV record (row) with the physical lines it spans. */
export interface CsvRecord {
  /** The cells, unquoted (`""` → `"`); empty when the record was dropped for an `error`. */
  readonly fields: string[];
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** 1-based physical line where the record ends (greater than `line` when a quoted cell holds newlines). */
  readonly endLine: number;
  /** Set when the record is malformed; the cells are then not reliable. */
  readonly error?: string;
}

/** How records and cells are delimited. */
export interface CsvDialect {
  /** Cell delimiter, one character (default `,`). */
  readonly delimiter?: string;
  /** Quote character, one character, or `null` for none (default `"`). A quote inside a quoted cell is doubled. */
  readonly quote?: string | null;
  /** A record longer than this many characters is dropped with an error (default 1,048,576). Bounds memory. */
  readonly maxRecordLength?: number;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Creates an incremental CSV record splitter: feed it text in chunks of any size, get complete records back.
 * Row delimiters are `\n`, `\r\n` and a lone `\r`, each counted as one physical line; inside a quoted cell
 * they are kept as data. Results do not depend on how the text is chunked.
 *
 * @param dialect - delimiter, quote and size limit
 * @returns `push(text)` returning the records completed so far, and `end()` returning the last one
 * @example
 * const p = createCsvRecordSplitter();
 * p.push('a,b\n"x\ny",2\n') //=> [{ fields: ['a','b'], line: 1, endLine: 1 }, { fields: ['x\ny','2'], line: 2, endLine: 3 }]
 */
export function createCsvRecordSplitter(dialect: CsvDialect = {}): { push(text: string): CsvRecord[]; end(): CsvRecord[] } {
  const delim = (dialect.delimiter ?? ',').charCodeAt(0);
  const quoteChar = dialect.quote === undefined ? '"' : dialect.quote;
  const quote = quoteChar === null ? -1 : quoteChar.charCodeAt(0);
  const maxLength = dialect.maxRecordLength ?? 1_048_576;

  let state: State = State.FieldStart;
  let fields: string[] = [];
  let field = '';
  let fieldBlank = true; // only spaces/tabs so far in an unquoted cell: a quote may still open it
  let line = 1;
  let recordLine = 1;
  let recordLength = 0;
  let started = false;
  let overflow = false;
  let error: string | undefined;
  let pendingCR = false; // the previous chunk ended in \r: a leading \n of the next chunk belongs to it

  function endField(): void {
    if (!overflow) fields.push(field);
    field = '';
    fieldBlank = true;
  }

  function endRecord(out: CsvRecord[]): void {
    endField();
    if (overflow) {
      out.push({ fields: [], line: recordLine, endLine: line, error: `row is longer than ${maxLength} characters (lines ${recordLine}–${line}); skipped` });
    } else if (error !== undefined) {
      out.push({ fields, line: recordLine, endLine: line, error });
    } else {
      out.push({ fields, line: recordLine, endLine: line });
    }
    fields = [];
    state = State.FieldStart;
    started = false;
    overflow = false;
    error = undefined;
    recordLength = 0;
  }

  function push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    const n = text.length;
    if (pendingCR) {
      pendingCR = false;
      if (n > 0 && text.charCodeAt(0) === LF) {
        // second half of a \r\n split across chunks
        if (state === State.Quoted && !overflow) field += '\n';
        i = 1;
      }
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) {
        const crlf = c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF;
        const crAtEnd = c === CR && i + 1 === n;
        if (state === State.Quoted) {
          // a line break inside a quoted cell: data, and one more physical line
          if (!overflow) field += crlf ? '\r\n' : c === CR ? '\r' : '\n';
          recordLength += crlf ? 2 : 1;
        } else {
          endRecord(out);
        }
        if (crlf) i++;
        else if (crAtEnd) pendingCR = true;
        line++;
        if (state === State.FieldStart && !started) recordLine = line;
        continue;
      }
      started = true;
      if (state === State.Unquoted || state === State.Quoted) {
        // fast path: take a run of ordinary characters as one slice instead of one string append per character
        let j = i;
        if (state === State.Unquoted) {
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === delim || d === quote || d === CR || d === LF) break;
            j++;
          }
        } else {
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === quote || d === CR || d === LF) break;
            j++;
          }
        }
        if (j > i) {
          const run = text.slice(i, j);
          recordLength += j - i;
          if (recordLength > maxLength && !overflow) {
            overflow = true;
            fields = [];
            field = '';
          }
          if (!overflow) field += run;
          if (state === State.Unquoted && fieldBlank && !/^[ \t]*$/.test(run)) fieldBlank = false;
          i = j - 1;
          continue;
        }
      }
      if (++recordLength > maxLength && !overflow) {
        overflow = true;
        fields = [];
        field = '';
      }
      switch (state) {
        case State.FieldStart:
          if (c === quote) {
            state = State.Quoted;
          } else if (c === delim) {
            endField();
          } else {
            if (!overflow) field += text[i];
            fieldBlank = c === SPACE || c === TAB;
            state = State.Unquoted;
          }
          break;
        case State.Unquoted:
          if (c === delim) {
            endField();
            state = State.FieldStart;
          } else if (c === quote && fieldBlank) {
            // `a,  "b"`: whitespace before an opening quote is not data
            field = '';
            state = State.Quoted;
          } else {
            // a quote inside an unquoted cell (`5" screen`) is kept as a literal, as most exporters mean it
            if (!overflow) field += text[i];
            if (c !== SPACE && c !== TAB) fieldBlank = false;
          }
          break;
        case State.Quoted:
          if (c === quote) state = State.QuoteInQuoted;
          else if (!overflow) field += text[i];
          break;
        case State.QuoteInQuoted:
          if (c === quote) {
            if (!overflow) field += text[i];
            state = State.Quoted;
          } else if (c === delim) {
            endField();
            state = State.FieldStart;
          } else if (c === SPACE || c === TAB) {
            // trailing whitespace after a closing quote is tolerated
          } else {
            error ??= `unexpected character ${JSON.stringify(text[i])} after a closing quote on line ${line}`;
            if (!overflow) field += text[i];
            fieldBlank = false;
            state = State.Unquoted;
          }
          break;
      }
    }
    return out;
  }

  function end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (started || fields.length > 0) {
      if (state === State.Quoted && !overflow) {
        error ??= `quoted cell opened on line ${recordLine} is not closed before the end of the input (lines ${recordLine}–${line} read as one row)`;
      }
      // the record has no terminating newline: its last line is the current one
      endRecord(out);
      const last = out[out.length - 1];
      if (last !== undefined && last.endLine !== line) out[out.length - 1] = { ...last, endLine: line };
    }
    return out;
  }

  return { push, end };
}
