/**
 * Quick probe of core throughput while developing the engine (not part of the benchmark):
 *   npx tsx bench/probe-core.ts [--tx 300000] [--accounts 30000] [--runs 5]
 * Generates once, warms up, then prints each pass's tx/s and the median.
 */
import { loadRules } from '../src/index.js';
import { generateArray, median, parseArgs } from './common.js';
import { screenArray } from './sections.js';

const a = parseArgs(process.argv.slice(2));
const tx = Number(a.get('tx') ?? 300_000);
const accounts = Number(a.get('accounts') ?? 30_000);
const runs = Number(a.get('runs') ?? 5);
const rules = loadRules();
const { txs } = generateArray({ n: tx, accounts });
screenArray(txs.slice(0, 20_000), rules, 0);
const rates: number[] = [];
let hits = 0;
let alerts = 0;
for (let r = 0; r < runs; r++) {
  const cpu0 = process.cpuUsage();
  const run = screenArray(txs, rules, 0);
  const cpu = process.cpuUsage(cpu0);
  const cpuRate = tx / ((cpu.user + cpu.system) / 1e6);
  rates.push(cpuRate);
  hits = run.hits;
  alerts = run.alertsRaised;
  process.stdout.write(`pass ${r + 1}: ${Math.round(run.txPerSec)} tx/s wall, ${Math.round(cpuRate)} tx/cpu-s\n`);
}
process.stdout.write(`median ${Math.round(median(rates))} tx/cpu-s; hits ${hits}, alerts ${alerts}\n`);
