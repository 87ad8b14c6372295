/**
 * The fetch sub-phases that fill a hit's `fields` section, in ES's order: StoredFieldsPhase (`stored_fields`, from
 * each hit's stored fields), FetchDocValuesPhase (`docvalue_fields`),
 * ScriptFieldsPhase (`script_fields`), then FetchFieldsPhase (the `fields` option, read from `_source`), for the hits of a search or of a top_hits
 * bucket. Nothing is resolved when there is no hit to fetch (FetchPhase returns before building its processors).
 */
import type { XContentObject } from '../../xcontent/index.ts'
import { parseJson } from '../../xcontent/index.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import { docValuesIndex, shardDocValues } from '../doc-values-source.ts'
import { searchFields } from '../search-fields.ts'
import { documentFieldsJson, type DocumentFieldsJson } from './document-fields.ts'
import { FetchDocValuesPhase } from './fetch-doc-values-phase.ts'
import type { FetchOptions } from './fetch-options.ts'
import { FieldFetcher } from './field-fetcher.ts'
import { ScriptFieldsPhase } from './script-fields-phase.ts'
import { StoredFieldsPhase } from './stored-fields-phase.ts'
import { indexLimits } from '../../index/index-limit-settings.ts'
import { mapperSettings } from '../../index/index-metadata.ts'

/** Each hit's `fields` and `ignored_field_values` sections as JSON text; null when neither option is asked. */
export function fetchDocumentFields(
  index: IndexService,
  /** The mapping the search reads (runtime-mappings.ts). */
  mapping: Mapping,
  shard: ShardSearcher,
  options: FetchOptions,
  hits: ReadonlyArray<{ readonly docId: number; readonly source: string; readonly storedFields?: string }>,
): DocumentFieldsJson[] | null {
  const storedFields = StoredFieldsPhase.create(searchFields(mapping), options.storedFields)
  const asked =
    storedFields !== null ||
    options.fields !== null ||
    options.docValueFields.length > 0 ||
    options.scriptFields.length > 0
  if (!asked || hits.length === 0) return null
  const { name } = index.metadata
  const values = shardDocValues(shard, mapping, docValuesIndex(index))
  const docValues = FetchDocValuesPhase.create(
    name,
    searchFields(mapping),
    values,
    options.docValueFields,
    indexLimits(index.metadata).maxDocvalueFieldsSearch,
  )
  const scriptFields = new ScriptFieldsPhase(options.scriptFields, values, name)
  const fetcher =
    options.fields === null
      ? null
      : FieldFetcher.create(mapping, options.fields, values, mapperSettings(index.metadata).ignoreAbove)
  const readsSource = fetcher !== null || options.scriptFields.length > 0
  return hits.map(({ docId, source, storedFields: stored }) => {
    // One parse of the hit's _source serves the script fields and the fields fetcher.
    const parsed = readsSource ? (parseJson(source) as XContentObject) : null
    return documentFieldsJson(
      storedFields === null ? [] : storedFields.fetch(stored),
      docValues.fetch(docId),
      parsed === null ? [] : scriptFields.fetch(docId, parsed),
      fetcher === null || parsed === null ? [] : fetcher.fetch(parsed, docId),
    )
  })
}
