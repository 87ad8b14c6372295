/**
 * Queries on `match_only_text` fields (match-only-text-field.ts), as MatchOnlyTextFieldType builds them: its term,
 * fuzzy, phrase and phrase prefix queries are wrapped in a ConstantScoreQuery ("Disable scoring"; the phrases around a
 * SourceConfirmedTextQuery, whose description is its inner query's), so each scores its boost, and a `match` of
 * several terms the number of terms it matched. Prefix, wildcard, regexp and range queries score a constant already;
 * span queries are refused by span-queries.ts (no positions in its TextSearchInfo); intervals run as on text.
 * A query is built as on a text field, then each such leaf on a match_only_text field is wrapped once: a wrapper made
 * here is left whole when an enclosing query is rewritten again.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { rewriteLeaves } from './query-leaves.ts'

const CONSTANT_SCORED: ReadonlySet<IndexQuery['type']> = new Set(['term', 'fuzzy', 'phrase', 'phrasePrefix'])

const wrappers = new WeakSet<IndexQuery>()
const hasMatchOnlyText = new WeakMap<ReadonlyMap<string, FieldMapping>, boolean>()

export function matchOnlyTextQuery(query: IndexQuery, fields: ReadonlyMap<string, FieldMapping>): IndexQuery {
  if (!mapsMatchOnlyText(fields)) return query
  return rewriteLeaves(
    query,
    (leaf) => {
      if (!CONSTANT_SCORED.has(leaf.type) || !('field' in leaf)) return leaf
      if (fields.get(leaf.field)?.type !== 'match_only_text') return leaf
      const boost = 'boost' in leaf ? leaf.boost : 1
      const wrapper: IndexQuery = { type: 'constantScore', filter: { ...leaf, boost: 1 }, boost }
      wrappers.add(wrapper)
      return wrapper
    },
    (q) => wrappers.has(q),
  )
}

function mapsMatchOnlyText(fields: ReadonlyMap<string, FieldMapping>): boolean {
  let known = hasMatchOnlyText.get(fields)
  if (known === undefined) {
    known = [...fields.values()].some((field) => field.type === 'match_only_text')
    hasMatchOnlyText.set(fields, known)
  }
  return known
}
