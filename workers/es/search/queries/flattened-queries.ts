/**
 * Queries on a flattened field's key (`f.some.key`: KeyedFlattenedFieldType, flattened-field.ts), ES 8.17. The field
 * type a search sees for the key is a keyword-like string field, so a query is built as on a keyword; each leaf on it
 * is then pointed at the flattened field's keyed index field (`f._keyed`), its terms prefixed with the key and `\0`
 * (indexedValueForSearch): a term (a case-insensitive one is a wildcard of the escaped term), a prefix, a term
 * range (which must have both bounds: "[range] queries on keyed [flattened] fields must include both an upper and a
 * lower bound.") and exists (the prefix of the key alone). Wildcard, regexp and fuzzy queries on a key are refused
 * before they are built (field-queries.ts requireString). Queries on the flattened field itself run as on a keyword.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { FLATTENED, keyedIndexField } from '../../index/mapper/flattened-field.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import type { IndexRef } from '../query-string/query-parser-errors.ts'
import { rewriteLeaves } from './query-leaves.ts'
import { hasFlattenedFields } from '../search-fields.ts'

/** The leaves already pointed at a keyed field (a compound query's clauses are rewritten again with it). */
const rewritten = new WeakSet<IndexQuery>()

export function flattenedQuery(
  query: IndexQuery,
  fields: ReadonlyMap<string, FieldMapping>,
  index: IndexRef | undefined,
): IndexQuery {
  if (!hasFlattenedFields(fields)) return query
  return rewriteLeaves(
    query,
    (leaf) => {
      if (!('field' in leaf)) return leaf
      const keyed = fields.get(leaf.field)?.keyed
      if (keyed === undefined) return leaf
      const out = keyedLeaf(leaf, keyedIndexField(keyed), index)
      rewritten.add(out)
      return out
    },
    (q) => rewritten.has(q),
  )
}

/** A leaf on a keyed field type, on its keyed index field (see the header). */
function keyedLeaf(
  leaf: IndexQuery,
  { field, prefix }: { field: string; prefix: string },
  index: IndexRef | undefined,
): IndexQuery {
  switch (leaf.type) {
    case 'term':
      return { ...leaf, field, term: prefix + leaf.term }
    case 'prefix':
      return { ...leaf, field, prefix: prefix + leaf.prefix }
    case 'wildcard':
      return { ...leaf, field, pattern: prefix.replace(/[\\*?]/g, '\\$&') + leaf.pattern }
    case 'exists':
      return { type: 'prefix', field, prefix, boost: leaf.boost }
    case 'termRange': {
      if (leaf.lower === null || leaf.upper === null) {
        const reason = `[range] queries on keyed [${FLATTENED}] fields must include both an upper and a lower bound.`
        throw failedToCreateQuery(index, 'illegal_argument_exception', reason)
      }
      return { ...leaf, field, lower: prefix + leaf.lower, upper: prefix + leaf.upper }
    }
    default:
      return leaf
  }
}
