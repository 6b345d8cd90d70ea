/**
 * Escaping for the HTML report. Everything that reaches the page from data (transactions, alerts,
 * custom rule files) passes through one of these functions; nothing is ever inserted raw.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape a value for HTML text or a double-quoted attribute value.
 *
 * Escapes `& < > " '`, so the result is safe both between tags and inside `attr="…"`.
 * C0 control characters other than tab, line feed and carriage return are dropped: they have
 * no business in a report and some are not allowed in HTML at all.
 *
 * @param value - Any value; `undefined` and `null` become the empty string, others go through `String()`.
 * @returns The escaped text.
 *
 * @example
 * escapeHtml('<script>alert(1)</script>')
 * //=> '&lt;script&gt;alert(1)&lt;/script&gt;'
 */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Return a URL that may be used in `href`, or `undefined` when it may not.
 *
 * Only absolute `http:` and `https:` URLs pass; `javascript:`, `data:`, `vbscript:`, relative and
 * malformed URLs are refused, so the caller renders them as plain text instead of a link.
 * The result is the URL as parsed (normalised by WHATWG URL) and still needs {@link escapeHtml}
 * when written into an attribute.
 *
 * @param url - A URL from a rule file or alert.
 * @returns The normalised URL, or `undefined` when it is not a plain web link.
 *
 * @example
 * safeHttpUrl('https://www.fincen.gov/a b') //=> 'https://www.fincen.gov/a%20b'
 * safeHttpUrl('javascript:alert(1)')        //=> undefined
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // Credentials in a link are never legitimate in a citation and can disguise the real host.
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href;
}

/**
 * Serialise a value as JSON that is safe inside `<script type="application/json">`.
 *
 * `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so no `</script>` or `<!--` can close or
 * confuse the element; U+2028 and U+2029 are escaped too. `JSON.parse` of the element's text
 * returns the original value.
 *
 * @param value - A JSON-serialisable value.
 * @returns JSON text without any `<`, `>` or `&` character.
 *
 * @example
 * jsonForScriptElement({ name: '</script><script>alert(1)</script>' })
 * //=> '{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Turn any string into a safe fragment identifier: `[A-Za-z0-9_-]` only.
 *
 * @param prefix - A fixed, safe prefix such as `alert-`.
 * @param raw - The untrusted part (an alert id).
 * @returns `prefix` followed by the cleaned value, at most 80 characters of it.
 *
 * @example
 * toAnchorId('alert-', 'a1"><b>') //=> 'alert-a1-b'
 */
export function toAnchorId(prefix: string, raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return prefix + (cleaned === '' ? 'x' : cleaned);
}
