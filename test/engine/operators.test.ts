import { describe, expect, it } from 'vitest';
import { compileCondition, type Predicate } from '../../src/compile/compile-condition.js';
import { compileList } from '../../src/compile/compiled-list.js';
import { ConditionSchema, ReferenceListSchema } from '../../src/schema/rule.js';
import type { ConfigIssue } from '../../src/errors.js';
import type { CustomerProfile } from '../../src/index.js';
import { DAY, HOUR, MINUTE, T0, compile, hitsOf, indicator, list, row, screenAll, tx, type Doc, type TxInput } from '../helpers/rules.js';

/** Compiles one condition (as written in a rule file) with the given lists; returns the predicate and the issues. */
function compileCond(cond: unknown, lists: Doc[] = []): { pred: Predicate; issues: ConfigIssue[] } {
  const compiled = new Map(lists.map((l) => {
    const d = ReferenceListSchema.parse(l);
    return [d.id, compileList(d)] as const;
  }));
  const issues: ConfigIssue[] = [];
  const pred = compileCondition(ConditionSchema.parse(cond), ['when'], { lists: compiled, baseExponent: 2, issues, nodes: { count: 0 } });
  return { pred, issues };
}

/** A checker: does this transaction (with optional profile / zone) pass the condition? */
function cond(c: unknown, lists: Doc[] = []): (t: TxInput, opts?: { profile?: CustomerProfile; timeZone?: string }) => boolean {
  const { pred, issues } = compileCond(c, lists);
  expect(issues).toEqual([]);
  return (t, opts = {}) => pred(row(tx(t), opts));
}

/** Issue codes of a condition that should not compile. */
function issueCodes(c: unknown, lists: Doc[] = []): string[] {
  return compileCond(c, lists).issues.map((i) => i.code);
}

/** Local-time instants (UTC) for a London winter day: hh:mm GMT = UTC. */
const winter = (hhmm: string) => Date.parse(`2026-01-05T${hhmm}:00Z`);

describe('eq / ne with a value', () => {
  it('compares string fields exactly', () => {
    const isOut = cond({ field: 'direction', op: 'eq', value: 'out' });
    expect(isOut({ direction: 'out' })).toBe(true);
    expect(isOut({ direction: 'in' })).toBe(false);
    const notOut = cond({ field: 'direction', op: 'ne', value: 'out' });
    expect(notOut({ direction: 'out' })).toBe(false);
    expect(notOut({ direction: 'in' })).toBe(true);
    // `string` fields are codes: no case folding.
    const gb = cond({ field: 'counterparty.country', op: 'eq', value: 'GB' });
    expect(gb({ counterparty: { country: 'GB' } })).toBe(true);
    expect(gb({ counterparty: { country: 'RO' } })).toBe(false);
  });

  it('accepts a number literal for a code field (compared as its string)', () => {
    const hotel = cond({ field: 'merchant.mcc', op: 'eq', value: 7011 });
    expect(hotel({ merchant: { mcc: '7011' } })).toBe(true);
    expect(hotel({ merchant: { mcc: '7012' } })).toBe(false);
  });

  it('folds case and diacritics on text fields: "Iași" = "IASI" = "Iaşi"', () => {
    const iasi = cond({ field: 'merchant.city', op: 'eq', value: 'IASI' });
    expect(iasi({ merchant: { city: 'Iași' } })).toBe(true);
    expect(iasi({ merchant: { city: 'Iaşi' } })).toBe(true); // s-cedilla
    expect(iasi({ merchant: { city: '  iasi ' } })).toBe(true);
    expect(iasi({ merchant: { city: 'Iasi Nord' } })).toBe(false);
    const notIasi = cond({ field: 'merchant.city', op: 'ne', value: 'Iași' });
    expect(notIasi({ merchant: { city: 'IASI' } })).toBe(false);
    expect(notIasi({ merchant: { city: 'Cluj' } })).toBe(true);
  });

  it('compares money in base minor units and numbers as numbers', () => {
    const hundred = cond({ field: 'amount', op: 'eq', value: 100 });
    expect(hundred({ amount: '100.00' })).toBe(true);
    expect(hundred({ amount: '100' })).toBe(true);
    expect(hundred({ amount: '100.01' })).toBe(false);
    const nine = cond({ field: 'local.hour', op: 'eq', value: 21 });
    expect(nine({ at: winter('21:00') })).toBe(true);
    expect(nine({ at: winter('20:59') })).toBe(false);
  });
});

