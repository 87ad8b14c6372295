// Shards for the wire tests: the aggregation tests' document shard (tests/unit/es/aggregations/fixture.ts)
// with the date field `ts` given a DocValueFormat.DateTime in its mapping's format, and the two paths a
// search's shard results can take to the coordinating node: reduced where they were collected, or written,
// structured-cloned (as the worker transport does) and read back first.
import {
  aggregationsResponse,
  collectAggregations,
  parseAggregations,
  readAggregations,
  reduceShardAggregations,
  writeAggregations,
  type AggregationsWire,
  type InternalAggregations,
  type ShardContext,
  type SizedBucket,
} from '../../../../workers/es/search/aggregations/index.ts'
import { DateValueFormat } from '../../../../workers/es/search/aggregations/date-value-format.ts'
import { DateFormatter } from '../../../../workers/es/common/time/index.ts'
import { parseJson, toJson } from '../../../../workers/es/xcontent/index.ts'
import { shard, type Doc, type Types } from '../aggregations/fixture.ts'

export const TYPES: Types = { t: 'keyword', v: 'long', d: 'double', b: 'boolean', ts: 'date', rank: 'long' }

export const DEFAULT_DATE_FORMAT = 'strict_date_optional_time||epoch_millis'

export function wireShard(
  docs: readonly Doc[],
  dateFormat = DEFAULT_DATE_FORMAT,
  sizedBucket: SizedBucket | null = null,
): ShardContext {
  const base = shard(docs, TYPES, 'rank', sizedBucket)
  const format = new DateValueFormat(DateFormatter.forPattern(dateFormat))
  return {
    ...base,
    source: {
      values: base.source.values,
      concreteName: base.source.concreteName,
      field: (name) => (TYPES[name] === 'date' ? { type: 'date', format } : base.source.field(name)),
    },
    withSizedBucket: (bucket) => wireShard(docs, dateFormat, bucket),
  }
}

/** Each shard's results for `aggs` (JSON text) over every document of the shard. */
export function collectShards(
  aggs: string,
  shards: ReadonlyArray<readonly Doc[]>,
  dateFormat?: string,
): InternalAggregations[] {
  const builders = parseAggregations(parseJson(aggs))
  return shards.map((docs) =>
    collectAggregations(
      builders,
      wireShard(docs, dateFormat),
      docs.map((_, i) => i),
    ),
  )
}

/** What crosses a worker boundary: the wire form, structured-cloned. */
export function overTheWire(aggs: InternalAggregations): InternalAggregations {
  return readAggregations(structuredClone(writeAggregations(aggs)))
}

export function render(aggs: InternalAggregations): string {
  return toJson(aggregationsResponse(aggs))
}

const at = (day: number, hour = 0) => Date.UTC(2024, 0, day, hour)

/** Two shards for the exact tests: four documents, the last without `v`, `d`, `b` or `ts`. */
export const SHARDS: ReadonlyArray<readonly Doc[]> = [
  [
    { id: '1', rank: 1, t: 'a', v: 1, d: 1.5, b: true, ts: at(1, 10) },
    { id: '2', rank: 2, t: ['a', 'b'], v: [4, 6], d: 2.5, b: false, ts: at(2, 10) },
  ],
  [
    { id: '3', rank: 3, t: 'b', v: 10, ts: at(36) },
    { id: '4', rank: 4, t: 'c' },
  ],
]

/** Shard 0's wire form for `aggs` over `shards`, and the reduce of every shard's results read from the wire. */
export function throughWire(
  aggs: string,
  shards: ReadonlyArray<readonly Doc[]> = SHARDS,
): { wire: AggregationsWire; rendered: string } {
  const perShard = collectShards(aggs, shards)
  return {
    wire: writeAggregations(perShard[0]!),
    rendered: render(reduceShardAggregations(perShard.map(overTheWire))),
  }
}

/** The rendered reduce, or the message of the error it throws. */
export function renderReduced(perShard: readonly InternalAggregations[], maxBuckets?: number): string {
  try {
    return render(reduceShardAggregations(perShard, maxBuckets))
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`
  }
}
