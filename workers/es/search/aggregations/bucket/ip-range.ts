/**
 * `ip_range` as ES 8.17's IpRangeAggregationBuilder, BinaryRangeAggregator and InternalBinaryRange: each range is
 * [from, to) over an ip field's addresses (either end open), given as `from` / `to` addresses or as a CIDR `mask`
 * (its first address, and the address after its last; an end at `::` or at the last address is open). Ranges are
 * sorted by from (open first), then to (open last); a document counts once in every range one of its addresses
 * falls in. A range's key is its `key`, else its mask, else "<from>-<to>" with "*" for an open end; keys, `from` and
 * `to` print the addresses as DocValueFormat.IP does. Buckets render key (unless keyed, where it names the object),
 * from, to, doc_count and the sub-aggregations. Any other field type is refused as ValuesSourceRegistry refuses it.
 * Wire form: keyed, and the buckets with their keys and ends as address terms (null when open).
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import type { JsonOut, XContentObject } from '../../../xcontent/index.ts'
import {
  addressTerm,
  formatTerm,
  forString,
  MAX_ADDRESS,
  MIN_ADDRESS,
  nextAddress,
  parseCidr,
  sameAddress,
} from '../../../common/network/inet-addresses.ts'
import { type AggregationBuilder, type AggregationParser, subBuckets } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  aggregationsToXContent,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import { resolveValues } from '../values-source.ts'
import { rangeEntries } from './range.ts'
import {
  readBucket,
  reduceFixedBuckets,
  shardBucket,
  writeBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

/** A range with its ends as address terms (null: open) and its key as given or from its mask (null: generated). */
interface IpRangeSpec {
  key: string | null
  from: string | null
  to: string | null
}

export interface IpRangeBucket extends Bucket, IpRangeSpec {
  key: string
}

export interface IpRangeWire extends AggregationWireHeader<'ip_range'> {
  readonly buckets: ReadonlyArray<BucketWire & IpRangeSpec & { readonly key: string }>
  readonly keyed: boolean
}

export class InternalIpRange extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly buckets: readonly IpRangeBucket[],
    readonly keyed: boolean,
  ) {
    super(name, meta)
  }

  static readFrom(wire: IpRangeWire, read: ReadAggregations): InternalIpRange {
    const buckets = wire.buckets.map((b) => ({ ...readBucket(b, read), key: b.key, from: b.from, to: b.to }))
    return new InternalIpRange(wire.name, readMeta(wire.meta), buckets, wire.keyed)
  }

  writeTo(): IpRangeWire {
    return {
      ...this.header('ip_range'),
      buckets: this.buckets.map((b) => ({ ...writeBucket(b), key: b.key, from: b.from, to: b.to })),
      keyed: this.keyed,
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const buckets = reduceFixedBuckets(this.buckets, all as readonly InternalIpRange[], context)
    return new InternalIpRange(this.name, this.meta, buckets, this.keyed)
  }

  getType(): string {
    return 'ip_range'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const rendered = this.buckets.map((bucket): [string, Map<string, JsonOut>] => {
      const fields = new Map<string, JsonOut>()
      if (!this.keyed) fields.set('key', bucket.key)
      if (bucket.from !== null) fields.set('from', formatTerm(bucket.from))
      if (bucket.to !== null) fields.set('to', formatTerm(bucket.to))
      fields.set('doc_count', bucket.docCount)
      aggregationsToXContent(bucket.aggs, fields, params)
      return [bucket.key, fields]
    })
    out.set('buckets', this.keyed ? new Map(rendered) : rendered.map(([, b]) => b))
  }
}

/** IpRangeAggregationBuilder.parseRange: `key`, `from`, `to` or `mask`. */
function parseRange(entry: XContentObject): IpRangeSpec {
  let key: string | null = null
  let from: string | null = null
  let to: string | null = null
  let mask: string | null = null
  for (const [name, value] of entry) {
    const text = value === null ? null : String(value instanceof Map || Array.isArray(value) ? '' : value)
    if (name === 'key') key = text
    else if (name === 'from') from = text
    else if (name === 'to') to = text
    else if (name === 'mask') mask = text
    else throw parsingException(1, 1, `Unexpected ip range parameter: [${name}]`)
  }
  if (mask !== null) {
    const { lower, upper } = parseCidr(mask)
    return {
      key: key ?? mask,
      from: sameAddress(lower, MIN_ADDRESS) ? null : addressTerm(lower),
      to: sameAddress(upper, MAX_ADDRESS) ? null : addressTerm(nextAddress(upper, 1)),
    }
  }
  return {
    key,
    from: from === null ? null : addressTerm(forString(from)),
    to: to === null ? null : addressTerm(forString(to)),
  }
}

/** BinaryRangeAggregator's order: from (open first), then to (open last); terms compare as the addresses do. */
function compareRanges(a: IpRangeSpec, b: IpRangeSpec): number {
  const compare = (x: string | null, y: string | null, open: number): number =>
    x === null ? (y === null ? 0 : open) : y === null ? -open : x < y ? -1 : x > y ? 1 : 0
  return compare(a.from, b.from, -1) || compare(a.to, b.to, 1)
}

/** InternalBinaryRange.Bucket.generateKey. */
function rangeKey(range: IpRangeSpec): string {
  if (range.key !== null) return range.key
  const end = (term: string | null): string => (term === null ? '*' : formatTerm(term))
  return `${end(range.from)}-${end(range.to)}`
}

export const ipRangeParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('ip_range', body, ['field', 'ranges', 'keyed', 'missing'])
  const field = params.requiredField()
  const ranges = rangeEntries(name, params.raw('ranges')).map(parseRange).sort(compareRanges)
  const keyed = params.boolean('keyed') ?? false
  return {
    name,
    type: 'ip_range',
    meta,
    subs,
    collect(shard, docs, parent) {
      const config = resolveValues(shard, field, params.raw('missing'), 'ip_range')
      const type = config.info?.type
      if (type !== undefined && type !== 'ip')
        throw illegalArgumentException(
          `Field [${field}] of type [${type}] is not supported for aggregation [ip_range]`,
        )
      const buckets = ranges.map((range): IpRangeBucket => {
        const inRange = docs.filter((doc) =>
          config
            .values(doc)
            .some((v) => (range.from === null || v >= range.from) && (range.to === null || v < range.to)),
        )
        const bucket = shardBucket(subs, shard, inRange, subBuckets(parent, ranges.length))
        return { ...range, key: rangeKey(range), ...bucket }
      })
      return new InternalIpRange(name, meta, buckets, keyed)
    },
  }
}
