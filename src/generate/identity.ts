/**
 * Synthetic identities: names, IBANs, phone numbers, e-mail addresses, postal addresses, devices.
 * All drawn from a caller's {@link Rng}, so they are reproducible.
 */
import { mix32, Rng } from './prng.js';
import {
  BANKS, FIRST_NAMES_RO, FIRST_NAMES_UK, IP_PREFIXES_RO, IP_PREFIXES_UK, LAST_NAMES_RO, LAST_NAMES_UK, STREETS_RO, STREETS_UK,
  type Place,
} from './merchants.js';

/** A payment counterparty: a person or organisation with an account, possibly one of the generated accounts. */
export interface Party {
  readonly name: string;
  /** IBAN. */
  readonly account: string;
  /** ISO 3166-1 alpha-2 of the account's bank. */
  readonly country: string;
  /** Customer id when the party is one of the generated accounts. */
  readonly id?: string;
  /** Index of the generated account, when the party is one. */
  readonly internal?: number;
}

function digits(rng: Rng, n: number): string {
  // Built from a few 6-digit chunks rather than char by char, so the result is a flat string, not a rope.
  let s = '';
  while (s.length < n) s += String(Math.floor(rng.next() * 1_000_000)).padStart(6, '0');
  return s.slice(0, n);
}

/** ISO 7064 mod 97-10 over an alphanumeric string, letters counting as two digits (A = 10 … Z = 35). */
function mod97(text: string): number {
  let r = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    r = c >= 65 ? (r * 100 + (c - 55)) % 97 : (r * 10 + (c - 48)) % 97;
  }
  return r;
}

/**
 * Builds an IBAN with correct ISO 13616 check digits.
 *
 * @param country - two-letter country code
 * @param bban - the basic bank account number (letters and digits)
 * @returns the IBAN, no spaces
 * @example
 * makeIban('GB', 'WEST12345698765432') //=> 'GB82WEST12345698765432'
 */
export function makeIban(country: string, bban: string): string {
  const check = 98 - mod97(`${bban}${country}00`);
  return `${country}${check < 10 ? `0${check}` : check}${bban}`;
}

/**
 * A random UK or Romanian IBAN at the given bank, or at a random bank of that country.
 *
 * @param rng - random source
 * @param country - `GB` or `RO`
 * @param bank - four-letter bank code (default: a random one)
 * @returns an IBAN
 * @example
 * randomIban(new Rng(1), 'GB').startsWith('GB') //=> true
 */
export function randomIban(rng: Rng, country: 'GB' | 'RO', bank?: string): string {
  if (country === 'GB') return makeIban('GB', `${bank ?? rng.pick(BANKS.uk)}${digits(rng, 14)}`);
  return makeIban('RO', `${bank ?? rng.pick(BANKS.ro)}${digits(rng, 16)}`);
}

/**
 * A full name.
 *
 * @param rng - random source
 * @param origin - `RO` for Romanian names, else UK names
 * @returns e.g. `"Andreea Popescu"`
 * @example
 * personName(new Rng(1), 'RO').split(' ').length //=> 2
 */
export function personName(rng: Rng, origin: 'GB' | 'RO'): string {
  return origin === 'RO'
    ? `${rng.pick(FIRST_NAMES_RO)} ${rng.pick(LAST_NAMES_RO)}`
    : `${rng.pick(FIRST_NAMES_UK)} ${rng.pick(LAST_NAMES_UK)}`;
}

/**
 * An external person with an account in the given country.
 *
 * @param rng - random source
 * @param country - where the account is held
 * @param origin - naming origin (defaults to the country)
 * @returns a {@link Party}
 * @example
 * externalPerson(new Rng(1), 'RO').country //=> 'RO'
 */
export function externalPerson(rng: Rng, country: 'GB' | 'RO', origin: 'GB' | 'RO' = country): Party {
  return { name: personName(rng, origin).toUpperCase(), account: randomIban(rng, country), country };
}

const organisations = new Map<string, Party>();

/**
 * An external organisation (employer, utility, letting agent, operator). The same name always has the
 * same account, in every run and for every customer, as a real payee does; the parties are shared.
 *
 * @param name - its name
 * @param country - where its account is held
 * @returns a {@link Party}
 * @example
 * organisation('BRITISH GAS') === organisation('BRITISH GAS') //=> true
 */
export function organisation(name: string, country: 'GB' | 'RO' = 'GB'): Party {
  const key = `${country}:${name}`;
  let p = organisations.get(key);
  if (p === undefined) {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    p = Object.freeze({ name, account: randomIban(new Rng(h >>> 0), country), country });
    if (organisations.size < 100_000) organisations.set(key, p);
  }
  return p;
}

