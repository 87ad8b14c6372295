/**
 * bucket_sort, as ES 8's BucketSortPipelineAggregator: declared inside any multi-bucket aggregation, it
 * sorts the buckets by `sort` (FieldSortBuilders: `"path"`, `{"path": "desc"}` or `{"path": {"order":
 * "desc"}}`, ascending by default; `_key` is the bucket's key, other paths resolve with gap_policy, skip by
 * default) and keeps `size` buckets (all by default) from `from` (0). With skip, a bucket whose every sort
 * value is a gap is dropped; a missing sort value sorts last; ties keep the bucket order (a stable sort).
 * Validation: "[<name>] is configured to perform nothing. Please set either of [sort, size, from] to use
 * bucket_sort"; `from` must be >= 0 and `size` > 0 (illegal_argument_exception).
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import type { XContentValue } from '../../../xcontent/index.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import { tokenName } from '../aggregation-params.ts'
import type { Bucket } from '../bucket/internal-bucket.ts'
import { pathElements, resolveBucketValue } from './buckets-path.ts'
import type { ParentPipelineAggregator } from './pipeline-aggregator.ts'
import { PipelineParams, pipelineBuilder } from './pipeline-params.ts'

interface FieldSort {
  readonly field: string
  readonly descending: boolean
}

function sortOrder(name: string, value: XContentValue | undefined): boolean {
  const order = value instanceof Map ? value.get('order') : value
  if (order === 'asc' || order === undefined) return false
  if (order === 'desc') return true
  throw illegalArgumentException(
    `Unknown SortOrder [${typeof order === 'string' ? order : tokenName(order ?? null)}] in [${name}]`,
  )
}

function parseSorts(name: string, value: XContentValue | undefined): FieldSort[] {
  if (value === undefined || value === null) return []
  const list = Array.isArray(value) ? value : [value]
  return list.flatMap((entry): FieldSort[] => {
    if (typeof entry === 'string') return [{ field: entry, descending: false }]
    if (entry instanceof Map)
      return [...entry].map(([field, spec]) => ({ field, descending: sortOrder(name, spec) }))
    throw parsingException(1, 1, `[${name}] failed to parse field [sort]`)
  })
}

type SortValue = number | string | null

function compare(a: readonly SortValue[], b: readonly SortValue[], sorts: readonly FieldSort[]): number {
  for (let i = 0; i < sorts.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === null && y === null) continue
    if (x === null) return 1
    if (y === null) return -1
    const result = x < y ? -1 : x > y ? 1 : 0
    if (result !== 0) return sorts[i]!.descending ? -result : result
  }
  return 0
}

export const bucketSortParser: AggregationParser = (name, body, meta, subs) => {
  const params = new PipelineParams('bucket_sort', name, body, ['sort', 'from', 'size', 'gap_policy'])
  const sorts = parseSorts(name, params.raw('sort'))
  const from = params.int('from') ?? 0
  const size = params.int('size')
  const gapPolicy = params.gapPolicy('skip')
  if (from < 0) throw illegalArgumentException(`[from] must be a non-negative integer: [${from}]`)
  if (size !== null && size < 1)
    throw illegalArgumentException(`[size] must be a positive integer: [${size}]`)
  const pipeline: ParentPipelineAggregator = {
    kind: 'parent',
    name,
    type: 'bucket_sort',
    bucketsPaths: sorts.map((sort) => sort.field),
    validate: (context) => {
      context.validateHasParent('bucket_sort', name)
      if (sorts.length === 0 && size === null && from === 0) {
        context.addValidationError(
          `[${name}] is configured to perform nothing. Please set either of [sort, size, from] to use bucket_sort`,
        )
      }
    },
    reduce: (agg) => {
      const entries = agg.pipelineBuckets() ?? []
      const end = (count: number): number => from + (size ?? count)
      if (sorts.length === 0)
        return agg.withBuckets(entries.slice(from, end(entries.length)).map((e) => e.bucket))
      const ordered: Array<{ bucket: Bucket; values: SortValue[] }> = []
      for (const entry of entries) {
        const values = sorts.map((sort): SortValue | undefined => {
          // a multi_terms key (a List, which ES cannot cast to Comparable) sorts by its key_as_string
          if (sort.field === '_key') return typeof entry.key === 'object' ? entry.keyAsString : entry.key
          const value = resolveBucketValue(agg.name, entry, pathElements(sort.field), gapPolicy)
          if (gapPolicy === 'skip' && (value === null || Number.isNaN(value))) return undefined
          return value
        })
        if (values.every((v) => v === undefined)) continue
        ordered.push({ bucket: entry.bucket, values: values.map((v) => v ?? null) })
      }
      ordered.sort((a, b) => compare(a.values, b.values, sorts))
      return agg.withBuckets(ordered.slice(from, end(ordered.length)).map((o) => o.bucket))
    },
  }
  return pipelineBuilder(pipeline, meta, subs)
}
