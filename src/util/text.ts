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

/**
 * A compiled keyword list: matches whole words or whole phrases, never parts of words.
 * Cost per text is O(words × phrases starting with that word), with no regular expressions.
 */
export class KeywordMatcher {
  private readonly byFirstWord = new Map<string, string[][]>();
  /** Number of distinct phrases. */
  readonly size: number;

  constructor(keywords: readonly string[]) {
    const seen = new Set<string>();
    for (const kw of keywords) {
      const words = normaliseWords(kw);
      if (words.length === 0) continue;
      const joined = words.join(' ');
      if (seen.has(joined)) continue;
      seen.add(joined);
      const first = words[0]!;
      const bucket = this.byFirstWord.get(first);
      if (bucket === undefined) this.byFirstWord.set(first, [words]);
      else bucket.push(words);
    }
    this.size = seen.size;
  }

  /**
   * The first phrase found in the given words, or undefined.
   *
   * @param words - output of {@link normaliseWords}
   */
  find(words: readonly string[]): string | undefined {
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirstWord.get(words[i]!);
      if (candidates === undefined) continue;
      outer: for (const phrase of candidates) {
        if (i + phrase.length > words.length) continue;
        for (let j = 1; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
        return phrase.join(' ');
      }
    }
    return undefined;
  }
}
