/**
 * Planning a population: which account is what, who is planted with which scenario, the identities,
 * profiles and labels. Everything here is decided up front from the seed; transactions are produced
 * later, day by day, by `stream.ts`.
 */
import type { CustomerProfile } from '../schema/profile.js';
import type { Account, PlantedState } from './account.js';
import { backgroundDay, setupBackground } from './archetypes.js';
import { type Emitter, perPound } from './emit.js';
import { addressIn, emailFor, externalPerson, makeIban, newDevice, type Party, personName, phoneNumber } from './identity.js';
import { type Place, RO_PLACES, UK_PLACES } from './merchants.js';
import { deriveSeed, Rng } from './prng.js';
import { circuitOf } from './scenarios/common.js';
import { controllerDay, setupController } from './scenarios/controller.js';
import { frontDay, setupFront } from './scenarios/front-business.js';
import { funnelDay, setupFunnel } from './scenarios/funnel.js';
import { popupDay, setupPopup } from './scenarios/popup.js';
import { beneficiaryDay, senderDay, setupBeneficiary, setupSender } from './scenarios/repatriation.js';
import type { Ring } from './scenarios/ring.js';
import { setupVictim, victimDay } from './scenarios/victim.js';
import { buildCalendar, type CalendarDay, formatLondon, localToEpoch } from './time.js';
import {
  type Archetype, ARCHETYPES, type BackgroundLabel, DEFAULT_ARCHETYPE_SHARES, DEFAULT_PLANTED, DEFAULT_TYPOLOGY_IDS, type GenerateOptions,
  GenerateOptionsSchema, type GeneratedLabels, type PlantedLabel, type ResolvedGenerateOptions, type Scenario, SCENARIOS,
} from './types.js';

/** A planned population, ready to run. */
export interface Population {
  readonly options: ResolvedGenerateOptions;
  readonly calendar: readonly CalendarDay[];
  readonly accounts: readonly Account[];
  readonly profiles: readonly CustomerProfile[];
  readonly labels: GeneratedLabels;
}

type Role = 'controller' | 'victim' | 'organiser' | 'funnel_account' | 'sender' | 'beneficiary' | 'front_business';

interface Slot {
  archetype: Archetype;
  scenario?: Scenario;
  role?: Role;
}

/** Cover archetypes a scenario can be planted on. */
const COVERS: Readonly<Record<Role, readonly Archetype[]>> = {
  controller: ['salaried', 'romanian_worker', 'night_shift', 'student'],
  victim: ['student', 'romanian_worker', 'salaried', 'night_shift'],
  organiser: ['salaried', 'romanian_worker', 'night_shift', 'student'],
  funnel_account: ['salaried', 'romanian_worker', 'night_shift', 'student'],
  sender: ['romanian_worker', 'romanian_worker', 'salaried'],
  beneficiary: ['ro_resident'],
  front_business: ['small_business'],
};

const ROLE_OF: Readonly<Record<Exclude<Scenario, 'repatriation'>, Role>> = {
  controller: 'controller',
  victim: 'victim',
  popup: 'organiser',
  funnel: 'funnel_account',
  front_business: 'front_business',
};

/** Chance an account's holder has a Romanian name and background. */
const RO_ORIGIN: Readonly<Record<Archetype, number>> = {
  salaried: 0.06, student: 0.25, romanian_worker: 1, night_shift: 0.15, small_business: 0.1, business_traveller: 0.04, pensioner: 0.01, ro_resident: 1,
};

/**
 * Validates options and applies defaults.
 *
 * @param options - caller options
 * @returns resolved options
 * @throws {import('zod').ZodError} when an option is invalid
 * @example
 * resolveOptions({ seed: 1 }).accounts //=> 1000
 */
export function resolveOptions(options: GenerateOptions): ResolvedGenerateOptions {
  return GenerateOptionsSchema.parse(options);
}

