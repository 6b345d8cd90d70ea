// Calibration of the rule pack on a generated population (a tool for rule authors, not the evaluator).
//
//   npx tsx scripts/calibrate.ts [--seed 1] [--accounts 2000] [--days 120] [--rules dir]
//       [--why rule1,rule2]      measures of the hits of these rules on background accounts, by archetype
//       [--probe scenario|acct]  measures over the period of every rule, for missed planted accounts of a
//                                scenario (or for the given account ids), with an always-true trigger
//       [--probe-max 3]          how many accounts to probe
//       [--hits out.json]        write every hit (account, rule, time) for offline typology what-ifs
//       [--weights file.json]    re-score typologies offline with other members/thresholds (see below)
//
// Quality figures (account level):
// - recall of a scenario: planted accounts of that scenario alerted by its own typology at review;
// - precision overall: alerted accounts (any typology) that are planted (any scenario) / alerted accounts;
// - precision per typology: its alerted accounts planted with its own scenario / its alerted accounts;
// - look-alike FP rate: background accounts of an archetype alerted by any typology / accounts of it.
//
// It never changes the generator: the population is whatever `generatePopulation` makes of the seed.
import { readFileSync, writeFileSync } from 'node:fs';
import { planPopulation, generateTransactions } from '../src/generate/index.js';
import { bundledRulesDir, compileRuleSet, createScreener, DEFAULT_TYPOLOGY_IDS, LOOKALIKE_ARCHETYPES, readRuleDocuments, SCENARIOS, type Alert, type Hit, type RuleDocument } from '../src/index.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt?: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const SEED = Number(opt('seed', '1'));
const N = Number(opt('accounts', '2000'));
const DAYS = Number(opt('days', '120'));
const RULES = opt('rules', bundledRulesDir())!;
const WHY = (opt('why') ?? '').split(',').filter(Boolean);
const PROBE = opt('probe');
const PROBE_MAX = Number(opt('probe-max', '3'));
const HITS_OUT = opt('hits');
const WEIGHTS = opt('weights');

const SCEN = SCENARIOS;
const TYP: Record<string, string> = DEFAULT_TYPOLOGY_IDS;
const LOOKALIKES: readonly string[] = LOOKALIKE_ARCHETYPES;
const fx = [
  { date: '2020-01-01', currency: 'RON', rateToBase: '0.17' },
  { date: '2020-01-01', currency: 'EUR', rateToBase: '0.85' },
];
const genOpts = { seed: SEED, accounts: N, days: DAYS, start: '2026-01-01' };

function loadDocs(): RuleDocument[] {
  const { documents, issues } = readRuleDocuments(RULES);
  if (issues.length > 0) throw new Error(JSON.stringify(issues));
  return documents;
}

const t0 = Date.now();
const plan = planPopulation(genOpts);
const planted = new Map(plan.labels.planted.map((l) => [l.accountId, l]));
const bg = new Map(plan.labels.background.map((l) => [l.accountId, l]));
const docs = loadDocs();
const rules = compileRuleSet(docs);
const s = createScreener({ rules, fx, profiles: plan.profiles, validate: false });

/** account → rule → hit times */
const hitTimes = new Map<string, Map<string, number[]>>();
/** rule → sample hits on background accounts, and on planted accounts */
const bgHits = new Map<string, Hit[]>();
const plHits = new Map<string, Hit[]>();
/** typology → account → best alert */
const alerted = new Map<string, Map<string, Alert>>();
let ntx = 0;
for (const tx of generateTransactions(genOpts)) {
  ntx++;
  for (const e of s.push(tx)) {
    if (e.type === 'hit') {
      const t = Date.parse(e.hit.at);
      for (const a of e.hit.accounts) {
        let m = hitTimes.get(a);
        if (!m) hitTimes.set(a, (m = new Map()));
        const l = m.get(e.hit.ruleId) ?? [];
        l.push(t);
        m.set(e.hit.ruleId, l);
        if (WHY.includes(e.hit.ruleId)) {
          const into = bg.has(a) ? bgHits : plHits;
          const l2 = into.get(e.hit.ruleId) ?? [];
          l2.push(e.hit);
          into.set(e.hit.ruleId, l2);
        }
      }
    } else if (e.type === 'alert') {
      let m = alerted.get(e.alert.typology.id);
      if (!m) alerted.set(e.alert.typology.id, (m = new Map()));
      const prev = m.get(e.alert.entity.key);
      if (!prev || e.alert.score > prev.score) m.set(e.alert.entity.key, e.alert);
    } else if (e.type === 'rejected') console.log('rejected', e.rejection);
  }
}
s.flush();
console.log(`seed ${SEED}: ${N} accounts × ${DAYS} days, ${ntx} tx, screened in ${((Date.now() - t0) / 1000).toFixed(0)}s`);

