/**
 * The queries of a constant_keyword field (ConstantKeywordFieldType, a ConstantFieldType): each is decided from the
 * mapping's value alone, as every document of the index has it, and is match_all or match_none; a field whose value
 * is not set yet matches nothing.
 * - `term`, `terms`, `prefix` (the prefix and `*`) and `wildcard`: the value matched as Regex.simpleMatch matches a
 *   pattern (`*` the only wildcard, `case_insensitive` comparing lower cases). Their builders' rewrite
 *   (doIndexMetadataRewrite) turns the query into a bare match_all or match_none, so boost and `_name` are dropped.
 * - `match` (the termQuery of the whole text, the keyword analyzer), `regexp` (the value run through the pattern's
 *   automaton), `fuzzy` (the value within the edit distance of the term, its prefix kept, as a Levenshtein automaton
 *   with transpositions accepts it), `range` (the value compared with the bounds in UTF-8 byte order) and `exists`:
 *   match_all keeping the query's boost.
 * A `query_string` term of each kind on the field asks the same of it (constantKeywordLeaf).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { runDfa, type Dfa } from '../../../../engine-wasm/src/index/automaton/determinize.ts'
import type { TermLevel } from '../query-string/field-queries.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { compareUtf8 } from '../../index/mapper/doc-values.ts'
import type { RangeBounds } from './range-query.ts'
import type { FuzzyOptions } from './term-level-queries.ts'

export const MATCH_NONE: IndexQuery = { type: 'matchNone' }

function matchAll(boost: number): IndexQuery {
  return { type: 'matchAll', boost }
}

/** ConstantKeywordFieldType.matches: whether the value matches one of the patterns (rewritten: no boost). */
export function constantKeywordPatternQuery(
  field: FieldMapping,
  patterns: readonly string[],
  caseInsensitive: boolean,
): IndexQuery {
  const { value } = field
  if (value === undefined) return MATCH_NONE
  const lower = value.toLowerCase()
  const matches = patterns.some((pattern) =>
    caseInsensitive ? simpleMatch(pattern.toLowerCase(), lower) : simpleMatch(pattern, value),
  )
  return matches ? matchAll(1) : MATCH_NONE
}

/** The termQuery of a `match`: the whole text against the value, boosted. */
export function constantKeywordTermQuery(field: FieldMapping, text: string, boost: number): IndexQuery {
  return field.value !== undefined && simpleMatch(text, field.value) ? matchAll(boost) : MATCH_NONE
}

/** ConstantKeywordFieldType.existsQuery. */
export function constantKeywordExists(field: FieldMapping): IndexQuery {
  return field.value !== undefined ? matchAll(1) : MATCH_NONE
}

/** regexpQuery: the value run through the compiled pattern (a CharacterRunAutomaton over its code points). */
export function constantKeywordRegexp(field: FieldMapping, dfa: Dfa, boost: number): IndexQuery {
  return field.value !== undefined && runDfa(dfa, field.value) ? matchAll(boost) : MATCH_NONE
}

/**
 * fuzzyQuery: LevenshteinAutomata(suffix, transpositions).toAutomaton(maxEdits, prefix) run on the value: the
 * term's first prefix_length code points exactly, then the rest within maxEdits insertions, deletions,
 * substitutions (and, with transpositions, swaps of adjacent code points).
 */
export function constantKeywordFuzzy(
  field: FieldMapping,
  term: string,
  options: FuzzyOptions,
  boost: number,
): IndexQuery {
  const { value } = field
  if (value === undefined) return MATCH_NONE
  const termPoints = [...term]
  const valuePoints = [...value]
  const prefixLength = Math.min(options.prefixLength, termPoints.length)
  for (let i = 0; i < prefixLength; i++) if (valuePoints[i] !== termPoints[i]) return MATCH_NONE
  const distance = editDistance(
    termPoints.slice(prefixLength),
    valuePoints.slice(prefixLength),
    options.transpositions,
  )
  return distance <= options.maxEdits ? matchAll(boost) : MATCH_NONE
}

/** Levenshtein distance, with adjacent transpositions counting one edit when `transpositions` (optimal string alignment). */
function editDistance(a: readonly string[], b: readonly string[], transpositions: boolean): number {
  const rows: number[][] = []
  for (let i = 0; i <= a.length; i++) {
    rows.push([])
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        rows[i]![j] = i + j
        continue
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = best
    }
  }
  return rows[a.length]![b.length]!
}

/**
 * rangeQuery: match_all when the value lies within the bounds (BytesRef order, each bound's text; an open bound
 * passes), else match_none.
 */
export function constantKeywordRange(field: FieldMapping, bounds: RangeBounds, boost: number): IndexQuery {
  const { value } = field
  if (value === undefined) return MATCH_NONE
  if (bounds.from !== null && compareUtf8(bounds.from, value) >= (bounds.includeLower ? 1 : 0))
    return MATCH_NONE
  if (bounds.to !== null && compareUtf8(value, bounds.to) >= (bounds.includeUpper ? 1 : 0)) return MATCH_NONE
  return matchAll(boost)
}

/**
 * A query_string leaf on a constant_keyword field (QueryStringQueryParser asking its MappedFieldType): the whole
 * text's termQuery, or the prefix, wildcard, regexp (compiled by `compile`, which reports its failure as the
 * parser does), fuzzy or range query of a term.
 */
export function constantKeywordLeaf(
  field: FieldMapping,
  query: TermLevel | { kind: 'term'; text: string },
  compile: (pattern: string) => Dfa,
): IndexQuery {
  switch (query.kind) {
    case 'term':
      return constantKeywordTermQuery(field, query.text, 1)
    case 'prefix':
      return constantKeywordPatternQuery(field, [`${query.text}*`], false)
    case 'wildcard':
      return constantKeywordPatternQuery(field, [query.text], false)
    case 'regexp':
      return constantKeywordRegexp(field, compile(query.text), 1)
    case 'fuzzy':
      return constantKeywordFuzzy(field, query.text, { ...query, maxExpansions: 50 }, 1)
    case 'range': {
      const { lower: from, upper: to, includeLower, includeUpper } = query
      return constantKeywordRange(field, { from, to, includeLower, includeUpper }, 1)
    }
  }
}
