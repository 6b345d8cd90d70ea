import { createHash } from 'node:crypto';

/**
 * A short deterministic id from its parts (SHA-256, hex, truncated).
 *
 * @param prefix - e.g. `"al"`
 * @param parts - strings that identify the thing
 * @returns e.g. `"al_3f9a…"` (prefix + 20 hex characters)
 * @example
 * stableId('al', ['victim-under-control', 'ACC1', 'tx9']).length //=> 23
 */
export function stableId(prefix: string, parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:${p}|`);
  return `${prefix}_${h.digest('hex').slice(0, 20)}`;
}
