/** Result of {@link parseJsonLine}. */
export type ParsedJsonLine = { ok: true; value: unknown } | { ok: false; code: 'parse_error' | 'invalid'; reason: string; field?: string };

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

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