describe('eq / ne with a ref', () => {
  it('compares two text fields after folding', () => {
    const same = cond({ field: 'merchant.city', op: 'eq', ref: 'location.city' });
    expect(same({ merchant: { city: 'Iași' }, location: { city: 'IASI' } })).toBe(true);
    expect(same({ merchant: { city: 'Iași' }, location: { city: 'Leeds' } })).toBe(false);
    const differs = cond({ field: 'merchant.city', op: 'ne', ref: 'location.city' });
    expect(differs({ merchant: { city: 'Iași' }, location: { city: 'IAȘI' } })).toBe(false);
    expect(differs({ merchant: { city: 'Iași' }, location: { city: 'Leeds' } })).toBe(true);
  });

  it('compares a text field with the profile address', () => {
    const home = cond({ field: 'merchant.city', op: 'eq', ref: 'profile.address.city' });
    const profile: CustomerProfile = { customerId: 'C1', address: { city: 'Iaşi' } };
    expect(home({ customerId: 'C1', merchant: { city: 'IAȘI' } }, { profile })).toBe(true);
    expect(home({ customerId: 'C1', merchant: { city: 'Leeds' } }, { profile })).toBe(false);
  });

  it('compares string fields exactly', () => {
    const same = cond({ field: 'merchant.country', op: 'eq', ref: 'counterparty.country' });
    expect(same({ merchant: { country: 'RO' }, counterparty: { country: 'RO' } })).toBe(true);
    expect(same({ merchant: { country: 'RO' }, counterparty: { country: 'GB' } })).toBe(false);
  });

  it('is false for eq and ne when either side is absent', () => {
    const eq = cond({ field: 'merchant.city', op: 'eq', ref: 'location.city' });
    const ne = cond({ field: 'merchant.city', op: 'ne', ref: 'location.city' });
    expect(eq({ merchant: { city: 'Leeds' } })).toBe(false);
    expect(ne({ merchant: { city: 'Leeds' } })).toBe(false);
    expect(ne({ location: { city: 'Leeds' } })).toBe(false);
  });

  it('refuses to compare money with a non-money field, and flag lists at all', () => {
    expect(issueCodes({ field: 'amount', op: 'eq', ref: 'local.hour' })).toEqual(['invalid_condition']);
    expect(issueCodes({ field: 'flags', op: 'eq', ref: 'profile.flags' })).toEqual(['invalid_condition']);
    expect(issueCodes({ field: 'flags', op: 'eq', value: 'escorted' })).toEqual(['invalid_condition']);
  });
});

