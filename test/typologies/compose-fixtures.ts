// Writes test/fixtures/typologies/<typology>.json: for each typology, one scenario that crosses its
// review threshold and one that stays below, each a short account history on account A1 / customer C1.
//
// The histories are put together from the hand-written positive indicator fixtures
// (test/fixtures/rules/<rule>.json, all on A1/C1 from 2026-01-05): transaction ids are prefixed with
// the rule they come from, profiles are merged into one, and everything is sorted by time. The written
// files are plain data and are what the typology tests read; re-run this only to rebuild them:
//
//   npx tsx test/typologies/compose-fixtures.ts
//
// The expected level, score and members are then checked by hand against the typology's weights.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', 'fixtures');

interface Tx {
  id: string;
  timestamp: string;
  [k: string]: unknown;
}
interface Profile {
  customerId: string;
  flags?: string[];
  [k: string]: unknown;
}

function compose(rules: readonly string[], profile: Partial<Profile> = {}): { profiles: Profile[]; transactions: Tx[] } {
  const txs: Tx[] = [];
  const profiles = new Map<string, Profile>();
  for (const r of rules) {
    const f = JSON.parse(readFileSync(join(root, 'rules', `${r}.json`), 'utf8')) as { positive: { profiles?: Profile[]; transactions: Tx[] } };
    for (const t of f.positive.transactions) txs.push({ ...t, id: `${r}.${t.id}` });
    for (const p of f.positive.profiles ?? []) {
      const prev = profiles.get(p.customerId);
      const flags = [...new Set([...(prev?.flags ?? []), ...(p.flags ?? [])])];
      profiles.set(p.customerId, { ...prev, ...p, ...(flags.length > 0 ? { flags } : {}) });
    }
  }
  const c1 = profiles.get('C1') ?? { customerId: 'C1' };
  profiles.set('C1', { ...c1, ...profile });
  txs.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.id < b.id ? -1 : 1));
  return { profiles: [...profiles.values()], transactions: txs };
}

interface Spec {
  typology: string;
  above: { description: string; rules: string[]; profile?: Partial<Profile>; level: 'review' | 'high'; score: number; members: string[] };
  below: { description: string; rules: string[]; profile?: Partial<Profile>; maxScore: number; members: string[] };
}

const SPECS: Spec[] = [
  {
    typology: 'controller_account',
    above: {
      description: 'A personal account takes many small one-off client transfers in a week, pays escort-advert sites and tops up phones several times a week.',
      rules: ['p2p_many_payers', 'adult_ad_spend', 'phone_topups'],
      level: 'review',
      score: 0.85,
      members: ['adult_ad_spend', 'p2p_many_payers', 'phone_topups'],
    },
    below: {
      description: 'The same client transfers and phone top-ups, but no advertising spend: 0.45, below review.',
      rules: ['p2p_many_payers', 'phone_topups'],
      maxScore: 0.45,
      members: ['p2p_many_payers', 'phone_topups'],
    },
  },
  {
    typology: 'victim_account',
    above: {
      description: 'Wages swept to a third party on two paydays, on an account staff flagged for third-party control.',
      rules: ['wages_swept', 'third_party_control'],
      level: 'review',
      score: 0.9,
      members: ['third_party_control', 'wages_swept'],
    },
    below: {
      description: 'The same swept wages without any sign of control: 0.4, below review.',
      rules: ['wages_swept'],
      maxScore: 0.4,
      members: ['wages_swept'],
    },
  },
  {
    typology: 'popup_operation',
    above: {
      description: 'Hotel bookings at several places in a week, in several cities within a fortnight, many short-let bookings, and fast food for several people.',
      rules: ['lodging_velocity', 'multi_city_stays', 'short_let_platform', 'food_for_many'],
      level: 'high',
      score: 1.15,
      members: ['food_for_many', 'lodging_velocity', 'multi_city_stays', 'short_let_platform'],
    },
    below: {
      description: 'Fast food for several people and night cash withdrawals, but no lodging pattern: 0.35, below review.',
      rules: ['food_for_many', 'night_cash'],
      maxScore: 0.35,
      members: ['food_for_many', 'night_cash'],
    },
  },
  {
    typology: 'funnel_cash_placement',
    above: {
      description: 'Cash deposited and withdrawn elsewhere within 48 hours, twice, and three cash deposits just under the reporting threshold.',
      rules: ['funnel_rapid_out', 'threshold_avoidance'],
      level: 'review',
      score: 0.7,
      members: ['funnel_rapid_out', 'threshold_avoidance'],
    },
    below: {
      description: 'Night-time cash withdrawals only: 0.2, below review.',
      rules: ['night_cash'],
      maxScore: 0.2,
      members: ['night_cash'],
    },
  },
  {
    typology: 'cross_border_repatriation',
    above: {
      description: 'Frequent transfers from a UK account to Romania, prepaid card loads and small crypto purchases.',
      rules: ['ro_uk_remit', 'prepaid_cards', 'crypto_tpp'],
      level: 'review',
      score: 0.8,
      members: ['crypto_tpp', 'prepaid_cards', 'ro_uk_remit'],
    },
    below: {
      description: 'The same transfers to Romania on their own: 0.4, below review.',
      rules: ['ro_uk_remit'],
      maxScore: 0.4,
      members: ['ro_uk_remit'],
    },
  },
  {
    typology: 'front_business',
    above: {
      description: 'A massage business whose takings arrive mostly at night, with £20,000+ of credits in 90 days and no ordinary business costs.',
      rules: ['offhours_adult_merchant', 'no_business_costs'],
      profile: { accountType: 'business', occupation: 'Massage parlour' },
      level: 'review',
      score: 0.7,
      members: ['no_business_costs', 'offhours_adult_merchant'],
    },
    below: {
      description: 'The same night takings, but far less than £20,000 credited in 90 days, so no_business_costs does not fire: 0.4, below review.',
      rules: ['offhours_adult_merchant'],
      profile: { accountType: 'business', occupation: 'Massage parlour' },
      maxScore: 0.4,
      members: ['offhours_adult_merchant'],
    },
  },
];

mkdirSync(join(root, 'typologies'), { recursive: true });
for (const s of SPECS) {
  const out = {
    typology: s.typology,
    entity: 'A1',
    above: {
      description: s.above.description,
      composedFrom: s.above.rules,
      ...compose(s.above.rules, s.above.profile),
      expect: { alert: true, level: s.above.level, score: s.above.score, members: s.above.members },
    },
    below: {
      description: s.below.description,
      composedFrom: s.below.rules,
      ...compose(s.below.rules, s.below.profile),
      expect: { alert: false, maxScore: s.below.maxScore, members: s.below.members },
    },
  };
  writeFileSync(join(root, 'typologies', `${s.typology}.json`), JSON.stringify(out, null, 2) + '\n');
}
console.log(`wrote ${SPECS.length} typology fixtures`);
