import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ARCHETYPES, DEFAULT_PLANTED, DEFAULT_TYPOLOGY_IDS, generatePopulation, generateTransactions, planPopulation, SCENARIOS, writeCanonicalCsv,
} from '../../src/generate/index.js';
import { buildPopulation } from '../../src/generate/population.js';
import { runPopulation, type RunStats } from '../../src/generate/stream.js';
import { validateTransaction } from '../../src/schema/validate-transaction.js';
import { CustomerProfileSchema } from '../../src/schema/profile.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { PassThrough } from 'node:stream';

const SMALL = { seed: 1, accounts: 400, days: 45, start: '2025-03-10' } as const;
const small = generatePopulation(SMALL);

async function csvOf(txs: Iterable<Transaction>): Promise<string> {
  const s = new PassThrough();
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  await writeCanonicalCsv(txs, s, { end: true });
  return Buffer.concat(chunks).toString('utf8');
}

describe('generatePopulation', () => {
  it('is deterministic: same seed gives identical bytes, another seed differs', async () => {
    const again = generatePopulation(SMALL);
    expect(await csvOf(again.transactions)).toBe(await csvOf(small.transactions));
    expect(JSON.stringify(again.profiles)).toBe(JSON.stringify(small.profiles));
    expect(JSON.stringify(again.labels)).toBe(JSON.stringify(small.labels));
    const other = generatePopulation({ ...SMALL, seed: 2 });
    expect(await csvOf(other.transactions)).not.toBe(await csvOf(small.transactions));
  });

  it('gives unique ids and sorts by instant, then id', () => {
    const ids = new Set(small.transactions.map((t) => t.id));
    expect(ids.size).toBe(small.transactions.length);
    for (let i = 1; i < small.transactions.length; i++) {
      const a = small.transactions[i - 1]!;
      const b = small.transactions[i]!;
      const d = Date.parse(b.timestamp) - Date.parse(a.timestamp);
      expect(d > 0 || (d === 0 && a.id < b.id)).toBe(true);
    }
  });

  it('writes only transactions that validate, and profiles that validate', () => {
    for (const t of small.transactions) {
      const v = validateTransaction(t);
      if (!v.ok) throw new Error(`${t.id}: ${v.rejection.message}`);
    }
    expect(small.profiles).toHaveLength(SMALL.accounts);
    for (const p of small.profiles) expect(CustomerProfileSchema.safeParse(p).success).toBe(true);
  });

  it('keeps timestamps inside the period, in Europe/London local time', () => {
    const first = small.transactions[0]!;
    const last = small.transactions.at(-1)!;
    expect(first.timestamp >= '2025-03-10T00:00:00').toBe(true);
    expect(last.timestamp < '2025-04-24T00:00:00').toBe(true);
    // BST starts on 30 March 2025: offsets switch from +00:00 to +01:00.
    expect(small.transactions.some((t) => t.timestamp.startsWith('2025-03-2') && t.timestamp.endsWith('+00:00'))).toBe(true);
    expect(small.transactions.some((t) => t.timestamp.startsWith('2025-04') && t.timestamp.endsWith('+01:00'))).toBe(true);
    expect(small.transactions.some((t) => t.timestamp.startsWith('2025-04') && t.timestamp.endsWith('+00:00'))).toBe(false);
  });

  it('never writes a label, role, typology or archetype into transaction data', () => {
    const forbidden = [
      ...SCENARIOS, ...Object.values(DEFAULT_TYPOLOGY_IDS), ...ARCHETYPES,
      'victim', 'controller', 'organiser', 'funnel', 'beneficiary', 'trafficking', 'planted', 'intensity', 'scenario', 'typology',
    ].map((s) => s.toLowerCase());
    const groupIds = new Set(small.labels.planted.map((l) => l.groupId));
    const check = (txs: readonly Transaction[]): void => {
      for (const t of txs) {
        const text = JSON.stringify(t).toLowerCase();
        for (const f of forbidden) if (text.includes(f)) throw new Error(`${t.id} contains "${f}": ${text}`);
        for (const g of groupIds) if (text.includes(g.toLowerCase())) throw new Error(`${t.id} contains group id ${g}`);
      }
    };
    check(small.transactions);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        check(generatePopulation({ seed, accounts: 150, days: 20, planted: { controller: 0.02, victim: 0.04, popup: 0.02, funnel: 0.02, repatriation: 0.04, front_business: 0.02 } }).transactions);
      }),
      { numRuns: 3 },
    );
  });

  it('plants each scenario on its share of accounts, with varied intensity', () => {
    const n = 2000;
    const { labels } = planPopulation({ seed: 3, accounts: n, days: 60, intensity: [0.1, 0.9] });
    for (const s of SCENARIOS) {
      expect(labels.planted.filter((l) => l.scenario === s)).toHaveLength(Math.round(DEFAULT_PLANTED[s] * n));
    }
    const rep = labels.planted.filter((l) => l.scenario === 'repatriation');
    expect(rep.filter((l) => l.role === 'beneficiary')).toHaveLength(Math.round(rep.length * 0.25));
    expect(labels.planted.length + labels.background.length).toBe(n);
    const intensities = labels.planted.map((l) => l.intensity);
    expect(Math.min(...intensities)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...intensities)).toBeLessThanOrEqual(0.9);
    expect(Math.max(...intensities) - Math.min(...intensities)).toBeGreaterThan(0.5);
    for (const l of labels.planted) {
      expect(l.typology).toBe(DEFAULT_TYPOLOGY_IDS[l.scenario]);
      expect(l.start < l.end).toBe(true);
    }
  });

  it('rejects planted shares that exceed the population, and invalid options', () => {
    expect(() => planPopulation({ seed: 1, accounts: 10, planted: { victim: 0.9, controller: 0.5 } })).toThrow(RangeError);
    expect(() => planPopulation({ seed: 1, start: '2025-02-30' })).toThrow();
    expect(() => planPopulation({ seed: 1, intensity: [0.8, 0.2] })).toThrow();
  });
});