describe('gt / gte / lt / lte / between', () => {
  it('compare the amount exactly at the threshold', () => {
    const cases: [string, string, boolean][] = [
      ['gt', '100.00', false], ['gt', '100.01', true],
      ['gte', '100.00', true], ['gte', '99.99', false],
      ['lt', '100.00', false], ['lt', '99.99', true],
      ['lte', '100.00', true], ['lte', '100.01', false],
    ];
    for (const [op, amount, expected] of cases) {
      expect(cond({ field: 'amount', op, value: 100 })({ amount }), `${amount} ${op} 100`).toBe(expected);
    }
  });

  it('between is inclusive at both ends', () => {
    const mid = cond({ field: 'amount', op: 'between', value: [50, 100] });
    expect(mid({ amount: '49.99' })).toBe(false);
    expect(mid({ amount: '50.00' })).toBe(true);
    expect(mid({ amount: '75.5' })).toBe(true);
    expect(mid({ amount: '100.00' })).toBe(true);
    expect(mid({ amount: '100.01' })).toBe(false);
  });

  it('compare decimal thresholds without float error (0.1 + 0.2 style)', () => {
    expect(cond({ field: 'amount', op: 'gte', value: 0.3 })({ amount: '0.30' })).toBe(true);
    expect(cond({ field: 'amount', op: 'lte', value: 0.3 })({ amount: '0.30' })).toBe(true);
    expect(cond({ field: 'amount', op: 'between', value: [0.29, 0.3] })({ amount: '0.30' })).toBe(true);
  });

  it('work on the local hour', () => {
    const late = cond({ field: 'local.hour', op: 'gte', value: 22 });
    expect(late({ at: winter('21:59') })).toBe(false);
    expect(late({ at: winter('22:00') })).toBe(true);
    const small = cond({ field: 'local.hour', op: 'between', value: [0, 5] });
    expect(small({ at: winter('00:00') })).toBe(true);
    expect(small({ at: winter('05:59') })).toBe(true);
    expect(small({ at: winter('06:00') })).toBe(false);
    // 21:30 UTC in July is 22:30 in London (BST).
    expect(late({ at: Date.parse('2026-07-01T21:30:00Z') })).toBe(true);
    expect(cond({ field: 'local.hour', op: 'lt', value: 1 })({ at: Date.parse('2026-07-01T21:30:00Z') }, { timeZone: 'Europe/Bucharest' })).toBe(true);
  });

  it('compare the amount in the base currency (screener with FX)', () => {
    const rules = compile([indicator({ when: { field: 'amount', op: 'lte', value: 85 } })]);
    const fx = [{ date: '2026-01-01', currency: 'EUR', rateToBase: '0.85' }];
    expect(hitsOf(screenAll(rules, [tx({ amount: '100.00', currency: 'EUR' })], { fx }))).toHaveLength(1);
    expect(hitsOf(screenAll(rules, [tx({ amount: '100.02', currency: 'EUR' })], { fx }))).toHaveLength(0); // 85.017 → 85.02
    const over = compile([indicator({ when: { field: 'amount', op: 'gt', value: 85 } })]);
    expect(hitsOf(screenAll(over, [tx({ amount: '100.00', currency: 'EUR' })], { fx }))).toHaveLength(0);
    // originalAmount is the amount as written, in its own currency.
    const orig = compile([indicator({ when: { field: 'originalAmount', op: 'eq', value: 100 } })]);
    expect(hitsOf(screenAll(orig, [tx({ amount: '100.00', currency: 'EUR' })], { fx }))).toHaveLength(1);
  });

  it('need a numeric field and an ordered range', () => {
    expect(issueCodes({ field: 'merchant.city', op: 'gt', value: 1 })).toEqual(['invalid_condition']);
    expect(issueCodes({ field: 'merchant.mcc', op: 'between', value: [1, 2] })).toEqual(['invalid_condition']);
    expect(issueCodes({ field: 'amount', op: 'between', value: [100, 50] })).toEqual(['invalid_condition']);
  });
});

describe('in / notIn', () => {
  it('with inline values on codes, text and money', () => {
    const cashy = cond({ field: 'channel', op: 'in', value: ['cash', 'atm'] });
    expect(cashy({ channel: 'atm' })).toBe(true);
    expect(cashy({ channel: 'card' })).toBe(false);
    const notCashy = cond({ field: 'channel', op: 'notIn', value: ['cash', 'atm'] });
    expect(notCashy({ channel: 'atm' })).toBe(false);
    expect(notCashy({ channel: 'card' })).toBe(true);
    const towns = cond({ field: 'merchant.city', op: 'in', value: ['iasi', 'Cluj Napoca'] });
    expect(towns({ merchant: { city: 'IAȘI' } })).toBe(true);
    expect(towns({ merchant: { city: 'Cluj-Napoca' } })).toBe(true);
    expect(towns({ merchant: { city: 'Cluj' } })).toBe(false);
    const round = cond({ field: 'amount', op: 'in', value: [50, 100] });
    expect(round({ amount: '100.00' })).toBe(true);
    expect(round({ amount: '99.00' })).toBe(false);
    const mcc = cond({ field: 'merchant.mcc', op: 'in', value: [7011, '6513'] });
    expect(mcc({ merchant: { mcc: '7011' } })).toBe(true);
    expect(mcc({ merchant: { mcc: '6513' } })).toBe(true);
  });

  it('with a codes list: items and inclusive ranges', () => {
    const lodging = list('mcc.lodging', 'codes', ['7011'], { ranges: [['3501', '3835']] });
    const inList = cond({ field: 'merchant.mcc', op: 'in', list: 'mcc.lodging' }, [lodging]);
    for (const [mcc, expected] of [['7011', true], ['7012', false], ['3500', false], ['3501', true], ['3700', true], ['3835', true], ['3836', false]] as const) {
      expect(inList({ merchant: { mcc } }), mcc).toBe(expected);
    }
    const notInList = cond({ field: 'merchant.mcc', op: 'notIn', list: 'mcc.lodging' }, [lodging]);
    expect(notInList({ merchant: { mcc: '3501' } })).toBe(false);
    expect(notInList({ merchant: { mcc: '5411' } })).toBe(true);
  });

  it('ranges only match codes of the same length (no lexicographic surprises)', () => {
    const ranges = list('acct.ranges', 'codes', [], { ranges: [['3501', '3835']] });
    const inRange = cond({ field: 'counterparty.account', op: 'in', list: 'acct.ranges' }, [ranges]);
    expect(inRange({ counterparty: { account: '3600' } })).toBe(true);
    // "36" and "3600000" sort between "3501" and "3835" as strings, but are not 4-digit codes.
    expect(inRange({ counterparty: { account: '36' } })).toBe(false);
    expect(inRange({ counterparty: { account: '3600000' } })).toBe(false);
    expect(inRange({ counterparty: { account: '4' } })).toBe(false);
  });

  it('a flag list takes hasAny, not in', () => {
    expect(issueCodes({ field: 'flags', op: 'in', value: ['x'] })).toEqual(['invalid_condition']);
  });
});

