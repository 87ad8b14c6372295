/**
 * `adjacency_matrix` as ES 8's AdjacencyMatrixAggregationBuilder, AdjacencyMatrixAggregator and
 * InternalAdjacencyMatrix build it: named `filters` (an object, or a list of one-filter objects), sorted by name; a
 * bucket per filter (key: its name) and per pair of filters i < j (key: `<i><separator><j>`, separator default `&`)
 * over the documents matching both; a shard returns only the buckets with documents. Reduce: one key's buckets
 * merged, sorted by key (String.compareTo). `{"buckets": [{"key": k, "doc_count": n, ...sub-aggregations}]}`.
 * Wire form: the buckets with their keys.
 */
import {
  EsException,
  illegalArgumentException,
  illegalStateException,
  xContentParseException,
} from '../../../errors/index.ts'
import {
  tokenLocation,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../../xcontent/index.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import {
  bucketToXContent,
  groupByKey,
  readBucket,
  reduceBucket,
  shardBucket,
  writeBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

export interface AdjacencyBucket extends Bucket {
  key: string
}

export interface AdjacencyMatrixWire extends AggregationWireHeader<'adjacency_matrix'> {
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: string }>
}

/** String.compareTo: UTF-16 code unit order. */
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export class InternalAdjacencyMatrix extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly buckets: readonly AdjacencyBucket[],
  ) {
    super(name, meta)
  }

  static readFrom(wire: AdjacencyMatrixWire, read: ReadAggregations): InternalAdjacencyMatrix {
    return new InternalAdjacencyMatrix(
      wire.name,
      readMeta(wire.meta),
      wire.buckets.map((b) => ({ ...readBucket(b, read), key: b.key })),
    )
  }

  writeTo(): AdjacencyMatrixWire {
    return {
      ...this.header('adjacency_matrix'),
      buckets: this.buckets.map((b) => ({ ...writeBucket(b), key: b.key })),
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const groups = groupByKey(all as readonly InternalAdjacencyMatrix[])
    const buckets = [...groups].map(([key, group]) => ({ key, ...reduceBucket(group, context) }))
    buckets.sort((a, b) => compareStrings(a.key, b.key))
    context.buckets.accept(buckets.length)
    return new InternalAdjacencyMatrix(this.name, this.meta, buckets)
  }

  override pipelineBuckets(): Array<{ bucket: AdjacencyBucket; key: string; keyAsString: string }> {
    return this.buckets.map((bucket) => ({ bucket, key: bucket.key, keyAsString: bucket.key }))
  }

  override withBuckets(buckets: readonly AdjacencyBucket[]): InternalAdjacencyMatrix {
    return new InternalAdjacencyMatrix(this.name, this.meta, buckets)
  }

  getType(): string {
    return 'adjacency_matrix'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    out.set(
      'buckets',
      this.buckets.map((bucket) => bucketToXContent([['key', bucket.key]], bucket, params)),
    )
  }
}

/**
 * Lucene's max clause count as ES 8 sizes it (SearchUtils.calculateMaxClauseValue: the heap in MB × 64 over the
 * search thread pool's size, at least 1024); the playground's nodes have no heap, so it is the floor.
 */
const MAX_CLAUSE_COUNT = 1024

/** declareNamedObjects: an object of named filters, or a list of objects of one named filter each. */
function keyedFilters(raw: XContentValue | undefined): KeyedFilter[] {
  const objects = raw instanceof Map ? [raw] : Array.isArray(raw) ? raw.filter((f) => f instanceof Map) : []
  return objects
    .flatMap((object) =>
      [...object].map(([key, query]) => ({ key, query, location: tokenLocation(object, key, 'value') })),
    )
    .sort((a, b) => compareStrings(a.key, b.key))
}

interface KeyedFilter {
  key: string
  query: XContentValue
  /** Where the filter's query starts in the request body: [line, col]. */
  location: [number, number]
}

/** A ParsingException's `line` and `col`: where the parser stood when it failed. */
function errorLocation(error: EsException): [number, number] | null {
  const line = error.metadata.find(([key]) => key === 'line')?.[1]
  const col = error.metadata.find(([key]) => key === 'col')?.[1]
  return typeof line === 'number' && typeof col === 'number' ? [line, col] : null
}

export const adjacencyMatrixParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('adjacency_matrix', body, ['filters', 'separator'])
  const separator = params.string('separator') ?? '&'
  const filters = keyedFilters(params.raw('filters'))
  if (filters.length === 0) {
    // checkConsistency's IllegalStateException
    throw illegalStateException(`[${name}] is missing : filters parameter`)
  }
  return {
    name,
    type: 'adjacency_matrix',
    meta,
    subs,
    checkQueries(parse) {
      for (const filter of filters) {
        try {
          parse(filter.query)
        } catch (error) {
          // ObjectParser: a failure in a field's parser is wrapped where the parser stands
          if (!(error instanceof EsException)) throw error
          const [line, col] = errorLocation(error) ?? filter.location
          throw xContentParseException(line, col, '[adjacency_matrix] failed to parse field [filters]', error)
        }
      }
    },
    collect(shard, docs) {
      // doBuild, on the shard: at most IndexSearcher.getMaxClauseCount() filters
      if (filters.length > MAX_CLAUSE_COUNT) {
        throw illegalArgumentException(
          `Number of filters is too large, must be less than or equal to: [${MAX_CLAUSE_COUNT}] but was ` +
            `[${filters.length}].  You can increase this limit by scaling up your java heap`,
        )
      }
      const matching = filters.map((f) => {
        const matches = shard.filter(f.query)
        return docs.filter((doc) => matches.has(doc))
      })
      const buckets: AdjacencyBucket[] = []
      const add = (key: string, bucketDocs: readonly number[]) => {
        if (bucketDocs.length > 0) buckets.push({ key, ...shardBucket(subs, shard, bucketDocs) })
      }
      filters.forEach((filter, i) => add(filter.key, matching[i]!))
      for (let i = 0; i < filters.length; i++) {
        const inFirst = new Set(matching[i])
        for (let j = i + 1; j < filters.length; j++) {
          add(
            `${filters[i]!.key}${separator}${filters[j]!.key}`,
            matching[j]!.filter((doc) => inFirst.has(doc)),
          )
        }
      }
      return new InternalAdjacencyMatrix(name, meta, buckets)
    },
  }
}
