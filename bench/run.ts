/**
 * The benchmark (issue 6): `npm run bench [-- --json] [-- --quick] [-- --only core,e2e] [-- --scale 0.2] [-- --runs 3] [-- --soak 10000000]`.
 *
 * Every section runs in a fresh child process (so one section's heap never slows or inflates another),
 * prints a table, and the whole result goes to bench/out/results.json (bench/out/results-quick.json for
 * --quick). Medians of `--runs` passes; baselines are measured in the same child, interleaved with the
 * measured engine. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, machine, parseArgs } from './common.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const OUT = join(HERE, 'out');
const SECTIONS = ['core', 'e2e', 'jre', 'memory', 'rules'] as const;
type Section = (typeof SECTIONS)[number] | 'soak';

const args = parseArgs(process.argv.slice(2));
const quick = args.has('quick');
const asJson = args.has('json');
const scale = Number(args.get('scale') ?? (quick ? 0.005 : 1));
const runs = Number(args.get('runs') ?? (quick ? 1 : 3));
const soak = args.has('soak') ? Number(args.get('soak')) : undefined;
const only = args.get('only')?.split(',').map((s) => s.trim()) as Section[] | undefined;
const selected: Section[] = only ?? (soak !== undefined ? ['soak'] : [...SECTIONS]);
if (!(scale > 0) || !(runs >= 1) || selected.some((s) => ![...SECTIONS, 'soak'].includes(s)) || (soak !== undefined && !(soak > 0))) {
  process.stderr.write(`usage: tsx bench/run.ts [--json] [--quick] [--only ${SECTIONS.join(',')},soak] [--scale 0.2] [--runs 3] [--soak 10000000]\n`);
  process.exit(2);
}
/** A size at this run's scale. */
const sz = (full: number, min = 100): number => Math.max(min, Math.round(full * scale));

/** Tables go to stdout, or to stderr when stdout carries the JSON. */
const print = (s: string): void => void (asJson ? process.stderr : process.stdout).write(`${s}\n`);

function child(script: string, argv: string[], nodeFlags: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', join(HERE, script), ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('@@RESULT '));
      if (code !== 0 || line === undefined) reject(new Error(`${script} ${argv.join(' ')} exited with ${code}`));
      else resolve(JSON.parse(line.slice('@@RESULT '.length)));
    });
  });
}
const HEAP = ['--max-old-space-size=12288'];
const section = (name: string, opts: object) => child('child.ts', [name, JSON.stringify(opts)], [...HEAP, '--expose-gc']);
const memory = (opts: { accounts: number; tx?: number; days?: number; sampleEvery?: number }) =>
  child(
    'memory-child.ts',
    [
      '--accounts', String(opts.accounts),
      ...(opts.tx === undefined ? [] : ['--tx', String(opts.tx)]),
      ...(opts.days === undefined ? [] : ['--days', String(opts.days)]),
      ...(opts.sampleEvery === undefined ? [] : ['--sample-every', String(opts.sampleEvery)]),
    ],
    [...HEAP, '--expose-gc'],
  ) as Promise<MemoryResult>;

interface MemoryResult {
  accounts: number;
  transactions: number;
  seconds: number;
  txPerSec: number;
  activeKeys: number;
  peakRssMB: number;
  retainedHeapMB: number;
  screenerHeapMB: number;
  samples: { transactions: number; rssMB: number; heapMB: number; activeKeys: number }[];
}

// ---------- formatting ----------
const int = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-GB') : 'n/a');
const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const x2 = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
function table(title: string, head: string[], rows: string[][]): void {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  print(`\n${title}`);
  print(line(head));
  print(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) print(line(r));
}

