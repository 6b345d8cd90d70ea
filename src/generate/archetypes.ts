/**
 * Background (innocent) archetypes: how each sets up and what it does on an ordinary day.
 *
 * Every account, planted or not, runs {@link backgroundDay}; planted scenarios call it with a smaller
 * living scale or with income/bills switched off, so planted accounts keep ordinary activity.
 */
import type { Account, Background, Bill, BusinessState, Income, Journey, LivingKind, Living } from './account.js';
import { cardPayment, cardTaking, cash, drawAmount, type Emitter, hourOf, minorOf, transfer } from './emit.js';
import { contact, externalPerson, organisation, type Party, terminalIn } from './identity.js';
import { mix32 } from './prng.js';
import {
  ACQUIRERS, AIRPORTS, BILL_PAYEES, BUSINESS_ABROAD, BUSINESS_KINDS, EMPLOYERS, HOLIDAY_MERCHANTS, HOLIDAY_PLACES, MERCHANTS,
  type BusinessKind, type Place, RO_PLACES, UK_PLACES,
} from './merchants.js';
import type { Rng } from './prng.js';
import type { Archetype } from './types.js';

const M = MERCHANTS;
const lk = (key: string, merchant: LivingKind['merchant'], hour: LivingKind['hour'], extra: Partial<LivingKind> = {}): LivingKind =>
  Object.freeze({ key, ...(merchant === undefined ? {} : { merchant }), hour, ...extra });

/** Everyday spending categories. */
const LIVING_KINDS = Object.freeze({
  grocery: lk('grocery', M.grocery, 'day'),
  convenience: lk('convenience', M.convenience, 'any'),
  fastFood: lk('fastFood', M.fastFood, 'any'),
  lateFood: lk('lateFood', M.fastFood, 'late'),
  restaurant: lk('restaurant', M.restaurant, 'evening'),
  pub: lk('pub', M.pub, 'evening'),
  fuel: lk('fuel', M.fuel, 'day'),
  department: lk('department', M.department, 'day'),
  online: lk('online', M.online, 'any', { online: true }),
  clothing: lk('clothing', M.clothing, 'day'),
  pharmacy: lk('pharmacy', M.pharmacy, 'day'),
  cosmetics: lk('cosmetics', M.cosmetics, 'day'),
  commuter: lk('commuter', M.commuter, 'commute'),
  taxi: lk('taxi', M.taxi, 'any'),
  cinema: lk('cinema', M.cinema, 'evening'),
  parking: lk('parking', M.parking, 'day'),
  gambling: lk('gambling', M.gambling, 'evening', { online: true }),
  topup: lk('topup', M.telecomTopup, 'any', { online: true }),
  atm: lk('atm', undefined, 'day', { special: 'atm' }),
  p2pOut: lk('p2pOut', undefined, 'any', { special: 'p2pOut' }),
  p2pIn: lk('p2pIn', undefined, 'any', { special: 'p2pIn' }),
  roGrocery: lk('roGrocery', M.roGrocery, 'day'),
  roFastFood: lk('roFastFood', M.roFastFood, 'any'),
  roRestaurant: lk('roRestaurant', M.roRestaurant, 'evening'),
  roFuel: lk('roFuel', M.roFuel, 'day'),
  roDepartment: lk('roDepartment', M.roDepartment, 'day'),
  roPharmacy: lk('roPharmacy', M.roPharmacy, 'day'),
});
type LivingKey = keyof typeof LIVING_KINDS;

/** Mean events per day of each spending category, by archetype (before personal variation). */
const LIVING_RATES: Readonly<Record<Archetype, Partial<Record<LivingKey, number>>>> = {
  salaried: { grocery: 0.35, convenience: 0.2, fastFood: 0.25, restaurant: 0.06, pub: 0.08, fuel: 0.12, department: 0.08, online: 0.15, clothing: 0.04, pharmacy: 0.05, commuter: 0.3, taxi: 0.03, cinema: 0.02, parking: 0.05, atm: 0.04, p2pOut: 0.04, p2pIn: 0.03, cosmetics: 0.02 },
  student: { grocery: 0.25, convenience: 0.35, fastFood: 0.4, lateFood: 0.08, restaurant: 0.03, pub: 0.18, online: 0.15, clothing: 0.05, pharmacy: 0.04, commuter: 0.4, taxi: 0.06, cinema: 0.03, atm: 0.03, p2pOut: 0.08, p2pIn: 0.08, cosmetics: 0.03 },
  romanian_worker: { grocery: 0.35, convenience: 0.3, fastFood: 0.3, fuel: 0.1, online: 0.08, commuter: 0.2, pharmacy: 0.03, atm: 0.08, p2pOut: 0.05, p2pIn: 0.04, topup: 0.03, clothing: 0.02, parking: 0.02 },
  night_shift: { grocery: 0.33, convenience: 0.25, fastFood: 0.2, lateFood: 0.15, restaurant: 0.03, fuel: 0.12, department: 0.05, online: 0.15, pharmacy: 0.05, commuter: 0.2, taxi: 0.05, atm: 0.02, p2pOut: 0.03, p2pIn: 0.03, parking: 0.04 },
  small_business: { grocery: 0.05, fuel: 0.1, online: 0.08 },
  business_traveller: { grocery: 0.3, convenience: 0.15, fastFood: 0.25, restaurant: 0.08, pub: 0.06, fuel: 0.1, department: 0.06, online: 0.15, clothing: 0.03, pharmacy: 0.04, commuter: 0.25, taxi: 0.05, atm: 0.03, p2pOut: 0.03, p2pIn: 0.02, parking: 0.05 },
  pensioner: { grocery: 0.3, convenience: 0.15, restaurant: 0.05, pharmacy: 0.08, department: 0.08, online: 0.05, fuel: 0.06, atm: 0.06, p2pOut: 0.02, p2pIn: 0.01 },
  ro_resident: { roGrocery: 0.3, roFastFood: 0.15, roRestaurant: 0.05, roFuel: 0.1, roDepartment: 0.08, roPharmacy: 0.06, atm: 0.06, p2pOut: 0.03, p2pIn: 0.03 },
};

