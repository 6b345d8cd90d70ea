import type { EvaluationResult } from './evaluate-alerts.js';
import type { SweepRow, SweepSpec } from './sweep.js';
import type { Proportion } from './wilson.js';

/**
 * Lays out rows as an aligned text table: the first row is the header, a rule line follows it.
 * Columns whose cells all look numeric are right-aligned.
 *
 * @param rows - header row, then data rows (all the same length)
 * @returns the table, lines joined with `\n` (no trailing newline)
 * @example
 * textTable([['a', 'n'], ['x', '1'], ['yy', '22']])
 * //=> 'a    n\n---  --\nx    1\nyy  22'
 */
export function textTable(rows: readonly (readonly string[])[]): string {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: width }, (_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const numeric = Array.from(
    { length: width },
    (_, c) => rows.slice(1).every((r) => /^[-+]?[\d.,]+%?$|^—$|^$/.test(r[c] ?? '')) && rows.slice(1).some((r) => /\d/.test(r[c] ?? '')),
  );
  const pad = (s: string, c: number) => {
    const gap = ' '.repeat(Math.max(0, widths[c]! - [...s].length));
    return numeric[c] === true ? gap + s : s + gap;
  };
  const line = (r: readonly string[]) => r.map((s, c) => pad(s, c)).join('  ').trimEnd();
  const out = [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n');
}

/**
 * Formats a proportion as `0.923 [0.85–0.96]`, or `—` when undefined.
 *
 * @param p - a proportion with its interval
 * @param digits - decimals of the value (default 3)
 * @returns the text
 * @example
 * formatProportion(wilsonInterval(8, 10)) //=> '0.800 [0.49–0.94]'
 */
export function formatProportion(p: Proportion, digits = 3): string {
  if (p.value === null || p.lower === null || p.upper === null) return '—';
  return `${p.value.toFixed(digits)} [${p.lower.toFixed(2)}–${p.upper.toFixed(2)}]`;
}

/**
 * Formats a rate as a percentage with its interval: `0.42% [0.20–0.88%]`.
 *
 * @param p - a proportion
 * @returns the text, or `—` when undefined
 * @example
 * formatPercent(wilsonInterval(1, 200)) //=> '0.50% [0.09–2.77%]'
 */
export function formatPercent(p: Proportion): string {
  if (p.value === null || p.lower === null || p.upper === null) return '—';
  return `${(p.value * 100).toFixed(2)}% [${(p.lower * 100).toFixed(2)}–${(p.upper * 100).toFixed(2)}%]`;
}

const n = (x: number) => x.toLocaleString('en-GB');
const days = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const list = (r: Readonly<Record<string, number>>) => {
  const parts = Object.entries(r).map(([k, v]) => `${k} ${v}`);
  return parts.length === 0 ? '—' : parts.join(', ');
};

/**
 * Renders an evaluation as readable tables: detection per typology, overall figures, false
 * positives by background archetype (look-alikes marked against their target) and hits per indicator.
 *
 * @param r - an evaluation result
 * @returns multi-line text ending with a newline
 * @example
 * process.stdout.write(formatEvaluation(evaluateAlerts({ alerts, hits, labels, days: 180 })));
 */
export function formatEvaluation(r: EvaluationResult): string {
  const out: string[] = [];
  out.push(
    `${n(r.accounts)} accounts over ${r.days} days · ${n(r.alerts)} alerts · ${r.alertsPerThousandAccountMonths.toFixed(2)} alerts per 1,000 accounts per month`,
    '',
    'Detection by typology (account level; an alert at review or high counts; 95% Wilson intervals)',
  );
  const rows: string[][] = [['typology', 'planted', 'alerted', 'TP', 'FN', 'FP', 'FP bg/other', 'precision', 'recall', 'recall@high', 'F1', 'median days']];
  for (const t of r.typologies) {
    rows.push([
      t.id, n(t.planted), n(t.alertedAccounts), n(t.truePositives), n(t.falseNegatives), n(t.falsePositives),
      `${t.falsePositivesBackground}/${t.falsePositivesOtherPlanted}${t.falsePositivesUnlabelled > 0 ? `/${t.falsePositivesUnlabelled}?` : ''}`,
      formatProportion(t.precision), formatProportion(t.recall), formatProportion(t.recallHigh), t.f1 === null ? '—' : t.f1.toFixed(3), days(t.medianDaysToAlert),
    ]);
  }
  out.push(textTable(rows), '');
  out.push(
    `Overall: ${n(r.overall.alertedAccounts)} accounts alerted · precision ${formatProportion(r.overall.precision)} (alerted accounts planted with anything)` +
      ` · recall ${formatProportion(r.overall.recall)} (planted accounts with any alert), ${formatProportion(r.overall.recallOwnTypology)} with their own typology` +
      ` · median ${days(r.overall.medianDaysToAlert)} days from first planted activity to alert`,
    '',
    `False positives by background archetype (look-alike target: < ${(r.lookalikeTarget * 100).toFixed(0)}% of accounts)`,
  );
  const arows: string[][] = [['archetype', 'accounts', 'alerted', 'rate [95% CI]', 'look-alike', 'by typology']];
  for (const a of r.archetypes) {
    arows.push([a.archetype, n(a.accounts), n(a.alerted.successes), formatPercent(a.alerted), a.lookalike ? (a.meetsTarget === true ? 'yes, meets target' : 'yes, ABOVE TARGET') : '', list(a.byTypology)]);
  }
  out.push(textTable(arows), '', 'Hits by indicator (distinct accounts)');
  const irows: string[][] = [['indicator', 'hits', 'planted accounts (by scenario)', 'background accounts (by archetype)']];
  for (const i of r.indicators) irows.push([i.ruleId, n(i.hits), list(i.plantedAccounts), list(i.backgroundAccounts) + (i.unlabelledAccounts > 0 ? ` (+${i.unlabelledAccounts} unlabelled)` : '')]);
  out.push(textTable(irows), '');
  return `${out.join('\n')}`;
}

/**
 * Renders a parameter sweep as one table: per value, alerts, overall precision and recall, the
 * precision and recall of each typology that includes the rule, and the look-alike false-positive rates.
 *
 * @param spec - what was swept
 * @param rows - the rows of {@link sweepParameter}
 * @returns multi-line text ending with a newline
 * @example
 * process.stdout.write(formatSweep(spec, await sweepParameter({ documents, spec, transactions, labels })));
 */
export function formatSweep(spec: SweepSpec, rows: readonly SweepRow[]): string {
  const typologies = rows[0]?.typologies.map((t) => t.id) ?? [];
  const lookalikes = rows[0]?.lookalikes.map((l) => l.archetype) ?? [];
  const header = [
    `${spec.ruleId}.${spec.param}`, 'rule hits', 'accounts hit planted/bg', 'alerts', 'precision', 'recall',
    ...typologies.flatMap((t) => [`${t} P`, `${t} R`]),
    ...lookalikes.map((a) => `${a} FP`),
  ];
  const table: string[][] = [header];
  const f = (p: { value: number | null }) => (p.value === null ? '—' : p.value.toFixed(3));
  const pct = (p: { value: number | null }) => (p.value === null ? '—' : `${(p.value * 100).toFixed(2)}%`);
  for (const r of rows) {
    table.push([
      String(r.value), n(r.ruleHits.hits), `${r.ruleHits.plantedAccounts}/${r.ruleHits.backgroundAccounts}`, n(r.alerts), f(r.precision), f(r.recall),
      ...typologies.flatMap((id) => {
        const t = r.typologies.find((x) => x.id === id);
        return t === undefined ? ['—', '—'] : [f(t.precision), f(t.recall)];
      }),
      ...lookalikes.map((a) => pct(r.lookalikes.find((x) => x.archetype === a)?.rate ?? { value: null })),
    ]);
  }
  return `Sweep of ${spec.ruleId}.${spec.param} (overall and per typology including the rule: P = precision, R = recall; FP = share of look-alike accounts alerted)\n${textTable(table)}\n`;
}
