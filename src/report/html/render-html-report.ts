import { createHash } from 'node:crypto';
import type { Alert, AlertReason, ComparisonOutcome, MeasureValue } from '../../schema/alert.js';
import type { IndicatorRule, Source, Typology } from '../../schema/rule.js';
import type { Transaction } from '../../schema/transaction.js';
import { escapeHtml, jsonForScriptElement, safeHttpUrl, toAnchorId } from './escape.js';
import { formatDecimal, formatMoney, formatScore, formatTimestamp, formatValue, operatorSymbol } from './format.js';
import { REASON_CSS, REPORT_CSS } from './report-styles.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REASON_COLOURS, reasonColour, renderTimelineSvg, type TimelineWindow } from './render-timeline-svg.js';

/** Counts of the screening run shown at the top of the report. */
export interface HtmlReportSummary {
  /** Input rows or records read. */
  rowsRead: number;
  /** Transactions screened. */
  screened: number;
  /** Rows or transactions not screened. */
  rejected: number;
  /** Rejections by code (`invalid`, `duplicate`, `late`, `fx_missing`, `parse_error`, …). */
  rejectedByCode?: Record<string, number>;
  /** Rule hits. */
  hits: number;
  /** Alerts raised (distinct alert ids). */
  alerts: number;
  /** Currency that thresholds and money measures are expressed in. */
  baseCurrency: string;
}

/** Everything {@link renderHtmlReport} needs. */
export interface HtmlReportInput {
  /** Heading of the report; default "Transaction screening report". */
  title?: string;
  /** Where the data came from, e.g. the input file name. */
  generatedFrom?: string;
  /** When the report was made, as the caller wants it shown. The renderer never reads the clock. */
  generatedAt?: string;
  summary: HtmlReportSummary;
  /** The latest revision of each alert. If several revisions of one alert are given, the highest is shown. */
  alerts: readonly Alert[];
  /** At least the alerted entities' transactions; contributing transactions are looked up here by id. */
  transactions: readonly Transaction[];
  /** The rule pack, for the appendix of rule cards. */
  rules?: { indicators: readonly IndicatorRule[]; typologies: readonly Typology[] };
  /** Identifiers are pseudonyms: shows a banner. Identifiers are printed as given either way. */
  pseudonymised?: boolean;
  /** Show the free-text payment `reference` in transaction tables. Default `false`: references often hold personal data. */
  includeReferences?: boolean;
}

const REJECTION_LABELS: Readonly<Record<string, string>> = {
  invalid: 'failed validation',
  duplicate: 'duplicate transaction id',
  late: 'older than the watermark allows',
  fx_missing: 'no exchange rate for the currency and date',
  parse_error: 'row could not be read',
};

const LEVEL_RANK: Readonly<Record<Alert['level'], number>> = { review: 1, high: 2 };