function buildLiving(rng: Rng, rates: Partial<Record<LivingKey, number>>, hasCar: boolean, gambler: boolean): Living {
  const kinds: LivingKind[] = [];
  const cumulative: number[] = [];
  let total = 0;
  const add = (key: LivingKey, rate: number): void => {
    if (rate <= 0) return;
    total += rate * rng.lognormal(1, 0.4, 0.3, 3);
    kinds.push(LIVING_KINDS[key]);
    cumulative.push(total);
  };
  for (const key of Object.keys(rates) as LivingKey[]) {
    const r = rates[key] ?? 0;
    if (!hasCar && (key === 'fuel' || key === 'parking' || key === 'roFuel')) continue;
    add(key, hasCar && key === 'commuter' ? r * 0.2 : r);
  }
  if (gambler) add('gambling', 0.08);
  return { kinds, cumulative, total };
}

/**
 * Picks a spending category for one event.
 *
 * @param living - the account's living model
 * @param rng - random source
 * @returns a category
 */
function pickLiving(living: Living, rng: Rng): LivingKind | undefined {
  const r = rng.next() * living.total;
  const c = living.cumulative;
  for (let i = 0; i < c.length; i++) if (r < (c[i] as number)) return living.kinds[i];
  return living.kinds[living.kinds.length - 1];
}

/** What {@link setupBackground} needs besides the account's identity. */
export interface BackgroundSetup {
  readonly rng: Rng;
  readonly archetype: Archetype;
  readonly home: Place;
  /** Pounds → account currency. */
  readonly fx: number;
  readonly days: number;
  readonly origin: 'GB' | 'RO';
}

/** Profile attributes decided by the archetype. */
export interface ArchetypeProfile {
  readonly accountType: 'personal' | 'business';
  readonly occupation: string;
  readonly declaredMonthlyIncome: number;
  readonly travelsForWork: boolean;
  readonly expectedMonthlyTurnover: number;
}

const minor = (s: BackgroundSetup, pounds: number): number => Math.max(1, Math.round(pounds * s.fx * 100));

function monthlyIncome(s: BackgroundSetup, payer: Party, pounds: number, purpose: string, day?: number): Income {
  return { payer, minor: minor(s, pounds), cadence: 'monthly', on: day ?? s.rng.pick([1, 15, 25, 26, 27, 28, 28, 28]), anchor: 0, purpose, hour: 5 + s.rng.next() * 2 };
}

function bill(s: BackgroundSetup, payee: Party, pounds: number, purpose: string, channel: Bill['channel'] = 'direct_debit', varies = false, mcc?: string): Bill {
  return { dayOfMonth: s.rng.int(1, 28), payee, minor: minor(s, pounds), channel, purpose, varies, ...(mcc === undefined ? {} : { mcc }) };
}

function ukHomeBills(s: BackgroundSetup, rentPounds: number, mortgage: boolean): Bill[] {
  const r = s.rng;
  const bills: Bill[] = [];
  if (mortgage) bills.push(bill(s, organisation(r.pick(BILL_PAYEES.mortgage)), rentPounds, 'mortgage'));
  else if (r.chance(0.5)) bills.push(bill(s, externalPerson(r, 'GB'), rentPounds, 'rent', 'transfer'));
  else bills.push(bill(s, organisation(r.pick(BILL_PAYEES.lettings)), rentPounds, 'rent', 'transfer'));
  bills.push(bill(s, organisation(r.pick(BILL_PAYEES.energy)), r.float(55, 160), 'utilities', 'direct_debit', true));
  if (r.chance(0.8)) bills.push(bill(s, organisation(r.pick(BILL_PAYEES.water)), r.float(25, 55), 'utilities'));
  bills.push(bill(s, organisation(r.pick(BILL_PAYEES.telecom)), r.float(12, 65), 'telecom'));
  if (r.chance(0.5)) bills.push(bill(s, organisation(r.pick(BILL_PAYEES.telecom)), r.float(25, 70), 'telecom'));
  bills.push(bill(s, organisation(`${s.home.name.toUpperCase()} COUNCIL`), r.float(110, 220), 'council_tax'));
  if (r.chance(0.6)) bills.push(bill(s, organisation(r.pick(BILL_PAYEES.insurance)), r.float(15, 80), 'insurance'));
  if (r.chance(0.5)) bills.push(bill(s, organisation(r.pick(M.streaming.names)), r.pick([4.99, 10.99, 12.99, 18.99]), 'subscription', 'card', false, M.streaming.mcc));
  if (r.chance(0.3)) bills.push(bill(s, organisation(r.pick(M.gym.names)), r.float(18, 60), 'subscription', 'direct_debit', false));
  return bills;
}