function report(al: Map<string, Map<string, { score: number }>>, title: string): void {
  console.log(`\n== ${title}`);
  const anyAlert = new Set<string>();
  for (const m of al.values()) for (const a of m.keys()) anyAlert.add(a);
  for (const sc of SCEN) {
    const accs = plan.labels.planted.filter((l) => l.scenario === sc);
    const t = TYP[sc]!;
    const mine = al.get(t) ?? new Map();
    const got = accs.filter((l) => mine.has(l.accountId));
    const missed = accs.filter((l) => !mine.has(l.accountId));
    const tp = [...mine.keys()].filter((a) => planted.get(a)?.scenario === sc).length;
    const otherPlanted = [...mine.keys()].filter((a) => planted.has(a) && planted.get(a)!.scenario !== sc).length;
    const fp = [...mine.keys()].filter((a) => bg.has(a));
    const arch = new Map<string, number>();
    for (const a of fp) arch.set(bg.get(a)!.archetype, (arch.get(bg.get(a)!.archetype) ?? 0) + 1);
    const roles = new Map<string, number>();
    for (const l of missed) roles.set(`${l.role}/${l.intensity.toFixed(2)}`, 1);
    console.log(
      `${sc.padEnd(15)} recall ${got.length}/${accs.length} = ${(got.length / Math.max(1, accs.length)).toFixed(3)} | ${t} alerts ${mine.size}: own ${tp}, other planted ${otherPlanted}, bg ${fp.length} ${JSON.stringify(Object.fromEntries(arch))} | precision ${(tp / Math.max(1, mine.size)).toFixed(3)}`,
    );
    if (missed.length > 0 && missed.length <= 12) console.log(`   missed: ${missed.map((l) => `${l.accountId}(${l.role},${l.archetype},i=${l.intensity.toFixed(2)})`).join(' ')}`);
  }
  const tpAll = [...anyAlert].filter((a) => planted.has(a)).length;
  console.log(`overall: alerted ${anyAlert.size}, planted ${tpAll}, background ${anyAlert.size - tpAll}, precision ${(tpAll / Math.max(1, anyAlert.size)).toFixed(3)}`);
  const archN = new Map<string, number>();
  const archA = new Map<string, number>();
  for (const l of plan.labels.background) archN.set(l.archetype, (archN.get(l.archetype) ?? 0) + 1);
  for (const a of anyAlert) {
    const b = bg.get(a);
    if (b) archA.set(b.archetype, (archA.get(b.archetype) ?? 0) + 1);
  }
  console.log(
    'FP by archetype: ' +
      [...archN]
        .map(([k, n]) => `${k} ${archA.get(k) ?? 0}/${n} (${(((archA.get(k) ?? 0) / n) * 100).toFixed(2)}%)${LOOKALIKES.includes(k) ? '*' : ''}`)
        .join(', '),
  );
}
report(alerted, `alerts with the pack in ${RULES}`);

// Indicator hits by account class.
console.log('\n== indicator hits (accounts): background by archetype | planted by scenario');
const ruleIds = rules.indicators.map((r) => r.id);
for (const r of ruleIds) {
  const b = new Map<string, number>();
  const p = new Map<string, number>();
  for (const [a, m] of hitTimes) {
    if (!m.has(r)) continue;
    const bl = bg.get(a);
    const pl = planted.get(a);
    if (bl) b.set(bl.archetype, (b.get(bl.archetype) ?? 0) + 1);
    if (pl) p.set(pl.scenario, (p.get(pl.scenario) ?? 0) + 1);
  }
  const fmt = (m: Map<string, number>): string => [...m].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k}:${n}`).join(' ');
  const bt = [...b.values()].reduce((x, y) => x + y, 0);
  const pt = [...p.values()].reduce((x, y) => x + y, 0);
  console.log(`  ${r.padEnd(26)} bg ${String(bt).padStart(4)} [${fmt(b)}]  planted ${String(pt).padStart(3)} [${fmt(p)}]`);
}

// Why background hits happen: the measures of the hits.
for (const r of WHY) {
  const hs = bgHits.get(r) ?? [];
  console.log(`\n== ${r}: ${hs.length} hits on background accounts; first accounts' measures`);
  const seen = new Set<string>();
  for (const h of hs) {
    const a = h.accounts[0]!;
    if (seen.has(a) || seen.size >= 12) continue;
    seen.add(a);
    const ms = Object.entries(h.measures).map(([k, v]) => `${k}=${v.value}`).join(' ');
    console.log(`  ${a} ${bg.get(a)?.archetype} ${ms}`);
  }
  const ph = plHits.get(r) ?? [];
  console.log(`   planted: ${ph.length} hits; first accounts' measures`);
  seen.clear();
  for (const h of ph) {
    const a = h.accounts[0]!;
    if (seen.has(a) || seen.size >= 12) continue;
    seen.add(a);
    const ms = Object.entries(h.measures).map(([k, v]) => `${k}=${v.value}`).join(' ');
    console.log(`  ${a} ${planted.get(a)?.scenario}/${planted.get(a)?.role} i=${planted.get(a)?.intensity} ${ms}`);
  }
}

