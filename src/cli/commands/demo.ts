import { loadRules } from '../../compile/load-rules.js';
import type { CompiledTypology } from '../../compile/compile-rule-set.js';
import { createScreener } from '../../engine/screener.js';
import { fxRatesForGenerated } from '../../evaluate/fx-table.js';
import { explainAlert } from '../../explain/explain-alert.js';
import { generatePopulation } from '../../generate/index.js';
import { SCENARIOS, type Scenario } from '../../generate/types.js';
import type { Alert, Hit, ScreenEvent } from '../../schema/alert.js';
import type { Transaction } from '../../schema/transaction.js';
import { choice, parse, positiveInt, UsageError } from '../args.js';
import type { CliContext } from '../context.js';

/** Help text of `msht-redflags demo`. */
export const DEMO_HELP = `Usage: msht-redflags demo [--scenario <name>] [--seed N]

The trainer's demo: generates a small population, plants one clear instance of a scenario, screens
it with the bundled rules and narrates what happens, day by day — the planted account's transactions
that fed an indicator, each indicator as it fires (title, explanation, source), the typology score
rising towards its thresholds, and the final alert with its explanation.

Options:
  --scenario <name>   ${SCENARIOS.join(' | ')} (default popup)
  --seed <n>          seed of the population (default 1); if this seed's instance raises no alert,
                      the next seeds are tried (up to 10) and the one used is shown
  --accounts <n>      population size (default 40)
  --days <n>          length of the period (default 75)
  --max-per-day <n>   transactions shown per day before "… more" (default 6)
  -h, --help          this help`;

const ALIASES: Readonly<Record<string, Scenario>> = { 'front-business': 'front_business', frontbusiness: 'front_business' };

interface Step {
  readonly tx: Transaction;
  readonly events: readonly ScreenEvent[];
}

/**
 * `msht-redflags demo`: narrates one planted scenario from its transactions to the alert.
 *
 * @param argv - the command's arguments
 * @param ctx - streams and clock
 * @returns the exit code (0, also when no alert could be produced: that is said in the output)
 * @throws {UsageError} for bad arguments (exit code 2)
 * @example
 * await demoCommand(['--scenario', 'victim'], ctx) //=> 0
 */
