/**
 * The queries a text field hands to its hidden subfields (TextFieldType and PrefixFieldType in ES 8.17's
 * TextFieldMapper; the subfields are text-subfields.ts's). Each answers null when the field builds the query itself.
 * - prefix (the `prefix` query, bool_prefix's last term, a query_string `x*`) on a field with `index_prefixes`: a
 *   prefix of min_chars to max_chars characters (Java's String.length) is a term query on `._index_prefix`; one of
 *   min_chars - 1 is ES's padded automaton on `._index_prefix` (the prefix then any one character per missing
 *   one, as a wildcard query here; described as Lucene's AutomatonQuery) OR a term query on the field itself; both
 *   constant score unless a scoring `rewrite` is asked for. Other lengths: the field's own prefix query.
 * - phrase (`match_phrase`, query_string phrases) on a field with `index_phrases`: with slop 0 and no position
 *   gaps, the tokens' two-word shingles (FixedShingleFilter(2)) as a phrase on `._index_phrase` (one shingle: a
 *   one-term phrase, which the rewrite makes a term query, as Lucene's).
 */
import type { AnalyzedToken, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { javaStringHashCode } from '../../../net/java-hash.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { PHRASE_FIELD_SUFFIX, PREFIX_FIELD_SUFFIX } from '../../index/mapper/text-subfields.ts'

/** TextFieldType.prefixQuery over the `._index_prefix` subfield; `scoring`: a scoring rewrite. */
export function indexPrefixesPrefix(
  field: string,
  mapping: FieldMapping,
  prefix: string,
  boost: number,
  scoring = false,
): IndexQuery | null {
  const config = mapping.index_prefixes
  if (mapping.type !== 'text' || config === undefined || mapping.derived !== undefined) return null
  const { min_chars: min, max_chars: max } = config
  // PrefixFieldType.accept
  if (prefix.length < min - 1 || prefix.length > max) return null
  const prefixField = field + PREFIX_FIELD_SUFFIX
  const inner: IndexQuery =
    prefix.length >= min
      ? { type: 'term', field: prefixField, term: prefix, boost: scoring ? boost : 1 }
      : paddedPrefix(field, prefixField, prefix, min, scoring ? boost : 1)
  if (scoring) return inner
  return { type: 'constantScore', filter: inner, boost }
}

/** PrefixFieldType.prefixQuery of a prefix one short of min_chars (or shorter when min_chars is 1 and it is empty). */
function paddedPrefix(
  field: string,
  prefixField: string,
  prefix: string,
  min: number,
  boost: number,
): IndexQuery {
  const pattern = prefix.replace(/[\\*?]/g, (c) => `\\${c}`) + '?'.repeat(min - prefix.length)
  // Lucene's Automaton keeps Object.toString: the identity hash here is derived from the term, stable where Java's is not
  const identity = (javaStringHashCode(`${prefixField}:${prefix}*`) >>> 0).toString(16)
  const automaton: IndexQuery = {
    type: 'constantScore',
    filter: { type: 'wildcard', field: prefixField, pattern, boost: 1 },
    boost: 1,
    description: `${prefixField}:AutomatonQuery {\norg.apache.lucene.util.automaton.Automaton@${identity}}`,
  }
  return {
    type: 'bool',
    must: [],
    should: [automaton, { type: 'term', field, term: prefix, boost: 1 }],
    mustNot: [],
    filter: [],
    minimumShouldMatch: 0,
    boost,
  }
}

/** TextFieldType.phraseQuery over the `._index_phrase` subfield, from the analyzed tokens (absolute positions). */
export function indexPhrasesPhrase(
  field: string,
  mapping: FieldMapping,
  tokens: readonly AnalyzedToken[],
  slop: number,
  boost: number,
): IndexQuery | null {
  if (mapping.type !== 'text' || mapping.index_phrases !== true || mapping.derived !== undefined) return null
  if (slop !== 0 || tokens.length < 2) return null
  const first = tokens[0]!.position
  for (let i = 1; i < tokens.length; i++) if (tokens[i]!.position !== tokens[i - 1]!.position + 1) return null
  const phraseField = field + PHRASE_FIELD_SUFFIX
  const shingles: AnalyzedToken[] = []
  for (let i = 0; i + 1 < tokens.length; i++)
    shingles.push({
      term: `${tokens[i]!.term} ${tokens[i + 1]!.term}`,
      position: tokens[i]!.position - first,
    })
  return { type: 'phrase', field: phraseField, terms: shingles, slop: 0, boost }
}