describe('matchesAny / matchesNone', () => {
  const massage = cond({ field: 'reference', op: 'matchesAny', value: ['massage', 'booking.com', 'pensiune ștefan'] });

  it('matches whole words, case-insensitively', () => {
    expect(massage({ reference: 'Thai MASSAGE parlour' })).toBe(true);
    expect(massage({ reference: 'massage' })).toBe(true);
    expect(massage({ reference: 'paid: massage!' })).toBe(true);
  });

  it('never matches part of a word', () => {
    expect(massage({ reference: 'massages' })).toBe(false);
    expect(massage({ reference: 'massagetherapy ltd' })).toBe(false);
    expect(massage({ reference: 'bodymassage' })).toBe(false);
  });

  it('matches phrases like "booking.com" word by word, and only whole', () => {
    expect(massage({ reference: 'BOOKING.COM hotel 123' })).toBe(true);
    expect(massage({ reference: 'Booking com' })).toBe(true);
    expect(massage({ reference: 'mybooking.com' })).toBe(false);
    expect(massage({ reference: 'booking.community' })).toBe(false);
    expect(massage({ reference: 'booking' })).toBe(false);
    expect(massage({ reference: 'com booking' })).toBe(false);
  });

  it('folds Romanian diacritics, comma-below and cedilla alike', () => {
    expect(massage({ reference: 'Pensiune Ştefan' })).toBe(true); // cedilla
    expect(massage({ reference: 'PENSIUNE ȘTEFAN' })).toBe(true); // comma below
    expect(massage({ reference: 'pensiune stefan' })).toBe(true);
    expect(massage({ reference: 'Pensiunea Ștefan' })).toBe(false); // another word
    const ro = cond({ field: 'merchant.name', op: 'matchesAny', value: ['țară', 'câine', 'îngrijire', 'bănci'] });
    expect(ro({ merchant: { name: 'Produse de ŢARA' } })).toBe(true); // t-cedilla
    expect(ro({ merchant: { name: 'tara noastra' } })).toBe(true);
    expect(ro({ merchant: { name: 'Salon CAINE' } })).toBe(true);
    expect(ro({ merchant: { name: 'ingrijire' } })).toBe(true);
    expect(ro({ merchant: { name: 'Banci' } })).toBe(true);
    expect(ro({ merchant: { name: 'tarabă' } })).toBe(false);
  });

  it('matchesNone is the complement, and true on an absent field', () => {
    const none = cond({ field: 'reference', op: 'matchesNone', value: ['massage'] });
    expect(none({ reference: 'Massage' })).toBe(false);
    expect(none({ reference: 'rent' })).toBe(true);
    expect(none({ reference: 'massages' })).toBe(true);
    expect(none({})).toBe(true);
    expect(massage({})).toBe(false);
  });

  it('works with a names list', () => {
    const sites = list('names.sites', 'names', ['Only Fans', 'adultwork.com', 'Vivastreet']);
    const ads = cond({ field: 'merchant.name', op: 'matchesAny', list: 'names.sites' }, [sites]);
    expect(ads({ merchant: { name: 'ONLYFANS' } })).toBe(false); // one word is not the phrase "only fans"
    expect(ads({ merchant: { name: 'Only-Fans Ltd' } })).toBe(true);
    expect(ads({ merchant: { name: 'AdultWork.com credits' } })).toBe(true);
    expect(ads({ merchant: { name: 'vivastreet.co.uk' } })).toBe(true);
    expect(ads({ merchant: { name: 'Tesco' } })).toBe(false);
  });

  it('does not match a keyword made from a word cut at the read limit', () => {
    // Only the first 512 characters are read; a word straddling that limit must not become a shorter word.
    const padding = `${'x '.repeat(251)}yy`; // 504 characters: "massages" is cut to "massage"
    expect(padding).toHaveLength(504);
    expect(massage({ reference: `${padding} massages` })).toBe(false);
  });

  it('needs a text field and a names list', () => {
    expect(issueCodes({ field: 'merchant.mcc', op: 'matchesAny', value: ['x'] })).toEqual(['invalid_condition']);
    expect(issueCodes({ field: 'merchant.name', op: 'matchesAny', list: 'mcc' }, [list('mcc', 'codes', ['1'])])).toEqual(['invalid_condition']);
    expect(issueCodes({ field: 'merchant.mcc', op: 'in', list: 'names' }, [list('names', 'names', ['a'])])).toEqual(['invalid_condition']);
    expect(issueCodes({ field: 'merchant.name', op: 'matchesAny', list: 'nope' })).toEqual(['unknown_list']);
  });
});

