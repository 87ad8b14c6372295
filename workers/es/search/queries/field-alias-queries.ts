/**
 * Queries on field aliases (field-alias.ts): a query is built against the alias's name, which the query context
 * maps to its target's mapping (search-fields.ts), then every leaf on an alias is pointed at the target's path, so
 * that it reads the target's terms, doc values and statistics and explains itself with the target's name, as a
 * Lucene query built from the target's MappedFieldType does.
 */
import { renameSpanFields, type IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { concreteFieldName, hasFieldAliases } from '../search-fields.ts'
import { rewriteLeaves } from './query-leaves.ts'

export function fieldAliasesQuery(query: IndexQuery, fields: ReadonlyMap<string, FieldMapping>): IndexQuery {
  if (!hasFieldAliases(fields)) return query
  const concrete = (field: string): string => concreteFieldName(fields, field)
  return rewriteLeaves(query, (leaf) => {
    if (leaf.type === 'blendedTerms')
      return { ...leaf, terms: leaf.terms.map((term) => ({ ...term, field: concrete(term.field) })) }
    if (leaf.type === 'span') return { ...leaf, query: renameSpanFields(leaf.query, concrete) }
    return 'field' in leaf && concrete(leaf.field) !== leaf.field
      ? { ...leaf, field: concrete(leaf.field) }
      : leaf
  })
}
