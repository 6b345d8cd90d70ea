/**
 * Generates `rules/README.md`: an overview of the rule pack and one card per indicator, typology and list,
 * rendered from the rule files themselves so the documentation cannot drift.
 *
 * Run: `npx tsx scripts/gen-rule-cards.ts` to write the file, or `--check` to exit 1 when it is out of date (CI).
 * Output is deterministic: files are read in path order and nothing depends on the clock or the machine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Condition, IndicatorRule, Measure, ParamRef, Parameter, ReferenceList, Source, TriggerCondition, Typology } from '../src/schema/rule.js';
import { FIELD_KINDS, isFieldPath, type FieldPath } from '../src/schema/fields.js';
import { checkRuleFiles, formatProblems, readRuleFiles, type LoadedRuleFile } from './check-rule-files.js';

/** Plain-English names of fields. */
const FIELD_WORDS: Record<FieldPath, string> = {
  id: 'transaction id',
  accountId: 'account',
  customerId: 'customer',
  direction: 'direction',
  amount: 'amount',
  originalAmount: 'amount in the original currency',
  currency: 'currency',
  channel: 'channel',
  purpose: 'purpose',
  reference: 'payment reference',
  'counterparty.id': 'counterparty id',
  'counterparty.name': 'counterparty name',
  'counterparty.account': 'counterparty account',
  'counterparty.country': 'counterparty country',
  'merchant.mcc': 'merchant category (MCC)',
  'merchant.name': 'merchant name',
  'merchant.city': 'merchant city',
  'merchant.country': 'merchant country',
  'location.city': 'location city',
  'location.country': 'location country',
  'location.terminalId': 'terminal',
  'device.id': 'device',
  'device.ip': 'IP address',
  flags: 'transaction flags',
  'local.hour': 'local hour',
  'local.minuteOfDay': 'local minute of the day',
  'local.weekday': 'local weekday',
  'local.date': 'local date',
  'profile.accountType': 'account type',
  'profile.phone': "customer's phone",
  'profile.email': "customer's e-mail",
  'profile.address.line': "customer's address",
  'profile.address.city': "customer's address city",
  'profile.address.postcode': "customer's postcode",
  'profile.address.country': "customer's country of residence",
  'profile.occupation': "customer's occupation or business type",
  'profile.declaredMonthlyIncome': "customer's declared monthly income",
  'profile.expectedMonthlyTurnover': "customer's expected monthly turnover",
  'profile.travelsForWork': 'customer travels for work',
  'profile.flags': "customer's profile flags",
};

const OP_WORDS: Record<string, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=', ne: '≠' };

/**
 * Renders an ISO-8601 duration (weeks, days, hours, minutes) in words.
 *
 * @example
 * durationWords('PT48H') //=> '48 hours'
 */
export function durationWords(iso: string): string {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (m === null) return iso;
  const parts: string[] = [];
  const unit = (n: string | undefined, word: string): void => {
    if (n !== undefined && Number(n) > 0) parts.push(`${Number(n)} ${word}${Number(n) === 1 ? '' : 's'}`);
  };
  unit(m[1], 'week');
  unit(m[2], 'day');
  unit(m[3], 'hour');
  unit(m[4], 'minute');
  return parts.join(' ');
}

function field(path: string): string {
  return isFieldPath(path) ? FIELD_WORDS[path] : `\`${path}\``;
}

function isParam(v: unknown): v is ParamRef {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && '$param' in v;
}

