/**
 * The measured sections (each runs in its own child process, see bench/child.ts): core screening,
 * rule-count scaling, json-rules-engine vs this engine, CSV end to end. Memory has its own child
 * (bench/memory-child.ts) because it needs `--expose-gc` and one fresh process per size.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFile } from 'fast-csv';
import { Engine } from 'json-rules-engine';
import { writeCanonicalCsv } from '../src/generate/index.js';
import { compileRuleSet, createFxConverter, createScreener, loadRules, readRuleDocuments, bundledRulesDir, type RuleSet, type Transaction } from '../src/index.js';
import { readTransactions } from '../src/ingest/index.js';
import { createLocalClock } from '../src/engine/local-time.js';
import { parseIsoInstant } from '../src/util/iso-time.js';
import type { Row } from '../src/engine/row.js';
import { FX, SEED, generateArray, generated, log, median, now, percentileSorted, secondsSince } from './common.js';
import { factsOf, subsetAsIndicators, subsetAsJre } from './stateless.js';

export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'out');

/** One timed pass of a screener over an in-memory array. */
export interface ScreenRun {
  seconds: number;
  txPerSec: number;
  events: number;
  hits: number;
  alertsRaised: number;
  /** Per-transaction latency of the sampled pushes, µs (absent when not sampled). */
  latencyUs?: { p50: number; p90: number; p99: number; p999: number; max: number; samples: number };
}

/**
 * Screens `txs` with a fresh screener. With `sampleEvery` > 0, every `sampleEvery`-th push is timed on
 * its own with `process.hrtime.bigint()` (the timer's own cost, ~0.05–0.1 µs, is inside each sample);
 * throughput is wall time over the whole pass, sampled pushes included.
 */
export function screenArray(txs: readonly Transaction[], rules: RuleSet, sampleEvery: number): ScreenRun {
  const s = createScreener({ rules, fx: FX, validate: false });
  const n = txs.length;
  const samples = new Float64Array(sampleEvery > 0 ? Math.ceil(n / sampleEvery) : 0);
  let k = 0;
  let events = 0;
  const t0 = now();
  if (sampleEvery > 0) {
    for (let i = 0; i < n; i++) {
      if (i % sampleEvery === 0) {
        const a = process.hrtime.bigint();
        events += s.push(txs[i]).length;
        samples[k++] = Number(process.hrtime.bigint() - a);
      } else events += s.push(txs[i]).length;
    }
  } else for (let i = 0; i < n; i++) events += s.push(txs[i]).length;
  events += s.flush().length;
  const seconds = secondsSince(t0);
  const run: ScreenRun = { seconds, txPerSec: n / seconds, events, hits: s.stats.hits, alertsRaised: s.stats.alertsRaised };
  if (k > 0) {
    const sorted = samples.subarray(0, k).sort();
    const us = (ns: number): number => ns / 1000;
    run.latencyUs = {
      p50: us(percentileSorted(sorted, 50)),
      p90: us(percentileSorted(sorted, 90)),
      p99: us(percentileSorted(sorted, 99)),
      p999: us(percentileSorted(sorted, 99.9)),
      max: us(sorted[k - 1]!),
      samples: k,
    };
  }
  return run;
}

/** A short untimed pass so the timed passes run optimised code. */
function warmUp(txs: readonly Transaction[], rules: RuleSet): void {
  const n = Math.min(txs.length, Math.max(2000, Math.floor(txs.length / 20)));
  screenArray(txs.slice(0, n), rules, 0);
}

