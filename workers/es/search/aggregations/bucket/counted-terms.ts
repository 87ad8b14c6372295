/**
 * `counted_terms` (ES 8.17, x-pack mapper-counted-keyword: CountedTermsAggregationBuilder, CountedTermsAggregator):
 * a terms aggregation that counts every value a document holds, repeats included, as a counted_keyword field's doc
 * values give them (counted-keyword-field.ts); a keyword field's deduplicated values count once per document.
 *
 * Request: `field` (or `script`), `missing`, `value_type`, `format` and `size` (> 0, default 10: "[size] must be
 * greater than 0. Found [0] in [name]"); nothing else (no order, shard_size or min_doc_count). Only keyword values
 * sources are registered: any other field type fails "Field [f] of type [t] is not supported for aggregation
 * [counted_terms]".
 * Shard: a bucket per value with the number of its occurrences as doc_count (sub-aggregations see a document once
 * per occurrence, as collectBucket is called for each), the best size · 1.5 + 10
 * (BucketUtils.suggestShardSideQueueSize) by count, the others summed into sum_other_doc_count.
 * Result and reduce: StringTerms (`sterms`, UnmappedTerms `umterms` for an unmapped field), as terms.ts reduces it,
 * ordered by count descending, ties by key (docs/DEVIATIONS.md).
 */
import type { FieldValue } from '../aggregation-context.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { resolveValues, unsupportedValuesSourceType } from '../values-source.ts'
import { COUNT_DESC, bucketComparator, shardTopBuckets } from './bucket-order.ts'
import { InternalTerms, positive, type TermsBucket, type TermsSettings } from './terms.ts'

const TYPE = 'counted_terms'
const KEYS = ['field', 'missing', 'script', 'value_type', 'format', 'size']

export const countedTermsParser: AggregationParser = (name, body, meta, subs) => {
  const params = new AggregationParams(TYPE, body, KEYS)
  const field = params.valuesSource('keyword')
  const size = positive(params, 'size', 'size', name, 1) ?? 10
  const shardSize = Math.trunc(size * 1.5 + 10)
  return {
    name,
    type: TYPE,
    meta,
    subs,
    collect(shard, docs) {
      const config = resolveValues(shard, field, params.raw('missing'), TYPE)
      const type = config.info?.type
      if (type !== undefined && type !== 'keyword') throw unsupportedValuesSourceType(field, type, TYPE)
      const settings: TermsSettings = {
        order: COUNT_DESC,
        size,
        shardSize,
        minDocCount: 1,
        showTermDocCountError: false,
        valueType: 'string',
        format: config.info?.format ?? null,
        mapped: config.info !== null || config.missing !== null,
      }
      // each occurrence of a value collects the document into its bucket again
      const occurrences = new Map<FieldValue, number[]>()
      let otherDocCount = 0
      for (const doc of docs) {
        for (const value of config.values(doc)) {
          const bucketDocs = occurrences.get(value)
          if (bucketDocs === undefined) occurrences.set(value, [doc])
          else bucketDocs.push(doc)
          otherDocCount++
        }
      }
      const candidates = [...occurrences].map(([key, bucketDocs]) => {
        const bucket: TermsBucket = { key, docCount: bucketDocs.length, docCountError: 0, aggs: [] }
        return { bucket, docs: bucketDocs }
      })
      const compare = bucketComparator<TermsBucket>(COUNT_DESC)
      const top = shardTopBuckets(candidates, COUNT_DESC, compare, shardSize, subs, shard, otherDocCount)
      return new InternalTerms(name, meta, settings, top.buckets, top.otherDocCount, null)
    },
  }
}