function quoteScalar(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

function formatMoney(n: number): string {
  // Grouping by hand rather than toLocaleString, so the output does not depend on the ICU data of the machine.
  const [int = '0', frac] = (Number.isInteger(n) ? String(n) : n.toFixed(2)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `£${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** Context for rendering one rule's values: its parameters. */
interface Ctx {
  readonly params: Record<string, Parameter>;
}

/** A number, duration or list, resolving `$param` to "value [name]". */
function val(ctx: Ctx, v: unknown, kind: 'money' | 'number' | 'share' | 'duration' | 'plain' = 'plain'): string {
  if (isParam(v)) {
    const p = ctx.params[v.$param];
    const shown = p === undefined ? '?' : val(ctx, p.value, kind);
    return `${shown} [\`${v.$param}\`]`;
  }
  if (Array.isArray(v)) return v.map((x) => quoteScalar(x)).join(', ');
  if (typeof v === 'number') {
    if (kind === 'money') return formatMoney(v);
    if (kind === 'share') return `${Math.round(v * 1000) / 10}%`;
    return String(v);
  }
  if (typeof v === 'string' && kind === 'duration') return durationWords(v);
  return quoteScalar(v);
}

function kindOf(path: string): 'money' | 'number' | 'plain' {
  if (!isFieldPath(path)) return 'plain';
  const k = FIELD_KINDS[path];
  return k === 'money' ? 'money' : k === 'number' ? 'number' : 'plain';
}

/**
 * Renders a filter condition in words (one line; combinators in brackets).
 */
export function conditionWords(ctx: Ctx, c: Condition): string {
  if ('all' in c) return c.all.length === 1 ? conditionWords(ctx, c.all[0]!) : `(${c.all.map((x) => conditionWords(ctx, x)).join(' and ')})`;
  if ('any' in c) return c.any.length === 1 ? conditionWords(ctx, c.any[0]!) : `(${c.any.map((x) => conditionWords(ctx, x)).join(' or ')})`;
  if ('not' in c) {
    const n = c.not;
    // Say "is not", "is not in", "mentions no keyword of" rather than a bare "not …" where a leaf allows it.
    if ('op' in n && n.op === 'eq' && n.ref === undefined) return `${field(n.field)} is not ${quoteScalar(n.value)}`;
    if ('op' in n && n.op === 'in') return conditionWords(ctx, { ...n, op: 'notIn' });
    if ('op' in n && n.op === 'matchesAny') return conditionWords(ctx, { ...n, op: 'matchesNone' });
    return `not ${conditionWords(ctx, n)}`;
  }
  if ('atLeast' in c) return `at least ${val(ctx, c.atLeast)} of (${c.of.map((x) => conditionWords(ctx, x)).join('; ')})`;
  if (c.op === 'localTimeBetween') return `local time is in [${c.value[0]}, ${c.value[1]})`;
  const f = field(c.field);
  const k = kindOf(c.field);
  switch (c.op) {
    case 'eq':
    case 'ne':
      if (c.ref !== undefined) return `${f} ${c.op === 'eq' ? 'is the same as' : 'differs from'} ${field(c.ref)}`;
      return `${f} ${c.op === 'eq' ? 'is' : 'is not'} ${quoteScalar(c.value)}`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${f} ${OP_WORDS[c.op]} ${val(ctx, c.value, k)}`;
    case 'between':
      return `${f} is between ${val(ctx, c.value[0], k)} and ${val(ctx, c.value[1], k)}`;
    case 'in':
    case 'notIn': {
      const what = c.list !== undefined ? `list \`${c.list}\`` : `{${val(ctx, c.value)}}`;
      return `${f} is ${c.op === 'in' ? '' : 'not '}in ${what}`;
    }
    case 'matchesAny':
    case 'matchesNone': {
      const what = c.list !== undefined ? `list \`${c.list}\`` : `{${val(ctx, c.value)}}`;
      return c.op === 'matchesAny' ? `${f} mentions a keyword of ${what}` : `${f} mentions no keyword of ${what}`;
    }
    case 'hasAny':
    case 'hasNone':
      return `${f} ${c.op === 'hasAny' ? 'include any of' : 'include none of'} {${val(ctx, c.value)}}`;
    case 'exists':
      return `${f} is present`;
    case 'missing':
      return `${f} is absent`;
  }
}

function isMoneyMeasure(m: Measure | undefined): boolean {
  return m !== undefined && (m.fn === 'sum' || m.fn === 'min' || m.fn === 'max' || m.fn === 'mean');
}

/**
 * Renders a measure in words.
 */
export function measureWords(ctx: Ctx, rule: IndicatorRule, m: Measure): string {
  const window = durationWords(isParam(m.window) ? String(ctx.params[m.window.$param]?.value ?? '?') : (m.window ?? (isParam(rule.window) ? String(ctx.params[rule.window.$param]?.value ?? '?') : rule.window)));
  if (m.fn === 'sequence') {
    const diff = m.differentField !== undefined ? `, counting only follow-ups whose ${field(m.differentField)} differs from the first's` : '';
    return `number of transactions where ${conditionWords(ctx, m.first)} that were followed within ${val(ctx, m.within, 'duration')} by transactions where ${conditionWords(ctx, m.then)} adding up to at least ${val(ctx, m.share, 'share')} of the first's amount${diff}, over ${window}`;
  }
  const where = m.where !== undefined ? ` where ${conditionWords(ctx, m.where)}` : '';
  const agg = { sum: 'total', min: 'smallest', max: 'largest', mean: 'average' } as const;
  const head = m.fn === 'count' ? 'number of transactions' : m.fn === 'distinct' ? `number of distinct ${field(m.of)} values among transactions` : `${agg[m.fn]} ${field(m.of)} of transactions`;
  return `${head}${where}, over ${window}`;
}

function comparisonWords(ctx: Ctx, rule: IndicatorRule, t: TriggerCondition): string {
  if ('all' in t || 'any' in t || 'not' in t || 'atLeast' in t) return triggerWords(ctx, rule, t, 0).trim();
  const m = rule.measures[t.measure];
  const k = isMoneyMeasure(m) ? 'money' : 'number';
  if (t.op === 'between') return `\`${t.measure}\` is between ${val(ctx, t.value[0], k)} and ${val(ctx, t.value[1], k)}`;
  if ('ref' in t) {
    const refName = Object.prototype.hasOwnProperty.call(rule.measures, t.ref) ? `\`${t.ref}\`` : field(t.ref);
    const factor = t.factor === undefined ? '' : `${val(ctx, t.factor)} × `;
    return `\`${t.measure}\` ${OP_WORDS[t.op]} ${factor}${refName}`;
  }
  return `\`${t.measure}\` ${OP_WORDS[t.op]} ${val(ctx, t.value, k)}`;
}

/**
 * Renders a trigger as a nested Markdown list.
 */
export function triggerWords(ctx: Ctx, rule: IndicatorRule, t: TriggerCondition, depth: number): string {
  const pad = '  '.repeat(depth);
  const group = (label: string, items: readonly TriggerCondition[]): string =>
    `${pad}- ${label}\n${items.map((x) => triggerWords(ctx, rule, x, depth + 1)).join('')}`;
  if ('all' in t) return group('all of:', t.all);
  if ('any' in t) return group('any of:', t.any);
  if ('not' in t) return group('not:', [t.not]);
  if ('atLeast' in t) return group(`at least ${val(ctx, t.atLeast)} of:`, t.of);
  return `${pad}- ${comparisonWords(ctx, rule, t)}\n`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function sourceLabel(s: Source): string {
  const name = `${s.issuer}, ${s.ref}`;
  return s.url !== undefined ? `[${name}](${s.url})` : name;
}

function sourceLine(s: Source): string {
  const key = s.key !== undefined ? `**${s.key}** ` : '';
  const title = s.title !== undefined ? ` — *${s.title}*` : '';
  const quote = s.quote !== undefined ? ` — “${s.quote}”` : '';
  return `- ${key}${sourceLabel(s)}${title} (${s.year})${quote}`;
}

function anchor(prefix: string, id: string): string {
  return `${prefix}-${id}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

function sourceKeys(sources: readonly Source[]): string {
  const keys: string[] = [];
  for (const s of sources) {
    const k = s.key ?? s.issuer;
    if (!keys.includes(k)) keys.push(k);
  }
  return keys.join(', ');
}

function paramValueWords(p: Parameter, name: string, rule: IndicatorRule): string {
  const v = p.value;
  if (Array.isArray(v)) return v.map((x) => quoteScalar(x)).join(', ');
  if (typeof v === 'string') return /^P/.test(v) ? `${v} (${durationWords(v)})` : quoteScalar(v);
  if (typeof v === 'number' && usedAsMoney(rule, name)) return formatMoney(v);
  return String(v);
}

/** Whether a parameter is compared with a money field or a money measure somewhere in the rule. */
function usedAsMoney(rule: IndicatorRule, name: string): boolean {
  let money = false;
  const refersTo = (v: unknown): boolean => isParam(v) && v.$param === name;
  const visitCond = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visitCond);
    else if ('any' in c) c.any.forEach(visitCond);
    else if ('not' in c) visitCond(c.not);
    else if ('atLeast' in c) c.of.forEach(visitCond);
    else if ('field' in c && kindOf(c.field) === 'money' && 'value' in c) {
      const v: unknown = c.value;
      const vs: unknown[] = Array.isArray(v) ? v : [v];
      if (vs.some(refersTo)) money = true;
    }
  };
  if (rule.when !== undefined) visitCond(rule.when);
  for (const m of Object.values(rule.measures)) {
    if (m.fn === 'sequence') {
      visitCond(m.first);
      visitCond(m.then);
    } else if (m.where !== undefined) visitCond(m.where);
  }
  const visitTrig = (t: TriggerCondition): void => {
    if ('all' in t) t.all.forEach(visitTrig);
    else if ('any' in t) t.any.forEach(visitTrig);
    else if ('not' in t) visitTrig(t.not);
    else if ('atLeast' in t) t.of.forEach(visitTrig);
    else if (!('ref' in t) && isMoneyMeasure(rule.measures[t.measure])) {
      const vs: unknown[] = Array.isArray(t.value) ? t.value : [t.value];
      if (vs.some(refersTo)) money = true;
    }
  };
  visitTrig(rule.trigger);
  return money;
}

function indicatorCard(f: LoadedRuleFile, rule: IndicatorRule, feeds: readonly string[]): string {
  const ctx: Ctx = { params: rule.parameters };
  const lines: string[] = [];
  const num = /\/(\d{3})-[^/]*$/.exec(f.path.replace(/\\/g, '/'))?.[1];
  lines.push(`### ${num !== undefined ? `${num} · ` : ''}\`${rule.id}\` — ${rule.title}`, '');
  lines.push(`<a id="${anchor('rule', rule.id)}"></a>`, '');
  lines.push(`*Version ${rule.version} · file \`${f.path.replace(/\\/g, '/')}\`${rule.enabled ? '' : ' · **disabled**'}${feeds.length > 0 ? ` · feeds ${feeds.join(', ')}` : ''}*`, '');
  lines.push(`**What it detects.** ${rule.description}`, '');
  if (rule.rationale !== undefined) lines.push(`**Why it matters.** ${rule.rationale}`, '');
  lines.push('**Sources.**', '', ...rule.sources.map(sourceLine), '');
  if (rule.dataNeeds.length > 0) lines.push(`**Data needs.** ${rule.dataNeeds.map((d) => `\`${d}\``).join(', ')}`, '');
  lines.push(`**Scope.** One window per ${field(rule.scope)} (\`${rule.scope}\`).`, '');
  lines.push(`**Transactions considered.** ${rule.when === undefined ? 'all transactions' : conditionWords(ctx, rule.when)}.`, '');
  lines.push('**Measures.**', '');
  for (const [name, m] of Object.entries(rule.measures)) lines.push(`- \`${name}\`: ${measureWords(ctx, rule, m)}`);
  lines.push('');
  lines.push('**Fires when.**', '', triggerWords(ctx, rule, rule.trigger, 0).trimEnd(), '');
  const cooldown = rule.cooldown === undefined ? rule.window : rule.cooldown;
  lines.push(`**Cooldown.** ${val(ctx, cooldown, 'duration')} after a hit for the same ${field(rule.scope)}.`, '');
  lines.push(`**Alert text.** “${rule.explain}”`, '');
  const params = Object.entries(rule.parameters);
  if (params.length > 0) {
    lines.push('**Defaults.**', '', '| parameter | value | meaning | basis |', '|---|---|---|---|');
    for (const [name, p] of params) {
      const basis = [p.source !== undefined ? `**Source:** ${p.source}` : '', p.calibration !== undefined ? `**Calibrate:** ${p.calibration}` : ''].filter((x) => x !== '').join(' ');
      lines.push(`| \`${name}\` | ${cell(paramValueWords(p, name, rule))} | ${cell(p.description)} | ${cell(basis === '' ? '—' : basis)} |`);
    }
    lines.push('');
  }
  if (rule.evidence !== undefined) lines.push(`**Evidence: ${rule.evidence.level}.** ${rule.evidence.note}`, '');
  if (rule.calibration !== undefined) lines.push(`**Calibration.** ${rule.calibration}`, '');
  return lines.join('\n');
}

function typologyCard(f: LoadedRuleFile, t: Typology, indicators: ReadonlyMap<string, IndicatorRule>): string {
  const max = t.members.reduce((s, m) => s + m.weight, 0);
  const lines: string[] = [];
  lines.push(`### \`${t.id}\` — ${t.title}`, '');
  lines.push(`<a id="${anchor('typology', t.id)}"></a>`, '');
  lines.push(`*Version ${t.version} · file \`${f.path.replace(/\\/g, '/')}\` · entity \`${t.entity}\` · lookback ${durationWords(t.lookback)}*`, '');
  lines.push(t.description, '');
  lines.push('| member | title | weight |', '|---|---|---|');
  for (const m of t.members) {
    const r = indicators.get(m.rule);
    lines.push(`| [\`${m.rule}\`](#${anchor('rule', m.rule)}) | ${cell(r?.title ?? '(missing)')} | ${m.weight} |`);
  }
  lines.push('');
  lines.push(`**Thresholds.** review ≥ ${t.thresholds.review}, high ≥ ${t.thresholds.high} (all members together: ${Math.round(max * 1000) / 1000}).`, '');
  lines.push('**Sources.**', '', ...t.sources.map(sourceLine), '');
  return lines.join('\n');
}

function listCard(f: LoadedRuleFile, l: ReferenceList, usedBy: readonly string[]): string {
  const lines: string[] = [];
  lines.push(`### \`${l.id}\` — ${l.title}`, '');
  lines.push(`*${l.kind === 'codes' ? 'Codes (exact values)' : 'Names (whole-word keywords, case- and accent-insensitive)'} · file \`${f.path.replace(/\\/g, '/')}\`${usedBy.length > 0 ? ` · used by ${usedBy.map((u) => `\`${u}\``).join(', ')}` : ' · not used by any rule'}*`, '');
  if (l.description !== undefined) lines.push(l.description, '');
  const items = l.items.map((i) => `\`${i}\``);
  const ranges = l.ranges.map(([a, b]) => `\`${a}\`–\`${b}\``);
  lines.push(`**Items.** ${[...items, ...ranges].join(', ') || '(none)'}`, '');
  if (l.sources.length > 0) lines.push('**Sources.**', '', ...l.sources.map(sourceLine), '');
  return lines.join('\n');
}

/** Lists named anywhere in a rule. */
function listsUsed(rule: IndicatorRule): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['op'] === 'string' && typeof o['list'] === 'string') out.add(o['list']);
      Object.values(o).forEach(walk);
    }
  };
  walk(rule);
  return [...out].sort();
}