// ---------- run ----------
const m = machine();
const results: Record<string, unknown> = {
  machine: m,
  scale,
  quick,
  runs,
  targets: { coreTxPerSec: 1_000_000, coreP99Us: 20, csvEndToEndToFastCsv: 0.8, overJsonRulesEngine: 50, memory5Mvs1M: 1.1 },
  sections: {} as Record<string, unknown>,
};
const out = results.sections as Record<string, unknown>;
print(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node} (${m.platform}), ${m.date}`);
print(`Scale ${scale}${quick ? ' (quick)' : ''}; medians of ${runs} run(s); seed-generated inputs`);
const t0 = Date.now();

for (const name of selected) {
  log(`section ${name}`);
  if (name === 'core') {
    const r = (await section('core', { tx: sz(1_000_000), accounts: sz(100_000), runs, sampleEvery: 16 })) as any;
    out.core = r;
    table(
      `1. Core screening — ${int(r.transactions)} validated in-memory transactions, ${int(r.accounts)} accounts, default pack (${r.rules} indicators, ${r.typologies} typologies)`,
      ['measure', 'value', 'target', 'ratio to target'],
      [
        ['throughput (tx/s, median)', int(r.txPerSec), '1,000,000', x2(r.txPerSec / 1e6)],
        ['floor: no rules; read fields, time, FX, dedupe, one list per account (tx/s)', int(r.floorTxPerSec), '', `screener = ${x2(r.txPerSec / r.floorTxPerSec)} of floor`],
        ['latency p50 (µs/tx)', f2(r.latencyUs.p50), '', ''],
        ['latency p90 (µs/tx)', f2(r.latencyUs.p90), '', ''],
        ['latency p99 (µs/tx)', f2(r.latencyUs.p99), '≤ 20', x2(r.latencyUs.p99 / 20)],
        ['latency p99.9 (µs/tx)', f2(r.latencyUs.p999), '', ''],
        ['latency max (µs/tx, median of runs / max of runs)', `${f1(r.latencyUs.max)} / ${f1(r.latencyUs.maxOfRuns)}`, '', ''],
        ['hits / alerts raised (one run)', `${int(r.hits)} / ${int(r.alertsRaised)}`, '', ''],
        ['generation (tx/s, not screening)', int(r.generation.txPerSec), '', ''],
      ],
    );
    print(`   latency: every ${r.sampleEvery}th push timed alone with process.hrtime.bigint(); runs: ${r.txPerSecRuns.map(int).join(', ')} tx/s`);
  } else if (name === 'e2e') {
    const r = (await section('e2e', { rows: sz(1_000_000), accounts: sz(100_000), runs })) as any;
    out.e2e = r;
    table(
      `2. CSV file → alerts — ${int(r.rows)} rows, ${f1(r.fileMB)} MB canonical CSV, default pack`,
      ['pipeline', 'rows/s (median)', 'ratio to fast-csv'],
      [
        ['newline count of the bytes (floor, not a parser)', int(r.lineSplit.rowsPerSec), x2(r.lineSplit.rowsPerSec / r.fastCsv.rowsPerSec)],
        ['fast-csv parseFile, headers (baseline)', int(r.fastCsv.rowsPerSec), '1.00×'],
        ['readTransactions (parse + map + validate)', int(r.reader.rowsPerSec), x2(r.reader.ratioToFastCsv)],
        ['readTransactions + screener (end to end)', int(r.endToEnd.rowsPerSec), `${x2(r.endToEnd.ratioToFastCsv)} (target ≥ 0.80×)`],
      ],
    );
    print(`   screening is ${(r.endToEnd.screeningShareOfTime * 100).toFixed(0)}% of end-to-end time; ${int(r.endToEnd.hits)} hits, ${int(r.endToEnd.alertsRaised)} alerts; reader rejected ${r.reader.rejected} rows`);
  } else if (name === 'jre') {
    const r = (await section('jre', { tx: sz(200_000), accounts: sz(20_000), runs })) as any;
    out.jre = r;
    table(
      `3. Stateless subset — ${r.rules} filter-only rules, ${int(r.transactions)} transactions`,
      ['engine', 'tx/s (median)', 'matches', 'ratio to json-rules-engine'],
      [
        ['json-rules-engine 7.3.1 (await engine.run per tx, flat facts)', int(r.jsonRulesEngine.txPerSec), int(r.jsonRulesEngine.matches), '1.00×'],
        ['this screener (count ≥ 1, cooldown PT1M: ~a hit per match)', int(r.screener.txPerSec), int(r.screener.hits), `${x2(r.screener.ratio)} (target ≥ 50×)`],
        ['compiled `when` predicates alone (rows pre-derived)', int(r.predicates.txPerSec), int(r.predicates.matches), x2(r.predicates.ratio)],
      ],
    );
    print(`   json-rules-engine and the predicates match the same transactions: ${r.sameAnswers ? 'yes' : 'NO'} (screener hits fewer only where a rule matched one account twice within its one-minute cooldown)`);
  } else if (name === 'memory') {
    const base = sz(100_000);
    const stream: MemoryResult[] = [];
    for (const tx of [sz(1_000_000), sz(5_000_000)]) {
      log(`memory: ${tx} transactions over ${base} accounts`);
      stream.push(await memory({ accounts: base, tx }));
    }
    const ENTITY_DAYS = 2;
    const entities: MemoryResult[] = [];
    for (const accounts of [sz(10_000), sz(100_000), sz(1_000_000)]) {
      log(`memory: ${accounts} accounts over ${ENTITY_DAYS} days`);
      entities.push(await memory({ accounts, days: ENTITY_DAYS }));
    }
    const [s1, s5] = stream as [MemoryResult, MemoryResult];
    out.memory = {
      stream,
      entities,
      entityDays: ENTITY_DAYS,
      peakRss5Mvs1M: s5.peakRssMB / s1.peakRssMB,
      screenerHeap5Mvs1M: s5.screenerHeapMB / s1.screenerHeapMB,
      screenerKBPerAccount: entities.map((e) => (e.screenerHeapMB * 1000) / e.accounts),
    };
    const row = (label: string, r: MemoryResult, ref: MemoryResult) => [
      label,
      int(r.transactions),
      int(r.accounts),
      int(r.activeKeys),
      f1(r.peakRssMB),
      f1(r.retainedHeapMB),
      f1(r.screenerHeapMB),
      f2((r.screenerHeapMB * 1000) / r.accounts),
      x2(r.peakRssMB / ref.peakRssMB),
      int(r.txPerSec),
    ];
    const head = ['run', 'transactions', 'accounts', 'active keys', 'peak RSS MB', 'retained heap MB', 'screener heap MB', 'screener KB/account', 'peak RSS ratio', 'tx/s'];
    table(`4a. Memory vs stream length — same ${int(base)} accounts, same daily rate, longer period (fresh process each)`, head, [
      row('1M-size', s1, s1),
      row('5M-size', s5, s1),
    ]);
    print(`   target: 5M peak within 10% of 1M (ratio ≤ 1.10×); screener heap ratio ${x2(s5.screenerHeapMB / s1.screenerHeapMB)}`);
    table(`4b. Memory vs active accounts — ${ENTITY_DAYS} days each, same daily rate (fresh process each)`, head, entities.map((e) => row(`${int(e.accounts)} accounts`, e, entities[0]!)));
    print('   peak RSS includes the generator population that feeds the stream; "screener heap" is heap after the run minus heap before it (rules loaded), both after forced GC');
  } else if (name === 'rules') {
    const r = (await section('rules', { tx: sz(200_000), accounts: sz(20_000), runs, counts: [1, 10, 30, 100] })) as any;
    out.rules = r;
    const first = r.rows[0];
    table(
      `5. Cost per rule — ${int(r.transactions)} transactions, ${int(r.accounts)} accounts (pack rules in file order; 100 = pack + clones under new ids)`,
      ['rules', 'tx/s (median)', 'µs/tx', 'slowdown vs 1 rule', 'hits'],
      r.rows.map((x: any) => [String(x.rules), int(x.txPerSec), f2(x.usPerTx), x2(first.txPerSec / x.txPerSec), int(x.hits)]),
    );
    print(`   marginal cost ≈ ${f2(r.usPerRulePerTx)} µs per rule per transaction`);
  } else if (name === 'soak') {
    const n = soak ?? sz(10_000_000);
    const every = Math.max(1, Math.min(1_000_000, Math.floor(n / 10)));
    const r = await memory({ accounts: sz(100_000), tx: n, sampleEvery: every });
    out.soak = r;
    table(
      `Soak — ${int(r.transactions)} transactions over ${int(r.accounts)} accounts, sampled every ${int(every)} (heap after forced GC)`,
      ['transactions', 'RSS MB', 'heap MB', 'active keys'],
      r.samples.map((s) => [int(s.transactions), f1(s.rssMB), f1(s.heapMB), int(s.activeKeys)]),
    );
    print(`   peak RSS ${f1(r.peakRssMB)} MB; ${int(r.txPerSec)} tx/s`);
  }
}

results.elapsedSeconds = (Date.now() - t0) / 1000;
mkdirSync(OUT, { recursive: true });
const file = join(OUT, quick ? 'results-quick.json' : only !== undefined || soak !== undefined ? `results-${selected.join('-')}.json` : 'results.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
print(`\nWrote ${file} (${results.elapsedSeconds} s)`);
if (asJson) process.stdout.write(`${JSON.stringify(results)}\n`);
