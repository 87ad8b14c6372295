/**
 * Queries on `wildcard` fields (index/mapper/wildcard-field.ts), as WildcardFieldType answers them. Every query it
 * builds (term, terms, prefix, wildcard, regexp, fuzzy and range: a BinaryDvConfirmedQuery, an n-gram approximation
 * whose candidates are checked against their doc values) has a ConstantScoreWeight, so each matching document scores
 * the query's boost; its exists query is a FieldExistsQuery, constant too. A query is built as on a keyword field
 * (the playground indexes each value as one term) and each leaf on a wildcard field is then fixed up once:
 * - a term (term, match: the value as one term) and a fuzzy leaf is wrapped in a constant score, the fuzzy one taking
 *   every term within its edits (the doc values check runs the Levenshtein automaton on each candidate's values, so
 *   max_expansions bounds nothing);
 * - prefix, wildcard, regexp, terms and range leaves score a constant already and stay as built (an empty regexp
 *   matches nothing, WildcardFieldType.regexpQuery's first check: term-level-queries.ts).
 * A wrapper made here is left whole when an enclosing query is rewritten again.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { rewriteLeaves } from './query-leaves.ts'

/** Integer.MAX_VALUE: no bound on the terms a fuzzy leaf on a wildcard field takes. */
const EVERY_TERM = 2147483647

const fixed = new WeakSet<IndexQuery>()
const hasWildcard = new WeakMap<ReadonlyMap<string, FieldMapping>, boolean>()

export function wildcardFieldQuery(query: IndexQuery, fields: ReadonlyMap<string, FieldMapping>): IndexQuery {
  if (!mapsWildcard(fields)) return query
  return rewriteLeaves(
    query,
    (leaf) => {
      if (!('field' in leaf) || fields.get(leaf.field)?.type !== 'wildcard') return leaf
      const out = wildcardLeaf(leaf)
      if (out !== leaf) fixed.add(out)
      return out
    },
    (q) => fixed.has(q),
  )
}

function wildcardLeaf(leaf: IndexQuery): IndexQuery {
  switch (leaf.type) {
    case 'term':
      return { type: 'constantScore', filter: { ...leaf, boost: 1 }, boost: leaf.boost }
    case 'fuzzy':
      return {
        type: 'constantScore',
        filter: { ...leaf, maxExpansions: EVERY_TERM, boost: 1 },
        boost: leaf.boost,
      }
    default:
      return leaf
  }
}

function mapsWildcard(fields: ReadonlyMap<string, FieldMapping>): boolean {
  let known = hasWildcard.get(fields)
  if (known === undefined) {
    known = [...fields.values()].some((field) => field.type === 'wildcard')
    hasWildcard.set(fields, known)
  }
  return known
}
