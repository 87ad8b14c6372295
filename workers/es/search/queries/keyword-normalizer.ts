/**
 * A keyword field's query values through its `normalizer`, as KeywordFieldType reads them (ES 8.17):
 * indexedValueForSearch for term, terms, prefix, fuzzy and range values and for a match's one token (the
 * normalizer is the field's search analyzer), and StringFieldType.normalizeWildcardPattern for a wildcard pattern,
 * whose `?` / `*` runs and `\`-escaped characters are kept as they are and only the text between them normalized.
 * A field without a normalizer, and a context that cannot normalize (the coordinating node's parse-only check),
 * keep the value as given. With `split_queries_on_whitespace` a full-text query's text is split on whitespace first.
 */
import { isKeywordLike, type FieldMapping } from '../../index/mapper/mapping.ts'

/** The index's normalizers by name (IndexAnalysis.normalize). */
export type Normalize = (normalizer: string, text: string) => string

/** What normalizing asks of a query's context. */
export interface NormalizingContext {
  normalize?: Normalize
}

function normalizerOf(mapping: FieldMapping, context: NormalizingContext): ((text: string) => string) | null {
  const { normalizer } = mapping
  const { normalize } = context
  if (mapping.type !== 'keyword' || normalizer === undefined || normalize === undefined) return null
  return (text) => normalize(normalizer, text)
}

/**
 * A keyword's search analyzer with `split_queries_on_whitespace` (KeywordFieldMapper): the whitespace tokenizer,
 * then the normalizer's filters, here the normalizer run on each token. Full-text queries (match and its kin) read
 * the field through it; term-level queries keep indexedValueForSearch.
 */
export function splitsQueriesOnWhitespace(mapping: FieldMapping): boolean {
  return isKeywordLike(mapping) && mapping.split_queries_on_whitespace === true
}

/** KeywordFieldType.indexedValueForSearch. */
export function keywordSearchValue(mapping: FieldMapping, text: string, context: NormalizingContext): string {
  return normalizerOf(mapping, context)?.(text) ?? text
}

/** StringFieldType's WILDCARD_PATTERN: an escaped character, or a run of wildcards. */
const WILDCARD_PARTS = /(\\.)|([?*]+)/g

/** StringFieldType.normalizeWildcardPattern. */
export function keywordWildcardPattern(
  mapping: FieldMapping,
  pattern: string,
  context: NormalizingContext,
): string {
  const normalize = normalizerOf(mapping, context)
  if (normalize === null) return pattern
  let out = ''
  let last = 0
  for (const match of pattern.matchAll(WILDCARD_PARTS)) {
    if (match.index > 0) out += normalize(pattern.slice(last, match.index))
    out += match[0]
    last = match.index + match[0].length
  }
  return last < pattern.length ? out + normalize(pattern.slice(last)) : out
}