/**
 * The `k`-th friend of an account (mostly banking in the account's own country).
 *
 * @param a - the account
 * @param k - 0 … friends − 1
 * @returns the friend
 */
export function friendOf(a: Account, k: number): Party {
  const abroad = mix32(a.bg.contactSeed + k * 977) % 100 >= 85;
  return contact(a.bg.contactSeed, k, abroad ? (a.country === 'GB' ? 'RO' : 'GB') : a.country, a.origin);
}

/**
 * The `k`-th relative abroad of an account.
 *
 * @param a - the account
 * @param k - 0 … family − 1
 * @returns the relative
 */
export function relativeOf(a: Account, k: number): Party {
  return contact(a.bg.contactSeed ^ 0x5eed, k, a.bg.familyCountry, 'RO');
}

function holidayJourney(s: BackgroundSetup, chance: number): Journey[] {
  const r = s.rng;
  if (s.days < 30 || !r.chance(Math.min(1, (s.days / 365) * chance))) return [];
  const start = r.int(14, s.days - 8);
  const nights = r.int(5, 7);
  return [{ start, nights, place: r.weighted(HOLIDAY_PLACES, (p) => p.weight), kind: 'holiday', bookedOn: start - r.int(14, 90) }];
}

function homeJourneys(s: BackgroundSetup, town: Place): Journey[] {
  const r = s.rng;
  const perYear = r.int(1, 2);
  const out: Journey[] = [];
  for (let i = 0; i < perYear; i++) {
    if (s.days < 21 || !r.chance(Math.min(1, s.days / 365))) continue;
    const start = r.int(10, s.days - 5);
    out.push({ start, nights: r.int(6, 16), place: town, kind: 'home', bookedOn: start - r.int(10, 60) });
  }
  return out.sort((a, b) => a.start - b.start);
}

function setupBusiness(s: BackgroundSetup, kind: BusinessKind): BusinessState {
  const r = s.rng;
  const trade = kind.mcc === '1520' || kind.mcc === '1711';
  const employees: Party[] = [];
  const payroll: number[] = [];
  const nEmp = r.int(0, 5);
  for (let i = 0; i < nEmp; i++) {
    employees.push(externalPerson(r, 'GB', r.chance(0.2) ? 'RO' : 'GB'));
    payroll.push(minor(s, r.float(900, 2400)));
  }
  const suppliers: Party[] = [];
  const nSup = r.int(1, Math.min(3, kind.suppliers.length));
  for (let i = 0; i < nSup; i++) suppliers.push(organisation(kind.suppliers[i] as string));
  const volume: Record<string, number> = { '5814': 25, '5812': 18, '5813': 22, '7230': 10, '7298': 6, '5499': 30, '7538': 4, '7297': 6 };
  return {
    kind,
    tradingName: r.pick(kind.tradingNames),
    salesPerDay: trade ? r.float(0.3, 1.2) : (volume[kind.mcc] ?? 8) * r.lognormal(1, 0.35, 0.4, 2.5),
    perSale: !trade && r.chance(0.45),
    acquirer: organisation(r.pick(ACQUIRERS)),
    employees,
    payroll,
    suppliers,
    supplierDay: r.int(1, 5),
    owner: externalPerson(r, 'GB'),
    trade,
    unsettled: 0,
    cashOnHand: 0,
  };
}

/**
 * Sets up an account's background behaviour from its archetype.
 *
 * @param s - identity facts and the account's random source
 * @returns the behaviour and the profile attributes that follow from it
 * @example
 * const { background, profile } = setupBackground({ rng: new Rng(1), archetype: 'student', home: UK_PLACES[0]!, fx: 1, days: 90, origin: 'GB' });
 * profile.occupation //=> 'student'
 */