/** Compare strings by UTF-16 code units: stable on every machine, unlike `localeCompare`. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** Read a dotted path (`device.id`) from a transaction, for entities keyed on any field. */
function readPath(tx: Transaction, path: string): unknown {
  let value: unknown = tx;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Keep the highest revision of each alert id, then order: score high to low, level, raise time, id. */
function latestAlerts(alerts: readonly Alert[]): Alert[] {
  const byId = new Map<string, Alert>();
  for (const alert of alerts) {
    const seen = byId.get(alert.alertId);
    if (seen === undefined || alert.revision > seen.revision) byId.set(alert.alertId, alert);
  }
  return [...byId.values()].sort(
    (a, b) =>
      b.score - a.score ||
      LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
      timeOf(a.raisedAt) - timeOf(b.raisedAt) ||
      byText(a.alertId, b.alertId),
  );
}

function levelBadge(level: Alert['level']): string {
  return `<span class="level level-${level === 'high' ? 'high' : 'review'}">${escapeHtml(level)}</span>`;
}

/** A source citation: issuer, reference, year, title; a link only for http(s) URLs. */
function renderSource(source: Source): string {
  const href = safeHttpUrl(source.url);
  const label = `${source.issuer} ${source.ref} (${source.year})`;
  const head =
    href === undefined
      ? `<span class="source-ref">${escapeHtml(label)}</span>`
      : `<a class="source-link" href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${escapeHtml(label)}</a>`;
  const title = source.title === undefined ? '' : ` — <cite>${escapeHtml(source.title)}</cite>`;
  const rawUrl = href === undefined && source.url !== undefined ? ` <span class="muted">(${escapeHtml(source.url)})</span>` : '';
  const key = source.key === undefined ? '' : ` <span class="muted mono">[${escapeHtml(source.key)}]</span>`;
  const quote = source.quote === undefined ? '' : `<blockquote>${escapeHtml(source.quote)}</blockquote>`;
  return `<li>${head}${title}${key}${rawUrl}${quote}</li>`;
}

function renderSources(sources: readonly Source[]): string {
  if (sources.length === 0) return '<p class="note">No source cited.</p>';
  return `<ul class="sources">${sources.map(renderSource).join('')}</ul>`;
}

/** A horizontal bar: the score against the review and high thresholds. */
function renderScoreBar(score: number, thresholds: Alert['thresholds'], level: Alert['level']): string {
  const width = 250;
  const top = 16;
  const barHeight = 10;
  const max = Math.max(thresholds.high * 1.25, score * 1.08, thresholds.review * 1.5, 0.0001);
  const x = (v: number) => Math.round((Math.max(0, v) / max) * (width - 4) * 10) / 10 + 2;
  const fill = level === 'high' ? '#b91c1c' : '#d97706';
  const label = `Score ${formatScore(score)} against review threshold ${formatScore(thresholds.review)} and high threshold ${formatScore(thresholds.high)}`;
  const tick = (v: number, text: string, anchor: string) =>
    `<line x1="${x(v)}" x2="${x(v)}" y1="${top - 3}" y2="${top + barHeight + 3}" stroke="#111827" stroke-width="1.5"/>` +
    `<text x="${x(v)}" y="${top + barHeight + 15}" text-anchor="${anchor}" fill="#374151">${escapeHtml(text)}</text>`;
  const sameSpot = Math.abs(x(thresholds.high) - x(thresholds.review)) < 40;
  return (
    `<svg class="scorebar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 46" width="${width}" height="46" role="img" aria-label="${escapeHtml(label)}" font-family="system-ui, sans-serif" font-size="10.5">` +
    `<title>${escapeHtml(label)}</title>` +
    `<rect x="2" y="${top}" width="${width - 4}" height="${barHeight}" rx="3" fill="#e5e7eb"/>` +
    `<rect x="${x(thresholds.review)}" y="${top}" width="${Math.max(0, x(thresholds.high) - x(thresholds.review))}" height="${barHeight}" fill="#fde68a"/>` +
    `<rect x="${x(thresholds.high)}" y="${top}" width="${Math.max(0, width - 2 - x(thresholds.high))}" height="${barHeight}" rx="3" fill="#fecaca"/>` +
    `<rect x="2" y="${top + 2}" width="${Math.max(0, x(score) - 2)}" height="${barHeight - 4}" rx="2" fill="${fill}"/>` +
    tick(thresholds.review, `review ${formatScore(thresholds.review)}`, sameSpot ? 'end' : 'middle') +
    tick(thresholds.high, `high ${formatScore(thresholds.high)}`, sameSpot ? 'start' : 'middle') +
    `<text x="2" y="${top + barHeight + 15}" fill="#6b7280">0</text>` +
    `</svg>`
  );
}

function formatThreshold(c: ComparisonOutcome, measure: MeasureValue | undefined): string {
  const unit = measure?.unit;
  const currency = measure?.currency;
  const value = (v: number | string) => formatValue(v, unit, currency);
  if (Array.isArray(c.threshold)) {
    return `between ${value(c.threshold[0])} and ${value(c.threshold[1])}`;
  }
  if (c.ref !== undefined) {
    const factor = c.factor === undefined || c.factor === 1 ? '' : `${formatScore(c.factor)} × `;
    const resolved = c.threshold === null ? '' : ` (= ${value(c.threshold)})`;
    return `${operatorSymbol(c.op)} ${factor}${c.ref}${resolved}`;
  }
  return `${operatorSymbol(c.op)} ${c.threshold === null ? '—' : value(c.threshold)}`;
}

function renderOutcome(c: ComparisonOutcome, measure: MeasureValue | undefined): string {
  const result = c.passed ? '<span class="ok">✓ met</span>' : '<span class="fail">✗ not met</span>';
  return `<span class="mono">${escapeHtml(formatThreshold(c, measure))}</span> ${result}`;
}

function sameWindow(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from === b.from && a.to === b.to;
}

function renderWindowSpan(w: { from: string; to: string }): string {
  return `${escapeHtml(formatTimestamp(w.from))} → ${escapeHtml(formatTimestamp(w.to))}`;
}

/** Measures and the trigger comparisons made on them, one row per measure (plus any comparison on an unlisted name). */
function renderMeasures(reason: AlertReason): string {
  const rows: string[] = [];
  const names = Object.keys(reason.measures);
  for (const name of names) {
    const m = reason.measures[name];
    if (m === undefined) continue;
    const tests = reason.trigger.filter((c) => c.measure === name);
    const windowText = sameWindow(m.window, reason.window) ? '<span class="muted">rule window</span>' : renderWindowSpan(m.window);
    const truncated = m.transactionIdsTruncated ? ' <span class="note">(transaction list capped)</span>' : '';
    rows.push(
      `<tr><td class="mono">${escapeHtml(name)}</td><td>${escapeHtml(m.fn)}</td>` +
        `<td class="num"><strong>${escapeHtml(formatValue(m.value, m.unit, m.currency))}</strong></td>` +
        `<td>${tests.length === 0 ? '<span class="muted">not tested</span>' : tests.map((c) => renderOutcome(c, m)).join('<br>')}</td>` +
        `<td>${windowText}${truncated}</td></tr>`,
    );
  }
  for (const c of reason.trigger) {
    if (names.includes(c.measure)) continue;
    rows.push(
      `<tr><td class="mono">${escapeHtml(c.measure)}</td><td class="muted">—</td>` +
        `<td class="num"><strong>${escapeHtml(formatValue(c.observed))}</strong></td><td>${renderOutcome(c, undefined)}</td><td></td></tr>`,
    );
  }
  if (rows.length === 0) return '<p class="note">No measures recorded.</p>';
  return (
    `<div class="table-wrap"><table class="measures"><thead><tr><th scope="col">Measure</th><th scope="col">Function</th>` +
    `<th scope="col" class="num">Observed</th><th scope="col">Trigger test</th><th scope="col">Window</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

function renderReason(reason: AlertReason, index: number, alert: Alert): string {
  const label = `R${index + 1}`;
  const scopeNote =
    reason.scope.field === alert.entity.field && reason.scope.key === alert.entity.key
      ? ''
      : `<li>Scope: <span class="mono">${escapeHtml(reason.scope.field)}</span> = <span class="mono">${escapeHtml(reason.scope.key)}</span></li>`;
  const truncated = reason.transactionIdsTruncated ? ' (list capped; more transactions counted than listed)' : '';
  return (
    `<article class="reason" id="${escapeHtml(toAnchorId('', `${alert.alertId}-${label}`))}">` +
    `<div class="reason-head"><span class="badge r${index % REASON_COLOURS.length}">${label}</span>` +
    `<h3>${escapeHtml(reason.title)}</h3>` +
    `<span class="mono muted">${escapeHtml(reason.ruleId)}@${escapeHtml(reason.ruleVersion)}</span>` +
    `<span class="weight">weight <strong>${escapeHtml(formatScore(reason.weight))}</strong> of ${escapeHtml(formatScore(alert.score))}</span></div>` +
    `<p class="explain">${escapeHtml(reason.text)}</p>` +
    `<ul class="note">` +
    `<li>Fired at ${escapeHtml(formatTimestamp(reason.at))} on transaction <span class="mono">${escapeHtml(reason.triggeringTransactionId)}</span></li>` +
    `<li>Window ${renderWindowSpan(reason.window)} (start exclusive, end inclusive)</li>` +
    scopeNote +
    `<li>${reason.transactionIds.length} transaction${reason.transactionIds.length === 1 ? '' : 's'} counted${escapeHtml(truncated)}</li>` +
    `</ul>` +
    `<h4>Measures against trigger</h4>${renderMeasures(reason)}` +
    `<h4>Sources</h4>${renderSources(reason.sources)}` +
    `</article>`
  );
}

function place(parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(', ');
}

function renderTransactionTable(
  transactions: readonly Transaction[],
  counted: ReadonlyMap<string, readonly string[]>,
  includeReferences: boolean,
): string {
  // An alert on a customer, or a reason scoped on a device or payee, counts several accounts' transactions: say whose.
  const showAccount = new Set(transactions.map((tx) => tx.accountId)).size > 1;
  const head =
    `<tr><th scope="col">Time</th>${showAccount ? '<th scope="col">Account</th>' : ''}<th scope="col">Dir.</th><th scope="col" class="num">Amount</th><th scope="col">Channel</th>` +
    `<th scope="col">Merchant (MCC, city)</th><th scope="col">Counterparty</th><th scope="col">Location</th>` +
    (includeReferences ? `<th scope="col">Reference</th>` : '') +
    `<th scope="col">Counted by</th><th scope="col">Transaction id</th></tr>`;
  const body = transactions
    .map((tx) => {
      const m = tx.merchant;
      const merchant = m === undefined ? '' : `${escapeHtml(m.name ?? '')}${m.mcc === undefined ? '' : ` <span class="mono muted">${escapeHtml(m.mcc)}</span>`}${m.city !== undefined || m.country !== undefined ? `<br><span class="muted">${escapeHtml(place([m.city, m.country]))}</span>` : ''}`;
      const cp = tx.counterparty;
      const counterparty = cp === undefined ? '' : `${escapeHtml(cp.name ?? cp.id ?? cp.account ?? '')}${cp.country === undefined ? '' : ` <span class="muted">${escapeHtml(cp.country)}</span>`}`;
      const location = tx.location === undefined ? '' : escapeHtml(place([tx.location.city, tx.location.country, tx.location.terminalId === undefined ? undefined : `terminal ${tx.location.terminalId}`]));
      const dir = tx.direction === 'in' ? '<span class="tx-in-label">in</span>' : '<span class="tx-out-label">out</span>';
      return (
        `<tr><td class="nowrap">${escapeHtml(formatTimestamp(tx.timestamp))}</td>${showAccount ? `<td class="mono nowrap">${escapeHtml(tx.accountId)}</td>` : ''}<td>${dir}</td>` +
        `<td class="num nowrap">${escapeHtml(formatMoney(tx.amount, tx.currency))}</td><td>${escapeHtml(tx.channel)}</td>` +
        `<td>${merchant}</td><td>${counterparty}</td><td>${location}</td>` +
        (includeReferences ? `<td>${escapeHtml(tx.reference ?? '')}</td>` : '') +
        `<td>${escapeHtml((counted.get(tx.id) ?? []).join(' '))}</td><td class="mono">${escapeHtml(tx.id)}</td></tr>`
      );
    })
    .join('');
  return `<div class="table-wrap"><table class="transactions"><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

const LEGEND =
  `<ul class="legend">` +
  `<li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" fill="#1d4ed8" stroke="#111827" stroke-width="1.2"/></svg>money in, counted by the alert</li>` +
  `<li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" fill="#c2410c" stroke="#111827" stroke-width="1.2"/></svg>money out, counted by the alert</li>` +
  `<li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="3" fill="#fff" stroke="#9ca3af" stroke-width="1.2"/></svg>other transaction of the entity (in above the line, out below)</li>` +
  `<li><svg width="16" height="12" aria-hidden="true"><line x1="8" x2="8" y1="0" y2="12" stroke="#b91c1c" stroke-width="1.5" stroke-dasharray="3 2"/></svg>alert raised</li>` +
  `<li>shaded bands: each indicator's window</li>` +
  `</ul>`;

interface AlertView {
  alert: Alert;
  anchor: string;
}

function renderAlertSection(
  view: AlertView,
  position: number,
  total: number,
  txById: ReadonlyMap<string, Transaction>,
  transactions: readonly Transaction[],
  includeReferences: boolean,
): string {
  const { alert, anchor } = view;
  // Which reasons counted each transaction: R1, R2, … in reason order.
  const counted = new Map<string, string[]>();
  alert.reasons.forEach((reason, i) => {
    for (const id of reason.transactionIds) {
      const labels = counted.get(id) ?? [];
      if (!labels.includes(`R${i + 1}`)) labels.push(`R${i + 1}`);
      counted.set(id, labels);
    }
  });
  const missing = [...counted.keys()].filter((id) => !txById.has(id));
  const contributing = [...counted.keys()]
    .map((id) => txById.get(id))
    .filter((tx): tx is Transaction => tx !== undefined)
    .sort((a, b) => timeOf(a.timestamp) - timeOf(b.timestamp) || byText(a.id, b.id));
  const entityTx = transactions.filter((tx) => readPath(tx, alert.entity.field) === alert.entity.key || counted.has(tx.id));
  const windows: TimelineWindow[] = alert.reasons.map((reason, i) => ({
    label: `R${i + 1}`,
    title: reason.title,
    from: reason.window.from,
    to: reason.window.to,
    colour: reasonColour(i),
  }));
  const timeline = renderTimelineSvg({
    caption: `Transactions of ${alert.entity.field} ${alert.entity.key} over time`,
    transactions: entityTx,
    contributing: counted,
    windows,
    raisedAt: alert.raisedAt,
    until: alert.updatedAt,
  });
  const notes: string[] = [];
  if (timeline.currencies.length > 1) {
    notes.push(`<p class="note warn">Amounts are plotted in their own currencies (${escapeHtml(timeline.currencies.join(', '))}), not converted: heights are not comparable across currencies.</p>`);
  } else if (timeline.currencies.length === 1) {
    notes.push(`<p class="note">Amounts in ${escapeHtml(timeline.currencies[0] ?? '')}. Hover a point for its details.</p>`);
  }
  if (timeline.omitted > 0) {
    notes.push(`<p class="note">${timeline.omitted} transaction${timeline.omitted === 1 ? '' : 's'} of this entity outside the period shown ${timeline.omitted === 1 ? 'is' : 'are'} not drawn.</p>`);
  }
  if (missing.length > 0) {
    notes.push(
      `<p class="note warn">${missing.length} transaction${missing.length === 1 ? '' : 's'} counted by this alert ${missing.length === 1 ? 'was' : 'were'} not in the supplied transactions: <span class="mono">${missing
        .slice(0, 20)
        .map((id) => escapeHtml(id))
        .join(', ')}${missing.length > 20 ? ', …' : ''}</span></p>`,
    );
  }
  const typologySources = alert.sources.length === 0 ? '' : `<h3>Typology sources</h3>${renderSources(alert.sources)}`;
  const revision = alert.revision > 1 ? ` (revision ${alert.revision})` : '';
  return (
    `<section class="alert${alert.level === 'high' ? ' is-high' : ''}" id="${escapeHtml(anchor)}" aria-labelledby="${escapeHtml(anchor)}-title">` +
    `<div class="alert-head"><div>` +
    `<p class="kicker">Alert ${position} of ${total} · ${levelBadge(alert.level)}</p>` +
    `<h2 id="${escapeHtml(anchor)}-title">${escapeHtml(alert.typology.title)}</h2>` +
    `<dl class="facts">` +
    `<dt>Entity</dt><dd><span class="mono">${escapeHtml(alert.entity.key)}</span> <span class="muted">(${escapeHtml(alert.entity.field)})</span></dd>` +
    `<dt>Alert id</dt><dd class="mono">${escapeHtml(alert.alertId)}</dd>` +
    `<dt>Typology</dt><dd class="mono">${escapeHtml(alert.typology.id)}@${escapeHtml(alert.typology.version)}</dd>` +
    `<dt>Raised</dt><dd>${escapeHtml(formatTimestamp(alert.raisedAt))}</dd>` +
    `<dt>Updated</dt><dd>${escapeHtml(formatTimestamp(alert.updatedAt))}${escapeHtml(revision)}</dd>` +
    `<dt>First transaction</dt><dd class="mono">${escapeHtml(alert.firstTransactionId)}</dd>` +
    `</dl></div>` +
    `<div class="score-box"><div class="score">${escapeHtml(formatScore(alert.score))} <small>score</small></div>${renderScoreBar(alert.score, alert.thresholds, alert.level)}</div>` +
    `</div>` +
    `<h3>Timeline</h3><div class="timeline-wrap">${timeline.svg}</div>${LEGEND}${notes.join('')}` +
    `<h3>Indicators that contributed (${alert.reasons.length})</h3>` +
    (alert.reasons.length === 0 ? '<p class="note">No reasons recorded.</p>' : alert.reasons.map((r, i) => renderReason(r, i, alert)).join('')) +
    `<h3>Contributing transactions (${contributing.length})</h3>` +
    (contributing.length === 0 ? '<p class="note">None of the counted transactions were supplied.</p>' : renderTransactionTable(contributing, counted, includeReferences)) +
    typologySources +
    `<p class="toc-back"><a href="#alerts">↑ Back to the list of alerts</a></p>` +
    `</section>`
  );
}

function renderOverview(input: HtmlReportInput, alerts: readonly Alert[]): string {
  const s = input.summary;
  const stat = (value: number, label: string) => `<li class="stat"><b>${escapeHtml(formatDecimal(value, 0))}</b><span>${escapeHtml(label)}</span></li>`;
  const high = alerts.filter((a) => a.level === 'high').length;
  const stats =
    `<ul class="stats">${stat(s.rowsRead, 'rows read')}${stat(s.screened, 'transactions screened')}${stat(s.rejected, 'rejected')}` +
    `${stat(s.hits, 'indicator hits')}${stat(s.alerts, 'alerts')}${stat(high, 'high-level alerts')}</ul>`;

  const codes = Object.entries(s.rejectedByCode ?? {}).sort((a, b) => b[1] - a[1] || byText(a[0], b[0]));
  const rejected =
    codes.length === 0
      ? `<p class="note">${s.rejected === 0 ? 'No row was rejected.' : 'No breakdown by reason was supplied.'}</p>`
      : `<table><thead><tr><th scope="col">Reason</th><th scope="col" class="num">Rows</th></tr></thead><tbody>${codes
          .map(([code, n]) => `<tr><td><span class="mono">${escapeHtml(code)}</span> <span class="muted">${escapeHtml(REJECTION_LABELS[code] ?? '')}</span></td><td class="num">${escapeHtml(formatDecimal(n, 0))}</td></tr>`)
          .join('')}</tbody></table>`;

  const byTypology = new Map<string, { title: string; review: number; high: number }>();
  for (const a of alerts) {
    const row = byTypology.get(a.typology.id) ?? { title: a.typology.title, review: 0, high: 0 };
    row[a.level] += 1;
    byTypology.set(a.typology.id, row);
  }
  const typologyRows = [...byTypology.entries()].sort((a, b) => b[1].high + b[1].review - (a[1].high + a[1].review) || byText(a[0], b[0]));
  const typologies =
    typologyRows.length === 0
      ? '<p class="note">No alerts.</p>'
      : `<table><thead><tr><th scope="col">Typology</th><th scope="col" class="num">High</th><th scope="col" class="num">Review</th><th scope="col" class="num">Total</th></tr></thead><tbody>${typologyRows
          .map(([id, r]) => `<tr><td>${escapeHtml(r.title)}<br><span class="mono muted">${escapeHtml(id)}</span></td><td class="num">${r.high}</td><td class="num">${r.review}</td><td class="num">${r.high + r.review}</td></tr>`)
          .join('')}</tbody></table>`;

  return (
    `<section class="card" id="summary" aria-labelledby="summary-title"><h2 id="summary-title">Run summary</h2>${stats}` +
    `<div class="grid2"><div><h3>Alerts by typology and level</h3>${typologies}</div><div><h3>Rejected rows by reason</h3>${rejected}</div></div>` +
    `<p class="note">Amounts in measures and thresholds are in ${escapeHtml(s.baseCurrency)}. An alert is a combination of red flags for an analyst to review, not a finding: no single indicator is conclusive.</p>` +
    `</section>`
  );
}

function renderAlertTable(views: readonly AlertView[]): string {
  if (views.length === 0) {
    return `<section class="card" id="alerts" aria-labelledby="alerts-title"><h2 id="alerts-title">Alerts</h2><p>No alerts were raised.</p></section>`;
  }
  const rows = views
    .map(({ alert, anchor }, i) => {
      const indicators = alert.reasons.map((r) => r.title).join('; ');
      return (
        `<tr data-key="${i}"><td class="nowrap"><a href="#${escapeHtml(anchor)}" class="mono">${escapeHtml(alert.alertId)}</a></td>` +
        `<td>${levelBadge(alert.level)}</td><td class="num">${escapeHtml(formatScore(alert.score))}</td>` +
        `<td>${escapeHtml(alert.typology.title)}</td><td class="nowrap"><span class="mono">${escapeHtml(alert.entity.key)}</span><br><span class="muted small">${escapeHtml(alert.entity.field)}</span></td>` +
        `<td class="nowrap">${escapeHtml(formatTimestamp(alert.raisedAt))}</td><td class="num">${alert.reasons.length}</td><td class="muted small">${escapeHtml(indicators)}</td></tr>`
      );
    })
    .join('');
  const th = (key: string, label: string, first: 'ascending' | 'descending', sort: string, cls = '') =>
    `<th scope="col"${cls === '' ? '' : ` class="${cls}"`} data-sort="${key}" data-first="${first}" aria-sort="${sort}"><button type="button">${label}</button></th>`;
  return (
    `<section class="card" id="alerts" aria-labelledby="alerts-title"><h2 id="alerts-title">Alerts</h2>` +
    `<div class="filter"><label for="alert-filter">Filter</label><input id="alert-filter" type="search" placeholder="alert id, entity, typology, indicator…" autocomplete="off" spellcheck="false">` +
    `<output id="alert-filter-count" for="alert-filter" aria-live="polite">${views.length} alerts</output></div>` +
    `<div class="table-wrap"><table id="alert-table"><thead><tr>` +
    th('alertId', 'Alert', 'ascending', 'none') +
    th('level', 'Level', 'descending', 'none') +
    th('score', 'Score', 'descending', 'descending', 'num') +
    th('typology', 'Typology', 'ascending', 'none') +
    th('entity', 'Entity', 'ascending', 'none') +
    th('date', 'Raised', 'ascending', 'none') +
    `<th scope="col" class="num">Ind.</th><th scope="col">Indicators</th>` +
    `</tr></thead><tbody>${rows}</tbody></table></div>` +
    `<p class="note">Click a column heading to sort; click again to reverse. Times are shown with the offset they were recorded in.</p>` +
    `</section>`
  );
}

function renderIndicatorCard(rule: IndicatorRule): string {
  const facts: string[] = [
    `<dt>Scope</dt><dd class="mono">${escapeHtml(rule.scope)}</dd>`,
    `<dt>Window</dt><dd class="mono">${escapeHtml(typeof rule.window === 'string' ? rule.window : `$param ${rule.window.$param}`)}</dd>`,
  ];
  if (rule.cooldown !== undefined) facts.push(`<dt>Cooldown</dt><dd class="mono">${escapeHtml(typeof rule.cooldown === 'string' ? rule.cooldown : `$param ${rule.cooldown.$param}`)}</dd>`);
  if (rule.evidence !== undefined) facts.push(`<dt>Evidence</dt><dd><strong>${escapeHtml(rule.evidence.level)}</strong> — ${escapeHtml(rule.evidence.note)}</dd>`);
  if (rule.dataNeeds.length > 0) facts.push(`<dt>Data needed</dt><dd>${escapeHtml(rule.dataNeeds.join(', '))}</dd>`);
  if (!rule.enabled) facts.push(`<dt>Status</dt><dd>disabled</dd>`);
  return (
    `<article class="rule-card" id="${escapeHtml(toAnchorId('rule-', rule.id))}">` +
    `<h3>${escapeHtml(rule.title)} <span class="mono">${escapeHtml(rule.id)}@${escapeHtml(rule.version)}</span></h3>` +
    `<p>${escapeHtml(rule.description)}</p>` +
    (rule.rationale === undefined ? '' : `<p class="muted">${escapeHtml(rule.rationale)}</p>`) +
    `<dl class="facts">${facts.join('')}</dl>` +
    `<h4>Sources</h4>${renderSources(rule.sources)}` +
    `</article>`
  );
}

function renderTypologyCard(typology: Typology, known: ReadonlySet<string>): string {
  const members = typology.members.map((m) => `<tr><td class="mono">${known.has(m.rule) ? `<a href="#${escapeHtml(toAnchorId('rule-', m.rule))}">${escapeHtml(m.rule)}</a>` : escapeHtml(m.rule)}</td><td class="num">${escapeHtml(formatScore(m.weight))}</td></tr>`).join('');
  return (
    `<article class="rule-card" id="${escapeHtml(toAnchorId('typology-', typology.id))}">` +
    `<h3>${escapeHtml(typology.title)} <span class="mono">${escapeHtml(typology.id)}@${escapeHtml(typology.version)}</span></h3>` +
    `<p>${escapeHtml(typology.description)}</p>` +
    `<dl class="facts"><dt>Entity</dt><dd class="mono">${escapeHtml(typology.entity)}</dd><dt>Lookback</dt><dd class="mono">${escapeHtml(typology.lookback)}</dd>` +
    `<dt>Thresholds</dt><dd>review ${escapeHtml(formatScore(typology.thresholds.review))}, high ${escapeHtml(formatScore(typology.thresholds.high))}</dd></dl>` +
    `<h4>Members</h4><table><thead><tr><th scope="col">Indicator</th><th scope="col" class="num">Weight</th></tr></thead><tbody>${members}</tbody></table>` +
    `<h4>Sources</h4>${renderSources(typology.sources)}` +
    `</article>`
  );
}

function renderAppendix(rules: NonNullable<HtmlReportInput['rules']>): string {
  const typologies = [...rules.typologies].sort((a, b) => byText(a.id, b.id) || byText(a.version, b.version));
  const indicators = [...rules.indicators].sort((a, b) => byText(a.id, b.id) || byText(a.version, b.version));
  const known = new Set(indicators.map((r) => r.id));
  return (
    `<section class="card" id="appendix" aria-labelledby="appendix-title"><h2 id="appendix-title">Appendix: rule cards</h2>` +
    `<p class="note">The rule pack this run used: ${typologies.length} typolog${typologies.length === 1 ? 'y' : 'ies'} and ${indicators.length} indicator${indicators.length === 1 ? '' : 's'}.</p>` +
    (typologies.length === 0 ? '' : `<h3>Typologies</h3>${typologies.map((t) => renderTypologyCard(t, known)).join('')}`) +
    (indicators.length === 0 ? '' : `<h3>Indicators</h3>${indicators.map(renderIndicatorCard).join('')}`) +
    `</section>`
  );
}

/**
 * Render the analyst's investigation report as one self-contained HTML document.
 *
 * The page needs nothing from the network: styles, the small sort/filter script and every chart
 * (inline SVG) are inside it, and a Content-Security-Policy `<meta>` (`default-src 'none'`, the
 * script and stylesheet allowed only by their SHA-256 hashes, images only as `data:`) stops
 * anything else from loading or running, even if some text escaped escaping. Every value from the
 * data or from rule files is HTML-escaped; only `http:`/`https:` source URLs become links.
 * Payment references are left out unless `includeReferences` is `true`.
 *
 * Contents: a run summary (rows, screened, rejected by reason, alerts by typology and level); a
 * sortable, filterable alert table; one section per alert (score bar against the thresholds, a
 * timeline of the entity's transactions with the counted ones highlighted and each reason's window
 * shaded, every reason with its explanation, measures against the trigger and sources, and the
 * contributing transactions); and, when `rules` is given, an appendix of rule cards. Printed, it
 * is A4 with each alert on its own page.
 *
 * The output depends only on the input: no clock, no randomness, locale-free formatting.
 *
 * @param input - Run summary, alerts, transactions and optionally the rule pack.
 * @returns The complete HTML document, starting with `<!doctype html>`.
 *
 * @example
 * const html = renderHtmlReport({
 *   summary: { rowsRead: 120, screened: 118, rejected: 2, hits: 5, alerts: 1, baseCurrency: 'GBP' },
 *   alerts, transactions, generatedFrom: 'march.csv',
 * });
 * await writeFile('report.html', html);
 * html.startsWith('<!doctype html>') //=> true
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const alerts = latestAlerts(input.alerts);
  const used = new Set<string>();
  const views: AlertView[] = alerts.map((alert) => {
    let anchor = toAnchorId('alert-', alert.alertId);
    for (let n = 2; used.has(anchor); n++) anchor = `${toAnchorId('alert-', alert.alertId)}-${n}`;
    used.add(anchor);
    return { alert, anchor };
  });
  const txById = new Map<string, Transaction>();
  for (const tx of input.transactions) if (!txById.has(tx.id)) txById.set(tx.id, tx);
  const includeReferences = input.includeReferences === true;

  const data = {
    alerts: views.map(({ alert }, i) => ({
      key: String(i),
      order: i,
      alertId: alert.alertId,
      score: alert.score,
      level: LEVEL_RANK[alert.level],
      typology: alert.typology.title,
      entity: alert.entity.key,
      date: timeOf(alert.raisedAt),
      text: [alert.alertId, alert.level, alert.typology.id, alert.typology.title, alert.entity.field, alert.entity.key, ...alert.reasons.flatMap((r) => [r.ruleId, r.title])]
        .join(' ')
        .toLowerCase(),
    })),
  };

  const css = `${REPORT_CSS}\n${REASON_CSS}`;
  const script = REPORT_SCRIPT;
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(script)}'`,
    `style-src 'sha256-${sha256Base64(css)}'`,
    'img-src data:',
    "font-src 'none'",
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  const title = input.title ?? 'Transaction screening report';
  const meta: string[] = [];
  if (input.generatedFrom !== undefined) meta.push(`Input: <span class="mono">${escapeHtml(input.generatedFrom)}</span>`);
  if (input.generatedAt !== undefined) meta.push(`Generated: ${escapeHtml(input.generatedAt)}`);
  meta.push(`Base currency: ${escapeHtml(input.summary.baseCurrency)}`);
  meta.push(`${views.length} alert${views.length === 1 ? '' : 's'}`);

  const banner =
    input.pseudonymised === true
      ? `<p class="banner" role="note"><strong>Pseudonymised run.</strong> Account, customer and counterparty identifiers in this report are pseudonyms; re-identification needs the key held by the data controller.</p>`
      : '';

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Written unescaped on purpose: the policy is built only from constants and base64 hashes (no `"`, `<` or `&`),
    // and browsers, people and tests read it more easily with its quotes as they are.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="msht-redflags">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<header class="report-header"><p class="kicker">msht-redflags · modern slavery &amp; human trafficking red flags</p><h1>${escapeHtml(title)}</h1><p class="meta">${meta.join(' · ')}</p></header>`,
    banner,
    renderOverview(input, alerts),
    renderAlertTable(views),
    views.map((v, i) => renderAlertSection(v, i + 1, views.length, txById, input.transactions, includeReferences)).join('\n'),
    input.rules === undefined ? '' : renderAppendix(input.rules),
    `<footer>Generated by msht-redflags from structured alert evidence. Every figure above is in the alert data and can be re-derived from the listed transactions. Red flags support a decision to investigate; they are not evidence of an offence.</footer>`,
    '</main>',
    `<script type="application/json" id="report-data">${jsonForScriptElement(data)}</script>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
