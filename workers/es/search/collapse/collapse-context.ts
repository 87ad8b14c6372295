/**
 * Field collapsing on a shard and in the merge, as ES 8's CollapseContext and CollapsingTopDocsCollector do:
 * - the field must be mapped (`no mapping found for `f` in order to collapse on`), of a type whose collapseType is
 *   KEYWORD (keyword) or NUMERIC (long, integer, short, byte, double, float, half_float, date), else `collapse is not
 *   supported on this field type [t]`; with `search_after` the search must be sorted on the collapse field alone
 *   (SearchAfterBuilder.buildFieldDoc). Each is an IllegalArgumentException of the shard.
 * - a document's collapse value is its single doc value (a keyword's string, a number's value, a date's epoch
 *   millis), null when it has none (the documents without a value form one group); two values fail the shard
 *   (IllegalStateException `failed to collapse <doc>, the collapse field must be single valued`).
 * - the shard keeps, from its matches in the search's order, the first document of each value until it has
 *   from+size groups; the merge (CollapseTopFieldDocs.merge) keeps, in the merged order, the first document of each
 *   value, so every group appears once however many shards hold it. hits.total still counts every match.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import type { DocValuesSource } from '../aggregations/index.ts'
import type { SortBuilder } from '../sort/index.ts'
import type { CollapseBuilder } from './collapse-builder.ts'

/** A group's key: a keyword, a number, or null for the documents without a value. */
export type CollapseValue = string | number | null

export interface CollapseContext {
  field: string
  valueOf(docId: number): CollapseValue
}

const KEYWORD_TYPES = new Set(['keyword'])
const NUMERIC_TYPES = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'date'])

/** CollapseBuilder.build and the search_after check, on the shard. */
export function collapseContext(
  builder: CollapseBuilder,
  fields: ReadonlyMap<string, FieldMapping>,
  docValues: DocValuesSource,
  sort: readonly SortBuilder[],
  searchAfter: boolean,
): CollapseContext {
  const { field } = builder
  const mapping = fields.get(field)
  if (mapping === undefined)
    throw illegalArgumentException(`no mapping found for \`${field}\` in order to collapse on`)
  if (!KEYWORD_TYPES.has(mapping.type) && !NUMERIC_TYPES.has(mapping.type))
    throw illegalArgumentException(`collapse is not supported on this field type [${mapping.type}]`)
  const sortedOnField = sort.length === 1 && sort[0]!.kind === 'field' && sort[0]!.field === field
  if (searchAfter && !sortedOnField)
    throw illegalArgumentException(
      'Cannot use [collapse] in conjunction with [search_after] unless the search is sorted on the same field. ' +
        'Multiple sort fields are not allowed.',
    )
  return {
    field,
    valueOf(docId) {
      const values = docValues.values(field, docId)
      if (values.length > 1)
        throw new EsException({
          type: 'illegal_state_exception',
          reason: `failed to collapse ${docId}, the collapse field must be single valued`,
          status: 500,
        })
      return values[0] ?? null
    },
  }
}

/** The first document of each collapse value, in the given order, until `groups` groups are kept. */
export function collapseDocs<T extends { docId: number }>(
  docs: readonly T[],
  context: CollapseContext,
  groups: number,
): Array<T & { collapseValue: CollapseValue }> {
  const seen = new Set<CollapseValue>()
  const out: Array<T & { collapseValue: CollapseValue }> = []
  for (const doc of docs) {
    if (out.length >= groups) break
    const collapseValue = context.valueOf(doc.docId)
    if (seen.has(collapseValue)) continue
    seen.add(collapseValue)
    out.push({ ...doc, collapseValue })
  }
  return out
}

/** CollapseTopFieldDocs.merge: of merged documents, best first, the first of each collapse value. */
export function firstOfEachGroup<T extends { doc: { collapseValue?: CollapseValue } }>(
  merged: readonly T[],
): T[] {
  const seen = new Set<CollapseValue>()
  return merged.filter(({ doc }) => {
    const value = doc.collapseValue ?? null
    if (seen.has(value)) return false
    seen.add(value)
    return true
  })
}