function plan(o: ResolvedGenerateOptions, rng: Rng): Slot[] {
  const n = o.accounts;
  const counts = {} as Record<Scenario, number>;
  let planted = 0;
  for (const s of SCENARIOS) {
    counts[s] = Math.round((o.planted[s] ?? DEFAULT_PLANTED[s]) * n);
    planted += counts[s];
  }
  if (planted > n) throw new RangeError(`planted shares add up to ${planted} accounts, more than the ${n} generated`);
  const shares = ARCHETYPES.map((a) => o.archetypes[a] ?? DEFAULT_ARCHETYPE_SHARES[a]);
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const slots: Slot[] = new Array<Slot>(n);
  const pickCover = (role: Role): Archetype => rng.weighted(COVERS[role], (a) => (shares[ARCHETYPES.indexOf(a)] ?? 0) + 0.01);
  let next = 0;
  for (const s of SCENARIOS) {
    const roSide = s === 'repatriation' ? Math.round(counts[s] * o.roSideShare) : 0;
    for (let i = 0; i < counts[s]; i++) {
      const role: Role = s === 'repatriation' ? (i < roSide ? 'beneficiary' : 'sender') : ROLE_OF[s];
      slots[order[next++] as number] = { archetype: pickCover(role), scenario: s, role };
    }
  }
  for (let i = next; i < n; i++) {
    slots[order[i] as number] = { archetype: rng.weighted(ARCHETYPES, (a) => shares[ARCHETYPES.indexOf(a)] ?? 0) };
  }
  return slots;
}