describe('hasAny / hasNone', () => {
  it('test transaction flags, case-insensitively', () => {
    const escorted = cond({ field: 'flags', op: 'hasAny', value: ['escorted', 'coached'] });
    expect(escorted({ flags: ['Escorted'] })).toBe(true);
    expect(escorted({ flags: ['other', 'COACHED'] })).toBe(true);
    expect(escorted({ flags: ['other'] })).toBe(false);
    expect(escorted({ flags: [] })).toBe(false);
    expect(escorted({})).toBe(false);
    const clean = cond({ field: 'flags', op: 'hasNone', value: ['escorted'] });
    expect(clean({ flags: ['escorted'] })).toBe(false);
    expect(clean({ flags: ['other'] })).toBe(true);
    expect(clean({ flags: [] })).toBe(true);
    expect(clean({})).toBe(true);
  });

  it('test profile flags', () => {
    const controlled = cond({ field: 'profile.flags', op: 'hasAny', value: ['third_party_control'] });
    const profile: CustomerProfile = { customerId: 'C1', flags: ['third_party_control'] };
    expect(controlled({ customerId: 'C1' }, { profile })).toBe(true);
    expect(controlled({ customerId: 'C1' }, { profile: { customerId: 'C1', flags: ['x'] } })).toBe(false);
    expect(controlled({})).toBe(false);
    expect(cond({ field: 'profile.flags', op: 'hasNone', value: ['third_party_control'] })({})).toBe(true);
  });

  it('need a flag-list field', () => {
    expect(issueCodes({ field: 'reference', op: 'hasAny', value: ['x'] })).toEqual(['invalid_condition']);
  });
});

describe('exists / missing', () => {
  it('tell present from absent (an empty string or list is absent)', () => {
    const has = cond({ field: 'merchant.name', op: 'exists' });
    const lacks = cond({ field: 'merchant.name', op: 'missing' });
    expect(has({ merchant: { name: 'Tesco' } })).toBe(true);
    expect(lacks({ merchant: { name: 'Tesco' } })).toBe(false);
    expect(has({ merchant: { mcc: '5411' } })).toBe(false);
    expect(lacks({})).toBe(true);
    expect(cond({ field: 'reference', op: 'missing' })({ reference: '' })).toBe(true);
    expect(cond({ field: 'flags', op: 'exists' })({ flags: [] })).toBe(false);
    expect(cond({ field: 'profile.phone', op: 'missing' })({})).toBe(true);
    expect(cond({ field: 'profile.phone', op: 'exists' })({ customerId: 'C1' }, { profile: { customerId: 'C1', phone: '+44 7700 900000' } })).toBe(true);
  });
});

