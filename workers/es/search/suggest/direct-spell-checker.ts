/**
 * Lucene 9's DirectSpellChecker.suggestSimilar with the INTERNAL_LEVENSHTEIN distance, over one shard's index:
 * - a word shorter than min_word_length code points gets nothing; in `missing` mode neither does a word the index
 *   holds; nor does one in more documents than max_term_freq allows (a fraction of maxDoc, rounded up, or a count);
 * - candidates must be in more documents than the word (`popular`) or than none (`missing`, `always`), raised to
 *   min_doc_freq (a count, or a fraction of maxDoc less one);
 * - a first walk of the terms within 1 edit (prefix max(prefix_length, 0)), and when it kept fewer than
 *   numSug x max_inspections, a second within max_edits (prefix max(prefix_length, max_edits - 1)), each keeping
 *   the best numSug x max_inspections by score in a queue: the score is FuzzyTermsEnum's boost,
 *   1 - edits / min(code points of the term, of the word) in float, at least `accuracy`; the word itself is skipped;
 *   a candidate no better than the queue's worst (lowest score, then greatest term) when it is full is dropped;
 * - the union of both walks sorted (score, then docFreq, then term; or docFreq first with sort: frequency), best
 *   first, cut to numSug (the term suggester's shard_size, a phrase generator's size).
 */
import { compareUtf8 } from '../../index/mapper/doc-values.ts'
import { compareJavaStrings } from '../../../net/java-hash.ts'
import type { FuzzyTerm } from '../../../../engine-wasm/src/index/index.ts'
import type { SuggestMode } from './suggest-builder.ts'

/** What the checker reads of a shard's index. */
export interface SpellCheckIndex {
  maxDoc: number
  docFreq(term: string): number
  fuzzyTerms(term: string, maxEdits: number, prefixLength: number): FuzzyTerm[]
}

/** ES's DirectSpellcheckerSettings as createDirectSpellChecker hands them to Lucene's DirectSpellChecker. */
export interface SpellCheckerSettings {
  suggestMode: SuggestMode
  accuracy: number
  sort: 'score' | 'frequency'
  maxEdits: number
  maxInspections: number
  maxTermFreq: number
  prefixLength: number
  minWordLength: number
  /** The checker's thresholdFrequency: a count (>= 1) or a fraction of maxDoc. */
  minDocFreq: number
}

/** DirectSpellcheckerSettings' defaults: a term suggestion's and a phrase suggestion's generators'. */
export const DEFAULT_SPELL_CHECKER_SETTINGS: Readonly<SpellCheckerSettings> = {
  suggestMode: 'missing',
  accuracy: 0.5,
  sort: 'score',
  maxEdits: 2,
  maxInspections: 5,
  maxTermFreq: 0.01,
  prefixLength: 1,
  minWordLength: 4,
  minDocFreq: 0,
}

export interface SuggestWord {
  text: string
  score: number
  freq: number
}

function codePointLength(text: string): number {
  return [...text].length
}

/** SuggestWordScoreComparator / SuggestWordFrequencyComparator, reversed: best first. */
export function compareSuggestWords(sort: 'score' | 'frequency', a: SuggestWord, b: SuggestWord): number {
  const byScore = b.score - a.score
  const byFreq = b.freq - a.freq
  return (sort === 'score' ? byScore || byFreq : byFreq || byScore) || compareJavaStrings(a.text, b.text)
}

/** One FuzzyTermsEnum walk: the queue of the best `size` candidates (ScoreTerm order: worst first). */
function walk(
  index: SpellCheckIndex,
  word: string,
  editDistance: number,
  prefixLength: number,
  size: number,
  minFreq: number,
  accuracy: number,
): SuggestWord[] {
  const wordLength = codePointLength(word)
  const queue: SuggestWord[] = []
  // ScoreTerm.compareTo: the lower score is less; at equal scores the greater term is less.
  const less = (a: SuggestWord, b: SuggestWord) =>
    a.score !== b.score ? a.score < b.score : compareUtf8(a.text, b.text) > 0
  for (const candidate of index.fuzzyTerms(word, editDistance, prefixLength)) {
    const score =
      candidate.edits === 0
        ? 1
        : Math.fround(
            1 - Math.fround(candidate.edits / Math.min(codePointLength(candidate.term), wordLength)),
          )
    if (queue.length >= size && score <= queue[0]!.score) continue
    if (candidate.term === word) continue
    if (candidate.docFreq <= minFreq) continue
    if (score < accuracy) continue
    const entry = { text: candidate.term, score, freq: candidate.docFreq }
    let at = queue.length
    while (at > 0 && less(entry, queue[at - 1]!)) at--
    queue.splice(at, 0, entry)
    if (queue.length > size) queue.shift()
  }
  return queue
}

/** suggestSimilar(term, numSug, reader, suggestMode): at most numSug words. */
export function suggestSimilar(
  index: SpellCheckIndex,
  word: string,
  numSug: number,
  options: SpellCheckerSettings,
): SuggestWord[] {
  if (codePointLength(word) < options.minWordLength) return []
  let docFreq = index.docFreq(word)
  if (options.suggestMode === 'missing' && docFreq > 0) return []
  const { maxDoc } = index
  const { maxTermFreq, minDocFreq } = options
  if (maxTermFreq >= 1 ? docFreq > maxTermFreq : docFreq > Math.ceil(Math.fround(maxTermFreq * maxDoc)))
    return []
  if (options.suggestMode !== 'popular') docFreq = 0
  if (minDocFreq >= 1) docFreq = Math.max(docFreq, Math.trunc(minDocFreq))
  else if (minDocFreq > 0) docFreq = Math.max(docFreq, Math.trunc(Math.fround(minDocFreq * maxDoc)) - 1)
  const inspections = numSug * options.maxInspections
  const pass = (edits: number) =>
    walk(
      index,
      word,
      edits,
      Math.max(options.prefixLength, edits - 1),
      inspections,
      docFreq,
      options.accuracy,
    )
  const words = new Map(pass(1).map((w) => [w.text, w]))
  if (options.maxEdits > 1 && words.size < inspections) {
    for (const w of pass(options.maxEdits)) if (!words.has(w.text)) words.set(w.text, w)
  }
  return [...words.values()].sort((a, b) => compareSuggestWords(options.sort, a, b)).slice(0, numSug)
}