/**
 * Renders the rule cards for a set of parsed rule files.
 *
 * @param files - parsed rule files, in any order (they are sorted by path)
 * @returns the Markdown text of `rules/README.md`
 * @example
 * renderRuleCards(readRuleFiles('rules').files).startsWith('# MSHT rule pack') //=> true
 */
export function renderRuleCards(files: readonly LoadedRuleFile[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const inds = sorted.filter((f): f is LoadedRuleFile & { data: IndicatorRule } => f.data.type === 'indicator');
  const typs = sorted.filter((f): f is LoadedRuleFile & { data: Typology } => f.data.type === 'typology');
  const lists = sorted.filter((f): f is LoadedRuleFile & { data: ReferenceList } => f.data.type === 'list');
  const byId = new Map(inds.map((f) => [f.data.id, f.data] as const));
  const feeds = new Map<string, string[]>();
  for (const t of typs) for (const m of t.data.members) {
    const arr = feeds.get(m.rule) ?? [];
    arr.push(`[\`${t.data.id}\`](#${anchor('typology', t.data.id)}) ${m.weight}`);
    feeds.set(m.rule, arr);
  }
  const listUsers = new Map<string, string[]>();
  for (const f of inds) for (const l of listsUsed(f.data)) {
    const arr = listUsers.get(l) ?? [];
    arr.push(f.data.id);
    listUsers.set(l, arr);
  }
  const evidenceCount = { direct: 0, partial: 0, inferred: 0 };
  for (const f of inds) if (f.data.evidence !== undefined) evidenceCount[f.data.evidence.level]++;

  const out: string[] = [];
  out.push('# MSHT rule pack', '');
  out.push('<!-- Generated by scripts/gen-rule-cards.ts from the rule files. Do not edit by hand: run `npx tsx scripts/gen-rule-cards.ts`. CI runs it with --check. -->', '');
  out.push(
    `This directory holds ${inds.length} indicator rules, ${typs.length} typologies and ${lists.length} reference lists for screening bank transactions for the financial red flags of modern slavery and human trafficking, with a focus on sexual exploitation on the Romania→UK corridor. ` +
      'Each indicator cites the published source it rests on. Where a source gives a figure, the parameter says so; every other threshold is a **default to calibrate** on the bank\'s own data, never a published number. ' +
      'No single indicator is conclusive (FINTRAC 2016, AUSTRAC 2022 and UKFIU 2020 all say so): the typologies combine them, and an alert is a reason to look, not a finding.',
    '',
  );
  out.push(
    `Evidence levels: **direct** — a source states the indicator (${evidenceCount.direct}); **partial** — a source states the pattern but the test or its numbers are the pack's (${evidenceCount.partial}); **inferred** — the rule is the catalogue's interpretation (${evidenceCount.inferred}).`,
    '',
  );
  out.push('Amounts are in the base currency (GBP unless the screener is configured otherwise). Windows are sliding, in event time: a window of 30 days at time *t* is (*t* − 30 days, *t*]. Values shown as `15 [name]` come from parameter `name` and can be overridden or swept (`--sweep rule.name=a:b:step`).', '');
  out.push('## Indicators', '', '| # | id | title | typologies (weight) | evidence | sources |', '|---|---|---|---|---|---|');
  for (const f of inds) {
    const num = /\/(\d{3})-[^/]*$/.exec(f.path.replace(/\\/g, '/'))?.[1] ?? '';
    const r = f.data;
    lines(out, `| ${num} | [\`${r.id}\`](#${anchor('rule', r.id)}) | ${cell(r.title)} | ${(feeds.get(r.id) ?? []).join(', ') || '—'} | ${r.evidence?.level ?? '—'} | ${cell(sourceKeys(r.sources))} |`);
  }
  out.push('');
  out.push('## Typologies', '', '| id | title | lookback | review | high | members |', '|---|---|---|---|---|---|');
  for (const f of typs) {
    const t = f.data;
    out.push(`| [\`${t.id}\`](#${anchor('typology', t.id)}) | ${cell(t.title)} | ${durationWords(t.lookback)} | ${t.thresholds.review} | ${t.thresholds.high} | ${t.members.length} |`);
  }
  out.push('');
  out.push('## Indicator cards', '');
  for (const f of inds) out.push(indicatorCard(f, f.data, feeds.get(f.data.id) ?? []));
  out.push('## Typology cards', '');
  for (const f of typs) out.push(typologyCard(f, f.data, byId));
  out.push('## Reference lists', '');
  out.push('Rules name lists by id, so a bank can replace a list file (for example with its own ad-site intelligence) without touching the rules.', '');
  for (const f of lists) out.push(listCard(f, f.data, listUsers.get(f.data.id) ?? []));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function lines(out: string[], line: string): void {
  out.push(line);
}

/** Path of the generated file for a rules directory. */
export function readmePath(rulesDir: string): string {
  return join(rulesDir, 'README.md');
}

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dir = args.find((a) => !a.startsWith('--')) ?? 'rules';
  const { files, problems } = readRuleFiles(dir);
  problems.push(...checkRuleFiles(files));
  if (problems.length > 0) {
    console.error(formatProblems(problems));
    console.error('\nFix the rule files before generating the cards.');
    process.exit(1);
  }
  const text = renderRuleCards(files);
  const target = readmePath(dir);
  if (check) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      /* missing file: out of date */
    }
    if (current !== text) {
      console.error(`${target} is out of date: run \`npx tsx scripts/gen-rule-cards.ts\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${target} is up to date.`);
    return;
  }
  writeFileSync(target, text);
  console.log(`wrote ${target} (${files.length} files)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