function gcIfExposed(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Section 1: the default pack over `tx` pre-generated transactions. */
export async function core(o: { tx: number; accounts: number; runs: number; sampleEvery: number }) {
  log(`core: generating ${o.tx} transactions over ${o.accounts} accounts`);
  const { txs, seconds: genSeconds } = generateArray({ accounts: o.accounts, n: o.tx });
  log(`core: generated ${txs.length} in ${genSeconds.toFixed(1)} s`);
  const t0 = now();
  const rules = loadRules();
  const loadMs = secondsSince(t0) * 1000;
  warmUp(txs, rules);
  floorPass(txs.slice(0, 20_000));
  const runs: ScreenRun[] = [];
  const floors: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    gcIfExposed();
    const run = screenArray(txs, rules, o.sampleEvery);
    log(`core: run ${r + 1}/${o.runs}: ${Math.round(run.txPerSec)} tx/s, p99 ${run.latencyUs?.p99.toFixed(1)} µs`);
    runs.push(run);
    gcIfExposed();
    floors.push(floorPass(txs));
  }
  const lat = (f: 'p50' | 'p90' | 'p99' | 'p999' | 'max') => median(runs.map((r) => r.latencyUs?.[f] ?? Number.NaN));
  return {
    transactions: txs.length,
    accounts: o.accounts,
    rules: rules.indicators.filter((r) => r.enabled).length,
    typologies: rules.typologies.length,
    runs: runs.length,
    sampleEvery: o.sampleEvery,
    loadRulesMs: loadMs,
    generation: { seconds: genSeconds, txPerSec: txs.length / genSeconds },
    txPerSec: median(runs.map((r) => r.txPerSec)),
    txPerSecRuns: runs.map((r) => r.txPerSec),
    latencyUs: { p50: lat('p50'), p90: lat('p90'), p99: lat('p99'), p999: lat('p999'), max: lat('max'), maxOfRuns: Math.max(...runs.map((r) => r.latencyUs?.max ?? 0)) },
    hits: runs[0]!.hits,
    alertsRaised: runs[0]!.alertsRaised,
    floorTxPerSec: median(floors),
  };
}

/**
 * The floor of any screener of this pack over the same in-memory objects (no rules at all): read the
 * fields the pack reads, parse the timestamp, take local time and the amount in base minor units,
 * remember the id for duplicate detection and append the transaction to one bounded per-account
 * list. Returns tx/s.
 */
export function floorPass(txs: readonly Transaction[]): number {
  const fx = createFxConverter('GBP', FX);
  const clock = createLocalClock('Europe/London');
  const seen = new Map<string, number>();
  const perAccount = new Map<string, number[]>();
  let sink = 0;
  const t0 = now();
  for (let i = 0; i < txs.length; i++) {
    const t = txs[i]!;
    sink += t.direction.length + t.channel.length + t.amount.length + t.currency.length + (t.purpose?.length ?? 0);
    sink += (t.merchant?.mcc?.length ?? 0) + (t.merchant?.name?.length ?? 0) + (t.counterparty?.account?.length ?? 0) + (t.device?.id?.length ?? 0);
    const at = parseIsoInstant(t.timestamp);
    sink += fx.toBaseMinor(t.amount, t.currency, clock(at).date) ?? 0;
    if (seen.get(t.id) === undefined) seen.set(t.id, at);
    let list = perAccount.get(t.accountId);
    if (list === undefined) perAccount.set(t.accountId, (list = []));
    list.push(at);
    if (list.length > 64) list.splice(0, 32);
  }
  const seconds = secondsSince(t0);
  if (sink === -1) log('unreachable');
  return txs.length / seconds;
}

/** The bundled documents with only `count` indicators enabled; beyond the pack's size, pack rules are cloned under new ids. */
function packWithRuleCount(count: number): RuleSet {
  const { documents } = readRuleDocuments(bundledRulesDir());
  const indicators = documents.filter((d) => (d.json as { type?: string }).type === 'indicator');
  const ids = indicators.map((d) => (d.json as { id: string }).id);
  if (count <= indicators.length) return compileRuleSet(documents, { only: ids.slice(0, count) });
  const clones = [];
  for (let i = 0; clones.length < count - indicators.length; i++) {
    const src = indicators[i % indicators.length]!.json as Record<string, unknown>;
    clones.push({ json: { ...structuredClone(src), id: `${String(src.id)}_c${Math.floor(i / indicators.length) + 1}` } });
  }
  return compileRuleSet([...documents, ...clones]);
}

/** Section 5: throughput with 1, 10, 30, 100 rules over the same transactions. */
export async function rules(o: { tx: number; accounts: number; runs: number; counts: number[] }) {
  const { txs } = generateArray({ accounts: o.accounts, n: o.tx });
  log(`rules: ${txs.length} transactions over ${o.accounts} accounts`);
  const sets = o.counts.map((c) => ({ count: c, rules: packWithRuleCount(c) }));
  for (const s of sets) warmUp(txs, s.rules);
  const perCount = new Map<number, ScreenRun[]>(o.counts.map((c) => [c, []]));
  // Interleaved so drift in the machine's speed hits every rule count alike.
  for (let r = 0; r < o.runs; r++) {
    for (const s of sets) {
      gcIfExposed();
      const run = screenArray(txs, s.rules, 0);
      perCount.get(s.count)!.push(run);
      log(`rules: ${s.count} rules run ${r + 1}/${o.runs}: ${Math.round(run.txPerSec)} tx/s`);
    }
  }
  const rows = sets.map((s) => {
    const runs = perCount.get(s.count)!;
    const txPerSec = median(runs.map((r) => r.txPerSec));
    return { rules: s.rules.indicators.filter((r) => r.enabled).length, txPerSec, usPerTx: 1e6 / txPerSec, hits: runs[0]!.hits };
  });
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  return {
    transactions: txs.length,
    accounts: o.accounts,
    runs: o.runs,
    rows,
    /** Marginal cost of a rule: slope between the smallest and largest rule counts. */
    usPerRulePerTx: (last.usPerTx - first.usPerTx) / (last.rules - first.rules),
  };
}

