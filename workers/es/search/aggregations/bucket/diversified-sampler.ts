/**
 * `diversified_sampler` as ES 8's DiversifiedAggregationBuilder and its samplers collect it: each shard's best
 * `shard_size` documents by score (default 100), at most `max_docs_per_value` (default 1) per value of a `field` or
 * `script`, printed as a `sampler` bucket (`{"doc_count": n, ...sub-aggregations}`).
 *
 * Lucene's DiversifiedTopDocsCollector, run in doc order: a document goes in when the global queue has room or it
 * beats the queue's weakest (by score, then the lower doc id); only then is its key read, and it must also fit its
 * key's queue (beating that key's weakest, which then leaves both queues); a document the global queue pushes out
 * leaves its key's queue too. Keys: a keyword's global ordinal (its rank among the shard's terms), a number's long
 * value (a double truncated), 0 for a document without a value, so such documents share a key with ordinal 0 or the
 * value 0 as in ES. A key read from a document with two values fails the shard ("Sample diversifying key must be a
 * single valued-field"). An unmapped field samples nothing (UnmappedSampler).
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import { compareUtf8 } from '../../../index/mapper/doc-values.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import type { ShardContext } from '../aggregation-context.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { resolveValues, type ValuesSourceSpec } from '../values-source.ts'
import type { XContentValue } from '../../../xcontent/index.ts'
import { DEFAULT_SHARD_SAMPLE_SIZE, singleBucket } from './single-bucket.ts'

interface Hit {
  readonly doc: number
  readonly score: number
  key: number
}

/** ScoreDocKeyQueue.lessThan: the lower score, then the higher doc id, is weaker. */
const weaker = (a: Hit, b: Hit): boolean => (a.score === b.score ? a.doc > b.doc : a.score < b.score)

const weakest = (queue: readonly Hit[]): Hit => queue.reduce((w, h) => (weaker(h, w) ? h : w))

/** The key reader of a shard: null for an unmapped field. */
function keyReader(
  shard: ShardContext,
  source: ValuesSourceSpec,
  missing: XContentValue | undefined,
): ((doc: number) => number) | null {
  const config = resolveValues(shard, source, missing, 'diversified_sampler')
  if (config.info === null && typeof source === 'string' && missing === undefined) return null
  const single = (doc: number): string | number | null => {
    const values = config.values(doc)
    if (values.length > 1)
      throw illegalArgumentException('Sample diversifying key must be a single valued-field')
    return values[0] ?? null
  }
  const type = config.info?.type
  if (type === 'keyword' || type === 'ip' || type === 'version') {
    // global ordinals: the rank of a term among every term of the field on the shard
    const terms = [...new Set(shard.allDocs.flatMap((doc) => config.values(doc).map(String)))].sort(
      compareUtf8,
    )
    const ordinals = new Map(terms.map((term, ord) => [term, ord]))
    return (doc) => {
      const value = single(doc)
      return value === null ? 0 : (ordinals.get(String(value)) ?? 0)
    }
  }
  return (doc) => {
    const value = single(doc)
    return value === null ? 0 : Math.trunc(Number(value))
  }
}

/** DiversifiedTopDocsCollector over the bucket's documents in doc order. */
function diversify(
  hits: readonly Hit[],
  numHits: number,
  maxPerKey: number,
  keyOf: (doc: number) => number,
): number[] {
  const global: Hit[] = []
  const perKey = new Map<number, Hit[]>()
  const remove = (queue: Hit[], hit: Hit): void => {
    queue.splice(queue.indexOf(hit), 1)
  }
  for (const hit of hits) {
    if (global.length >= numHits && weaker(hit, weakest(global))) continue
    hit.key = keyOf(hit.doc)
    const keyQueue = perKey.get(hit.key) ?? []
    perKey.set(hit.key, keyQueue)
    if (keyQueue.length < maxPerKey) {
      keyQueue.push(hit)
      if (global.length < numHits) global.push(hit)
      else {
        const out = weakest(global)
        remove(global, out)
        global.push(hit)
        const outQueue = perKey.get(out.key)!
        remove(outQueue, out)
        if (outQueue.length === 0) perKey.delete(out.key)
      }
      continue
    }
    const keyWeakest = keyQueue.length === 0 ? hit : weakest(keyQueue)
    if (keyWeakest === hit || weaker(hit, keyWeakest)) continue
    remove(keyQueue, keyWeakest)
    keyQueue.push(hit)
    remove(global, keyWeakest)
    global.push(hit)
  }
  return global.map((hit) => hit.doc).sort((a, b) => a - b)
}

export const diversifiedSamplerParser: AggregationParser = (name, body, meta, subs) => {
  const params = new AggregationParams('diversified_sampler', body, [
    'field',
    'script',
    'missing',
    'value_type',
    'shard_size',
    'max_docs_per_value',
    'execution_hint',
  ])
  const source = params.valuesSource('keyword')
  const size = (key: string, setter: string, fallback: number): number => {
    const value = params.int(key) ?? fallback
    if (value < 0) {
      throw params.fieldFailure(
        key,
        illegalArgumentException(
          `[${setter}] must be greater than or equal to 0. Found [${value}] in [${name}]`,
        ),
      )
    }
    return value
  }
  const shardSize = size('shard_size', 'shardSize', DEFAULT_SHARD_SAMPLE_SIZE)
  const maxDocsPerValue = size('max_docs_per_value', 'maxDocsPerValue', 1)
  params.string('execution_hint')
  const missing = params.raw('missing')
  return singleBucket(
    'sampler',
    (shard, docs) => {
      const keyOf = keyReader(shard, source, missing)
      // a shard_size of 0 samples nothing here; Lucene's collector compares with an empty queue's null top
      if (keyOf === null || docs.length === 0 || shardSize === 0) return []
      // every document's score, from the shard's score sort (best first), put back in doc order
      const scored = shard.bucketedSort(docs, { kind: 'score', order: 'desc' }, docs.length).top
      const hits = scored
        .map((d): Hit => ({ doc: d.docId, score: d.score, key: 0 }))
        .sort((a, b) => a.doc - b.doc)
      const perKey = Math.min(maxDocsPerValue, shard.allDocs.length)
      return diversify(hits, shardSize, perKey, keyOf)
    },
    name,
    meta,
    subs,
  )
}
