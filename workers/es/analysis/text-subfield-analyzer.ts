// The analyzers of a text field's hidden subfields (TextFieldMapper's PrefixWrappedAnalyzer and
// PhraseWrappedAnalyzer): `._index_prefix` indexes the edge n-grams of min_chars..max_chars code points of each of
// the index analyzer's terms (EdgeNGramTokenFilter without preserveOriginal: a shorter term gives none),
// `._index_phrase` its two-word shingles (FixedShingleFilter(2): separator " ", a removed word filled with "_").
//
// Named as search_as_you_type's wrapped analyzers are (search-as-you-type-analyzer.ts): the wrapped analyzer's
// name, a U+0000, then `prefix<min>-<max>` or `phrase`; IndexAnalyzers.analyzer resolves such a name.
import type { Analyzer } from './analyzer.ts'
import { FixedShingleFilter } from './filters/fixed-shingle-filter.ts'
import { NGramTokenFilter } from './filters/ngram-token-filters.ts'
import { AnalyzerWrapper, WRAPPED_ANALYZER_SEPARATOR } from './search-as-you-type-analyzer.ts'

/** The name of `base` wrapped with PrefixWrappedAnalyzer's edge n-grams of minChars..maxChars. */
export function prefixAnalyzerName(base: string, minChars: number, maxChars: number): string {
  return `${base}${WRAPPED_ANALYZER_SEPARATOR}prefix${minChars}-${maxChars}`
}

/** The name of `base` wrapped with PhraseWrappedAnalyzer's two-word shingles. */
export function phraseAnalyzerName(base: string): string {
  return `${base}${WRAPPED_ANALYZER_SEPARATOR}phrase`
}

/** The wrapped analyzer such a name names, over `lookup`'s analyzers; null when it names none. */
export function textSubfieldAnalyzer(
  name: string,
  lookup: (base: string) => Analyzer | null,
): Analyzer | null {
  const at = name.indexOf(WRAPPED_ANALYZER_SEPARATOR)
  if (at < 0) return null
  const wrapping = /^(?:prefix(\d+)-(\d+)|phrase)$/.exec(name.slice(at + 1))
  const delegate = wrapping === null ? null : lookup(name.slice(0, at))
  if (wrapping === null || delegate === null) return null
  const filter =
    wrapping[1] === undefined
      ? new FixedShingleFilter(2, ' ', '_')
      : new NGramTokenFilter('edge_ngram', Number(wrapping[1]), Number(wrapping[2]), false)
  return new AnalyzerWrapper(delegate, [filter])
}