/** Section 3: the stateless subset in json-rules-engine vs this engine, same transactions, same run. */
export async function jre(o: { tx: number; accounts: number; runs: number }) {
  const { txs } = generateArray({ accounts: o.accounts, n: o.tx });
  log(`jre: ${txs.length} transactions over ${o.accounts} accounts`);
  const ruleSet = compileRuleSet(subsetAsIndicators());
  const fx = createFxConverter('GBP', FX);
  const clock = createLocalClock('Europe/London');
  // Inputs of the two baselines-without-parsing, prepared outside the timings.
  const toPounds = (tx: Transaction) => fx.toBaseMinor(tx.amount, tx.currency, tx.timestamp.slice(0, 10))! / 100;
  const facts = txs.map((tx) => factsOf(tx, toPounds));
  const rows: Row[] = txs.map((tx) => {
    const t = Date.parse(tx.timestamp);
    const local = clock(t);
    return { tx, t, amountMinor: fx.toBaseMinor(tx.amount, tx.currency, local.date)!, local, profile: undefined, profileMinor: undefined };
  });
  const engine = new Engine(subsetAsJre() as never, { allowUndefinedFacts: true });
  const indicators = ruleSet.indicators;

  async function runJre(): Promise<{ seconds: number; matches: number }> {
    let matches = 0;
    const t0 = now();
    for (const f of facts) matches += (await engine.run(f as never)).events.length;
    return { seconds: secondsSince(t0), matches };
  }
  function runPredicates(): { seconds: number; matches: number } {
    let matches = 0;
    const t0 = now();
    for (const row of rows) for (const rule of indicators) if (rule.when(row)) matches++;
    return { seconds: secondsSince(t0), matches };
  }
  // Warm-up of all three.
  await (async () => {
    const n = Math.min(facts.length, 2000);
    for (let i = 0; i < n; i++) await engine.run(facts[i] as never);
    screenArray(txs.slice(0, n), ruleSet, 0);
    for (let i = 0; i < n; i++) for (const rule of indicators) rule.when(rows[i]!);
  })();
  const j: number[] = [];
  const s: number[] = [];
  const p: number[] = [];
  let jMatches = 0;
  let sHits = 0;
  let pMatches = 0;
  for (let r = 0; r < o.runs; r++) {
    gcIfExposed();
    const a = await runJre();
    j.push(txs.length / a.seconds);
    jMatches = a.matches;
    gcIfExposed();
    const b = screenArray(txs, ruleSet, 0);
    s.push(b.txPerSec);
    sHits = b.hits;
    gcIfExposed();
    const c = runPredicates();
    p.push(txs.length / c.seconds);
    pMatches = c.matches;
    log(`jre: run ${r + 1}/${o.runs}: json-rules-engine ${Math.round(j[r]!)} tx/s, screener ${Math.round(s[r]!)} tx/s, predicates ${Math.round(p[r]!)} tx/s`);
  }
  const jreTxPerSec = median(j);
  const screenerTxPerSec = median(s);
  const predicatesTxPerSec = median(p);
  return {
    transactions: txs.length,
    rules: indicators.length,
    runs: o.runs,
    jsonRulesEngine: { txPerSec: jreTxPerSec, matches: jMatches },
    screener: { txPerSec: screenerTxPerSec, hits: sHits, ratio: screenerTxPerSec / jreTxPerSec },
    predicates: { txPerSec: predicatesTxPerSec, matches: pMatches, ratio: predicatesTxPerSec / jreTxPerSec },
    /** json-rules-engine and the compiled predicates match the same transactions; screener hits are at most that (one-minute cooldown). */
    sameAnswers: jMatches === pMatches && sHits <= pMatches,
  };
}

