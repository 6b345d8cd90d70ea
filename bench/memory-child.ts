/**
 * Memory of one screening run, in a fresh process (section 4 and the soak):
 *   node --expose-gc --import tsx bench/memory-child.ts --accounts 100000 --tx 1000000 [--days 2] [--sample-every 1000000]
 *
 * Streams the generator straight into a screener with the full default pack (no transaction array is
 * held), then reports:
 * - peak RSS: the kernel's high-water mark (VmHWM) of this process — screener, generator population and runtime;
 * - retained heap: `heapUsed` after forced GC with the screener alive, and the run's share (the same
 *   minus `heapUsed` after GC before the run, rules loaded); as a cross-check, what dropping the
 *   screener and collecting again frees;
 * - every `sample-every` transactions: RSS and heap after forced GC (the soak's trajectory).
 */
import { createScreener, loadRules, type Screener } from '../src/index.js';
import { FX, generated, log, parseArgs, peakRss, secondsSince, now, sendResult } from './common.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  process.stderr.write('run with node --expose-gc\n');
  process.exit(2);
}
/** Heap in use after full collections, with a turn of the event loop between them (weak callbacks run). */
const collect = async (): Promise<number> => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
};

const a = parseArgs(process.argv.slice(2));
const accounts = Number(a.get('accounts') ?? 100_000);
const tx = a.has('tx') ? Number(a.get('tx')) : Number.POSITIVE_INFINITY;
const days = a.has('days') ? Number(a.get('days')) : undefined;
const sampleEvery = Number(a.get('sample-every') ?? 0);

const rules = loadRules();
const baseHeap = await collect();
let screener: Screener | undefined = createScreener({ rules, fx: FX, validate: false });
const samples: { transactions: number; rssMB: number; heapMB: number; activeKeys: number }[] = [];
let n = 0;
let events = 0;
const t0 = now();
for (const t of generated({ accounts, n: tx, ...(days === undefined ? {} : { days }) })) {
  events += screener.push(t).length;
  n++;
  if (sampleEvery > 0 && n % sampleEvery === 0) {
    const heap = await collect();
    samples.push({ transactions: n, rssMB: process.memoryUsage.rss() / 1e6, heapMB: heap / 1e6, activeKeys: screener.activeKeys() });
    log(`memory: ${n} tx, rss ${(process.memoryUsage.rss() / 1e6).toFixed(0)} MB, heap ${(heap / 1e6).toFixed(0)} MB`);
  }
}
events += screener.flush().length;
const seconds = secondsSince(t0);
const activeKeys = screener.activeKeys();
const hits = screener.stats.hits;
const heapWith = await collect();
const rssEnd = process.memoryUsage.rss();
screener = undefined;
const heapWithout = await collect();
sendResult({
  accounts,
  transactions: n,
  days: days ?? null,
  seconds,
  txPerSec: n / seconds,
  events,
  hits,
  activeKeys,
  peakRssMB: (peakRss() ?? rssEnd) / 1e6,
  rssEndMB: rssEnd / 1e6,
  retainedHeapMB: heapWith / 1e6,
  /** Heap retained by the run: after the run minus before it (rules loaded), both after forced GC. */
  screenerHeapMB: (heapWith - baseHeap) / 1e6,
  /** Cross-check: heap freed by dropping the screener. */
  freedByDroppingScreenerMB: (heapWith - heapWithout) / 1e6,
  baseHeapMB: baseHeap / 1e6,
  samples,
});
