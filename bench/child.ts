/**
 * Runs one section of the benchmark in this (fresh) process and prints its result:
 * `node --import tsx bench/child.ts <core|rules|jre|e2e> '<options json>'`.
 */
import { log, sendResult } from './common.js';
import * as sections from './sections.js';

const [name, json] = process.argv.slice(2);
const fn = { core: sections.core, rules: sections.rules, jre: sections.jre, e2e: sections.e2e }[name as 'core'];
if (fn === undefined || json === undefined) {
  process.stderr.write('usage: bench/child.ts <core|rules|jre|e2e> <options json>\n');
  process.exit(2);
}
try {
  sendResult(await fn(JSON.parse(json)));
} catch (e) {
  log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
}