/** Writes (once per size) the canonical CSV of `rows` generated transactions; returns its path and whether it was written now. */
async function canonicalCsv(rows: number, accounts: number): Promise<{ path: string; bytes: number; written: boolean; writeSeconds?: number }> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `canonical-${SEED}-${accounts}a-${rows}r.csv`);
  if (existsSync(path)) return { path, bytes: statSync(path).size, written: false };
  const tmp = `${path}.${process.pid}.tmp`;
  const t0 = now();
  await writeCanonicalCsv(generated({ accounts, n: rows }), createWriteStream(tmp), { end: true });
  renameSync(tmp, path);
  return { path, bytes: statSync(path).size, written: true, writeSeconds: secondsSince(t0) };
}

/** Section 2: CSV file → alerts, next to fast-csv's raw parse and this library's reader alone. */
export async function e2e(o: { rows: number; accounts: number; runs: number }) {
  const csv = await canonicalCsv(o.rows, o.accounts);
  log(`e2e: ${csv.path} (${(csv.bytes / 1e6).toFixed(0)} MB, ${csv.written ? `written in ${csv.writeSeconds!.toFixed(1)} s` : 'reused'})`);
  const rules = loadRules();

  function fastCsv(): Promise<number> {
    return new Promise((resolve, reject) => {
      let n = 0;
      parseFile(csv.path, { headers: true })
        .on('error', reject)
        .on('data', () => n++)
        .on('end', () => resolve(n));
    });
  }
  async function lineSplit(): Promise<number> {
    // Newline count of the raw bytes: the floor of any reader (not a CSV parser: ignores quoting).
    let n = 0;
    for await (const chunk of createReadStream(csv.path) as AsyncIterable<Buffer>) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    return n - 1;
  }
  async function readerOnly(): Promise<{ rows: number; rejected: number }> {
    let rows = 0;
    let rejected = 0;
    for await (const rec of readTransactions(csv.path)) rec.kind === 'transaction' ? rows++ : rejected++;
    return { rows, rejected };
  }
  async function endToEnd(): Promise<{ rows: number; rejected: number; events: number; hits: number; alerts: number }> {
    const s = createScreener({ rules, fx: FX, validate: false });
    let rows = 0;
    let rejected = 0;
    let events = 0;
    for await (const rec of readTransactions(csv.path)) {
      if (rec.kind === 'transaction') {
        rows++;
        events += s.push(rec.transaction).length;
      } else rejected++;
    }
    events += s.flush().length;
    return { rows, rejected, events, hits: s.stats.hits, alerts: s.stats.alertsRaised };
  }
  async function timed<T>(f: () => Promise<T>): Promise<{ seconds: number; value: T }> {
    gcIfExposed();
    const t0 = now();
    const value = await f();
    return { seconds: secondsSince(t0), value };
  }
  const res = { fastCsv: [] as number[], lineSplit: [] as number[], reader: [] as number[], e2e: [] as number[] };
  let last: { fastRows: number; readerRows: number; rejected: number; e2e: Awaited<ReturnType<typeof endToEnd>> } | undefined;
  for (let r = 0; r < o.runs; r++) {
    const a = await timed(fastCsv);
    const b = await timed(lineSplit);
    const c = await timed(readerOnly);
    const d = await timed(endToEnd);
    res.fastCsv.push(a.value / a.seconds);
    res.lineSplit.push(b.value / b.seconds);
    res.reader.push(c.value.rows / c.seconds);
    res.e2e.push(d.value.rows / d.seconds);
    last = { fastRows: a.value, readerRows: c.value.rows, rejected: c.value.rejected, e2e: d.value };
    log(`e2e: run ${r + 1}/${o.runs}: fast-csv ${Math.round(res.fastCsv[r]!)} rows/s, reader ${Math.round(res.reader[r]!)} rows/s, e2e ${Math.round(res.e2e[r]!)} rows/s`);
  }
  const fast = median(res.fastCsv);
  const reader = median(res.reader);
  const e2eRate = median(res.e2e);
  return {
    rows: last!.fastRows,
    accounts: o.accounts,
    fileMB: csv.bytes / 1e6,
    csvWritten: csv.written,
    csvWriteSeconds: csv.writeSeconds ?? null,
    runs: o.runs,
    lineSplit: { rowsPerSec: median(res.lineSplit) },
    fastCsv: { rowsPerSec: fast },
    reader: { rowsPerSec: reader, ratioToFastCsv: reader / fast, rows: last!.readerRows, rejected: last!.rejected },
    endToEnd: { rowsPerSec: e2eRate, ratioToFastCsv: e2eRate / fast, screeningShareOfTime: 1 - e2eRate / reader, hits: last!.e2e.hits, alertsRaised: last!.e2e.alerts },
  };
}
