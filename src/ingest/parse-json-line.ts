/** Result of {@link parseJsonLine}. */
export type ParsedJsonLine = { ok: true; value: unknown } | { ok: false; code: 'parse_error' | 'invalid'; reason: string; field?: string };

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Deepest nesting of arrays and objects accepted in one line. Canonical transactions and profiles nest two
 * levels; the limit exists because later steps (validation messages quote the offending value through
 * `JSON.stringify`) recurse, and a 10 kB line of `[[[[…` would otherwise overflow the stack and end the run.
 */
export const MAX_JSON_LINE_DEPTH = 64;

/**
 * Parses one line of JSON, refusing prototype-pollution keys (`__proto__`, `constructor`, `prototype`) at any depth.
 * `JSON.parse` itself keeps `"__proto__"` as an ordinary own key, but any later `Object.assign` or naive merge
 * would turn it into a prototype, so such input is rejected rather than passed on. The slower reviver pass runs
 * only for lines that mention one of the keys.
 *
 * @param text - one JSON document
 * @returns the value, or why it was refused
 * @example
 * parseJsonLine('{"a":1}') //=> { ok: true, value: { a: 1 } }
 * parseJsonLine('{"__proto__":{"x":1}}') //=> { ok: false, code: 'invalid', reason: 'forbidden key "__proto__"', field: '__proto__' }
 */
export function parseJsonLine(text: string): ParsedJsonLine {
  // a line of at most 2 × limit characters cannot nest deeper than the limit: skip the scan for ordinary lines
  if (text.length > 2 * MAX_JSON_LINE_DEPTH && nestingExceeds(text, MAX_JSON_LINE_DEPTH)) {
    return { ok: false, code: 'parse_error', reason: `JSON nested deeper than ${MAX_JSON_LINE_DEPTH} levels` };
  }
  const suspicious = text.includes('__proto__') || text.includes('constructor') || text.includes('prototype') || text.includes('\\u');
  try {
    if (!suspicious) return { ok: true, value: JSON.parse(text) };
    let bad: string | undefined;
    const value: unknown = JSON.parse(text, function reviver(key, v: unknown) {
      if (FORBIDDEN.has(key)) bad ??= key;
      return v;
    });
    if (bad !== undefined) return { ok: false, code: 'invalid', reason: `forbidden key "${bad}"`, field: bad };
    return { ok: true, value };
  } catch (e) {
    return { ok: false, code: 'parse_error', reason: `not valid JSON: ${(e as Error).message}` };
  }
}

/** Whether arrays/objects in `text` nest deeper than `max` (brackets inside strings do not count). */
function nestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}