export function setupBackground(s: BackgroundSetup): { background: Background; profile: ArchetypeProfile } {
  const r = s.rng;
  const a = s.archetype;
  const hasCar = a === 'small_business' ? true : a === 'student' ? r.chance(0.1) : r.chance(a === 'business_traveller' ? 0.8 : 0.55);
  const gambler = r.chance(a === 'romanian_worker' || a === 'night_shift' ? 0.15 : 0.08);
  const incomes: Income[] = [];
  let bills: Bill[] = [];
  let family = 0;
  let familyCountry: 'GB' | 'RO' = 'RO';
  let journeys: Journey[] = [];
  let remit: Background['remit'];
  let business: BusinessState | undefined;
  let nightCash = 0;
  let familyTown: Place | undefined;
  let occupation = 'office administrator';
  let income = 0;
  let travels = false;
  let turnover = 0;
  let accountType: 'personal' | 'business' = 'personal';

  switch (a) {
    case 'salaried': {
      const sector = r.pick(['office', 'office', 'retail', 'health', 'warehouse', 'construction'] as const);
      income = Math.round(r.lognormal(2300, 0.35, 1250, 7500));
      incomes.push(monthlyIncome(s, organisation(r.pick(EMPLOYERS[sector])), income, 'salary'));
      bills = ukHomeBills(s, income * r.float(0.25, 0.4), r.chance(0.4));
      journeys = holidayJourney(s, 0.85);
      occupation = r.pick(OCC.salaried);
      break;
    }
    case 'student': {
      const fromRo = r.chance(0.3);
      const parent = externalPerson(r, fromRo ? 'RO' : 'GB', fromRo ? 'RO' : s.origin);
      income = Math.round(r.float(250, 900));
      incomes.push({ ...monthlyIncome(s, parent, income, 'allowance', r.int(1, 28)), hour: 9 + r.next() * 12 });
      if (r.chance(0.5)) incomes.push(monthlyIncome(s, organisation('SLC MAINTENANCE'), r.float(1200, 3500) / 3, 'loan', r.pick([1, 15])));
      bills.push(bill(s, organisation(r.pick(r.chance(0.6) ? BILL_PAYEES.studentHall : BILL_PAYEES.lettings)), r.float(420, 850), 'rent', 'transfer'));
      bills.push(bill(s, organisation(r.pick(BILL_PAYEES.telecom)), r.float(8, 30), 'telecom'));
      if (r.chance(0.5)) bills.push(bill(s, organisation(r.pick(M.streaming.names)), 5.99, 'subscription', 'card', false, M.streaming.mcc));
      occupation = 'student';
      journeys = holidayJourney(s, 0.3);
      break;
    }
    case 'romanian_worker': {
      const sector = r.pick(['construction', 'warehouse', 'agency', 'hospitality', 'health'] as const);
      const employer = organisation(r.pick(EMPLOYERS[sector]));
      income = Math.round(r.lognormal(1900, 0.25, 1200, 3600));
      if (r.chance(0.45)) {
        incomes.push({ payer: employer, minor: minor(s, (income * 12) / 52), cadence: 'weekly', on: 5, anchor: 0, purpose: 'salary', hour: 5 + r.next() * 2 });
      } else incomes.push(monthlyIncome(s, employer, income, 'salary'));
      bills = ukHomeBills(s, income * r.float(0.2, 0.35), false).filter((b) => b.purpose !== 'insurance' || r.chance(0.3));
      familyTown = r.weighted(RO_PLACES, (p) => p.weight);
      family = r.int(1, 2);
      remit = { minor: minor(s, income * r.float(0.1, 0.3)), dayOfMonth: r.int(1, 28), msb: r.chance(0.5) };
      journeys = homeJourneys(s, familyTown);
      occupation = r.pick(OCC.romanian_worker);
      break;
    }
    case 'night_shift': {
      const sector = r.pick(['health', 'health', 'warehouse', 'warehouse', 'retail'] as const);
      income = Math.round(r.lognormal(2200, 0.25, 1400, 4200));
      incomes.push(monthlyIncome(s, organisation(r.pick(EMPLOYERS[sector])), income, 'salary'));
      bills = ukHomeBills(s, income * r.float(0.25, 0.38), r.chance(0.3));
      nightCash = r.float(1.5, 4.5) / 30;
      journeys = holidayJourney(s, 0.7);
      occupation = r.pick(OCC.night_shift);
      break;
    }
    case 'business_traveller': {
      income = Math.round(r.lognormal(3600, 0.3, 2400, 9000));
      const employer = organisation(r.pick(EMPLOYERS.travel));
      incomes.push(monthlyIncome(s, employer, income, 'salary'));
      incomes.push({ ...monthlyIncome(s, employer, r.float(250, 900), 'expenses', r.int(5, 20)), hour: 10 });
      bills = ukHomeBills(s, income * r.float(0.2, 0.33), r.chance(0.6));
      journeys = holidayJourney(s, 0.8);
      travels = r.chance(0.85);
      occupation = r.pick(OCC.business_traveller);
      break;
    }
    case 'pensioner': {
      const state = r.float(800, 950);
      incomes.push({ payer: organisation('DWP STATE PENSION'), minor: minor(s, (state * 12) / 13), cadence: 'fourweekly', on: 0, anchor: r.int(0, 27), purpose: 'pension', hour: 4 });
      income = Math.round(state);
      if (r.chance(0.5)) {
        const occ = r.float(300, 1500);
        incomes.push(monthlyIncome(s, organisation(r.pick(['AVIVA PENSIONS', 'LEGAL & GENERAL', 'NHS PENSIONS', 'TEACHERS PENSIONS', 'CIVIL SERVICE PENSION'])), occ, 'pension'));
        income += Math.round(occ);
      }
      bills = ukHomeBills(s, r.chance(0.7) ? r.float(150, 300) : r.float(400, 800), r.chance(0.2));
      journeys = holidayJourney(s, 0.5);
      occupation = 'retired';
      break;
    }
    case 'ro_resident': {
      income = Math.round(r.lognormal(1100, 0.3, 600, 3000));
      incomes.push(monthlyIncome(s, organisation(r.pick(['PRIMARIA MUNICIPIULUI', 'DEDEMAN SRL', 'KAUFLAND ROMANIA SCS', 'EMAG SRL', 'SPITALUL JUDETEAN', 'DACIA GROUP RENAULT']), 'RO'), income, 'salary', r.pick([10, 15, 25])));
      for (let i = 0; i < 3; i++) bills.push(bill(s, organisation(r.pick(BILL_PAYEES.roUtilities), 'RO'), r.float(15, 60), 'utilities'));
      family = r.chance(0.35) ? r.int(1, 2) : 0;
      familyCountry = 'GB';
      occupation = r.pick(OCC.ro_resident);
      break;
    }
    case 'small_business': {
      accountType = 'business';
      business = setupBusiness(s, r.weighted(BUSINESS_KINDS, (k) => (k.mcc === '1520' || k.mcc === '1711' ? 1.5 : 1)));
      const b = business;
      const card = b.trade ? b.salesPerDay * b.kind.sale * 22 : b.salesPerDay * b.kind.sale * 26;
      turnover = Math.round(card);
      bills.push(bill(s, organisation(`${s.home.name.toUpperCase()} COMMERCIAL PROPERTY`), Math.max(400, card * r.float(0.06, 0.12)), 'rent', 'transfer'));
      bills.push(bill(s, organisation(r.pick(BILL_PAYEES.energy)), r.float(120, 600), 'utilities', 'direct_debit', true));
      bills.push(bill(s, organisation(r.pick(BILL_PAYEES.water)), r.float(40, 150), 'utilities'));
      bills.push(bill(s, organisation(r.pick(BILL_PAYEES.telecom)), r.float(30, 90), 'telecom'));
      bills.push(bill(s, organisation(r.pick(BILL_PAYEES.insurance)), r.float(40, 160), 'insurance'));
      bills.push(bill(s, organisation('HMRC PAYE/NIC'), Math.max(50, b.payroll.reduce((x, y) => x + y, 0) / 100 / s.fx * 0.2), 'tax', 'transfer'));
      bills.push(bill(s, organisation(`${s.home.name.toUpperCase()} COUNCIL BUSINESS RATES`), r.float(80, 400), 'tax'));
      if (!b.trade) bills.push(bill(s, b.acquirer, Math.max(15, card * 0.012), 'fees'));
      occupation = `${b.kind.label} owner`;
      income = 0;
      break;
    }
  }
  const living = buildLiving(r, LIVING_RATES[a], hasCar, gambler);
  const airport = AIRPORTS[s.home.name] ?? 'LHR';
  return {
    background: {
      living,
      incomes,
      bills,
      contactSeed: r.int(0, 0x7fffffff),
      friends: r.int(3, 10),
      family,
      familyCountry,
      hasCar,
      nightCash,
      ...(remit === undefined ? {} : { remit }),
      journeys,
      ...(business === undefined ? {} : { business }),
      nextBusinessTrip: a === 'business_traveller' ? r.int(0, 7) : Number.POSITIVE_INFINITY,
      ...(familyTown === undefined ? {} : { familyTown }),
      familyIn: a === 'ro_resident' && family > 0 ? r.float(0.5, 2) / 30 : 0,
      airport,
    },
    profile: { accountType, occupation, declaredMonthlyIncome: income, travelsForWork: travels, expectedMonthlyTurnover: turnover },
  };
}

