/**
 * The queries a search_as_you_type field hands to its subfields (SearchAsYouTypeFieldType, ShingleFieldType and
 * PrefixFieldType in ES's SearchAsYouTypeFieldMapper). Each answers null when the field builds the query as any
 * text field does.
 * - prefix (the `prefix` query, the last term of `match_bool_prefix` and multi_match `bool_prefix`): on the root or
 *   a shingle subfield, a prefix of 1 to 20 characters is a term query on `._index_prefix`, constant score unless a
 *   scoring `rewrite` is asked for; on `._index_prefix` itself a term query.
 * - phrase (`match_phrase`) on the root, slop 0, no position gaps, more than one position: the tokens become
 *   shingles of min(positions, max_shingle_size) (FixedShingleFilter) and the phrase runs on that `._<n>gram`
 *   subfield (one shingle: a term query).
 * - phrase prefix (`match_phrase_prefix`) the same way on the root, then on the shingle subfield: when the last
 *   shingle has at most 20 characters and it is the only one, a term query on `._index_prefix`; when it is longer,
 *   a phrase prefix of the shingles. Several shingles ending in one of at most 20 characters make ES's SpanNearQuery
 *   with the prefix subfield masked as the shingle field, which the playground does not build: such a query runs
 *   as the root's phrase prefix (docs/DEVIATIONS.md).
 */
import type { AnalyzedToken, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { PREFIX_MAX_CHARS, PREFIX_MIN_CHARS } from '../../analysis/search-as-you-type-analyzer.ts'
import { FixedShingleFilter } from '../../analysis/filters/fixed-shingle-filter.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { PREFIX_SUFFIX } from '../../index/mapper/search-as-you-type-field.ts'

/** PrefixFieldType.termLengthWithinBounds (Java's String.length: UTF-16 code units). */
function prefixFieldTakes(text: string): boolean {
  return text.length >= PREFIX_MIN_CHARS - 1 && text.length <= PREFIX_MAX_CHARS
}

/** The `._index_prefix` subfield of the root (or of the root of subfield `field`). */
function prefixFieldOf(field: string, mapping: FieldMapping): string {
  return (mapping.derived ? field.slice(0, field.lastIndexOf('.')) : field) + PREFIX_SUFFIX
}

/** The prefix query of a search_as_you_type field or subfield (see the header); `scoring`: a scoring rewrite. */
export function searchAsYouTypePrefix(
  field: string,
  mapping: FieldMapping,
  prefix: string,
  boost: number,
  scoring = false,
): IndexQuery | null {
  if (mapping.type !== 'search_as_you_type' || prefix.length < PREFIX_MIN_CHARS) return null
  if (mapping.derived?.prefix === true) return { type: 'term', field, term: prefix, boost }
  if (!prefixFieldTakes(prefix)) return null
  const term: IndexQuery = { type: 'term', field: prefixFieldOf(field, mapping), term: prefix, boost }
  return scoring ? term : { type: 'constantScore', filter: { ...term, boost: 1 }, boost }
}

/**
 * `match_phrase` (`prefix` false) or `match_phrase_prefix` on a search_as_you_type field or shingle subfield, from
 * its analyzed tokens (absolute positions), as described in the header.
 */
export function searchAsYouTypePhrase(
  field: string,
  mapping: FieldMapping,
  tokens: readonly AnalyzedToken[],
  slop: number,
  prefix: { maxExpansions: number } | null,
  boost: number,
): IndexQuery | null {
  if (mapping.type !== 'search_as_you_type' || mapping.derived?.prefix === true) return null
  if (mapping.derived !== undefined) {
    if (prefix === null || slop > 0) return null
    return shinglePhrasePrefix(field, prefixFieldOf(field, mapping), tokens, prefix.maxExpansions, boost)
  }
  const positions = tokens[tokens.length - 1]!.position + 1
  const gaps = tokens.some((t, i) => t.position - (i === 0 ? -1 : tokens[i - 1]!.position) > 1)
  if (slop > 0 || gaps || positions <= 1) return null
  const size = Math.min(positions, mapping.max_shingle_size ?? 3)
  const shingleField = `${field}._${size}gram`
  const shingles = shingled(tokens, size)
  if (prefix !== null) {
    return shinglePhrasePrefix(
      shingleField,
      prefixFieldOf(field, mapping),
      shingles,
      prefix.maxExpansions,
      boost,
    )
  }
  return shingles.length === 1
    ? { type: 'term', field: shingleField, term: shingles[0]!.term, boost }
    : { type: 'phrase', field: shingleField, terms: shingles, slop: 0, boost }
}

/** The tokens through FixedShingleFilter(size, " ", "_"), the filter SearchAsYouTypeFieldType puts on a query. */
function shingled(tokens: readonly AnalyzedToken[], size: number): AnalyzedToken[] {
  const list = {
    terms: tokens.map((t) => t.term),
    positions: tokens.map((t) => t.position),
    startOffsets: tokens.map(() => 0),
    endOffsets: tokens.map(() => 0),
    types: tokens.map(() => 'word'),
  }
  const out = new FixedShingleFilter(size, ' ', '_').filter(list)
  return out.terms.map((term, i) => ({ term, position: out.positions[i]! }))
}

/** ShingleFieldType.phrasePrefixQuery with slop 0 (TextFieldMapper.createPhrasePrefixQuery with the prefix field). */
function shinglePhrasePrefix(
  shingleField: string,
  prefixField: string,
  shingles: readonly AnalyzedToken[],
  maxExpansions: number,
  boost: number,
): IndexQuery | null {
  const last = shingles[shingles.length - 1]!
  if (!prefixFieldTakes(last.term)) {
    const first = shingles[0]!.position
    const terms = shingles.map((t) => ({ term: t.term, position: t.position - first }))
    return { type: 'phrasePrefix', field: shingleField, terms, slop: 0, maxExpansions, boost }
  }
  if (shingles.length === 1) return { type: 'term', field: prefixField, term: last.term, boost }
  return null
}