/**
 * The `k`-th personal contact (friend or relative) of an account, derived on demand from a seed so
 * that accounts need not store their contacts.
 *
 * @param seed - the account's contact seed
 * @param k - which contact
 * @param country - where the contact banks
 * @param origin - naming origin
 * @returns a {@link Party}; the same arguments give an equal party
 * @example
 * contact(5, 0, 'GB', 'GB').account === contact(5, 0, 'GB', 'GB').account //=> true
 */
export function contact(seed: number, k: number, country: 'GB' | 'RO', origin: 'GB' | 'RO'): Party {
  return externalPerson(new Rng(mix32(seed ^ mix32(k + 1))), country, origin);
}

/**
 * A mobile number in international format.
 *
 * @param rng - random source
 * @param country - `GB` (+447…) or `RO` (+407…)
 * @returns the number
 * @example
 * phoneNumber(new Rng(1), 'GB').startsWith('+447') //=> true
 */
export function phoneNumber(rng: Rng, country: 'GB' | 'RO'): string {
  return country === 'GB' ? `+447${digits(rng, 9)}` : `+407${digits(rng, 8)}`;
}

const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

/**
 * An e-mail address derived from a name.
 *
 * @param rng - random source
 * @param name - a full name
 * @returns e.g. `"andreea.popescu91@gmail.com"`
 * @example
 * emailFor(new Rng(1), 'Ana Pop').endsWith('.com') || emailFor(new Rng(1), 'Ana Pop').includes('@') //=> true
 */
export function emailFor(rng: Rng, name: string): string {
  const [first = 'x', last = 'y'] = name.split(' ');
  const domain = rng.pick(['gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.co.uk', 'icloud.com', 'yahoo.ro']);
  const sep = rng.pick(['.', '', '_']);
  return `${ascii(first)}${sep}${ascii(last)}${rng.int(1, 99)}@${domain}`;
}

/** A postal address. */
export interface Address {
  readonly line: string;
  readonly city: string;
  readonly postcode: string;
  readonly country: string;
}

/**
 * A postal address in a town.
 *
 * @param rng - random source
 * @param town - the town
 * @returns an {@link Address}
 * @example
 * addressIn(new Rng(1), UK_PLACES[0]!).city //=> 'London'
 */
export function addressIn(rng: Rng, town: Place): Address {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  if (town.country === 'RO') {
    return { line: `${rng.pick(STREETS_RO)} nr. ${rng.int(1, 120)}`, city: town.name, postcode: `${rng.pick(town.postcodes)}${digits(rng, 3)}`, country: 'RO' };
  }
  const pc = `${rng.pick(town.postcodes)} ${rng.int(1, 9)}${letters[rng.int(0, 19)]}${letters[rng.int(0, 19)]}`;
  const flat = rng.chance(0.35) ? `Flat ${rng.int(1, 24)}, ` : '';
  return { line: `${flat}${rng.int(1, 240)} ${rng.pick(STREETS_UK)}`, city: town.name, postcode: pc, country: 'GB' };
}

/** An online-banking device and its usual IP address. */
export interface Device {
  readonly id: string;
  readonly ip: string;
}

/**
 * A device id and an IP address in the given country.
 *
 * @param rng - random source
 * @param country - `GB` or `RO`
 * @returns a {@link Device}
 * @example
 * newDevice(new Rng(1), 'GB').id.length //=> 16
 */
export function newDevice(rng: Rng, country: 'GB' | 'RO'): Device {
  const hex8 = (): string => Math.floor(rng.next() * 4294967296).toString(16).padStart(8, '0');
  const id = hex8() + hex8();
  const prefix = rng.pick(country === 'RO' ? IP_PREFIXES_RO : IP_PREFIXES_UK);
  const parts = prefix.split('.').length;
  let ip = prefix;
  for (let i = parts; i < 4; i++) ip += `.${rng.int(1, 254)}`;
  return { id, ip };
}

/**
 * A terminal id (ATM or branch counter) in a town, from a fixed pool of `poolSize` terminals per town.
 *
 * @param rng - random source
 * @param town - the town
 * @param kind - `atm` or `branch`
 * @returns e.g. `"LDN-ATM-4821"`
 * @example
 * terminalIn(new Rng(1), UK_PLACES[0]!, 'atm').startsWith('LDN') //=> true
 */
export function terminalIn(rng: Rng, town: Place, kind: 'atm' | 'branch'): string {
  const k = rng.int(0, kind === 'atm' ? 39 : 5);
  let h = 0;
  for (let i = 0; i < town.code.length; i++) h = Math.imul(h, 31) + town.code.charCodeAt(i);
  const n = (mix32(h ^ (k * 7919) ^ (kind === 'atm' ? 0 : 0x55)) % 9000) + 1000;
  return `${town.code}-${kind === 'atm' ? 'ATM' : 'BR'}-${n}`;
}
