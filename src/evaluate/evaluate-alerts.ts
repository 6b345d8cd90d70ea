import type { Alert, Hit } from '../schema/alert.js';
import type { EvaluationLabels } from './labels.js';
import { wilsonInterval, type Proportion } from './wilson.js';

/** What evaluation reads of an alert (a full `Alert` fits). Revisions of one alert share its `alertId`. */
export type EvaluationAlert = Pick<Alert, 'alertId' | 'entity' | 'level' | 'raisedAt'> & {
  readonly typology: { readonly id: string; readonly title?: string };
  readonly reasons?: readonly { readonly accounts: readonly string[] }[];
};

/** What evaluation reads of a hit (a full `Hit` fits): enough to attribute it to accounts. */
export type EvaluationHit = Pick<Hit, 'ruleId' | 'scope' | 'accounts'>;

/**
 * The innocent look-alikes of the MSHT indicators, whose false-positive rate has a target.
 *
 * @example
 * LOOKALIKE_ARCHETYPES.includes('night_shift') //=> true
 */
export const LOOKALIKE_ARCHETYPES: readonly string[] = Object.freeze(['romanian_worker', 'business_traveller', 'night_shift']);

/** Input of {@link evaluateAlerts}. */
export interface EvaluateInput {
  /** Alerts (any revisions; counted once per `alertId`, at their highest level). */
  readonly alerts: Iterable<EvaluationAlert>;
  /** Indicator hits (optional; needed for the per-indicator table). */
  readonly hits?: Iterable<EvaluationHit>;
  /** Ground truth. */
  readonly labels: EvaluationLabels;
  /** Accounts in the population (default: the labelled accounts). */
  readonly accounts?: number;
  /** Length of the screened period in days (for alerts per 1,000 accounts per month). */
  readonly days: number;
  /** Typologies to report even when nothing was planted or alerted (e.g. the rule pack's), in this order. */
  readonly typologies?: readonly { readonly id: string; readonly title?: string }[];
  /** Indicators to report even when they never fired, in this order. */
  readonly indicators?: readonly string[];
  /** Archetypes whose false-positive rate has a target (default {@link LOOKALIKE_ARCHETYPES}). */
  readonly lookalikes?: readonly string[];
  /** Target false-positive rate of each look-alike archetype (default 0.01: below 1 %). */
  readonly lookalikeTarget?: number;
}

/** Account-level detection figures of one typology. */
export interface TypologyMetrics {
  readonly id: string;
  readonly title: string | undefined;
  /** Accounts planted with this typology. */
  readonly planted: number;
  /** Distinct accounts with an alert of this typology. */
  readonly alertedAccounts: number;
  /** Alerts of this typology (distinct alert ids). */
  readonly alerts: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  /** False positives that are background (innocent) accounts. */
  readonly falsePositivesBackground: number;
  /** False positives that are planted with another typology. */
  readonly falsePositivesOtherPlanted: number;
  /** False positives on accounts the labels do not mention. */
  readonly falsePositivesUnlabelled: number;
  readonly falseNegatives: number;
  /** TP / (TP + FP), with its Wilson interval. */
  readonly precision: Proportion;
  /** TP / planted, at the review threshold (any alert), with its Wilson interval. */
  readonly recall: Proportion;
  /** Planted accounts whose alert of this typology reached `high`. */
  readonly recallHigh: Proportion;
  /** Harmonic mean of precision and recall; `null` when either is undefined. */
  readonly f1: number | null;
  /** Median days from a planted account's label start to its first alert of this typology. */
  readonly medianDaysToAlert: number | null;
}

/** False positives among one background archetype. */
export interface ArchetypeMetrics {
  readonly archetype: string;
  readonly accounts: number;
  /** Accounts of this archetype with any alert, over its accounts. */
  readonly alerted: Proportion;
  /** Alerted accounts per typology. */
  readonly byTypology: Readonly<Record<string, number>>;
  /** Whether the archetype is an innocent look-alike with a target. */
  readonly lookalike: boolean;
  /** For look-alikes: whether the rate is below the target. */
  readonly meetsTarget: boolean | undefined;
}

