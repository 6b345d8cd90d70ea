import type { Transaction } from '../../schema/transaction.js';
import { escapeHtml } from './escape.js';
import { formatDecimal, formatMoney, formatTimestamp } from './format.js';

/** Colours given to the reasons of an alert, in order; the HTML uses the same for the reason badges. */
export const REASON_COLOURS: readonly string[] = ['#7c3aed', '#0e7490', '#b45309', '#be185d', '#15803d', '#4338ca', '#9f1239', '#0f766e'];

/**
 * The colour of the reason at `index` (cycling through {@link REASON_COLOURS}).
 *
 * @param index - 0-based position of the reason in the alert.
 * @returns A CSS hex colour.
 *
 * @example
 * reasonColour(0) //=> '#7c3aed'
 */
export function reasonColour(index: number): string {
  return REASON_COLOURS[index % REASON_COLOURS.length] ?? '#555555';
}

/** One window to shade on the timeline. */
export interface TimelineWindow {
  /** Short label, e.g. `R1`. */
  label: string;
  /** Longer text for the tooltip (rule title). */
  title: string;
  /** ISO-8601 start (exclusive) and end (inclusive). */
  from: string;
  to: string;
  colour: string;
}

/** What {@link renderTimelineSvg} draws. */
export interface TimelineInput {
  /** Accessible name of the chart. */
  caption: string;
  /** Transactions to plot (any order). Ones outside the period shown are counted, not drawn. */
  transactions: readonly Transaction[];
  /** Ids of the transactions the alert's reasons counted, mapped to the labels of those reasons. */
  contributing: ReadonlyMap<string, readonly string[]>;
  windows: readonly TimelineWindow[];
  /** Event time the alert was raised; drawn as a marker. */
  raisedAt?: string;
  /** Latest event time of interest (the alert's update time); widens the period shown. */
  until?: string;
}

/** The SVG and what it left out. */
export interface TimelineResult {
  svg: string;
  /** Transactions drawn. */
  drawn: number;
  /** Transactions outside the period shown. */
  omitted: number;
  /** Currencies of the drawn transactions, sorted. More than one means amounts are not comparable. */
  currencies: string[];
}

const WIDTH = 960;
const MARGIN_LEFT = 78;
const MARGIN_RIGHT = 18;
const LANE_HEIGHT = 13;
const PLOT_HEIGHT = 210;
const AXIS_HEIGHT = 30;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const IN_COLOUR = '#1d4ed8';
const OUT_COLOUR = '#c2410c';

/** Round to 0.1 px: enough precision for the eye, and keeps the output short and stable. */
function px(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** The smallest 1/2/2.5/5 × 10^n at or above `value`. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

function tickStep(spanMs: number): number {
  const steps = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 182 * DAY, 364 * DAY];
  for (const step of steps) if (spanMs / step <= 8) return step;
  return steps[steps.length - 1] ?? 364 * DAY;
}

function tickLabel(ms: number, step: number, first: boolean): string {
  const d = new Date(ms);
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
  const withYear = first || (d.getUTCMonth() === 0 && d.getUTCDate() <= Math.ceil(step / DAY));
  if (step < DAY) {
    const time = `${String(d.getUTCHours()).padStart(2, '0')}:00`;
    return d.getUTCHours() === 0 || first ? `${day} ${time}` : time;
  }
  return withYear ? `${day} ${d.getUTCFullYear()}` : day;
}

/**
 * Draw an entity's transactions over time as an inline SVG: money in above the axis, money out below,
 * stems as tall as the amount, the transactions an alert counted filled and ringed, each reason's
 * window shaded and labelled in its own lane, and the moment the alert was raised marked.
 *
 * Amounts are plotted in their own currency (the report has no FX table); the result says which
 * currencies were drawn so the caller can warn when they are mixed. Times are UTC.
 * All text inside the SVG is escaped.
 *
 * @param input - Transactions, contributing ids, windows and markers.
 * @returns The SVG markup and counts of what was drawn.
 *
 * @example
 * const { svg } = renderTimelineSvg({ caption: 'Account A1', transactions: txs, contributing: new Map([['t1', ['R1']]]), windows: [] });
 * svg.startsWith('<svg') //=> true
 */