const OCC = {
  salaried: ['office administrator', 'accountant', 'teacher', 'software developer', 'sales assistant', 'customer service adviser', 'civil servant', 'marketing officer', 'electrician', 'bus driver'],
  romanian_worker: ['construction worker', 'warehouse operative', 'care assistant', 'delivery driver', 'kitchen porter', 'cleaner', 'fruit picker', 'hotel housekeeper'],
  night_shift: ['nurse', 'warehouse operative', 'security officer', 'healthcare assistant', 'baker', 'night porter'],
  business_traveller: ['sales manager', 'consultant', 'engineer', 'auditor', 'project manager', 'field service engineer'],
  ro_resident: ['profesor', 'inginer', 'contabil', 'vânzător', 'șofer', 'asistent medical', 'agricultor'],
} as const;

/** Which parts of the ordinary day to run (planted scenarios switch some off or scale them down). */
export interface BackgroundSwitches {
  /** Multiplier of everyday spending (1 = normal). */
  readonly living: number;
  readonly income: boolean;
  readonly bills: boolean;
  readonly travel: boolean;
  /** Business takings and costs (business accounts). */
  readonly businessCosts: boolean;
  readonly businessTakings: boolean;
}

/** Run everything at normal strength. */
export const FULL_BACKGROUND: BackgroundSwitches = Object.freeze({ living: 1, income: true, bills: true, travel: true, businessCosts: true, businessTakings: true });

/**
 * Whether a monthly event scheduled on `dayOfMonth` falls on the current day, moved back to Friday when it lands on a weekend.
 *
 * @param em - the emitter (its current day)
 * @param dayOfMonth - nominal day 1–31
 * @param workingDay - move weekend dates to the previous Friday
 * @returns true when due today
 */
export function dueMonthly(em: Emitter, dayOfMonth: number, workingDay: boolean): boolean {
  const d = em.day;
  let target = Math.min(dayOfMonth, d.daysInMonth);
  if (workingDay) {
    const wd = ((((d.weekday - 1 + (target - d.dayOfMonth)) % 7) + 7) % 7) + 1;
    if (wd === 6) target -= 1;
    else if (wd === 7) target -= 2;
    if (target < 1) target += 3; // month starting on a weekend: pay the Monday instead
  }
  return d.dayOfMonth === target;
}