export async function demoCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { scenario: { type: 'string' }, seed: { type: 'string' }, accounts: { type: 'string' }, days: { type: 'string' }, 'max-per-day': { type: 'string' } },
    false,
  );
  void positionals;
  if (values.help === true) {
    ctx.stdout.write(`${DEMO_HELP}\n`);
    return 0;
  }
  const scenario = choice<Scenario>('scenario', values.scenario === undefined ? undefined : (ALIASES[values.scenario] ?? values.scenario), SCENARIOS, 'popup');
  const seed0 = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed0)) throw new UsageError(`--seed must be a whole number (got "${values.seed}")`);
  const accounts = positiveInt('accounts', values.accounts, 40);
  const days = positiveInt('days', values.days, 75);
  const maxPerDay = positiveInt('max-per-day', values['max-per-day'], 6);
  if (accounts < 2) throw new UsageError('--accounts must be at least 2');

  const rules = loadRules();
  const w = (s: string) => ctx.stdout.write(`${s}\n`);
  let last: ReturnType<typeof runOnce> | undefined;
  for (let seed = seed0; seed < seed0 + 10; seed++) {
    last = runOnce(seed, scenario, accounts, days, rules, ctx.now);
    if (last.alert !== undefined) break;
  }
  const run = last!;
  const { label, typology } = run;
  const acc = label.accountId;
  const members = typology === undefined ? new Map<string, number>() : new Map([...typology.members].map(([k, v]) => [k, v / 10_000]));
  const thresholds = typology === undefined ? { review: 0, high: 0 } : { review: typology.reviewUnits / 10_000, high: typology.highUnits / 10_000 };

  w(`msht-redflags demo — scenario "${scenario}" → typology ${label.typology}${typology === undefined ? ' (not in the rule pack)' : `: ${typology.title}`}`);
  w(`Population: ${accounts} accounts over ${days} days from ${run.start} (seed ${run.seed}); ${run.steps.length.toLocaleString('en-GB')} transactions screened with the bundled rules in ${run.ms} ms.`);
  w(`Planted account ${acc} (role ${label.role}, cover: ${label.archetype}, intensity ${label.intensity}); planted activity from ${label.start.slice(0, 10)}.`);
  if (typology !== undefined) {
    w(`The typology's score is the sum of the weights of its indicators that fired within ${typology.document.lookback}; review at ${thresholds.review.toFixed(2)}, high at ${thresholds.high.toFixed(2)}.`);
    w(`Members: ${[...members].map(([r, x]) => `${r} ${x.toFixed(2)}`).join(', ')}`);
  }
  w('');

  if (run.alert === undefined) {
    w(`No ${label.typology} alert was raised on the planted account with seeds ${seed0}–${run.seed}; try another --seed.`);
    return 0;
  }
  // Narrate up to the revision where the alert first reaches its highest score: later revisions only repeat.
  const revisions: Alert[] = [];
  run.steps.forEach((s) => {
    for (const e of s.events) if (e.type === 'alert' && e.alert.alertId === run.alert!.alertId) revisions.push(e.alert);
  });
  const top = Math.max(...revisions.map((a) => a.score));
  const alert = revisions.find((a) => a.score === top) ?? run.alert;
  const alertEnd = Date.parse(alert.updatedAt);
  // The hits of the typology's members for this account, up to the alert's last revision.
  const isOurs = (h: Hit) => members.has(h.ruleId) && (h.scope.key === acc || h.scope.key === label.customerId || h.accounts.includes(acc));
  const feeds = new Map<string, Set<string>>();
  for (const s of run.steps) {
    if (Date.parse(s.tx.timestamp) > alertEnd) break;
    for (const e of s.events) {
      if (e.type !== 'hit' || !isOurs(e.hit) || Date.parse(e.hit.at) > alertEnd) continue;
      for (const id of e.hit.transactionIds) {
        const set = feeds.get(id) ?? new Set<string>();
        set.add(e.hit.ruleId);
        feeds.set(id, set);
      }
    }
  }

  let day = '';
  let shownToday = 0;
  let hiddenToday = 0;
  const lastFired = new Map<string, number>();
  const lookbackMs = typology?.lookbackMs ?? 0;
  const closeDay = () => {
    if (hiddenToday > 0) w(`    … ${hiddenToday} more transaction${hiddenToday === 1 ? '' : 's'} of this account fed these indicators today`);
    hiddenToday = 0;
  };
  let laterHits = 0;
  for (const s of run.steps) {
    const t = Date.parse(s.tx.timestamp);
    const ours = s.tx.accountId === acc && feeds.has(s.tx.id);
    const events = s.events.filter((e) => (e.type === 'hit' && isOurs(e.hit)) || (e.type === 'alert' && e.alert.alertId === alert.alertId && e.alert.revision <= alert.revision));
    if (t > alertEnd) {
      laterHits += events.filter((e) => e.type === 'hit').length;
      continue;
    }
    if (!ours && events.length === 0) continue;
    const d = s.tx.timestamp.slice(0, 10);
    if (d !== day) {
      closeDay();
      day = d;
      shownToday = 0;
      w(`${d} ${new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' })}`);
    }
    if (ours) {
      if (shownToday < maxPerDay || events.length > 0) {
        w(`    ${describeTx(s.tx)}  [${[...feeds.get(s.tx.id)!].join(', ')}]`);
        shownToday++;
      } else hiddenToday++;
    }
    for (const e of events) {
      if (e.type === 'hit') {
        const h = e.hit;
        const before = scoreAt(lastFired, members, t, lookbackMs);
        const again = lastFired.has(h.ruleId) && t - lastFired.get(h.ruleId)! <= lookbackMs;
        lastFired.set(h.ruleId, t);
        const score = scoreAt(lastFired, members, t, lookbackMs);
        closeDay();
        if (again) {
          w(`  ▷ ${h.ruleId} fires again: ${h.text}`);
        } else {
          w(`  ▶ ${h.title} (${h.ruleId}, weight ${(members.get(h.ruleId) ?? 0).toFixed(2)}) fires`);
          w(`      ${h.text}`);
          w(`      Source: ${h.sources.slice(0, 2).map(shortSource).join('; ')}${h.sources.length > 2 ? ` (+${h.sources.length - 2} more)` : ''}`);
        }
        if (score !== before || !again) w(`      ${scoreBar(score, thresholds)}`);
      } else if (e.type === 'alert') {
        closeDay();
        w(`  ■ ALERT ${e.change === 'raised' ? 'raised' : 'updated'}: ${e.alert.level.toUpperCase()} ${e.alert.typology.id}, score ${e.alert.score.toFixed(2)} (revision ${e.alert.revision})`);
      }
    }
  }
  closeDay();
  if (laterHits > 0) w(`(${laterHits} later hit${laterHits === 1 ? '' : 's'} of these indicators, after the alert reached its highest score, not shown)`);
  w('');
  w('Final alert, as an analyst reads it:');
  w('');
  w(explainAlert(alert, { maxTransactionIds: 8 }));
  return 0;
}