describe('generateTransactions (streaming)', () => {
  it('yields exactly the sequence of the array form', () => {
    const streamed = Array.from(generateTransactions(SMALL));
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(small.transactions));
  });

  it('is lazy and memory-bounded: 200k transactions pass through a buffer of one day', () => {
    const pop = buildPopulation({ seed: 9, accounts: 3000, days: 120 });
    const stats: RunStats = { maxBuffered: 0, days: 0 };
    let n = 0;
    let lastT = 0;
    for (const tx of runPopulation(pop, stats)) {
      const t = Date.parse(tx.timestamp);
      expect(t).toBeGreaterThanOrEqual(lastT);
      lastT = t;
      if (++n >= 200_000) break;
    }
    expect(n).toBe(200_000);
    // Stopped early: not every day was generated, and never more than one day's batch was held.
    expect(stats.days).toBeLessThan(120);
    expect(stats.maxBuffered).toBeLessThan(20_000);
  });
});

describe('background realism', () => {
  const pop = generatePopulation({ seed: 5, accounts: 1500, days: 92, start: '2025-01-01', planted: { controller: 0, victim: 0, popup: 0, funnel: 0, repatriation: 0, front_business: 0 } });
  const byAccount = new Map<string, Transaction[]>();
  for (const t of pop.transactions) {
    const l = byAccount.get(t.accountId) ?? [];
    l.push(t);
    byAccount.set(t.accountId, l);
  }
  const of = (archetype: string) => pop.labels.background.filter((l) => l.archetype === archetype).map((l) => ({ ...l, txs: byAccount.get(l.accountId) ?? [] }));
  const profile = new Map(pop.profiles.map((p) => [p.customerId, p]));

  it('pays a salaried worker exactly one salary a month', () => {
    const workers = of('salaried');
    expect(workers.length).toBeGreaterThan(300);
    for (const w of workers) {
      for (const month of ['2025-01', '2025-02', '2025-03']) {
        expect(w.txs.filter((t) => t.purpose === 'salary' && t.direction === 'in' && t.timestamp.startsWith(month))).toHaveLength(1);
      }
    }
  });

  it('sends business travellers to hotels in at least three cities', () => {
    const travellers = of('business_traveller');
    const ok = travellers.filter((b) => new Set(b.txs.filter((t) => t.merchant?.mcc === '7011').map((t) => t.merchant?.city)).size >= 3);
    expect(ok.length / travellers.length).toBeGreaterThan(0.9);
    expect(travellers.filter((b) => profile.get(b.customerId)?.travelsForWork === true).length / travellers.length).toBeGreaterThan(0.7);
  });

  it('has Romanian workers remit home and night workers draw cash at night', () => {
    const ro = of('romanian_worker');
    const remitters = ro.filter((w) => w.txs.some((t) => t.direction === 'out' && t.counterparty?.country === 'RO'));
    expect(remitters.length / ro.length).toBeGreaterThan(0.9);
    const night = of('night_shift');
    const nightCash = night.filter((w) => w.txs.some((t) => t.channel === 'atm' && t.direction === 'out' && (Number(t.timestamp.slice(11, 13)) >= 22 || Number(t.timestamp.slice(11, 13)) < 6)));
    expect(nightCash.length / night.length).toBeGreaterThan(0.8);
  });

  it('gives small businesses takings and ordinary costs', () => {
    for (const b of of('small_business')) {
      expect(b.txs.some((t) => t.direction === 'in')).toBe(true);
      expect(b.txs.some((t) => t.direction === 'out' && (t.purpose === 'utilities' || t.purpose === 'tax' || t.purpose === 'supplier'))).toBe(true);
    }
  });

  it('uses plausible amounts: two decimals, mostly small card payments', () => {
    const cards = pop.transactions.filter((t) => t.channel === 'card' && t.direction === 'out').map((t) => Number(t.amount));
    cards.sort((a, b) => a - b);
    expect(cards[Math.floor(cards.length / 2)]).toBeLessThan(40);
    expect(pop.transactions.every((t) => /^\d+\.\d\d$/.test(t.amount))).toBe(true);
  });
});