function incomeDue(em: Emitter, inc: Income): boolean {
  const d = em.day;
  switch (inc.cadence) {
    case 'monthly':
      return dueMonthly(em, inc.on, true);
    case 'weekly':
      return d.weekday === inc.on;
    case 'fortnightly':
      return (d.index + inc.anchor) % 14 === 0;
    case 'fourweekly':
      return (d.index + inc.anchor) % 28 === 0;
  }
}

/**
 * Emits the account's ordinary activity for the current day.
 *
 * @param a - the account
 * @param em - the emitter
 * @param sw - what to run and at which strength
 */
export function backgroundDay(a: Account, em: Emitter, sw: BackgroundSwitches = FULL_BACKGROUND): void {
  const bg = a.bg;
  const r = a.rng;
  const day = em.day;
  if (sw.income) {
    for (const inc of bg.incomes) {
      if (!incomeDue(em, inc)) continue;
      const m = inc.cadence === 'weekly' ? Math.round(inc.minor * (1 + 0.06 * r.normal())) : inc.purpose === 'expenses' ? Math.round(inc.minor * r.float(0.5, 1.5)) : inc.minor;
      transfer(em, a, em.at(inc.hour), 'in', m, inc.payer, { purpose: inc.purpose, reference: inc.purpose === 'salary' ? 'SALARY' : inc.purpose.toUpperCase().replace('_', ' ') });
    }
    if (bg.familyIn > 0 && r.chance(bg.familyIn)) {
      const from = relativeOf(a, r.int(0, bg.family - 1));
      const msb = r.chance(0.5);
      transfer(em, a, em.at(hourOf(r, 'day')), 'in', minorOf(a, r.lognormal(180, 0.5, 40, 900)), from, msb ? { channel: 'msb', reference: 'FAMILY SUPPORT' } : { reference: 'pentru casa' });
    }
  }
  if (sw.bills) {
    for (const b of bg.bills) {
      if (!dueMonthly(em, b.dayOfMonth, false)) continue;
      const m = b.varies ? Math.round(b.minor * r.float(0.8, 1.25)) : b.minor;
      if (b.channel === 'card') {
        cardPayment(em, a, em.at(3 + r.next() * 4), { ...M.streaming, mcc: b.mcc ?? M.streaming.mcc }, a.home, { name: b.payee.name, minor: m, online: true });
      } else {
        transfer(em, a, em.at(b.channel === 'direct_debit' ? 4 + r.next() * 3 : hourOf(r, 'day')), 'out', m, b.payee, { channel: b.channel, purpose: b.purpose, reference: b.purpose === 'rent' ? 'RENT' : `${b.purpose.toUpperCase()} ${day.month}/${day.year}` });
      }
    }
    if (bg.remit !== undefined && bg.family > 0 && dueMonthly(em, bg.remit.dayOfMonth, false)) remitHome(a, em, bg.remit.minor, bg.remit.msb);
  }
  let living = sw.living;
  if (sw.travel) living *= travelDay(a, em);
  if (bg.business !== undefined) businessDay(a, em, bg.business, sw);
  const wf = day.weekday >= 6 ? 1.15 : 1;
  const n = r.poisson(bg.living.total * living * wf);
  const where = a.trip !== undefined && a.trip.kind === 'business' ? a.trip.place : a.home;
  for (let i = 0; i < n; i++) {
    const k = pickLiving(bg.living, r);
    if (k !== undefined) livingEvent(a, em, k, where);
  }
  if (bg.nightCash > 0 && r.chance(bg.nightCash * sw.living)) {
    cash(em, a, em.at(hourOf(r, 'night')), 'out', minorOf(a, r.pick([20, 30, 40, 50, 60, 80, 100])), a.home, { atm: true, terminalId: terminalIn(r, a.home, 'atm') });
  }
}

function livingEvent(a: Account, em: Emitter, k: LivingKind, where: Place): void {
  const r = a.rng;
  const t = em.at(hourOf(r, k.hour));
  switch (k.special) {
    case 'atm':
      cash(em, a, t, 'out', minorOf(a, r.pick([10, 20, 20, 30, 40, 50, 50, 100, 100, 200])), where, { atm: true, terminalId: terminalIn(r, where, 'atm') });
      return;
    case 'p2pOut':
      transfer(em, a, t, 'out', minorOf(a, r.lognormal(25, 0.7, 3, 300)), friendOf(a, r.int(0, a.bg.friends - 1)), { channel: 'instant', reference: r.pick(['dinner', 'thanks', 'tickets', 'rent share', 'bills', 'cheers', 'birthday', '']) || 'payment' });
      return;
    case 'p2pIn': {
      const from = r.chance(0.85) ? friendOf(a, r.int(0, a.bg.friends - 1)) : externalPerson(r, a.country);
      transfer(em, a, t, 'in', minorOf(a, r.lognormal(22, 0.7, 3, 300)), from, { channel: 'instant', reference: r.pick(['dinner', 'thanks', 'petrol', 'drinks', 'gift', 'ebay item', 'payment']) });
      return;
    }
    default:
      if (k.merchant !== undefined) cardPayment(em, a, t, k.merchant, where, k.online === true ? { online: true } : {});
  }
}