export function renderTimelineSvg(input: TimelineInput): TimelineResult {
  const parsed = input.transactions
    .map((tx) => ({ tx, ms: Date.parse(tx.timestamp), amount: Number(tx.amount) }))
    .filter((p) => !Number.isNaN(p.ms) && Number.isFinite(p.amount))
    .sort((a, b) => a.ms - b.ms || (a.tx.id < b.tx.id ? -1 : a.tx.id > b.tx.id ? 1 : 0));

  // The period shown: every window, every contributing transaction, the alert's own times.
  const anchors: number[] = [];
  for (const w of input.windows) anchors.push(Date.parse(w.from), Date.parse(w.to));
  for (const p of parsed) if (input.contributing.has(p.tx.id)) anchors.push(p.ms);
  if (input.raisedAt !== undefined) anchors.push(Date.parse(input.raisedAt));
  if (input.until !== undefined) anchors.push(Date.parse(input.until));
  const finite = anchors.filter((n) => Number.isFinite(n));
  if (finite.length === 0) for (const p of parsed) finite.push(p.ms);
  let lo = finite.length > 0 ? Math.min(...finite) : 0;
  let hi = finite.length > 0 ? Math.max(...finite) : DAY;
  // A long window (30 or 90 days) that reaches back before any transaction would leave most of the
  // chart empty: start shortly before the first transaction drawn instead, and mark the clipped windows.
  const firstTx = parsed.find((p) => p.ms >= lo && p.ms <= hi);
  if (firstTx !== undefined) {
    const dataLo = firstTx.ms - (hi - firstTx.ms) * 0.06;
    if (dataLo > lo) lo = dataLo;
  }
  if (hi - lo < HOUR) {
    lo -= 12 * HOUR;
    hi += 12 * HOUR;
  }
  // Show what happened shortly after, too (money moved on after the alert is often the point).
  const lastTx = parsed.length > 0 ? parsed[parsed.length - 1]!.ms : hi;
  if (lastTx > hi) hi = Math.min(lastTx, hi + (hi - lo) * 0.25);
  const pad = (hi - lo) * 0.04;
  lo -= pad;
  hi += pad;

  const shown = parsed.filter((p) => p.ms >= lo && p.ms <= hi);
  const omitted = parsed.length - shown.length;
  const currencies = [...new Set(shown.map((p) => p.tx.currency))].sort();

  const lanesTop = 8;
  const lanesHeight = input.windows.length * LANE_HEIGHT;
  const plotTop = lanesTop + lanesHeight + 10;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const height = plotBottom + AXIS_HEIGHT;
  const zeroY = plotTop + PLOT_HEIGHT / 2;
  const half = PLOT_HEIGHT / 2 - 6;
  const plotRight = WIDTH - MARGIN_RIGHT;
  const x = (ms: number) => MARGIN_LEFT + ((ms - lo) / (hi - lo)) * (plotRight - MARGIN_LEFT);
  const maxAmount = niceCeiling(Math.max(0, ...shown.map((p) => p.amount)));
  // Square-root scale: a 90 GBP hotel night stays visible next to a 1,200 GBP remittance. The grid
  // lines are labelled with their amounts, so the scale is read, not guessed.
  const scale = (amount: number) => Math.sqrt(Math.max(0, amount) / maxAmount) * half;
  const yOf = (amount: number, direction: 'in' | 'out') => zeroY + (direction === 'in' ? -1 : 1) * scale(amount);
  const gridAmounts = [maxAmount, maxAmount / 4, maxAmount / 25].filter((a) => a > 0);

  const parts: string[] = [];
  parts.push(
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(input.caption)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11">`,
    `<title>${escapeHtml(input.caption)}</title>`,
  );

  // Window lanes and shading.
  input.windows.forEach((w, i) => {
    const from = Math.max(lo, Date.parse(w.from));
    const to = Math.min(hi, Date.parse(w.to));
    if (!(to >= from)) return;
    const laneY = lanesTop + i * LANE_HEIGHT;
    const clipped = Date.parse(w.from) < lo;
    const x1 = x(from);
    const width = Math.max(1, x(to) - x1);
    const tip = `${w.label}: ${w.title} — window ${formatTimestamp(w.from)} to ${formatTimestamp(w.to)}`;
    parts.push(
      `<g class="window"><title>${escapeHtml(tip)}</title>`,
      `<rect x="${px(x1)}" y="${px(plotTop)}" width="${px(width)}" height="${PLOT_HEIGHT}" fill="${w.colour}" fill-opacity="0.07"/>`,
      `<rect x="${px(x1)}" y="${px(laneY + 2)}" width="${px(width)}" height="${LANE_HEIGHT - 5}" rx="2" fill="${w.colour}" fill-opacity="0.85"/>`,
      `<text x="${MARGIN_LEFT - 6}" y="${px(laneY + LANE_HEIGHT - 3)}" text-anchor="end" fill="${w.colour}" font-weight="600">${escapeHtml(w.label)} window</text>`,
      clipped
        ? `<text x="${px(x1 + 4)}" y="${px(laneY + LANE_HEIGHT - 3.5)}" fill="#ffffff" font-size="9" font-weight="700">◀ from ${escapeHtml(formatTimestamp(w.from).slice(0, 10))}</text>`
        : '',
      `</g>`,
    );
  });

  // Axes and grid.
  parts.push(`<g class="axes" stroke="#d1d5db" stroke-width="1">`);
  parts.push(`<rect x="${MARGIN_LEFT}" y="${px(plotTop)}" width="${px(plotRight - MARGIN_LEFT)}" height="${PLOT_HEIGHT}" fill="none"/>`);
  for (const amount of gridAmounts) {
    for (const y of [zeroY - scale(amount), zeroY + scale(amount)]) {
      parts.push(`<line x1="${MARGIN_LEFT}" x2="${px(plotRight)}" y1="${px(y)}" y2="${px(y)}" stroke-dasharray="2 3"/>`);
    }
  }
  parts.push(`<line x1="${MARGIN_LEFT}" x2="${px(plotRight)}" y1="${px(zeroY)}" y2="${px(zeroY)}" stroke="#6b7280"/>`);
  parts.push(`</g>`);
  parts.push(`<g class="y-labels" fill="#4b5563" text-anchor="end">`);
  for (const amount of gridAmounts) {
    const label = formatDecimal(amount, amount >= 10 || Number.isInteger(amount) ? 0 : 2);
    parts.push(`<text x="${MARGIN_LEFT - 6}" y="${px(zeroY - scale(amount) + 4)}">${escapeHtml(label)}</text>`);
    parts.push(`<text x="${MARGIN_LEFT - 6}" y="${px(zeroY + scale(amount) + 4)}">${escapeHtml(label)}</text>`);
  }
  parts.push(`<text x="${MARGIN_LEFT - 6}" y="${px(zeroY + 4)}">0</text>`);
  parts.push(`</g>`);
  parts.push(
    `<text x="${MARGIN_LEFT + 6}" y="${px(plotTop + 13)}" fill="${IN_COLOUR}" font-weight="600">▲ money in</text>`,
    `<text x="${MARGIN_LEFT - 6}" y="${px(plotTop - 3)}" text-anchor="end" fill="#6b7280" font-size="9.5">√ scale</text>`,
    `<text x="${MARGIN_LEFT + 6}" y="${px(plotBottom - 6)}" fill="${OUT_COLOUR}" font-weight="600">▼ money out</text>`,
  );

  // X ticks, UTC.
  const step = tickStep(hi - lo);
  let tick = step >= DAY ? Math.ceil(lo / DAY) * DAY : Math.ceil(lo / step) * step;
  if (step >= 7 * DAY) {
    // Align weekly and longer ticks to Mondays (1970-01-05 was a Monday) so labels read as calendar weeks.
    const monday = 4 * DAY;
    tick = Math.ceil((lo - monday) / step) * step + monday;
  }
  parts.push(`<g class="x-labels" fill="#4b5563" text-anchor="middle">`);
  let first = true;
  for (; tick <= hi; tick += step) {
    const tx = x(tick);
    parts.push(`<line x1="${px(tx)}" x2="${px(tx)}" y1="${px(plotBottom)}" y2="${px(plotBottom + 4)}" stroke="#9ca3af"/>`);
    parts.push(`<text x="${px(tx)}" y="${px(plotBottom + 16)}">${escapeHtml(tickLabel(tick, step, first))}</text>`);
    first = false;
  }
  parts.push(`<text x="${px(plotRight)}" y="${px(plotBottom + 28)}" text-anchor="end" fill="#6b7280">UTC</text>`);
  parts.push(`</g>`);

  if (input.raisedAt !== undefined) {
    const ms = Date.parse(input.raisedAt);
    if (ms >= lo && ms <= hi) {
      const rx = x(ms);
      parts.push(
        `<g class="raised"><title>${escapeHtml(`Alert raised ${formatTimestamp(input.raisedAt)}`)}</title>`,
        `<line x1="${px(rx)}" x2="${px(rx)}" y1="${px(plotTop)}" y2="${px(plotBottom)}" stroke="#b91c1c" stroke-width="1.5" stroke-dasharray="5 3"/>`,
        `<text x="${px(rx - 4)}" y="${px(plotTop + 13)}" text-anchor="end" fill="#b91c1c" font-weight="600">alert raised</text>`,
        `</g>`,
      );
    }
  }

  // Transactions: background ones first so the contributing ones are drawn on top.
  const ordered = [...shown.filter((p) => !input.contributing.has(p.tx.id)), ...shown.filter((p) => input.contributing.has(p.tx.id))];
  parts.push(`<g class="transactions">`);
  for (const p of ordered) {
    const labels = input.contributing.get(p.tx.id);
    const hit = labels !== undefined;
    const cx = x(p.ms);
    const cy = yOf(p.amount, p.tx.direction);
    const colour = p.tx.direction === 'in' ? IN_COLOUR : OUT_COLOUR;
    const where = [p.tx.merchant?.name, p.tx.merchant?.city ?? p.tx.location?.city, p.tx.counterparty?.name].filter((s): s is string => s !== undefined);
    const tip = [
      formatTimestamp(p.tx.timestamp),
      `${p.tx.direction === 'in' ? 'in' : 'out'} ${formatMoney(p.tx.amount, p.tx.currency)}`,
      p.tx.channel,
      ...(where.length > 0 ? [where.join(', ')] : []),
      hit ? `counted by ${labels.join(', ')}` : 'not counted',
      `id ${p.tx.id}`,
    ].join(' · ');
    const cls = `tx tx-${p.tx.direction}${hit ? ' contributing' : ''}`;
    parts.push(
      `<g class="${cls}"><title>${escapeHtml(tip)}</title>`,
      `<line x1="${px(cx)}" x2="${px(cx)}" y1="${px(zeroY)}" y2="${px(cy)}" stroke="${hit ? colour : '#c4c8cf'}" stroke-width="${hit ? 1.6 : 1}"/>`,
      hit
        ? `<circle cx="${px(cx)}" cy="${px(cy)}" r="4.5" fill="${colour}" stroke="#111827" stroke-width="1.2"/>`
        : `<circle cx="${px(cx)}" cy="${px(cy)}" r="3" fill="#ffffff" stroke="#9ca3af" stroke-width="1.2"/>`,
      `</g>`,
    );
  }
  parts.push(`</g>`);
  if (shown.length === 0) {
    parts.push(`<text x="${WIDTH / 2}" y="${px(zeroY - 8)}" text-anchor="middle" fill="#6b7280">No transactions supplied for this period</text>`);
  }
  parts.push(`</svg>`);
  return { svg: parts.join(''), drawn: shown.length, omitted, currencies };
}