describe('planted scenarios', () => {
  const pop = generatePopulation({ seed: 11, accounts: 1200, days: 90, intensity: [0.7, 1], planted: { controller: 0.01, victim: 0.02, popup: 0.01, funnel: 0.01, repatriation: 0.01, front_business: 0.005 } });
  const txsOf = (accountId: string, from: string, to?: string) =>
    pop.transactions.filter((t) => t.accountId === accountId && Date.parse(t.timestamp) >= Date.parse(from) && (to === undefined || Date.parse(t.timestamp) < Date.parse(to)));
  const labels = (s: string) => pop.labels.planted.filter((l) => l.scenario === s);

  it('controller: many distinct payers, cash at several places, adverts, transfers to several people', () => {
    for (const l of labels('controller')) {
      const txs = txsOf(l.accountId, l.start);
      const payers = new Set(txs.filter((t) => t.direction === 'in' && t.channel === 'instant').map((t) => t.counterparty?.account));
      expect(payers.size).toBeGreaterThan(20);
      expect(txs.some((t) => t.merchant?.mcc === '7311' || t.merchant?.mcc === '5967')).toBe(true);
    }
  });

  it('victim: credits swept out, device shared with the controller for strong instances', () => {
    const controllers = new Map(labels('controller').map((l) => [l.groupId, l.accountId]));
    let shared = 0;
    for (const v of labels('victim')) {
      // Within the planted window (afterwards the account returns to its cover's ordinary life).
      const txs = txsOf(v.accountId, v.start, v.end);
      const credited = txs.filter((t) => t.purpose === 'salary' || t.purpose === 'benefit').reduce((s, t) => s + Number(t.amount), 0);
      const out = txs.filter((t) => t.direction === 'out' && (t.channel === 'instant' || t.channel === 'transfer' || t.channel === 'atm')).reduce((s, t) => s + Number(t.amount), 0);
      expect(out).toBeGreaterThan(credited * 0.5);
      const c = controllers.get(v.groupId);
      if (c === undefined) continue;
      const cDevices = new Set(pop.transactions.filter((t) => t.accountId === c && t.device?.id !== undefined).map((t) => t.device!.id));
      if (txs.some((t) => t.device?.id !== undefined && cDevices.has(t.device.id))) shared++;
    }
    expect(shared).toBeGreaterThan(0);
  });

  it('pop-up: lodging in several towns', () => {
    for (const l of labels('popup')) {
      const towns = new Set(txsOf(l.accountId, l.start).filter((t) => t.merchant?.mcc === '7011').map((t) => t.merchant?.city));
      expect(towns.size).toBeGreaterThanOrEqual(3);
    }
  });

  it('funnel: cash in one town, out in another', () => {
    for (const l of labels('funnel')) {
      const txs = txsOf(l.accountId, l.start);
      const inTowns = new Set(txs.filter((t) => t.direction === 'in' && (t.channel === 'cash' || t.channel === 'atm')).map((t) => t.location?.city));
      const outTowns = new Set(txs.filter((t) => t.direction === 'out' && (t.channel === 'cash' || t.channel === 'atm')).map((t) => t.location?.city));
      expect(inTowns.size).toBeGreaterThan(0);
      expect([...outTowns].some((c) => !inTowns.has(c))).toBe(true);
    }
  });

  it('repatriation: UK senders pay several Romanian beneficiaries; RO side hears from several UK senders', () => {
    for (const l of labels('repatriation')) {
      const txs = txsOf(l.accountId, l.start);
      const dir = l.role === 'sender' ? 'out' : 'in';
      const country = l.role === 'sender' ? 'RO' : 'GB';
      const parties = new Set(txs.filter((t) => t.direction === dir && t.counterparty?.country === country).map((t) => t.counterparty?.account));
      expect(parties.size).toBeGreaterThanOrEqual(2);
    }
  });

  it('front business: card takings mostly late at night, wages into one account', () => {
    for (const l of labels('front_business')) {
      const txs = txsOf(l.accountId, l.start);
      const takings = txs.filter((t) => t.channel === 'card' && t.direction === 'in');
      expect(takings.length).toBeGreaterThan(100);
      const names = new Map<string, Set<string>>();
      for (const t of txs.filter((x) => x.purpose === 'salary' && x.direction === 'out')) {
        const set = names.get(t.counterparty!.account!) ?? new Set<string>();
        set.add(t.reference ?? '');
        names.set(t.counterparty!.account!, set);
      }
      // Several employees' wages (named in the reference) go to one account.
      expect(Math.max(...[...names.values()].map((s) => s.size))).toBeGreaterThanOrEqual(2);
      const late = takings.filter((t) => { const h = Number(t.timestamp.slice(11, 13)); return h >= 21 || h < 5; });
      expect(late.length / takings.length).toBeGreaterThan(0.3);
    }
    expect(pop.profiles.find((p) => p.customerId === labels('front_business')[0]?.customerId)?.accountType).toBe('business');
  });
});
