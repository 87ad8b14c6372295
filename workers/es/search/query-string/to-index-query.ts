/**
 * Turns a `query_string` tree into the inverted index's IndexQuery: term, `_id` (metadata-fields.ts), phrase, bool, match_all,
 * match_none, prefix (on a text field with index_prefixes, its `._index_prefix` subfield's: text-subfield-queries.ts; a phrase likewise on `._index_phrase`), wildcard, regexp (max_determinized_states 10000), fuzzy (fuzzy_max_expansions 50),
 * range (through the field type's range query, see queries/range-query.ts), exists and dis_max. A match_none keeps
 * its reason, and stays a dis_max's disjunct (what `lenient` leaves for unsuitable fields), as ES builds it: the
 * search's rewrite drops it (DisjunctionMaxQuery.rewrite). A synonym (stacked tokens) throws UnsupportedByIndexError:
 * the engine has no SynonymQuery scoring yet, so no query silently scores differently.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/types.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { rangeIndexQuery } from '../queries/range-query.ts'
import { metadataKeywordMapping } from '../queries/metadata-field-types.ts'
import { idTermsQuery } from '../queries/metadata-fields.ts'
import { indexPhrasesPhrase, indexPrefixesPrefix } from '../queries/text-subfield-queries.ts'
import type { QueryStringNode } from './query-string-node.ts'

export class UnsupportedByIndexError extends Error {
  override readonly name = 'UnsupportedByIndexError'
  constructor(readonly kind: QueryStringNode['kind']) {
    super(`[query_string] ${kind} queries are not yet supported by the index`)
  }
}

/** What a range needs: the field's mapping, and "now" for date math. */
export interface IndexQueryContext {
  fields: ReadonlyMap<string, FieldMapping>
  nowMillis: number
}

const DEFAULT_MAX_DETERMINIZED_STATES = 10000
const DEFAULT_MAX_EXPANSIONS = 50

export function toIndexQuery(node: QueryStringNode, context: IndexQueryContext): IndexQuery {
  const convert = (child: QueryStringNode): IndexQuery => toIndexQuery(child, context)
  switch (node.kind) {
    case 'term':
      return { type: 'term', field: node.field, term: node.term, boost: node.boost }
    case 'id':
      return idTermsQuery([node.id], node.boost)
    case 'phrase': {
      const { field, terms, slop, boost } = node
      const mapping = context.fields.get(field)
      const subfield = mapping === undefined ? null : indexPhrasesPhrase(field, mapping, terms, slop, boost)
      return subfield ?? { type: 'phrase', field, terms, slop, boost }
    }
    case 'matchAll':
      return { type: 'matchAll', boost: node.boost }
    case 'matchNone':
      return { type: 'matchNone', reason: node.reason }
    case 'prefix': {
      const { field, prefix, boost } = node
      const mapping = context.fields.get(field)
      const subfield = mapping === undefined ? null : indexPrefixesPrefix(field, mapping, prefix, boost)
      return subfield ?? { type: 'prefix', field, prefix, boost }
    }
    case 'wildcard':
      return { type: 'wildcard', field: node.field, pattern: node.pattern, boost: node.boost }
    case 'regexp': {
      const { field, pattern, boost } = node
      return { type: 'regexp', field, pattern, maxDeterminizedStates: DEFAULT_MAX_DETERMINIZED_STATES, boost }
    }
    case 'fuzzy': {
      const { field, term, maxEdits, prefixLength, transpositions, boost } = node
      const maxExpansions = DEFAULT_MAX_EXPANSIONS
      return { type: 'fuzzy', field, term, maxEdits, prefixLength, maxExpansions, transpositions, boost }
    }
    case 'range': {
      const mapping = context.fields.get(node.field) ?? metadataKeywordMapping(node.field)
      if (mapping === undefined) return { type: 'matchNone' }
      const bounds = {
        from: node.lower,
        to: node.upper,
        includeLower: node.includeLower,
        includeUpper: node.includeUpper,
      }
      return rangeIndexQuery(node.field, mapping, bounds, { nowMillis: context.nowMillis }, node.boost)
    }
    case 'exists':
      return { type: 'exists', field: node.field, boost: node.boost }
    case 'disMax': {
      const { disjuncts, tieBreaker, boost } = node
      return { type: 'disMax', queries: disjuncts.map(convert), tieBreaker, boost }
    }
    case 'bool': {
      const of = (occur: string): IndexQuery[] =>
        node.clauses.filter((c) => c.occur === occur).map((c) => convert(c.query))
      return {
        type: 'bool',
        must: of('MUST'),
        should: of('SHOULD'),
        mustNot: of('MUST_NOT'),
        filter: of('FILTER'),
        minimumShouldMatch: node.minimumShouldMatch,
        boost: node.boost,
      }
    }
    case 'synonym':
      throw new UnsupportedByIndexError(node.kind)
  }
}