function remitHome(a: Account, em: Emitter, m: number, msb: boolean): void {
  const r = a.rng;
  const to = relativeOf(a, r.int(0, a.bg.family - 1));
  const t = em.at(hourOf(r, 'day'));
  if (msb) {
    transfer(em, a, t, 'out', m, to, {
      channel: 'msb',
      reference: r.pick(['family support', 'pentru mama', 'ajutor', 'for family']),
      merchant: { mcc: M.moneyTransfer.mcc, name: r.pick(M.moneyTransfer.names), city: a.home.name, country: 'GB' },
      at: { place: a.home },
    });
  } else transfer(em, a, t, 'out', m, to, { reference: r.pick(['family', 'pentru casa', 'bani acasa', 'support']) });
}

/** Journeys and business trips; returns the living multiplier for today. */
function travelDay(a: Account, em: Emitter): number {
  const bg = a.bg;
  const r = a.rng;
  const d = em.day.index;
  for (const j of bg.journeys) {
    if (d === j.bookedOn) bookJourney(a, em, j);
    if (d === j.start) {
      const hotel = j.kind === 'holiday' ? { merchant: r.pick(j.place.country === 'GB' ? M.hotel.names : ['HOTEL PLAYA', 'RIU HOTELS', 'IBEROSTAR', 'MELIA HOTELS', 'HOTEL CENTRAL', 'SOL RESORT']), nightly: r.lognormal(95, 0.35, 45, 300) } : undefined;
      a.trip = { place: j.place, start: j.start, until: j.start + j.nights, kind: j.kind, ...(hotel === undefined ? {} : { hotel }) };
      cardPayment(em, a, em.at(4 + r.next() * 4), r.chance(0.5) ? M.taxi : M.parking, a.home);
    }
  }
  if (a.trip === undefined && d >= bg.nextBusinessTrip) startBusinessTrip(a, em);
  const trip = a.trip;
  if (trip === undefined) return 1;
  if (trip.kind === 'business') {
    const r2 = r.poisson(1.4);
    for (let i = 0; i < r2; i++) cardPayment(em, a, em.at(hourOf(r, r.chance(0.5) ? 'evening' : 'day')), r.pick([M.taxi, M.restaurant, M.fastFood, M.taxi]), trip.place);
  } else if (trip.kind === 'holiday') {
    const n = r.int(1, 4);
    for (let i = 0; i < n; i++) {
      const k = r.pick([HOLIDAY_MERCHANTS.restaurant, HOLIDAY_MERCHANTS.restaurant, HOLIDAY_MERCHANTS.grocery, HOLIDAY_MERCHANTS.shop, HOLIDAY_MERCHANTS.taxi]);
      cardPayment(em, a, em.at(hourOf(r, 'any') + 1), k, trip.place);
    }
    if (d === trip.start + 1 && r.chance(0.3)) cardPayment(em, a, em.at(hourOf(r, 'day')), HOLIDAY_MERCHANTS.carRental, trip.place);
  } else {
    const n = r.int(0, 3);
    for (let i = 0; i < n; i++) cardPayment(em, a, em.at(hourOf(r, 'day')), r.pick([M.roGrocery, M.roFastFood, M.roRestaurant, M.roFuel]), trip.place);
    if (r.chance(0.25)) cash(em, a, em.at(hourOf(r, 'day')), 'out', minorOf(a, r.pick([50, 80, 100, 150])), trip.place, { atm: true, terminalId: terminalIn(r, trip.place, 'atm') });
  }
  if (d >= trip.until) {
    if (trip.hotel !== undefined) {
      const nights = Math.max(1, trip.until - trip.start);
      cardPayment(em, a, em.at(9 + r.next() * 3), M.hotel, trip.place, { name: trip.hotel.merchant, minor: minorOf(a, trip.hotel.nightly * nights) });
      if (trip.kind === 'holiday' && r.chance(0.5)) cardPayment(em, a, em.at(9.5 + r.next() * 2), M.hotel, trip.place, { name: trip.hotel.merchant, minor: minorOf(a, r.float(12, 90)) });
    }
    if (trip.kind === 'business') bg.nextBusinessTrip = d + r.int(2, 9);
    delete a.trip;
    return 1;
  }
  return trip.kind === 'business' ? 0.4 : 0.1;
}

function bookJourney(a: Account, em: Emitter, j: Journey): void {
  const r = a.rng;
  const t = em.at(hourOf(r, 'any'));
  const from = a.bg.airport;
  const to = j.kind === 'home' ? AIRPORTS[j.place.name] ?? 'OTP' : j.place.code;
  if (j.kind === 'home' && r.chance(0.25)) {
    cardPayment(em, a, t, M.roCoach, a.home, { online: true, minor: drawAmount(a, M.roCoach, 2), reference: `${a.home.name.toUpperCase()}-${j.place.name.toUpperCase()} RETUR` });
    return;
  }
  const travellers = j.kind === 'home' ? r.int(1, 2) : r.int(1, 4);
  const kind = j.kind === 'home' ? M.roAirline : M.airline;
  cardPayment(em, a, t, kind, a.home, { online: true, minor: drawAmount(a, kind, 2 * travellers), reference: `${from}-${to}/${to}-${from}` });
}

