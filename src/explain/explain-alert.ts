import type { Alert, ComparisonOutcome, Hit } from '../schema/alert.js';
import type { Source } from '../schema/rule.js';

const OPS: Record<string, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=', ne: '≠', between: 'between' };

/** Options of {@link explainAlert}. */
export interface ExplainOptions {
  /** Most transaction ids listed per reason (default 12; the count is always given). */
  maxTransactionIds?: number;
  /** Include the source citations (default true). */
  sources?: boolean;
}

/**
 * Renders an alert as plain English for an analyst: what, about whom, how strong, and each indicator
 * that contributed with its measures, the comparisons that decided it, its transactions and sources.
 * Every number in the text comes from the alert's structure, so the text can be checked against it.
 *
 * @param alert - an alert from a screener
 * @param options - how much detail
 * @returns multi-line text
 * @example
 * console.log(explainAlert(alert));
 * //=> HIGH  Mobile / pop-up sexual-exploitation operation — account ACC-1042
 * //   Score 1.10 (review ≥ 0.60, high ≥ 1.00) · raised 2026-03-04T21:15:00.000Z · revision 2
 * //   …
 */
export function explainAlert(alert: Alert, options: ExplainOptions = {}): string {
  const maxIds = options.maxTransactionIds ?? 12;
  const lines: string[] = [];
  const who = alert.entity.field === 'accountId' ? 'account' : 'customer';
  lines.push(`${alert.level.toUpperCase()}  ${alert.typology.title} — ${who} ${alert.entity.key}`);
  lines.push(
    `Score ${fmtScore(alert.score)} (review ≥ ${fmtScore(alert.thresholds.review)}, high ≥ ${fmtScore(alert.thresholds.high)}) · raised ${alert.raisedAt}` +
      (alert.revision > 1 ? ` · revision ${alert.revision}, updated ${alert.updatedAt}` : '') +
      ` · alert ${alert.alertId}`,
  );
  lines.push(`${alert.reasons.length} indicator${alert.reasons.length === 1 ? '' : 's'} contributed:`);
  alert.reasons.forEach((r, i) => {
    lines.push(...explainReason(r, `${i + 1}. `, maxIds, r.weight));
  });
  if (options.sources ?? true) {
    lines.push('Sources:');
    for (const s of alert.sources) lines.push(`  - ${formatSource(s)}`);
  }
  return lines.join('\n');
}

/**
 * Renders one hit (a rule that fired) as plain English.
 *
 * @param hit - a hit event's payload
 * @returns multi-line text
 * @example
 * explainHit(hit).split('\n')[0] //=> 'Repeated short-stay accommodation payments (lodging_velocity@1.0.0) — accountId ACC-1042'
 */
export function explainHit(hit: Hit, maxIds = 12): string {
  return explainReason(hit, '', maxIds, undefined).join('\n');
}

function explainReason(r: Hit, prefix: string, maxIds: number, weight: number | undefined): string[] {
  const pad = ' '.repeat(prefix.length + 2);
  const out: string[] = [];
  out.push(`  ${prefix}${r.title} (${r.ruleId}@${r.ruleVersion})${weight === undefined ? ` — ${r.scope.field} ${r.scope.key}` : `, weight ${fmtScore(weight)}`}`);
  out.push(`${pad}${r.text}`);
  const cmp = r.trigger.map(describeComparison).join('; ');
  if (cmp !== '') out.push(`${pad}Trigger: ${cmp}`);
  if (r.scope.field !== 'accountId' && weight !== undefined) out.push(`${pad}Scope: ${r.scope.field} ${r.scope.key} (accounts ${r.accounts.join(', ')})`);
  const shown = r.transactionIds.slice(0, maxIds);
  const more = r.transactionIds.length - shown.length;
  out.push(
    `${pad}Transactions (${r.transactionIds.length}${r.transactionIdsTruncated ? '+' : ''}): ${shown.join(', ')}${more > 0 ? `, … ${more} more` : ''}`,
  );
  out.push(`${pad}Window: ${r.window.from} → ${r.window.to} · fired at ${r.at} on ${r.triggeringTransactionId}`);
  return out;
}

/**
 * Describes one trigger comparison: `stays 9 ≥ 8 ✓`.
 *
 * @param c - a comparison outcome
 * @returns short text
 * @example
 * describeComparison({ measure: 'stays', op: 'gte', observed: 9, threshold: 8, passed: true }) //=> 'stays 9 ≥ 8 ✓'
 */
export function describeComparison(c: ComparisonOutcome): string {
  const observed = c.observed === null ? 'n/a' : String(c.observed);
  let threshold: string;
  if (Array.isArray(c.threshold)) threshold = `${c.threshold[0]} and ${c.threshold[1]}`;
  else threshold = c.threshold === null ? 'n/a' : String(c.threshold);
  const ref = c.ref === undefined ? '' : ` (${c.factor === 1 ? '' : `${c.factor} × `}${c.ref})`;
  return `${c.measure} ${observed} ${OPS[c.op] ?? c.op} ${threshold}${ref} ${c.passed ? '✓' : '✗'}`;
}

/**
 * Formats a source citation on one line.
 *
 * @param s - a source
 * @returns e.g. `FinCEN FIN-2020-A008 (2020) — https://…`
 * @example
 * formatSource({ issuer: 'FinCEN', ref: 'FIN-2020-A008', year: 2020 }) //=> 'FinCEN FIN-2020-A008 (2020)'
 */
export function formatSource(s: Source): string {
  return `${s.issuer} ${s.ref}${s.title === undefined ? '' : `, ${s.title}`} (${s.year})${s.url === undefined ? '' : ` — ${s.url}`}`;
}

function fmtScore(n: number): string {
  return n.toFixed(2);
}
