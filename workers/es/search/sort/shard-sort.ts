/**
 * The query phase of a sorted search on one shard (TopFieldCollector): every match gets its sort values
 * (a `_script` sort's from its script, a `_geo_distance` sort's from the document's points, a `nested` sort's
 * from its nested documents' values, all computed here), matches at or before `search_after` are dropped, and the
 * best `k` are kept in sort order, ties broken by ascending doc id as Lucene breaks them inside a shard.
 */
import type { ScoreDoc } from '../../../../engine-wasm/src/index/index.ts'
import type { DocValuesSource, FieldValue } from '../aggregations/index.ts'
import { Num, className, javaString, type Value } from '../../script/painless-values.ts'
import { classCast } from '../../script/script-errors.ts'
import { SearchScript } from '../../script/search-script.ts'
import { compareFieldDocs, docSortValue, type SortValue } from './field-comparator.ts'
import type { SortField } from './sort-field.ts'
import { geoDistanceValues } from './geo-distance-sort.ts'
import { nestedSortValues, type NestedSortDocs } from './nested-sort.ts'

export interface FieldDoc {
  docId: number
  score: number
  sortValues: SortValue[]
}

/** ScriptSortBuilder's NUMBER (runAsDouble) and STRING (runAsString) readings of a script's value. */
function scriptSortValue(field: SortField, script: SearchScript, value: Value): FieldValue {
  if (field.type === 'keyword') return javaString(value)
  if (value instanceof Num) return value.value
  throw script.resultError(classCast(`Cannot cast ${className(value)} to java.lang.Number`))
}

export function topFieldDocs(
  matches: readonly ScoreDoc[],
  fields: readonly SortField[],
  source: DocValuesSource,
  after: readonly SortValue[] | null,
  k: number,
  nestedDocs: NestedSortDocs | null,
): FieldDoc[] {
  const docs: FieldDoc[] = []
  const scripts = fields.map((field) =>
    field.script === null ? null : new SearchScript(field.script.spec, 'score', source, field.script.index),
  )
  const values = (field: SortField, i: number, docId: number, score: number): readonly FieldValue[] => {
    const script = scripts[i]
    if (script) return [scriptSortValue(field, script, script.run(docId, score))]
    if (field.field === null) return []
    if (field.nested !== null) {
      // SortIndex.nested is given exactly where the caller passes the shard's nested documents
      if (nestedDocs === null) throw new Error(`nested sort on [${field.name}] without nested documents`)
      const children = nestedDocs.childrenOf(field.nested, docId)
      return nestedSortValues(field.field, field.mode, field.nested, children, source)
    }
    const values = source.values(field.field, docId)
    return field.geoDistance === null ? values : geoDistanceValues(field.geoDistance, values)
  }
  for (const { docId, score } of matches) {
    const sortValues = fields.map((field, i) =>
      docSortValue(field, values(field, i, docId, score), docId, score),
    )
    if (after !== null && compareFieldDocs(fields, sortValues, after) <= 0) continue
    docs.push({ docId, score, sortValues })
  }
  docs.sort((a, b) => compareFieldDocs(fields, a.sortValues, b.sortValues) || a.docId - b.docId)
  return docs.slice(0, k)
}
