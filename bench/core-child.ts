/**
 * Core screening (section 1) alone, with plain flags, for profiling:
 *   node --cpu-prof --cpu-prof-dir bench/out --import tsx bench/core-child.ts --tx 200000 --accounts 20000 --runs 1
 * Prints the section's JSON result on stdout.
 */
import { parseArgs, sendResult } from './common.js';
import { core } from './sections.js';

const a = parseArgs(process.argv.slice(2));
sendResult(
  await core({
    tx: Number(a.get('tx') ?? 1_000_000),
    accounts: Number(a.get('accounts') ?? 100_000),
    runs: Number(a.get('runs') ?? 3),
    sampleEvery: Number(a.get('sample-every') ?? 16),
  }),
);