/** Hits of one indicator, attributed to planted and background accounts. */
export interface IndicatorMetrics {
  readonly ruleId: string;
  readonly hits: number;
  /** Distinct planted accounts hit, by scenario. */
  readonly plantedAccounts: Readonly<Record<string, number>>;
  /** Distinct background accounts hit, by archetype. */
  readonly backgroundAccounts: Readonly<Record<string, number>>;
  readonly unlabelledAccounts: number;
}

/** The result of {@link evaluateAlerts}. */
export interface EvaluationResult {
  readonly accounts: number;
  readonly days: number;
  readonly alerts: number;
  /** Alerts per 1,000 accounts per month (a month is 365.25 / 12 days). */
  readonly alertsPerThousandAccountMonths: number;
  readonly typologies: readonly TypologyMetrics[];
  readonly overall: {
    readonly alertedAccounts: number;
    /** Alerted accounts that are planted with anything, over all alerted accounts. */
    readonly precision: Proportion;
    /** Planted accounts with any alert, over all planted accounts. */
    readonly recall: Proportion;
    /** Planted accounts with an alert of their own typology, over all planted accounts. */
    readonly recallOwnTypology: Proportion;
    readonly medianDaysToAlert: number | null;
  };
  readonly archetypes: readonly ArchetypeMetrics[];
  readonly lookalikeTarget: number;
  readonly indicators: readonly IndicatorMetrics[];
}

const DAY_MS = 86_400_000;
const MONTH_DAYS = 365.25 / 12;

/**
 * Compares alerts with ground-truth labels at account level.
 *
 * Definitions (per typology T): a **true positive** is an account planted with T that has an alert of
 * T (any level: review or high); a **false positive** is an account with an alert of T that is not
 * planted with T — split into background accounts, accounts planted with another typology, and
 * accounts the labels do not mention; a **false negative** is an account planted with T without an
 * alert of T. Precision, recall and the look-alike rates carry 95 % Wilson intervals. An alert on a
 * customer is attributed to every labelled account of that customer; an alert on another entity (a
 * device, say) to the accounts of its reasons.
 *
 * @param input - alerts, hits, labels, population size, period, and what to list
 * @returns per-typology, overall, per-archetype and per-indicator figures
 * @throws {RangeError} when `days` is not positive
 * @example
 * const r = evaluateAlerts({ alerts, hits, labels, days: 180 });
 * r.typologies.find((t) => t.id === 'popup_operation')?.recall.value //=> 0.95
 */
