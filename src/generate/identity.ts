/**
 * Synthetic identities: names, IBANs, phone numbers, e-mail addresses, postal addresses, devices.
 * All drawn from a caller's {@link Rng}, so they are reproducible.
 */
import type { Rng } from './prng.js';
import { mix32 } from './prng.js';
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
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rng.next() * 10));
  return s;
}

function mod97(numeric: string): number {
  let r = 0;
  for (let i = 0; i < numeric.length; i += 7) r = Number(String(r) + numeric.slice(i, i + 7)) % 97;
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
  const rearranged = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98 - mod97(rearranged);
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

/**
 * An external organisation (employer, landlord, utility) with a UK or RO account.
 *
 * @param rng - random source
 * @param name - its name
 * @param country - where its account is held
 * @returns a {@link Party}
 * @example
 * organisation(new Rng(1), 'BRITISH GAS').name //=> 'BRITISH GAS'
 */
export function organisation(rng: Rng, name: string, country: 'GB' | 'RO' = 'GB'): Party {
  return { name, account: randomIban(rng, country), country };
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
  let id = '';
  const hex = '0123456789abcdef';
  for (let i = 0; i < 16; i++) id += hex[Math.floor(rng.next() * 16)];
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
