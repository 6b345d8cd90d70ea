/**
 * Summarises a V8 CPU profile of bench/core-child.ts as the top self-time functions and files,
 * counting only the screening part (from the first to the last sample under `screenArray`, so the
 * generator's time is left out while garbage collection during screening stays in):
 *
 *   node --cpu-prof --cpu-prof-dir bench/out/prof --import tsx bench/core-child.ts --tx 200000 --accounts 20000 --runs 1
 *   npx tsx bench/profile-summary.ts bench/out/prof/<file>.cpuprofile [--top 25] [--all]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from './common.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
const a = parseArgs(process.argv.slice(3));
const top = Number(a.get('top') ?? 25);
if (file === undefined) {
  process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top 25] [--all]\n');
  process.exit(2);
}
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const underScreen = (id: number): boolean => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.functionName === 'screenArray') return true;
  return false;
};
let first = 0;
let last = p.samples.length - 1;
if (!a.has('all')) {
  first = p.samples.findIndex(underScreen);
  for (; last > first && !underScreen(p.samples[last]!); last--);
  if (first < 0) {
    first = 0;
    last = p.samples.length - 1;
  }
}

const short = (url: string): string => url.replace(/^file:\/\/.*?\/(src|bench|node_modules)\//, '$1/');
const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
let total = 0;
for (let i = first; i <= last; i++) {
  const dt = p.timeDeltas[i] ?? 0;
  const n = byId.get(p.samples[i]!)!;
  const cf = n.callFrame;
  const where = cf.url === '' ? '' : `${short(cf.url)}:${cf.lineNumber + 1}`;
  const key = `${cf.functionName || '(anonymous)'}${where ? `  ${where}` : ''}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + dt);
  const f = cf.url === '' ? cf.functionName : short(cf.url);
  fileSelf.set(f, (fileSelf.get(f) ?? 0) + dt);
  total += dt;
}
const pct = (x: number): string => `${((100 * x) / total).toFixed(1).padStart(5)}%`;
const ms = (x: number): string => `${(x / 1000).toFixed(0).padStart(7)} ms`;
console.log(`${file}: ${(total / 1e6).toFixed(2)} s of samples${a.has('all') ? '' : ' during screening'}`);
console.log(`\nTop ${top} functions by self time`);
for (const [k, v] of [...fnSelf].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${pct(v)} ${ms(v)}  ${k}`);
console.log('\nSelf time by file');
for (const [k, v] of [...fileSelf].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`${pct(v)} ${ms(v)}  ${k}`);
