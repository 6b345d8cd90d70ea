const Z = 90; // 'Z'

/**
 * Parses an ISO-8601 date-time with an offset (`2026-03-01T21:15:00Z`, `…00.250+02:00`) to epoch
 * milliseconds with integer arithmetic only (no Date objects): the engine does this once per
 * transaction. Any other shape falls back to `Date.parse`.
 *
 * @param s - a timestamp already validated by the transaction schema
 * @returns epoch milliseconds, or NaN
 * @example
 * parseIsoInstant('2026-03-01T21:15:00+02:00') //=> 1772392500000
 */
export function parseIsoInstant(s: string): number {
  // Fixed positions: YYYY-MM-DDTHH:mm:ss
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (s.charCodeAt(10) !== 84 && s.charCodeAt(10) !== 116) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return Date.parse(s);
  }
  const y = num(s, 0, 4);
  const mo = num(s, 5, 2);
  const d = num(s, 8, 2);
  const h = num(s, 11, 2);
  const mi = num(s, 14, 2);
  const sec = num(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0) return Date.parse(s);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    // Fraction: keep milliseconds, truncate the rest (as Date.parse does).
    i++;
    let digits = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (digits < 3) ms = ms * 10 + c;
      digits++;
      i++;
    }
    if (digits === 0) return Date.parse(s);
    for (let k = digits; k < 3; k++) ms *= 10;
  }
  let offsetMin: number;
  if (s.charCodeAt(i) === Z && i === s.length - 1) offsetMin = 0;
  else if (i + 6 === s.length && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) && s.charCodeAt(i + 3) === 58) {
    const oh = num(s, i + 1, 2);
    const om = num(s, i + 4, 2);
    if (oh < 0 || om < 0) return Date.parse(s);
    offsetMin = (oh * 60 + om) * (s.charCodeAt(i) === 45 ? -1 : 1);
  } else return Date.parse(s);
  return (daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec) * 1000 + ms - offsetMin * 60_000;
}

function num(s: string, at: number, len: number): number {
  let n = 0;
  for (let k = at; k < at + len; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
