/** How a source writes numbers: `1.234,56` (Romania, most of continental Europe) or `1,234.56` (UK, US). */
export interface NumberStyle {
  /** The decimal separator. */
  readonly decimalSeparator: '.' | ',';
  /** The thousands separator, or `null` when the source never groups digits. */
  readonly thousandsSeparator: ',' | '.' | ' ' | "'" | '\u00a0' | '\u202f' | null;
}

/** Result of {@link parseAmount}: the canonical decimal string and its sign, or why it is not an amount. */
export type ParsedAmount = { ok: true; value: string; negative: boolean } | { ok: false; reason: string };

const MINUS = /^[-\u2212]/;

/**
 * Normalises an amount as a bank writes it into the canonical decimal string (`"1.234,56"` → `"1234.56"`),
 * without ever going through a JS float. The declared style decides: a value that does not fit it exactly
 * (`"1.5"` when the style is `1.234,56`, `"1,23"` when it is `1,234.56`, two decimal separators, letters,
 * an exponent) is rejected rather than guessed. Accepted signs: a leading `-`/`+`/`−`, a trailing `-`, and
 * accounting parentheses `(12.50)`.
 *
 * @param raw - the cell as read, already trimmed
 * @param style - the source's separators
 * @returns `{ ok, value, negative }`, or `{ ok: false, reason }`
 * @example
 * parseAmount('1.234,56', { decimalSeparator: ',', thousandsSeparator: '.' }) //=> { ok: true, value: '1234.56', negative: false }
 * parseAmount('-1,234.56', { decimalSeparator: '.', thousandsSeparator: ',' }) //=> { ok: true, value: '1234.56', negative: true }
 * parseAmount('1.5', { decimalSeparator: ',', thousandsSeparator: '.' }).ok //=> false
 */
export function parseAmount(raw: string, style: NumberStyle): ParsedAmount {
  let s = raw.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  } else if (MINUS.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  } else if (s.endsWith('-')) {
    negative = true;
    s = s.slice(0, -1).trim();
  }
  const d = style.decimalSeparator;
  const t = style.thousandsSeparator;
  const example = d === ',' ? (t === null ? '1234,56' : `1${t}234,56`) : t === null ? '1234.56' : `1${t}234.56`;
  let intPart: string;
  let fracPart = '';
  const dot = s.indexOf(d);
  if (dot === -1) intPart = s;
  else {
    intPart = s.slice(0, dot);
    fracPart = s.slice(dot + 1);
    if (!/^\d+$/.test(fracPart)) return { ok: false, reason: `not an amount in the "${example}" style` };
  }
  if (/^\d+$/.test(intPart)) {
    // ungrouped digits
  } else if (t !== null && intPart.length > 0 && isGrouped(intPart, t)) {
    intPart = intPart.split(t).join('');
  } else {
    return { ok: false, reason: `not an amount in the "${example}" style` };
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  if (intPart.length > 15) return { ok: false, reason: 'amount has more than 15 integer digits' };
  if (fracPart.length > 8) return { ok: false, reason: 'amount has more than 8 decimal places' };
  return { ok: true, value: fracPart === '' ? intPart : `${intPart}.${fracPart}`, negative };
}

function isGrouped(s: string, sep: string): boolean {
  const groups = s.split(sep);
  if (groups.length < 2) return false;
  const [head, ...rest] = groups;
  return head !== undefined && /^\d{1,3}$/.test(head) && rest.every((g) => /^\d{3}$/.test(g));
}
