import { loadRules } from '../../compile/load-rules.js';
import type { CompiledIndicator, RuleSet } from '../../compile/compile-rule-set.js';
import { formatSource } from '../../explain/explain-alert.js';
import { describeDuration } from '../../util/duration.js';
import { describeCondition, describeTrigger, describeMeasure } from '../../explain/describe-rule.js';
import { many, parse, UsageError } from '../args.js';
import type { CliContext } from '../context.js';

export const RULES_HELP = `Usage: msht-redflags rules <list|validate|show <id>> [--rules <dir|file>...] [--base-currency GBP] [--json]

  list       the loaded indicators and typologies, with their sources
  validate   check rule files; every problem with its file and JSON path (exit 2 if any)
  show <id>  one indicator or typology as a card: what it looks for, window, trigger in words, sources

Options:
  --rules <dir|file>      rule files or directories (repeatable; default: the bundled MSHT pack)
  --base-currency <code>  currency of money thresholds (default GBP)
  --json                  machine-readable output (list, show)
  -h, --help              this help`;

/**
 * `msht-redflags rules`: list, validate and show rules.
 */
export async function rulesCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, { rules: { type: 'string', multiple: true }, 'base-currency': { type: 'string' }, json: { type: 'boolean' } });
  if (values.help === true || positionals.length === 0) {
    ctx.stdout.write(`${RULES_HELP}\n`);
    return values.help === true ? 0 : 2;
  }
  const [sub, id] = positionals;
  const paths = many(values.rules);
  const rules = loadRules(paths.length > 0 ? paths : undefined, values['base-currency'] === undefined ? {} : { baseCurrency: values['base-currency'] });
  const out = (s: string) => ctx.stdout.write(`${s}\n`);
  switch (sub) {
    case 'validate':
      out(`✔ ${rules.indicators.length} indicators, ${rules.typologies.length} typologies, ${rules.lists.size} lists: no problems`);
      return 0;
    case 'list':
      if (values.json === true) {
        out(JSON.stringify({
          indicators: rules.indicators.map((r) => ({ id: r.id, version: r.version, title: r.title, enabled: r.enabled, scope: r.scopeField, window: r.document.window, sources: r.sources })),
          typologies: rules.typologies.map((t) => ({ id: t.id, version: t.version, title: t.title, members: Object.fromEntries([...t.members].map(([k, v]) => [k, v / 10_000])), thresholds: t.document.thresholds })),
        }, null, 2));
        return 0;
      }
      out(listText(rules));
      return 0;
    case 'show': {
      if (id === undefined) throw new UsageError('rules show needs an id');
      const ind = rules.indicators.find((r) => r.id === id);
      const typ = rules.typologies.find((t) => t.id === id);
      if (ind === undefined && typ === undefined) throw new UsageError(`no indicator or typology "${id}" (see: msht-redflags rules list)`);
      if (values.json === true) {
        out(JSON.stringify(ind?.document ?? typ?.document, null, 2));
        return 0;
      }
      out(ind !== undefined ? indicatorCard(ind, rules) : typologyCard(typ!, rules));
      return 0;
    }
    default:
      throw new UsageError(`unknown rules subcommand "${sub}" (list, validate, show)`);
  }
}

function listText(rules: RuleSet): string {
  const lines: string[] = [`Indicators (${rules.indicators.length})`];
  const w = Math.max(...rules.indicators.map((r) => r.id.length));
  for (const r of rules.indicators) {
    lines.push(`  ${r.id.padEnd(w)}  ${r.title}${r.enabled ? '' : ' [disabled]'}`);
    lines.push(`  ${' '.repeat(w)}  sources: ${r.sources.map((s) => `${s.issuer} ${s.year}`).join('; ') || 'none'}`);
  }
  lines.push('', `Typologies (${rules.typologies.length})`);
  for (const t of rules.typologies) {
    lines.push(`  ${t.id}  ${t.title}  (review ≥ ${t.document.thresholds.review}, high ≥ ${t.document.thresholds.high}; ${t.members.size} members)`);
  }
  return lines.join('\n');
}

function indicatorCard(r: CompiledIndicator, rules: RuleSet): string {
  const d = r.document;
  const feeds = rules.typologies.filter((t) => t.members.has(r.id)).map((t) => `${t.id} (weight ${t.members.get(r.id)! / 10_000})`);
  const lines = [
    `${d.title}  [${d.id}@${d.version}]`,
    '',
    d.description,
    ...(d.rationale === undefined ? [] : ['', `Why it matters: ${d.rationale}`]),
    '',
    `Looks at:   ${d.when === undefined ? 'every transaction' : describeCondition(d.when)}`,
    `Per:        ${r.scopeField}, over a sliding window of ${describeDuration(r.windowMs)}`,
    `Measures:   ${Object.entries(d.measures).map(([n, m]) => `${n} = ${describeMeasure(m)}`).join('\n            ')}`,
    `Fires when: ${describeTrigger(d.trigger)}`,
    `Cooldown:   ${describeDuration(r.cooldownMs)}`,
    ...(Object.keys(d.parameters).length === 0 ? [] : ['', 'Defaults:', ...Object.entries(d.parameters).map(([n, p]) => `  ${n} = ${JSON.stringify(p.value)} — ${p.description}${p.source === undefined ? '' : ` [source: ${p.source}]`}${p.calibration === undefined ? '' : ` [calibrate: ${p.calibration}]`}`)]),
    ...(d.evidence === undefined ? [] : ['', `Evidence: ${d.evidence.level} — ${d.evidence.note}`]),
    ...(feeds.length === 0 ? [] : ['', `Feeds typologies: ${feeds.join(', ')}`]),
    '',
    'Sources:',
    ...r.sources.map((s) => `  - ${formatSource(s)}${s.quote === undefined ? '' : `\n    "${s.quote}"`}`),
  ];
  return lines.join('\n');
}

function typologyCard(t: RuleSet['typologies'][number], rules: RuleSet): string {
  const d = t.document;
  return [
    `${d.title}  [${d.id}@${d.version}]`,
    '',
    d.description,
    '',
    `Entity: ${d.entity} · lookback ${d.lookback} · review ≥ ${d.thresholds.review} · high ≥ ${d.thresholds.high}`,
    'Members:',
    ...d.members.map((m) => `  ${String(m.weight).padEnd(5)} ${m.rule} — ${rules.indicators.find((r) => r.id === m.rule)?.title ?? '?'}`),
    '',
    'Sources:',
    ...d.sources.map((s) => `  - ${formatSource(s)}`),
  ].join('\n');
}