describe('localTimeBetween', () => {
  it('a non-wrapping range is [from, to)', () => {
    const office = cond({ op: 'localTimeBetween', value: ['09:00', '17:00'] });
    expect(office({ at: winter('08:59') })).toBe(false);
    expect(office({ at: winter('09:00') })).toBe(true);
    expect(office({ at: winter('16:59') })).toBe(true);
    expect(office({ at: winter('17:00') })).toBe(false);
  });

  it('a wrapping range ["22:00","06:00"] includes 22:00 and excludes 06:00', () => {
    const night = cond({ op: 'localTimeBetween', value: ['22:00', '06:00'] });
    const expectations: [string, boolean][] = [
      ['21:59', false], ['22:00', true], ['23:59', true], ['00:00', true], ['05:59', true], ['06:00', false], ['12:00', false],
    ];
    for (const [hhmm, expected] of expectations) expect(night({ at: winter(hhmm) }), hhmm).toBe(expected);
    // Seconds within the minute do not matter: 05:59:59 is still 05:59.
    expect(night({ at: winter('05:59') + 59_000 })).toBe(true);
  });

  it('reads the screener time zone', () => {
    const night = cond({ op: 'localTimeBetween', value: ['22:00', '06:00'] });
    // 20:30 UTC on 1 July: 21:30 in London (BST), 23:30 in Bucharest (EEST).
    const t = Date.parse('2026-07-01T20:30:00Z');
    expect(night({ at: t })).toBe(false);
    expect(night({ at: t }, { timeZone: 'Europe/Bucharest' })).toBe(true);
  });

  it('refuses an empty range', () => {
    expect(issueCodes({ op: 'localTimeBetween', value: ['06:00', '06:00'] })).toEqual(['invalid_condition']);
  });
});

describe('all / any / not / atLeast', () => {
  const a = { field: 'channel', op: 'eq', value: 'cash' };
  const b = { field: 'direction', op: 'eq', value: 'in' };
  const c = { field: 'amount', op: 'gte', value: 100 };

  it('combine as boolean logic', () => {
    const all = cond({ all: [a, b] });
    expect(all({ channel: 'cash', direction: 'in' })).toBe(true);
    expect(all({ channel: 'cash', direction: 'out' })).toBe(false);
    const any = cond({ any: [a, b] });
    expect(any({ channel: 'card', direction: 'in' })).toBe(true);
    expect(any({ channel: 'card', direction: 'out' })).toBe(false);
    const not = cond({ not: a });
    expect(not({ channel: 'cash' })).toBe(false);
    expect(not({ channel: 'card' })).toBe(true);
  });

  it('atLeast n of m', () => {
    const two = cond({ atLeast: 2, of: [a, b, c] });
    expect(two({ channel: 'cash', direction: 'out', amount: '10' })).toBe(false);
    expect(two({ channel: 'cash', direction: 'in', amount: '10' })).toBe(true);
    expect(two({ channel: 'card', direction: 'in', amount: '100' })).toBe(true);
    const three = cond({ atLeast: 3, of: [a, b, c] });
    expect(three({ channel: 'cash', direction: 'in', amount: '99.99' })).toBe(false);
    expect(three({ channel: 'cash', direction: 'in', amount: '100' })).toBe(true);
  });

  it('atLeast must be 1..n', () => {
    expect(issueCodes({ atLeast: 0, of: [a] })).toEqual(['invalid_at_least']);
    expect(issueCodes({ atLeast: 3, of: [a, b] })).toEqual(['invalid_at_least']);
    expect(issueCodes({ atLeast: 1.5, of: [a, b] })).toEqual(['invalid_at_least']);
  });

  it('not over an absent field is true', () => {
    expect(cond({ not: { field: 'merchant.city', op: 'eq', value: 'Leeds' } })({})).toBe(true);
  });
});

