// SearchAsYouTypeFieldMapper.SearchAsYouTypeAnalyzer: another analyzer's stream wrapped with shingles of one
// size (FixedShingleFilter, separator " ", filler ""), and for the `._index_prefix` subfield first
// TrailingShingleTokenFilter's shingleSize - 1 trailing positions and then edge n-grams of 1 to 20 code points
// that keep the shingle itself when it is longer (EdgeNGramTokenFilter with preserveOriginal).
//
// A mapping names these analyzers by the wrapped analyzer's name, a U+0000 and the wrapping (`2`, `3p`):
// wrappedAnalyzerName builds that name and IndexAnalyzers.analyzer resolves it, so the subfields' analyzers
// go wherever an analyzer name goes (indexing, queries, `_analyze`). No analyzer a user can define has a
// U+0000 in its name; a text field's `._index_prefix` and `._index_phrase` analyzers (text-subfield-analyzer.ts) are
// named the same way.
import { Analyzer } from './analyzer.ts'
import { FixedShingleFilter } from './filters/fixed-shingle-filter.ts'
import { NGramTokenFilter } from './filters/ngram-token-filters.ts'
import type { TokenFilter, TokenList } from './token-list.ts'

/** SearchAsYouTypeFieldMapper.Defaults: the prefix subfield's edge n-gram lengths. */
export const PREFIX_MIN_CHARS = 1
export const PREFIX_MAX_CHARS = 20

/** What separates the wrapped analyzer's name from the wrapping in a wrapped analyzer's name. */
export const WRAPPED_ANALYZER_SEPARATOR = '\u0000'

/** The name of `base` wrapped with `shingleSize` shingles (and, with indexPrefixes, edge n-grams). */
export function wrappedAnalyzerName(base: string, shingleSize: number, indexPrefixes: boolean): string {
  return `${base}${WRAPPED_ANALYZER_SEPARATOR}${shingleSize}${indexPrefixes ? 'p' : ''}`
}

/** The wrapped analyzer a wrappedAnalyzerName names, over `lookup`'s analyzers; null when it names none. */
export function wrappedAnalyzer(name: string, lookup: (base: string) => Analyzer | null): Analyzer | null {
  const at = name.indexOf(WRAPPED_ANALYZER_SEPARATOR)
  if (at < 0) return null
  const wrapping = /^([2-4])(p?)$/.exec(name.slice(at + 1))
  const delegate = lookup(name.slice(0, at))
  if (wrapping === null || delegate === null) return null
  const shingleSize = Number(wrapping[1])
  const indexPrefixes = wrapping[2] === 'p'
  const shingles = new FixedShingleFilter(shingleSize, ' ', '', indexPrefixes ? shingleSize - 1 : 0)
  const filters: TokenFilter[] = [shingles]
  if (indexPrefixes)
    filters.push(new NGramTokenFilter('edge_ngram', PREFIX_MIN_CHARS, PREFIX_MAX_CHARS, true))
  return new AnalyzerWrapper(delegate, filters)
}

/** Lucene's AnalyzerWrapper: the delegate's stream through the wrapping filters (this analyzer's `filters`). */
export class AnalyzerWrapper extends Analyzer {
  constructor(
    private readonly delegate: Analyzer,
    wrapping: TokenFilter[],
  ) {
    super(delegate.name, delegate.tokenizer, wrapping)
  }

  override tokenStream(text: string): TokenList {
    let tokens = this.delegate.tokenStream(text)
    for (const filter of this.filters) tokens = filter.filter(tokens, text)
    return tokens
  }
}