export function evaluateAlerts(input: EvaluateInput): EvaluationResult {
  if (!(input.days > 0)) throw new RangeError(`days must be positive (got ${input.days})`);
  const { labels } = input;
  const lookalikes = new Set(input.lookalikes ?? LOOKALIKE_ARCHETYPES);
  const target = input.lookalikeTarget ?? 0.01;

  // ---- ground truth ----
  const plantedByAccount = new Map<string, { scenario: string; typology: string; start: number | undefined }>();
  const archetypeOf = new Map<string, string>();
  const accountsOfCustomer = new Map<string, string[]>();
  const addCustomer = (customerId: string | undefined, accountId: string) => {
    if (customerId === undefined) return;
    const list = accountsOfCustomer.get(customerId) ?? [];
    if (!list.includes(accountId)) list.push(accountId);
    accountsOfCustomer.set(customerId, list);
  };
  for (const p of labels.planted) {
    const start = p.start === undefined ? undefined : Date.parse(p.start);
    plantedByAccount.set(p.accountId, { scenario: p.scenario, typology: p.typology, start: start === undefined || Number.isNaN(start) ? undefined : start });
    addCustomer(p.customerId, p.accountId);
  }
  for (const b of labels.background) {
    if (plantedByAccount.has(b.accountId)) continue;
    archetypeOf.set(b.accountId, b.archetype);
    addCustomer(b.customerId, b.accountId);
  }
  const labelled = plantedByAccount.size + archetypeOf.size;
  const accounts = input.accounts ?? labelled;

  // ---- alerts: one per alertId, its highest level; first raise per (typology, account) ----
  const byId = new Map<string, { typology: string; title: string | undefined; high: boolean; raisedAt: number; accounts: readonly string[] }>();
  for (const a of input.alerts) {
    const prev = byId.get(a.alertId);
    const high = a.level === 'high';
    if (prev !== undefined) {
      if (high) prev.high = true;
      continue;
    }
    let accs: readonly string[];
    if (a.entity.field === 'accountId') accs = [a.entity.key];
    else if (a.entity.field === 'customerId') accs = accountsOfCustomer.get(a.entity.key) ?? [a.entity.key];
    else accs = [...new Set((a.reasons ?? []).flatMap((r) => r.accounts))].sort();
    byId.set(a.alertId, { typology: a.typology.id, title: a.typology.title, high, raisedAt: Date.parse(a.raisedAt), accounts: accs });
  }
  /** typology → account → { first raise, reached high } */
  const alertedBy = new Map<string, Map<string, { first: number; high: boolean }>>();
  const alertsPerTypology = new Map<string, number>();
  const titles = new Map<string, string | undefined>();
  const anyAlert = new Map<string, Set<string>>(); // account → typologies
  for (const a of byId.values()) {
    alertsPerTypology.set(a.typology, (alertsPerTypology.get(a.typology) ?? 0) + 1);
    if (!titles.has(a.typology) || titles.get(a.typology) === undefined) titles.set(a.typology, a.title);
    const m = alertedBy.get(a.typology) ?? new Map<string, { first: number; high: boolean }>();
    alertedBy.set(a.typology, m);
    for (const acc of a.accounts) {
      const e = m.get(acc);
      if (e === undefined) m.set(acc, { first: a.raisedAt, high: a.high });
      else {
        if (a.raisedAt < e.first) e.first = a.raisedAt;
        if (a.high) e.high = true;
      }
      const s = anyAlert.get(acc) ?? new Set<string>();
      s.add(a.typology);
      anyAlert.set(acc, s);
    }
  }

  // ---- per typology ----
  const order: string[] = [];
  const seen = new Set<string>();
  const push = (id: string, title?: string) => {
    if (title !== undefined) titles.set(id, title);
    if (seen.has(id)) return;
    seen.add(id);
    order.push(id);
  };
  for (const t of input.typologies ?? []) push(t.id, t.title);
  for (const id of [...new Set([...labels.planted.map((p) => p.typology), ...alertedBy.keys()])].sort()) push(id);

  const allDelays: number[] = [];
  const typologies: TypologyMetrics[] = order.map((id) => {
    const alerted = alertedBy.get(id) ?? new Map<string, { first: number; high: boolean }>();
    let planted = 0;
    let tp = 0;
    let tpHigh = 0;
    const delays: number[] = [];
    for (const [acc, p] of plantedByAccount) {
      if (p.typology !== id) continue;
      planted++;
      const a = alerted.get(acc);
      if (a === undefined) continue;
      tp++;
      if (a.high) tpHigh++;
      if (p.start !== undefined) delays.push((a.first - p.start) / DAY_MS);
    }
    let fpBackground = 0;
    let fpOther = 0;
    let fpUnlabelled = 0;
    for (const acc of alerted.keys()) {
      const p = plantedByAccount.get(acc);
      if (p?.typology === id) continue;
      if (p !== undefined) fpOther++;
      else if (archetypeOf.has(acc)) fpBackground++;
      else fpUnlabelled++;
    }
    allDelays.push(...delays);
    const fp = fpBackground + fpOther + fpUnlabelled;
    const precision = wilsonInterval(tp, tp + fp);
    const recall = wilsonInterval(tp, planted);
    return {
      id,
      title: titles.get(id),
      planted,
      alertedAccounts: alerted.size,
      alerts: alertsPerTypology.get(id) ?? 0,
      truePositives: tp,
      falsePositives: fp,
      falsePositivesBackground: fpBackground,
      falsePositivesOtherPlanted: fpOther,
      falsePositivesUnlabelled: fpUnlabelled,
      falseNegatives: planted - tp,
      precision,
      recall,
      recallHigh: wilsonInterval(tpHigh, planted),
      f1: f1Of(precision.value, recall.value),
      medianDaysToAlert: median(delays),
    };
  });

  // ---- overall ----
  let alertedPlanted = 0;
  for (const acc of anyAlert.keys()) if (plantedByAccount.has(acc)) alertedPlanted++;
  let ownTypology = 0;
  for (const [acc, p] of plantedByAccount) if (anyAlert.get(acc)?.has(p.typology) === true) ownTypology++;
  const overall = {
    alertedAccounts: anyAlert.size,
    precision: wilsonInterval(alertedPlanted, anyAlert.size),
    recall: wilsonInterval(alertedPlanted, plantedByAccount.size),
    recallOwnTypology: wilsonInterval(ownTypology, plantedByAccount.size),
    medianDaysToAlert: median(allDelays),
  };

  // ---- background archetypes ----
  const perArchetype = new Map<string, { accounts: number; alerted: number; byTypology: Record<string, number> }>();
  for (const [acc, arch] of archetypeOf) {
    const e = perArchetype.get(arch) ?? { accounts: 0, alerted: 0, byTypology: {} };
    perArchetype.set(arch, e);
    e.accounts++;
    const ts = anyAlert.get(acc);
    if (ts === undefined) continue;
    e.alerted++;
    for (const t of [...ts].sort()) e.byTypology[t] = (e.byTypology[t] ?? 0) + 1;
  }
  const archetypes: ArchetypeMetrics[] = [...perArchetype.keys()].sort().map((arch) => {
    const e = perArchetype.get(arch)!;
    const rate = wilsonInterval(e.alerted, e.accounts);
    const lookalike = lookalikes.has(arch);
    return { archetype: arch, accounts: e.accounts, alerted: rate, byTypology: e.byTypology, lookalike, meetsTarget: lookalike ? (rate.value ?? 0) < target : undefined };
  });

  // ---- indicators ----
  const perRule = new Map<string, { hits: number; accounts: Set<string> }>();
  for (const id of input.indicators ?? []) perRule.set(id, { hits: 0, accounts: new Set() });
  for (const h of input.hits ?? []) {
    const e = perRule.get(h.ruleId) ?? { hits: 0, accounts: new Set<string>() };
    perRule.set(h.ruleId, e);
    e.hits++;
    if (h.scope.field === 'accountId') e.accounts.add(h.scope.key);
    else if (h.scope.field === 'customerId' && accountsOfCustomer.has(h.scope.key)) for (const a of accountsOfCustomer.get(h.scope.key)!) e.accounts.add(a);
    else for (const a of h.accounts) e.accounts.add(a);
  }
  const ruleOrder = [...(input.indicators ?? []), ...[...perRule.keys()].filter((k) => !(input.indicators ?? []).includes(k)).sort()];
  const indicators: IndicatorMetrics[] = ruleOrder.map((ruleId) => {
    const e = perRule.get(ruleId)!;
    const plantedAccounts: Record<string, number> = {};
    const backgroundAccounts: Record<string, number> = {};
    let unlabelled = 0;
    for (const acc of [...e.accounts].sort()) {
      const p = plantedByAccount.get(acc);
      const arch = archetypeOf.get(acc);
      if (p !== undefined) plantedAccounts[p.scenario] = (plantedAccounts[p.scenario] ?? 0) + 1;
      else if (arch !== undefined) backgroundAccounts[arch] = (backgroundAccounts[arch] ?? 0) + 1;
      else unlabelled++;
    }
    return { ruleId, hits: e.hits, plantedAccounts: sortRecord(plantedAccounts), backgroundAccounts: sortRecord(backgroundAccounts), unlabelledAccounts: unlabelled };
  });

  const months = input.days / MONTH_DAYS;
  return {
    accounts,
    days: input.days,
    alerts: byId.size,
    alertsPerThousandAccountMonths: accounts === 0 ? 0 : (byId.size / accounts) * 1000 / months,
    typologies,
    overall,
    archetypes,
    lookalikeTarget: target,
    indicators,
  };
}

function f1Of(p: number | null, r: number | null): number | null {
  if (p === null || r === null) return null;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/**
 * The median of a list of numbers (mean of the middle two for an even count).
 *
 * @param values - numbers, in any order
 * @returns the median, or `null` for an empty list
 * @example
 * median([3, 1, 2]) //=> 2
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function sortRecord(r: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k]!;
  return out;
}
