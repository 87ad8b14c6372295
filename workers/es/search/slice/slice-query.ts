/**
 * SliceBuilder.toFilter on one shard of a sliced `_search` (ES 8.17): the filter the shard's query gets (as a FILTER
 * clause, DefaultSearchContext.buildFilteredQuery), from the shard's place among the search's shards
 * (slice-builder.ts sliceFilter): MatchNoDocsQuery("this shard is not part of the slice"), MatchAllDocsQuery, or
 * createSliceQuery's query for (id, max) on the shard:
 * - no `field`: a scroll's TermsSliceQuery on `_id` (murmur3 of the encoded id), a point in time's DocIdSliceQuery
 *   (the slice's contiguous range of Lucene doc ids below the reader's maxDoc, deleted documents counted);
 * - `_id`: the TermsSliceQuery, refused with a point in time (`cannot slice on [_id] when using [point-in-time]`);
 * - another field: `field <f> not found` when unmapped, `cannot load numeric doc values on <f>` without numeric doc
 *   values, else DocValuesSliceQuery: a document is in the slice when one of its values' Lucene long, hashed by
 *   hppc's BitMixer.mix, is (a document without values: when 0 is).
 * The shard's live documents are selected here and the filter is their `_id`s (script-queries.ts documentsQuery),
 * described as the Lucene query prints (`TermsSliceQuery[field=_id, id=0, max=2]`).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import type { FieldValue } from '../aggregations/index.ts'
import { describedDocuments, documentsQuery } from '../queries/script-queries.ts'
import type { ShardScripting } from '../queries/query-parsing.ts'
import { sliceContains, sliceFilter, termsSliceContains, type SliceBuilder } from './slice-builder.ts'

/** ShardSearchRequest.shardRequestIndex and numberOfShards: the shard's place in ShardId order, of how many. */
export interface SliceShard {
  shardRequestIndex: number
  numberOfShards: number
}

/** What createSliceQuery reads of the shard. */
export interface SliceSearcher {
  shard: ShardSearcher
  scripting: ShardScripting
  fields: ReadonlyMap<string, FieldMapping>
}

type LiveDoc = ReturnType<ShardScripting['liveDocs']>[number]

export function sliceQuery(
  slice: SliceBuilder,
  place: SliceShard,
  isScroll: boolean,
  searcher: () => SliceSearcher,
): IndexQuery {
  const filter = sliceFilter(slice, place.shardRequestIndex, place.numberOfShards)
  if (filter === 'none') return { type: 'matchNone', reason: 'this shard is not part of the slice' }
  if (filter === 'all') return { type: 'matchAll', boost: 1 }
  const { field } = slice
  if (field === undefined && !isScroll) return docIdSlice(filter, searcher())
  if (field === undefined || field === '_id') {
    if (!isScroll) throw illegalArgumentException('cannot slice on [_id] when using [point-in-time]')
    return selected('TermsSliceQuery', '_id', filter, searcher(), (doc) => termsSliceContains(filter, doc.id))
  }
  const source = searcher()
  const longOf = numericDocValues(field, source.fields, source.scripting)
  return selected('DocValuesSliceQuery', field, filter, source, (doc) => {
    const values = source.scripting.docValues.values(field, doc.docId)
    if (values.length === 0) return sliceContains(filter, 0)
    return values.some((value) => sliceContains(filter, bitMixerMix(longOf(value))))
  })
}

/** The live documents `inSlice` keeps, as a filter printed as SliceQuery.toString prints. */
function selected(
  query: string,
  field: string,
  slice: { id: number; max: number },
  { scripting }: SliceSearcher,
  inSlice: (doc: LiveDoc) => boolean,
): IndexQuery {
  const chosen: string[] = []
  const others: string[] = []
  for (const doc of scripting.liveDocs()) (inSlice(doc) ? chosen : others).push(doc.id)
  const description = `${query}[field=${field}, id=${slice.id}, max=${slice.max}]`
  return describedDocuments(documentsQuery(chosen, others, 1), description, 1)
}

/** DocIdSliceQuery: the slice's share of the doc ids below maxDoc, the first `maxDoc % max` slices one larger. */
function docIdSlice(slice: { id: number; max: number }, source: SliceSearcher): IndexQuery {
  const maxDoc = source.shard.searcherIndex.segments().reduce((sum, segment) => sum + segment.maxDoc, 0)
  const remainder = maxDoc % slice.max
  const quotient = Math.trunc(maxDoc / slice.max)
  const start =
    slice.id < remainder
      ? (quotient + 1) * slice.id
      : remainder * (quotient + 1) + (slice.id - remainder) * quotient
  const size = slice.id < remainder ? quotient + 1 : quotient
  return selected(
    'DocIdSliceQuery',
    '_doc',
    slice,
    source,
    (doc) => doc.docId >= start && doc.docId < start + size,
  )
}

/**
 * The field's numeric doc values as the Lucene longs SortedNumericDocValues holds (NumberFieldMapper's encodings:
 * integers and dates as they are, booleans 0 / 1, doubles by NumericUtils.doubleToSortableLong, floats by
 * floatToSortableInt, scaled_float the scaled long), or SliceBuilder.createSliceQuery's refusal.
 */
function numericDocValues(
  field: string,
  fields: ReadonlyMap<string, FieldMapping>,
  scripting: ShardScripting,
): (value: FieldValue) => bigint {
  const info = scripting.docValues.field(field)
  if (info === null) throw illegalArgumentException(`field ${field} not found`)
  const refused = illegalArgumentException(`cannot load numeric doc values on ${field}`)
  if (info.withoutDocValues !== undefined) throw refused
  const mapping = fields.get(scripting.docValues.concreteName(field))
  switch (info.type) {
    case 'long':
    case 'date':
    case 'date_nanos':
    case 'boolean':
      return (value) => BigInt(Math.trunc(Number(value)))
    case 'double':
      if (mapping?.type === 'scaled_float') {
        const factor = mapping.scaling_factor ?? 1
        return (value) => BigInt(Math.round(Number(value) * factor))
      }
      return mapping?.type === 'double' ? doubleToSortableLong : floatToSortableInt
    default:
      throw refused
  }
}

const bits = new DataView(new ArrayBuffer(8))

/** NumericUtils.doubleToSortableLong. */
function doubleToSortableLong(value: FieldValue): bigint {
  bits.setFloat64(0, Number(value))
  const raw = bits.getBigInt64(0)
  return raw < 0n ? raw ^ 0x7fffffffffffffffn : raw
}

/** NumericUtils.floatToSortableInt, widened to a long. */
function floatToSortableInt(value: FieldValue): bigint {
  bits.setFloat32(0, Number(value))
  const raw = bits.getInt32(0)
  return BigInt(raw < 0 ? raw ^ 0x7fffffff : raw)
}

/** hppc's BitMixer.mix(long): the low 32 bits of mix64 (David Stafford's variant 9), as a Java int. */
function bitMixerMix(key: bigint): number {
  let z = BigInt.asUintN(64, key)
  z = BigInt.asUintN(64, (z ^ (z >> 32n)) * 0x4cd6944c5cc20b6dn)
  z = BigInt.asUintN(64, (z ^ (z >> 29n)) * 0xfc12c5b19d3259e9n)
  return Number(BigInt.asIntN(32, z ^ (z >> 32n)))
}
