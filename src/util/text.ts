/**
 * Text normalisation for keyword matching.
 *
 * Case- and diacritic-insensitive: NFD decomposition strips combining marks, so Romanian
 * ș/ş (comma below and cedilla), ț/ţ, ă, â, î all fold to their base letters. Anything that is not a
 * letter or digit separates words. Only the first {@link MAX_MATCH_CHARS} characters are read, which
 * bounds the cost of matching any input.
 */
export const MAX_MATCH_CHARS = 512;

const MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Splits text into normalised words.
 *
 * @param text - any text
 * @returns lower-case words without diacritics
 * @example
 * normaliseWords('Hotel Iași — Ştefan cel Mare') //=> ['hotel', 'iasi', 'stefan', 'cel', 'mare']
 */
export function normaliseWords(text: string): string[] {
  let head = text.slice(0, MAX_MATCH_CHARS);
  // A word cut by the read limit is not a word of the text: drop the fragment.
  if (text.length > MAX_MATCH_CHARS && /[\p{L}\p{N}]/u.test(text.charAt(MAX_MATCH_CHARS))) head = head.replace(/[\p{L}\p{N}\p{M}]+$/u, '');
  const folded = head.normalize('NFD').replace(MARKS, '').toLowerCase();
  return folded.split(NON_WORD).filter((w) => w !== '');
}

/** Texts longer than this are not cached (long free-text references are usually unique). */
const CACHE_TEXT_MAX = 256;
/** Entries per cache generation. */
const CACHE_GENERATION = 16_384;
let recentWords = new Map<string, readonly string[]>();
let olderWords = new Map<string, readonly string[]>();

/**
 * {@link normaliseWords}, remembered: merchant and counterparty names repeat across transactions, so
 * each distinct text is normalised once. Two generations of at most 16,384 texts each (a used text is
 * carried into the newer one), so memory is bounded and frequent names stay. The result is shared:
 * callers must not modify it.
 *
 * @param text - any text
 * @returns the same words as `normaliseWords(text)`
 * @example
 * cachedWords('Hotel Iași') //=> ['hotel', 'iasi']
 */
export function cachedWords(text: string): readonly string[] {
  if (text.length > CACHE_TEXT_MAX) return normaliseWords(text);
  let w = recentWords.get(text);
  if (w !== undefined) return w;
  w = olderWords.get(text) ?? normaliseWords(text);
  if (recentWords.size >= CACHE_GENERATION) {
    olderWords = recentWords;
    recentWords = new Map();
  }
  recentWords.set(text, w);
  return w;
}

/**
 * Normalises text to one comparable string (words joined by single spaces).
 *
 * @param text - any text
 * @returns the folded form
 * @example
 * normaliseText('  IAȘI ') //=> 'iasi'
 */
export function normaliseText(text: string): string {
  return normaliseWords(text).join(' ');
}

interface TrieNode {
  /** The phrase that ends here, if one does. */
  end: string | undefined;
  next: Map<string, TrieNode> | undefined;
}

/**
 * A compiled keyword list: matches whole words or whole phrases, never parts of words.
 * Phrases are kept in a tree of words, so matching costs at most (words in the text) × (words in the
 * longest phrase), whatever the list holds; no regular expressions.
 */
export class KeywordMatcher {
  private readonly root: TrieNode = { end: undefined, next: undefined };
  /** Number of distinct phrases. */
  readonly size: number;

  constructor(keywords: readonly string[]) {
    let size = 0;
    for (const kw of keywords) {
      const words = normaliseWords(kw);
      if (words.length === 0) continue;
      let node = this.root;
      for (const w of words) {
        node.next ??= new Map();
        let child = node.next.get(w);
        if (child === undefined) {
          child = { end: undefined, next: undefined };
          node.next.set(w, child);
        }
        node = child;
      }
      if (node.end === undefined) {
        node.end = words.join(' ');
        size++;
      }
    }
    this.size = size;
  }

  /**
   * The first phrase found in the given words (earliest position, shortest phrase), or undefined.
   *
   * @param words - output of {@link normaliseWords}
   */
  find(words: readonly string[]): string | undefined {
    for (let i = 0; i < words.length; i++) {
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < words.length; j++) {
        node = node.next?.get(words[j]!);
        if (node === undefined) break;
        if (node.end !== undefined) return node.end;
      }
    }
    return undefined;
  }
}
