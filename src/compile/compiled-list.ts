import type { ReferenceList } from '../schema/rule.js';
import { KeywordMatcher } from '../util/text.js';

/** A reference list ready for matching. */
export interface CompiledList {
  readonly id: string;
  readonly kind: 'codes' | 'names';
  readonly document: ReferenceList;
  /** Exact code or within an inclusive range of equal-length digit strings. */
  hasCode(code: string): boolean;
  readonly matcher: KeywordMatcher;
}

/**
 * Compiles a reference list.
 *
 * @param doc - a validated list document
 * @returns a matcher for codes or names
 */
export function compileList(doc: ReferenceList): CompiledList {
  const codes = new Set(doc.items);
  const ranges = doc.ranges.map(([lo, hi]) => [lo, hi] as const);
  return {
    id: doc.id,
    kind: doc.kind,
    document: doc,
    hasCode(code) {
      if (codes.has(code)) return true;
      for (const [lo, hi] of ranges) if (code.length === lo.length && code >= lo && code <= hi) return true;
      return false;
    },
    matcher: new KeywordMatcher(doc.kind === 'names' ? doc.items : []),
  };
}