function isoDate(base: string, offsetDays: number): string {
  return new Date(Date.parse(`${base}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function createAccount(o: ResolvedGenerateOptions, cal: readonly CalendarDay[], i: number, slot: Slot, idOffset: number, custOffset: number): Account {
  const rng = new Rng(deriveSeed(o.seed, i, 0x51ed));
  const ro = slot.archetype === 'ro_resident';
  const home: Place = ro ? rng.weighted(RO_PLACES, (p) => p.weight) : rng.weighted(UK_PLACES, (p) => p.weight);
  const roOrigin = slot.role === 'victim' ? 0.85 : slot.role === 'controller' ? 0.7 : slot.role !== undefined ? 0.5 : RO_ORIGIN[slot.archetype];
  const origin: 'GB' | 'RO' = rng.chance(roOrigin) ? 'RO' : 'GB';
  const country: 'GB' | 'RO' = ro ? 'RO' : 'GB';
  const currency = ro ? o.roCurrency : o.baseCurrency;
  const fx = perPound(currency);
  const number = 10_000_000 + ((i * 7919 + idOffset) % 90_000_000);
  const accountId = ro
    ? makeIban('RO', `MSHB00${String(rng.int(1000, 9999))}${String(number).padStart(10, '0')}`)
    : makeIban('GB', `MSHB40${String(rng.int(1000, 9999))}${number}`);
  const customerId = `C${10_000_000 + ((i * 104_729 + custOffset) % 90_000_000)}`;
  const { background, profile } = setupBackground({ rng, archetype: slot.archetype, home, fx, days: cal.length, origin });
  const holder = personName(rng, origin);
  const business = background.business;
  const partyName = business !== undefined ? `${business.tradingName} LTD` : holder.toUpperCase();
  const opened = slot.role === 'victim' ? rng.int(5, 150) : rng.int(30, 3650);
  const base = perPound(o.baseCurrency);
  const declared = profile.declaredMonthlyIncome > 0 ? (profile.declaredMonthlyIncome * base).toFixed(2) : undefined;
  const turnover = profile.expectedMonthlyTurnover > 0 ? (profile.expectedMonthlyTurnover * base).toFixed(2) : undefined;
  return {
    index: i,
    accountId,
    customerId,
    rng,
    archetype: slot.archetype,
    country,
    currency,
    fx,
    home,
    origin,
    holder,
    party: { id: customerId, name: partyName, account: accountId, country, internal: i },
    device: newDevice(rng, country),
    address: addressIn(rng, home),
    phone: phoneNumber(rng, rng.chance(origin === 'RO' && !ro ? 0.3 : 0) ? 'RO' : country),
    email: emailFor(rng, holder),
    profile: {
      accountType: profile.accountType,
      occupation: profile.occupation,
      declaredMonthlyIncome: declared,
      travelsForWork: profile.travelsForWork,
      expectedMonthlyTurnover: turnover,
      flags: undefined,
      openedAt: isoDate(cal[0]?.date ?? o.start, -opened),
    },
    bg: background,
  };
}

function finalProfile(a: Account): CustomerProfile {
  const p = a.profile;
  const out: CustomerProfile = {
    customerId: a.customerId,
    accountType: p.accountType,
    phone: a.phone,
    email: a.email,
    address: { line: a.address.line, city: a.address.city, postcode: a.address.postcode, country: a.address.country },
    occupation: p.occupation,
  };
  if (p.declaredMonthlyIncome !== undefined) out.declaredMonthlyIncome = p.declaredMonthlyIncome;
  out.travelsForWork = p.travelsForWork;
  if (p.expectedMonthlyTurnover !== undefined) out.expectedMonthlyTurnover = p.expectedMonthlyTurnover;
  if (p.flags !== undefined && p.flags.length > 0) out.flags = [...p.flags];
  out.openedAt = p.openedAt;
  return out;
}

function windowFor(rng: Rng, days: number): { startDay: number; endDay: number } {
  const startDay = rng.int(0, Math.floor(days * 0.3));
  const left = days - startDay;
  const endDay = rng.chance(0.7) ? days - 1 : startDay + rng.int(Math.min(left, Math.max(14, Math.floor(days * 0.4))), left) - 1;
  return { startDay, endDay: Math.max(startDay, Math.min(days - 1, endDay)) };
}

/**
 * Plans a whole population: accounts with their identities, background behaviour and planted
 * scenarios, their profiles and their labels. Deterministic from `options.seed`.
 *
 * @param options - generator options
 * @returns the population, ready to emit transactions
 * @throws {RangeError} when planted shares exceed the number of accounts
 * @example
 * const pop = buildPopulation({ seed: 1, accounts: 100, days: 30 });
 * pop.profiles.length //=> 100
 */
export function buildPopulation(options: GenerateOptions): Population {
  const o = resolveOptions(options);
  const cal = buildCalendar(o.start, o.days);
  const planRng = new Rng(deriveSeed(o.seed, 0x7ffffff0));
  const slots = plan(o, planRng);
  const idOffset = planRng.int(0, 89_999_999);
  const custOffset = planRng.int(0, 89_999_999);
  const accounts = slots.map((s, i) => createAccount(o, cal, i, s, idOffset, custOffset));
  const typology = (s: Scenario): string => o.typologyIds[s] ?? DEFAULT_TYPOLOGY_IDS[s];
  const [lo, hi] = o.intensity;
  const drawIntensity = (): number => Math.round(planRng.float(lo, hi) * 1000) / 1000;
  const byRole = (role: Role): Account[] => accounts.filter((_, i) => slots[i]?.role === role);
  const plantedLabels: PlantedLabel[] = [];
  const groups = new Map<number, string>();
  const windows = new Map<number, { startDay: number; endDay: number }>();
  const setPlanted = (a: Account, scenario: Scenario, role: Role, groupId: string, intensity: number, w: { startDay: number; endDay: number }, run: PlantedState['run']): void => {
    a.planted = { scenario, role, groupId, intensity, startDay: w.startDay, endDay: w.endDay, run };
    groups.set(a.index, groupId);
    windows.set(a.index, w);
  };
  let group = 0;
  const nextGroup = (): string => `G${String(++group).padStart(5, '0')}`;

  // Rings: controllers with their victims (victims without a generated controller pay an outside account).
  const controllers = byRole('controller');
  const victims = planRng.shuffle(byRole('victim'));
  const ringCount = controllers.length > 0 ? controllers.length : Math.ceil(victims.length / 3);
  const rings: Ring[] = [];
  for (let k = 0; k < ringCount; k++) {
    const controller = controllers[k];
    const circuit = circuitOf(planRng, planRng.int(3, 6), []);
    rings.push({
      id: nextGroup(),
      ...(controller === undefined ? {} : { controller }),
      controllerParty: controller?.party ?? externalPerson(planRng, 'GB', 'RO'),
      victims: [],
      circuit,
      stay: planRng.int(2, 7),
      phase: planRng.int(0, 20),
      device: controller?.device ?? newDevice(planRng, 'GB'),
      phone: controller?.phone ?? phoneNumber(planRng, 'GB'),
      address: controller?.address ?? addressIn(planRng, circuit[0] as Place),
    });
  }
  victims.forEach((v, j) => rings[j % ringCount]?.victims.push(v));
  for (const ring of rings) {
    const w = windowFor(planRng, cal.length);
    for (const v of ring.victims) {
      const I = drawIntensity();
      const st = setupVictim(v, ring, I);
      setPlanted(v, 'victim', 'victim', ring.id, I, w, (a, em) => victimDay(a, em, st, I));
    }
    if (ring.controller !== undefined) {
      const I = drawIntensity();
      const st = setupController(ring.controller, ring, I);
      setPlanted(ring.controller, 'controller', 'controller', ring.id, I, w, (a, em) => controllerDay(a, em, st, I));
    }
  }
  for (const a of byRole('organiser')) {
    const I = drawIntensity();
    const w = windowFor(planRng, cal.length);
    const st = setupPopup(a, I, w.startDay);
    setPlanted(a, 'popup', 'organiser', nextGroup(), I, w, (acc, em) => popupDay(acc, em, st, I));
  }
  for (const a of byRole('funnel_account')) {
    const I = drawIntensity();
    const st = setupFunnel(a, I);
    setPlanted(a, 'funnel', 'funnel_account', nextGroup(), I, windowFor(planRng, cal.length), (acc, em) => funnelDay(acc, em, st, I));
  }
  const senders = byRole('sender');
  const beneficiaries = byRole('beneficiary');
  const linked = new Map<number, Party[]>();
  const beneficiaryGroup = new Map<number, string>();
  for (const b of beneficiaries) {
    const id = nextGroup();
    beneficiaryGroup.set(b.index, id);
    const k = senders.length === 0 ? 0 : planRng.int(1, Math.min(3, senders.length));
    for (let j = 0; j < k; j++) {
      const s = planRng.pick(senders);
      const list = linked.get(s.index) ?? [];
      if (!list.includes(b.party)) list.push(b.party);
      linked.set(s.index, list);
    }
  }
  for (const a of senders) {
    const I = drawIntensity();
    const st = setupSender(a, I, linked.get(a.index) ?? []);
    setPlanted(a, 'repatriation', 'sender', nextGroup(), I, windowFor(planRng, cal.length), (acc, em) => senderDay(acc, em, st, I));
  }
  for (const a of beneficiaries) {
    const I = drawIntensity();
    const st = setupBeneficiary(a, I);
    setPlanted(a, 'repatriation', 'beneficiary', beneficiaryGroup.get(a.index) ?? nextGroup(), I, windowFor(planRng, cal.length), (acc, em) => beneficiaryDay(acc, em, st, I));
  }
  for (const a of byRole('front_business')) {
    const I = drawIntensity();
    const st = setupFront(a, I);
    a.party = { ...a.party, name: `${st.tradingName} LTD` };
    setPlanted(a, 'front_business', 'front_business', nextGroup(), I, windowFor(planRng, cal.length), (acc, em) => frontDay(acc, em, st, I));
  }

  const background: BackgroundLabel[] = [];
  for (const a of accounts) {
    const p = a.planted;
    if (p === undefined) {
      background.push({ accountId: a.accountId, customerId: a.customerId, archetype: a.archetype });
      continue;
    }
    const startDay = cal[p.startDay] as CalendarDay;
    const endDay = cal[p.endDay] as CalendarDay;
    plantedLabels.push({
      accountId: a.accountId,
      customerId: a.customerId,
      scenario: p.scenario,
      typology: typology(p.scenario),
      role: p.role,
      groupId: p.groupId,
      archetype: a.archetype,
      start: formatLondon(localToEpoch(startDay.naiveMidnight, 0)),
      end: formatLondon(localToEpoch(endDay.naiveMidnight + 86_400, 0)),
      intensity: p.intensity,
    });
  }
  return { options: o, calendar: cal, accounts, profiles: accounts.map(finalProfile), labels: { planted: plantedLabels, background } };
}

/**
 * Emits one account's transactions for the emitter's current day: its scenario inside the planted
 * window, its ordinary background otherwise.
 *
 * @param a - the account
 * @param em - the emitter
 */
export function accountDay(a: Account, em: Emitter): void {
  const p = a.planted;
  const d = em.day.index;
  if (p === undefined || d < p.startDay || d > p.endDay) backgroundDay(a, em);
  else p.run(a, em);
}