describe('absent fields', () => {
  // Every operator is false on an absent field, except missing, hasNone and matchesNone.
  const onAbsent: [unknown, boolean][] = [
    [{ field: 'counterparty.country', op: 'eq', value: 'GB' }, false],
    [{ field: 'counterparty.country', op: 'ne', value: 'GB' }, false],
    [{ field: 'merchant.city', op: 'eq', value: 'Leeds' }, false],
    [{ field: 'merchant.city', op: 'ne', value: 'Leeds' }, false],
    [{ field: 'merchant.city', op: 'eq', ref: 'location.city' }, false],
    [{ field: 'merchant.city', op: 'ne', ref: 'location.city' }, false],
    [{ field: 'profile.declaredMonthlyIncome', op: 'gt', value: 0 }, false],
    [{ field: 'profile.declaredMonthlyIncome', op: 'gte', value: 0 }, false],
    [{ field: 'profile.declaredMonthlyIncome', op: 'lt', value: 1e9 }, false],
    [{ field: 'profile.declaredMonthlyIncome', op: 'lte', value: 1e9 }, false],
    [{ field: 'profile.declaredMonthlyIncome', op: 'between', value: [0, 1e9] }, false],
    [{ field: 'merchant.mcc', op: 'in', value: ['7011'] }, false],
    [{ field: 'merchant.mcc', op: 'notIn', value: ['7011'] }, false],
    [{ field: 'merchant.mcc', op: 'in', list: 'codes' }, false],
    [{ field: 'merchant.mcc', op: 'notIn', list: 'codes' }, false],
    [{ field: 'merchant.name', op: 'matchesAny', value: ['hotel'] }, false],
    [{ field: 'merchant.name', op: 'matchesAny', list: 'names' }, false],
    [{ field: 'merchant.name', op: 'matchesNone', value: ['hotel'] }, true],
    [{ field: 'merchant.name', op: 'matchesNone', list: 'names' }, true],
    [{ field: 'flags', op: 'hasAny', value: ['escorted'] }, false],
    [{ field: 'flags', op: 'hasNone', value: ['escorted'] }, true],
    [{ field: 'profile.flags', op: 'hasAny', value: ['escorted'] }, false],
    [{ field: 'profile.flags', op: 'hasNone', value: ['escorted'] }, true],
    [{ field: 'merchant.name', op: 'exists' }, false],
    [{ field: 'merchant.name', op: 'missing' }, true],
  ];
  const lists = [list('codes', 'codes', ['7011']), list('names', 'names', ['hotel'])];
  for (const [c, expected] of onAbsent) {
    it(`${JSON.stringify(c)} → ${expected}`, () => {
      expect(cond(c, lists)({})).toBe(expected);
    });
  }
});

describe('operators through a screener', () => {
  it('a count rule fires only on transactions that pass "when"', () => {
    const rules = compile([
      list('mcc.lodging', 'codes', ['7011'], { ranges: [['3501', '3835']] }),
      indicator({
        when: {
          all: [
            { field: 'direction', op: 'eq', value: 'out' },
            { field: 'merchant.mcc', op: 'in', list: 'mcc.lodging' },
            { op: 'localTimeBetween', value: ['22:00', '06:00'] },
            { not: { field: 'merchant.city', op: 'eq', ref: 'profile.address.city' } },
          ],
        },
        trigger: { measure: 'n', op: 'gte', value: 2 },
        cooldown: 'PT1M',
      }),
    ]);
    const profiles = [{ customerId: 'C1', address: { city: 'Iaşi' } }];
    const base = { customerId: 'C1', merchant: { mcc: '3600', city: 'Leeds' } };
    const events = screenAll(
      rules,
      [
        tx({ ...base, id: 'a', at: T0 + 22 * HOUR }),
        tx({ ...base, id: 'b', at: T0 + 23 * HOUR, merchant: { mcc: '3600', city: 'IASI' } }), // home town: out
        tx({ ...base, id: 'c', at: T0 + DAY + 2 * HOUR, channel: 'card', direction: 'in' }), // a credit: out
        tx({ ...base, id: 'd', at: T0 + DAY + 5 * HOUR + 59 * MINUTE }),
        tx({ ...base, id: 'e', at: T0 + DAY + 6 * HOUR }), // 06:00 is not night any more
      ],
      { profiles },
    );
    const hits = hitsOf(events);
    expect(hits.map((h) => [h.triggeringTransactionId, h.transactionIds])).toEqual([['d', ['a', 'd']]]);
  });
});
