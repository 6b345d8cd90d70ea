/**
 * The stateless subset of section 3: ten filter-only rules, written once as data and rendered both as
 * this library's indicator rules and as json-rules-engine rules, so both engines answer the same
 * question: "which of these filters does this transaction match?".
 *
 * For this engine each filter becomes an indicator with a one-minute window, one `count` measure,
 * trigger `count ≥ 1` and cooldown PT1M (the shortest allowed), so nearly every matching transaction is a
 * hit — a second match of the same rule and account within a minute is not (the full screener path:
 * filter, window add, trigger, hit construction). The compiled `when` predicates are also timed alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledRulesDir } from '../src/index.js';
import type { Transaction } from '../src/index.js';

/** A leaf filter over flat facts. */
type Leaf =
  | { f: 'direction' | 'channel' | 'mcc' | 'cpCountry' | 'merchantCountry'; in: readonly string[] }
  | { f: 'amount'; gt: number }
  | { f: 'localHour'; night: readonly [number, number] };

interface SubsetRule {
  readonly id: string;
  readonly all: readonly Leaf[];
}

/** Codes of a bundled MCC list, ranges expanded (so both engines see the same literal set). */
function mccList(id: string): string[] {
  const doc = JSON.parse(readFileSync(join(bundledRulesDir(), 'lists', `${id}.json`), 'utf8')) as { items: string[]; ranges?: [string, string][] };
  const out = new Set(doc.items);
  for (const [lo, hi] of doc.ranges ?? []) for (let c = Number(lo); c <= Number(hi); c++) out.add(String(c).padStart(4, '0'));
  return [...out];
}

/** The ten rules. */
export function subsetRules(): SubsetRule[] {
  const lodging = mccList('mcc.lodging');
  const taxi = mccList('mcc.taxi');
  const fastFood = mccList('mcc.fast_food');
  const adult = mccList('mcc.adult_personal');
  const telecom = mccList('mcc.telecom');
  return [
    { id: 's01_out_lodging', all: [{ f: 'direction', in: ['out'] }, { f: 'mcc', in: lodging }] },
    { id: 's02_atm_night', all: [{ f: 'channel', in: ['atm'] }, { f: 'localHour', night: [22, 6] }] },
    { id: 's03_ro_over_500', all: [{ f: 'cpCountry', in: ['RO'] }, { f: 'amount', gt: 500 }] },
    { id: 's04_out_taxi', all: [{ f: 'direction', in: ['out'] }, { f: 'mcc', in: taxi }] },
    { id: 's05_cash_in_over_1000', all: [{ f: 'direction', in: ['in'] }, { f: 'channel', in: ['cash', 'atm'] }, { f: 'amount', gt: 1000 }] },
    { id: 's06_msb_out', all: [{ f: 'direction', in: ['out'] }, { f: 'channel', in: ['msb'] }] },
    { id: 's07_adult_personal', all: [{ f: 'direction', in: ['out'] }, { f: 'mcc', in: adult }] },
    { id: 's08_instant_in_over_250', all: [{ f: 'direction', in: ['in'] }, { f: 'channel', in: ['instant'] }, { f: 'amount', gt: 250 }] },
    { id: 's09_fast_food_over_100', all: [{ f: 'mcc', in: fastFood }, { f: 'amount', gt: 100 }] },
    { id: 's10_card_abroad_telecom', all: [{ f: 'channel', in: ['card'] }, { f: 'merchantCountry', in: ['RO', 'BG', 'MD'] }, { f: 'mcc', in: telecom }] },
  ];
}

const FIELD: Record<Exclude<Leaf['f'], 'amount' | 'localHour'>, string> = {
  direction: 'direction',
  channel: 'channel',
  mcc: 'merchant.mcc',
  cpCountry: 'counterparty.country',
  merchantCountry: 'merchant.country',
};

function hhmm(h: number): string {
  return `${String(h).padStart(2, '0')}:00`;
}

/** The subset as this library's indicator rule documents (base currency GBP: amounts are pounds). */
export function subsetAsIndicators(): { json: unknown }[] {
  return subsetRules().map((r) => ({
    json: {
      type: 'indicator',
      id: r.id,
      version: '1.0.0',
      title: r.id,
      description: 'Stateless benchmark rule: every matching transaction is a hit.',
      when: {
        all: r.all.map((l) =>
          l.f === 'amount'
            ? { field: 'amount', op: 'gt', value: l.gt }
            : l.f === 'localHour'
              ? { op: 'localTimeBetween', value: [hhmm(l.night[0]), hhmm(l.night[1])] }
              : { field: FIELD[l.f], op: 'in', value: [...l.in] },
        ),
      },
      window: 'PT1M',
      measures: { n: { fn: 'count' } },
      trigger: { measure: 'n', op: 'gte', value: 1 },
      cooldown: 'PT1M', // the shortest cooldown the schema allows (it must be positive)
      explain: '{n} matching transaction',
    },
  }));
}

/** Flat facts for json-rules-engine (precomputed outside its timing, which favours the baseline). */
export interface Facts {
  direction: string;
  channel: string;
  mcc: string;
  cpCountry: string;
  merchantCountry: string;
  /** Base-currency (GBP) amount. */
  amount: number;
  /** Europe/London local hour (the generator writes London local timestamps with their offset). */
  localHour: number;
}

/** Facts of one generated transaction; `toBase` converts an amount to pounds. */
export function factsOf(tx: Transaction, toBase: (tx: Transaction) => number): Facts {
  return {
    direction: tx.direction,
    channel: tx.channel,
    mcc: tx.merchant?.mcc ?? '',
    cpCountry: tx.counterparty?.country ?? '',
    merchantCountry: tx.merchant?.country ?? '',
    amount: toBase(tx),
    localHour: Number(tx.timestamp.slice(11, 13)),
  };
}

/** The subset as json-rules-engine rule options (`{ conditions, event }`). */
export function subsetAsJre(): { conditions: unknown; event: { type: string }; name: string }[] {
  return subsetRules().map((r) => ({
    name: r.id,
    event: { type: r.id },
    conditions: {
      all: r.all.map((l) =>
        l.f === 'amount'
          ? { fact: 'amount', operator: 'greaterThan', value: l.gt }
          : l.f === 'localHour'
            ? { any: [{ fact: 'localHour', operator: 'greaterThanInclusive', value: l.night[0] }, { fact: 'localHour', operator: 'lessThan', value: l.night[1] }] }
            : l.in.length === 1
              ? { fact: l.f, operator: 'equal', value: l.in[0] }
              : { fact: l.f, operator: 'in', value: [...l.in] },
      ),
    },
  }));
}