function runOnce(seed: number, scenario: Scenario, accounts: number, days: number, rules: ReturnType<typeof loadRules>, now: () => number) {
  const started = now();
  const planted = Object.fromEntries(SCENARIOS.map((s) => [s, s === scenario ? 1 / accounts : 0]));
  const gen = generatePopulation({ seed, accounts, days, planted, intensity: [0.85, 1], roSideShare: 0 });
  const label = gen.labels.planted[0];
  if (label === undefined) throw new UsageError('the population has no planted account (use more --accounts)');
  const o = gen.options;
  const screener = createScreener({ rules, fx: fxRatesForGenerated({ start: o.start, baseCurrency: o.baseCurrency, roCurrency: o.roCurrency }), profiles: gen.profiles, validate: false });
  const steps: Step[] = [];
  let alert: Alert | undefined;
  for (const tx of gen.transactions) {
    const events = screener.push(tx);
    steps.push({ tx, events });
    for (const e of events) {
      if (e.type !== 'alert' || e.alert.typology.id !== label.typology) continue;
      const a = e.alert;
      const mine = a.entity.key === label.accountId || a.entity.key === label.customerId;
      if (!mine) continue;
      if (alert === undefined || alert.alertId === a.alertId) alert = a;
    }
  }
  const typology: CompiledTypology | undefined = rules.typologies.find((t) => t.id === label.typology);
  return { seed, start: o.start, label, typology, steps, alert, ms: now() - started };
}

function scoreAt(lastFired: ReadonlyMap<string, number>, members: ReadonlyMap<string, number>, t: number, lookbackMs: number): number {
  let units = 0;
  // Sum in ten-thousandths, as the scorer does, so 0.15 + 0.2 prints as 0.35 and not 0.35000000000000003.
  for (const [r, at] of lastFired) if (t - at <= lookbackMs) units += Math.round((members.get(r) ?? 0) * 10_000);
  return units / 10_000;
}

function shortSource(s: { issuer: string; ref: string; year: number }): string {
  return `${s.issuer}, ${s.ref} (${s.year})`;
}

function scoreBar(score: number, t: { review: number; high: number }): string {
  const width = 24;
  const max = Math.max(t.high, score, 0.01);
  const filled = Math.round((Math.min(score, max) / max) * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const state = score >= t.high ? 'high reached' : score >= t.review ? 'review reached' : `${(t.review - score).toFixed(2)} short of review`;
  return `score ${bar} ${score.toFixed(2)}  (review ${t.review.toFixed(2)}, high ${t.high.toFixed(2)}: ${state})`;
}

function describeTx(tx: Transaction): string {
  const time = tx.timestamp.slice(11, 16);
  const amount = `${tx.currency} ${Number(tx.amount).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const arrow = tx.direction === 'out' ? 'out' : 'in ';
  let what: string;
  if (tx.merchant?.name !== undefined || tx.merchant?.mcc !== undefined) {
    what = `${tx.merchant.name ?? 'merchant'}${tx.merchant.mcc === undefined ? '' : ` (MCC ${tx.merchant.mcc}${tx.merchant.city === undefined ? '' : `, ${tx.merchant.city}`})`}`;
  } else if (tx.channel === 'cash' || tx.channel === 'atm') {
    what = `${tx.channel === 'atm' ? 'ATM' : 'cash'}${tx.location?.city === undefined ? '' : ` in ${tx.location.city}`}`;
  } else {
    const cp = tx.counterparty;
    const who = cp?.name ?? cp?.account ?? 'counterparty';
    what = `${tx.direction === 'out' ? 'to' : 'from'} ${who}${cp?.country === undefined ? '' : ` (${cp.country})`}`;
  }
  const ref = tx.reference === undefined ? '' : ` "${tx.reference}"`;
  return `${time}  ${arrow} ${amount.padStart(13)}  ${tx.channel.padEnd(8)} ${what}${ref}`;
}
