import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Alert, Hit, Rejection } from '../schema/alert.js';
import { MshtError } from '../errors.js';

/** Fields whose values identify a person or account, and are replaced by pseudonyms in outputs. */
export const IDENTIFYING_FIELDS = new Set([
  'accountId', 'customerId', 'counterparty.id', 'counterparty.name', 'counterparty.account', 'device.id', 'device.ip',
  'profile.phone', 'profile.email', 'profile.address.line', 'profile.address.postcode',
]);

/** A character that can belong to an identifier (letters, digits, `_`, `-`). */
const ID_CHAR = /^[\p{L}\p{N}_-]$/u;

/** Fields whose raw values carry no identifier, so a pseudonymised rejection may still show them. */
const SHOWABLE_FIELDS = new Set([
  'timestamp', 'direction', 'amount', 'currency', 'channel', 'purpose', 'counterparty.country', 'merchant.mcc',
  'merchant.country', 'location.country', 'flags', 'account_type', 'accountType', 'date', 'rate_to_base', 'rateToBase',
]);

/** Replaces identifiers by keyed pseudonyms. */
export interface Pseudonymiser {
  /** `ps_` + 16 hex characters of HMAC-SHA-256(key, value): the same value always gives the same pseudonym under one key. */
  id(value: string): string;
  alert(alert: Alert): Alert;
  hit(hit: Hit): Hit;
  rejection(r: Rejection): Rejection;
}

/**
 * Creates a pseudonymiser from a secret key. Pseudonyms are consistent within a key, so alerts can be
 * shared and joined by a partner without the identities; the bank keeps the key and can map back by
 * recomputing pseudonyms of its own identifiers.
 *
 * @param key - secret bytes (at least 16)
 * @returns the pseudonymiser
 * @throws {MshtError} `invalid_key` for a key shorter than 16 bytes
 * @example
 * const p = createPseudonymiser(Buffer.from('a long secret key from a key file'));
 * p.id('ACC-1042') //=> 'ps_…' (16 hex characters)
 */
export function createPseudonymiser(key: Uint8Array): Pseudonymiser {
  if (key.length < 16) throw new MshtError('invalid_key', 'the pseudonymisation key must be at least 16 bytes');
  const cache = new Map<string, string>();
  const id = (value: string): string => {
    let p = cache.get(value);
    if (p === undefined) {
      p = `ps_${createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16)}`;
      if (cache.size > 100_000) cache.clear();
      cache.set(value, p);
    }
    return p;
  };
  // Replaces whole identifiers only: an occurrence counts when the characters around it cannot be part of
  // an identifier, so a short id such as "7" never rewrites "7 days", and a pseudonym already written is
  // not touched again (one left-to-right pass over the original text).
  const replaceIn = (text: string, values: readonly string[]): string => {
    const secrets = [...new Set(values)].filter((v) => v !== '').sort((a, b) => b.length - a.length);
    let out = '';
    let i = 0;
    outer: while (i < text.length) {
      if (i === 0 || !ID_CHAR.test(text.charAt(i - 1))) {
        for (const v of secrets) {
          if (text.startsWith(v, i) && !ID_CHAR.test(text.charAt(i + v.length))) {
            out += id(v);
            i += v.length;
            continue outer;
          }
        }
      }
      out += text.charAt(i);
      i++;
    }
    return out;
  };
  const hit = (h: Hit): Hit => {
    const scoped = IDENTIFYING_FIELDS.has(h.scope.field);
    const secrets = [...h.accounts, ...h.customers, ...(scoped ? [h.scope.key] : [])];
    return {
      ...h,
      scope: scoped ? { field: h.scope.field, key: id(h.scope.key) } : h.scope,
      accounts: h.accounts.map(id),
      customers: h.customers.map(id),
      text: replaceIn(h.text, secrets),
    };
  };
  return {
    id,
    hit,
    alert: (a) => ({
      ...a,
      entity: { field: a.entity.field, key: id(a.entity.key) },
      reasons: a.reasons.map((r) => ({ ...hit(r), weight: r.weight })),
    }),
    rejection: (r) => {
      if (r.value === undefined) return r;
      // A row-level rejection (wrong column count, bad quoting) quotes the raw row, in which identifiers cannot be
      // told from other cells: the value is withheld. The line and source still locate the row at the bank.
      if (r.field === undefined || r.field === '(row)') {
        const { value: _raw, ...rest } = r;
        return rest;
      }
      // two-sided rows name the party: payer.accountId, payee.name, …
      const field = r.field.replace(/^\$\./, '').replace(/^(?:payer|payee)\.(accountId|customerId|name)$/, (_m, k: string) => (k === 'name' ? 'counterparty.name' : k));
      if (IDENTIFYING_FIELDS.has(field)) {
        const p = id(r.value);
        // messages may quote the value too (e.g. "customer C1 already has a profile")
        return { ...r, value: p, message: r.value === '' ? r.message : r.message.split(r.value).join(p) };
      }
      // Anything else is shown only when the field is known to hold no identifier (an amount, a date, a code);
      // an object (counterparty, device), a forbidden key or free text could quote identifiers, so it is withheld.
      if (SHOWABLE_FIELDS.has(field)) return r;
      const { value: _withheld, ...rest } = r;
      return rest;
    },
  };
}

/**
 * Reads a pseudonymisation key file (its raw bytes, trailing newline removed).
 *
 * @param path - key file
 * @returns the key bytes
 * @throws {MshtError} when unreadable or too short
 * @example
 * const key = readKeyFile('secrets/pseudonym.key');
 */
export function readKeyFile(path: string): Uint8Array {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new MshtError('invalid_key', `cannot read key file "${path}": ${(e as Error).message}`);
  }
  let end = buf.length;
  while (end > 0 && (buf[end - 1] === 10 || buf[end - 1] === 13)) end--;
  const key = buf.subarray(0, end);
  if (key.length < 16) throw new MshtError('invalid_key', `key file "${path}" holds ${key.length} bytes; at least 16 are needed`);
  return key;
}
