import type { Alert } from '../schema/alert.js';
import { explainAlert } from '../explain/explain-alert.js';
import { toCsvRow } from '../report/csv-output.js';

/**
 * The latest revision of each alert, in order of first raising (event time, then id).
 */
export function latestRevisions(alerts: Iterable<Alert>): Alert[] {
  const byId = new Map<string, Alert>();
  for (const a of alerts) {
    const prev = byId.get(a.alertId);
    if (prev === undefined || a.revision > prev.revision) byId.set(a.alertId, a);
  }
  return [...byId.values()].sort((x, y) => (x.raisedAt < y.raisedAt ? -1 : x.raisedAt > y.raisedAt ? 1 : x.alertId < y.alertId ? -1 : 1));
}

/** Header of the alerts CSV. */
export const ALERT_CSV_HEADER = ['alert_id', 'revision', 'level', 'score', 'review_threshold', 'high_threshold', 'typology_id', 'typology', 'entity_field', 'entity', 'raised_at', 'updated_at', 'indicators', 'transaction_ids', 'explanation'];

/**
 * Renders alerts as CSV (formula-injection safe), one row per alert.
 */
export function alertsToCsv(alerts: readonly Alert[]): string {
  const rows = [toCsvRow(ALERT_CSV_HEADER)];
  for (const a of alerts) {
    rows.push(
      toCsvRow([
        a.alertId, a.revision, a.level, a.score.toFixed(2), a.thresholds.review, a.thresholds.high, a.typology.id, a.typology.title,
        a.entity.field, a.entity.key, a.raisedAt, a.updatedAt,
        a.reasons.map((r) => r.ruleId).join(' '),
        [...new Set(a.reasons.flatMap((r) => r.transactionIds))].join(' '),
        a.reasons.map((r) => r.text).join(' | '),
      ]),
    );
  }
  return rows.join('');
}

/**
 * Renders alerts as an aligned table, each followed by its explanation.
 */
export function alertsToTable(alerts: readonly Alert[]): string {
  if (alerts.length === 0) return 'No alerts.\n';
  const head = ['#', 'LEVEL', 'SCORE', 'TYPOLOGY', 'ENTITY', 'RAISED (UTC)', 'INDICATORS'];
  const rows = alerts.map((a, i) => [
    String(i + 1),
    a.level.toUpperCase(),
    a.score.toFixed(2),
    a.typology.title,
    a.entity.key,
    a.raisedAt.slice(0, 16).replace('T', ' '),
    String(a.reasons.length),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out: string[] = [line(head), widths.map((w) => '─'.repeat(w)).join('  ')];
  alerts.forEach((a, i) => {
    out.push(line(rows[i]!));
    out.push(
      explainAlert(a, { maxTransactionIds: 8 })
        .split('\n')
        .slice(1)
        .map((l) => `    ${l}`)
        .join('\n'),
    );
    out.push('');
  });
  return `${out.join('\n')}\n`;
}