function startBusinessTrip(a: Account, em: Emitter): void {
  const r = a.rng;
  const abroad = r.chance(0.2);
  let place = abroad ? r.weighted(BUSINESS_ABROAD, (p) => p.weight) : r.weighted(UK_PLACES, (p) => p.weight);
  if (place === a.home) place = r.pick(UK_PLACES.filter((p) => p !== a.home));
  const nights = r.int(1, 3);
  const d = em.day.index;
  a.trip = { place, start: d, until: d + nights, kind: 'business', hotel: { merchant: r.pick(M.hotel.names), nightly: r.lognormal(110, 0.3, 60, 260) } };
  const t = em.at(6 + r.next() * 3);
  if (abroad || r.chance(0.25)) cardPayment(em, a, t, M.airline, a.home, { online: true, minor: drawAmount(a, M.airline, 2), reference: `${a.bg.airport}-${place.code}/${place.code}-${a.bg.airport}` });
  else cardPayment(em, a, t, M.rail, a.home, { online: true, minor: drawAmount(a, M.rail, 1.6) });
  if (r.chance(0.6)) cardPayment(em, a, t + 1800, M.taxi, a.home);
}

function businessDay(a: Account, em: Emitter, b: BusinessState, sw: BackgroundSwitches): void {
  const r = a.rng;
  const day = em.day;
  const k = b.kind;
  const closed = day.weekday === 7 && (b.trade || r.chance(0.5));
  if (sw.businessTakings && !closed) {
    const wf = k.mcc === '5813' && day.weekday >= 5 ? 1.6 : day.weekday === 6 ? 1.2 : 1;
    if (b.unsettled > 0) {
      transfer(em, a, em.at(6 + r.next() * 3), 'in', b.unsettled, b.acquirer, { reference: `${b.acquirer.name.split(' ')[0]} SETTLEMENT ${day.date}`, purpose: 'card_settlement' });
      b.unsettled = 0;
    }
    if (b.trade) {
      const n = r.poisson(b.salesPerDay * (day.weekday >= 6 ? 0.3 : 1));
      for (let i = 0; i < n; i++) {
        const payer = r.chance(0.7) ? externalPerson(r, 'GB') : organisation(`${r.pick(['OAK', 'ELM', 'RIVER', 'CITY', 'PARK'])} ${r.pick(['HOMES', 'LETTINGS', 'PROPERTIES', 'ESTATES'])} LTD`);
        transfer(em, a, em.at(hourOf(r, 'day')), 'in', minorOf(a, r.lognormal(k.sale, 0.7, 60, 12000)), payer, { reference: `INV ${r.int(1000, 9999)}`, purpose: 'invoice' });
      }
    } else {
      const n = r.poisson(b.salesPerDay * wf);
      let total = 0;
      const span = k.close - k.open;
      for (let i = 0; i < n; i++) {
        const m = minorOf(a, r.lognormal(k.sale, 0.5, 2, k.sale * 8));
        if (r.chance(0.2)) {
          b.cashOnHand += m;
          continue;
        }
        if (b.perSale) cardTaking(em, a, em.at(k.open + r.next() * span), m, k.mcc, b.tradingName, a.home);
        else total += m;
      }
      if (!b.perSale && total > 0) b.unsettled = total;
      if (day.weekday === 1 && b.cashOnHand > 0) {
        cash(em, a, em.at(10 + r.next() * 5), 'in', b.cashOnHand, a.home, { atm: false, terminalId: terminalIn(r, a.home, 'branch'), reference: 'TAKINGS' });
        b.cashOnHand = 0;
      }
    }
  }
  if (!sw.businessCosts) return;
  if (day.weekday === b.supplierDay && b.suppliers.length > 0) {
    const s = r.pick(b.suppliers);
    transfer(em, a, em.at(hourOf(r, 'day')), 'out', minorOf(a, r.lognormal(b.trade ? 900 : 420, 0.5, 40, 9000)), s, { reference: `ACCOUNT ${s.name.split(' ')[0]} ${r.int(10000, 99999)}`, purpose: 'supplier' });
  }
  if (dueMonthly(em, 28, true)) {
    b.employees.forEach((e, i) => transfer(em, a, em.at(8 + r.next()), 'out', b.payroll[i] ?? 100000, e, { purpose: 'salary', reference: `WAGES ${day.month}/${day.year}` }));
    transfer(em, a, em.at(9 + r.next() * 6), 'out', minorOf(a, r.lognormal(1500, 0.4, 300, 6000)), b.owner, { reference: 'DRAWINGS' });
  }
  if (day.dayOfMonth === 7 && day.month % 3 === 2) {
    transfer(em, a, em.at(hourOf(r, 'day')), 'out', minorOf(a, Math.max(100, b.salesPerDay * b.kind.sale * 78 * 0.08)), { name: 'HMRC VAT', account: 'GB36BARC20051773152391', country: 'GB' }, { purpose: 'tax', reference: `VAT Q${Math.ceil(day.month / 3)}` });
  }
  if (r.chance(0.05)) cardPayment(em, a, em.at(hourOf(r, 'day')), M.online, a.home, { online: true });
}