// Offline typology what-if: score = sum of weights of members whose last hit is within the lookback.
if (WEIGHTS) {
  const alt = JSON.parse(readFileSync(WEIGHTS, 'utf8')) as Record<string, { lookbackDays: number; members: Record<string, number>; review: number }>;
  const al = new Map<string, Map<string, { score: number }>>();
  for (const [typ, cfg] of Object.entries(alt)) {
    const m = new Map<string, { score: number }>();
    const lb = cfg.lookbackDays * 86_400_000;
    for (const [a, rm] of hitTimes) {
      const events: [number, string][] = [];
      for (const [r, ts] of rm) if (cfg.members[r] !== undefined) for (const t of ts) events.push([t, r]);
      events.sort((x, y) => x[0] - y[0]);
      const last = new Map<string, number>();
      let best = 0;
      for (const [t, r] of events) {
        last.set(r, t);
        let sc = 0;
        for (const [r2, t2] of last) if (t2 > t - lb) sc += cfg.members[r2]!;
        best = Math.max(best, sc);
      }
      if (best >= cfg.review - 1e-9) m.set(a, { score: best });
    }
    al.set(typ, m);
  }
  for (const [typ, m] of alerted) if (!al.has(typ)) al.set(typ, m);
  report(al, `offline what-if with ${WEIGHTS}`);
}

if (HITS_OUT) {
  const out: Record<string, Record<string, number[]>> = {};
  for (const [a, m] of hitTimes) out[a] = Object.fromEntries(m);
  writeFileSync(HITS_OUT, JSON.stringify({ genOpts, planted: plan.labels.planted, hits: out }));
}

// Probe: replay the accounts' own transactions with an always-true trigger, report each measure's
// maximum over the period and its value at the end, with the rule's parameters.
if (PROBE) {
  let accts: string[];
  if ((SCEN as readonly string[]).includes(PROBE)) {
    const mine = alerted.get(TYP[PROBE]!) ?? new Map();
    accts = plan.labels.planted.filter((l) => l.scenario === PROBE && !mine.has(l.accountId)).map((l) => l.accountId).slice(0, PROBE_MAX);
  } else accts = PROBE.split(',');
  const probeDocs = docs.map((d) => {
    const j = structuredClone(d.json) as Record<string, unknown>;
    if (j.type === 'indicator') {
      const ms = Object.keys(j.measures as object);
      j.trigger = { any: [j.trigger, ...ms.map((m) => ({ measure: m, op: 'gte', value: -1e9 }))] };
      j.cooldown = 'PT1M';
    }
    return { json: j, file: d.file };
  });
  const prules = compileRuleSet(probeDocs);
  const set = new Set(accts);
  const ps = createScreener({ rules: prules, fx, profiles: plan.profiles, validate: false });
  const maxes = new Map<string, Map<string, Map<string, number>>>();
  const fired = new Map<string, Set<string>>();
  for (const tx of generateTransactions(genOpts)) {
    if (!set.has((tx as { accountId: string }).accountId)) continue;
    for (const e of ps.push(tx)) {
      if (e.type !== 'hit') continue;
      const a = e.hit.accounts[0]!;
      let m = maxes.get(a);
      if (!m) maxes.set(a, (m = new Map()));
      let rm = m.get(e.hit.ruleId);
      if (!rm) m.set(e.hit.ruleId, (rm = new Map()));
      for (const [k, v] of Object.entries(e.hit.measures)) {
        const x = v.value === null ? NaN : Number(v.value);
        if (!(rm.get(k)! >= x)) rm.set(k, x);
      }
    }
  }
  for (const a of accts) {
    const l = planted.get(a) ?? bg.get(a);
    console.log(`\n== probe ${a}: ${JSON.stringify(l)}`);
    const real = hitTimes.get(a) ?? new Map();
    console.log(`   real hits: ${[...real.keys()].join(', ') || 'none'}`);
    for (const [r, rm] of maxes.get(a) ?? []) {
      const rd = docs.find((d) => (d.json as { id?: string }).id === r)!.json as { parameters?: Record<string, { value: unknown }> };
      const params = Object.entries(rd.parameters ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v.value)}`).join(' ');
      console.log(`   ${real.has(r) ? '*' : ' '} ${r.padEnd(26)} max: ${[...rm].map(([k, v]) => `${k}=${+v.toFixed(2)}`).join(' ')}   | ${params}`);
    }
  }
  void fired;
}
