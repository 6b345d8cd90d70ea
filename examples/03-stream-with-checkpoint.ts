/**
 * 03 — Screen inside a Node stream pipeline, checkpoint half-way, and resume in a new screener.
 *
 *   npx tsx examples/03-stream-with-checkpoint.ts
 *
 * A screener's snapshot() is plain JSON: store it (a file, a database, a Kafka compacted topic) and
 * restore() it into a fresh screener after a restart. The resumed run raises exactly the alerts an
 * uninterrupted run raises.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { createScreener, createScreenStream, loadMapping, loadRules, readFxRates, readProfiles, readTransactions, type ScreenEvent, type Transaction } from 'msht-redflags';

const data = join(import.meta.dirname, 'data');
const mapping = loadMapping(join(data, 'sample-mapping.json'));
const { profiles } = await readProfiles(join(data, 'sample-profiles.csv'));
const fx = await readFxRates(join(data, 'sample-fx.csv'));
const rules = loadRules();
const options = { rules, profiles, fx };

const transactions: Transaction[] = [];
for await (const r of readTransactions(join(data, 'sample-transactions.csv'), { mapping })) if (r.kind === 'transaction') transactions.push(r.transaction);
const half = Math.floor(transactions.length / 2);

/** Runs transactions through a screener in a stream pipeline; returns the alert events' ids and revisions. */
async function run(screener: ReturnType<typeof createScreener>, txs: Transaction[]): Promise<string[]> {
  const seen: string[] = [];
  const sink = new Writable({
    objectMode: true,
    write(event: ScreenEvent, _enc, done) {
      if (event.type === 'alert') seen.push(`${event.alert.alertId}#${event.alert.revision}`);
      done();
    },
  });
  await pipeline(Readable.from(txs), createScreenStream(screener, { events: ['alert'] }), sink);
  return seen;
}

// Uninterrupted run.
const whole = await run(createScreener(options), transactions);

// First half, then a checkpoint: the snapshot survives a JSON round trip (as it would on disk).
const first = createScreener(options);
const before: string[] = [];
for (const tx of transactions.slice(0, half)) for (const e of first.push(tx)) if (e.type === 'alert') before.push(`${e.alert.alertId}#${e.alert.revision}`);
const checkpoint = JSON.stringify(first.snapshot());

// "Restart": a new screener restored from the checkpoint screens the second half in a pipeline.
const resumed = createScreener(options);
resumed.restore(JSON.parse(checkpoint));
const after = await run(resumed, transactions.slice(half));

console.log(`${transactions.length} transactions; checkpoint after ${half}`);
console.log(`uninterrupted: ${whole.length} alert events`);
console.log(`checkpointed:  ${before.length} before + ${after.length} after the restart`);
console.log(`identical: ${JSON.stringify([...before, ...after]) === JSON.stringify(whole)}`);

// Output:
// 5948 transactions; checkpoint after 2974
// uninterrupted: 31 alert events
// checkpointed:  7 before + 24 after the restart
// identical: true
