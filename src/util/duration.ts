const DURATION_RE = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * Converts an ISO-8601 duration of weeks, days, hours and minutes to milliseconds.
 * A day is 24 hours of event time (UTC), whatever the local clock does at a DST change.
 *
 * @param iso - e.g. `"P30D"`, `"PT48H"`, `"P1DT12H"`
 * @returns milliseconds, or `undefined` when the text is not such a duration
 * @example
 * parseDuration('P1DT12H') //=> 129600000
 */
export function parseDuration(iso: string): number | undefined {
  const m = DURATION_RE.exec(iso);
  if (m === null || iso === 'P' || iso.endsWith('T')) return undefined;
  const [, w, d, h, min] = m;
  const ms = ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 * 60 + Number(h ?? 0) * 60 + Number(min ?? 0)) * 60_000;
  return ms > 0 ? ms : undefined;
}

/**
 * Renders milliseconds as words for explanations: `30 days`, `48 hours`, `1 day 12 hours`.
 *
 * @param ms - a positive duration
 * @returns plain-English text
 * @example
 * describeDuration(172800000) //=> '48 hours'
 */
export function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0 && hours === 0 && mins === 0) return plural(days, 'day');
  if (days <= 3 && mins === 0 && days * 24 + hours <= 72) return plural(days * 24 + hours, 'hour');
  const parts = [days > 0 ? plural(days, 'day') : '', hours > 0 ? plural(hours, 'hour') : '', mins > 0 ? plural(mins, 'minute') : ''];
  return parts.filter((p) => p !== '').join(' ');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
