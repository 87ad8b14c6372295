/**
 * `ip_prefix` as ES 8's IpPrefixAggregationBuilder, IpPrefixAggregator and InternalIpPrefix parse, collect, reduce and
 * print it.
 *
 * Parse (ObjectParser, keys in request order): `prefix_length` below 0 is refused as it is read, its range naming the
 * maximum for the `is_ipv6` read so far (`[prefix_length] must be in range [0, 32] while value is [-1]`);
 * `min_doc_count` below 1 likewise (`[min_doc_count] must be in range [1, 2147483647] while value is [0]`); no `field`
 * is `Required one of fields [field], but none were specified. `. Building on a shard refuses a `prefix_length` that is
 * absent (-1) or above 32 (128 with `is_ipv6`) with the same text, and any field type but ip.
 *
 * Shard: the netmask is `prefix_length` one bits over 4 bytes, or 16 with `is_ipv6`; a 4-byte mask applies to an
 * address's last 4 bytes, whatever the address (an IPv6 address lands in the subnet of its low 32 bits). A document
 * goes to the subnet of its first (smallest) address only: ES's collector compares each later subnet with the
 * previous one through the same reused buffer, so it always skips them. Buckets are sorted by key bytes.
 * Reduce: buckets merged by key in key order; at least `min_doc_count` (default 1) documents kept.
 * Output: `buckets` as a list, or an object by key with `keyed`; a bucket prints `key` (the subnet as DocValueFormat.IP
 * prints it, `/<prefix_length>` appended with `append_prefix_length`; the object's name when keyed), `netmask` (unless
 * `is_ipv6`), `doc_count`, `is_ipv6`, `prefix_length` and its sub-aggregations.
 * Wire form: the settings, and the buckets with their keys as hex of the masked bytes (8 or 32 digits).
 */
import { illegalArgumentException, type EsException } from '../../../errors/index.ts'
import type { JsonOut, XContentObject } from '../../../xcontent/index.ts'
import { addressTerm, formatTerm, forString, termAddress } from '../../../common/network/inet-addresses.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import {
  InternalAggregation,
  aggregationsToXContent,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import { resolveValues, unsupportedValuesSourceType } from '../values-source.ts'
import { groupByKey, reduceBucket, shardBucket, type Bucket, type BucketWire } from './internal-bucket.ts'

const IPV4_MAX_PREFIX_LENGTH = 32
const IPV6_MAX_PREFIX_LENGTH = 128

export interface IpPrefixSettings {
  readonly keyed: boolean
  readonly minDocCount: number
  readonly isIpv6: boolean
  readonly prefixLength: number
  readonly appendPrefixLength: boolean
}

export interface IpPrefixBucket extends Bucket {
  /** The masked address bytes in hex: 8 digits for an IPv4 netmask, 32 for an IPv6 one. */
  readonly key: string
}

export interface IpPrefixWire extends AggregationWireHeader<'ip_prefix'> {
  readonly settings: IpPrefixSettings
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: string }>
}

const byKey = (a: IpPrefixBucket, b: IpPrefixBucket): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

export class InternalIpPrefix extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly settings: IpPrefixSettings,
    readonly buckets: readonly IpPrefixBucket[],
  ) {
    super(name, meta)
  }

  // Buckets are whole literals (not readBucket/writeBucket spread and given a key): V8 copies a spread object
  // given keys it lacks on a slow runtime path, microseconds a bucket.
  static readFrom(wire: IpPrefixWire, read: ReadAggregations): InternalIpPrefix {
    const buckets = wire.buckets.map((b) => ({ docCount: b.docCount, aggs: read(b.aggs), key: b.key }))
    return new InternalIpPrefix(wire.name, readMeta(wire.meta), wire.settings, buckets)
  }

  writeTo(): IpPrefixWire {
    return {
      ...this.header('ip_prefix'),
      settings: this.settings,
      buckets: this.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: b.aggs.map((agg) => agg.writeTo()),
        key: b.key,
      })),
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const groups = groupByKey(all as readonly InternalIpPrefix[])
    const buckets = [...groups]
      .map(([key, group]): IpPrefixBucket => ({ key, ...reduceBucket(group, context) }))
      .filter((bucket) => bucket.docCount >= this.settings.minDocCount)
      .sort(byKey)
    context.buckets.accept(buckets.length)
    return new InternalIpPrefix(this.name, this.meta, this.settings, buckets)
  }

  getType(): string {
    return 'ip_prefix'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const { keyed, isIpv6, prefixLength, appendPrefixLength } = this.settings
    const rendered = this.buckets.map((bucket): [string, Map<string, JsonOut>] => {
      const key = formatSubnet(bucket.key) + (appendPrefixLength ? `/${prefixLength}` : '')
      const fields = new Map<string, JsonOut>()
      if (!keyed) fields.set('key', key)
      if (!isIpv6) fields.set('netmask', formatSubnet(netmask(prefixLength, false)))
      fields.set('doc_count', bucket.docCount)
      fields.set('is_ipv6', isIpv6)
      fields.set('prefix_length', prefixLength)
      aggregationsToXContent(bucket.aggs, fields, params)
      return [key, fields]
    })
    out.set('buckets', keyed ? new Map(rendered) : rendered.map(([, fields]) => fields))
  }
}

/** IpPrefixAggregationBuilder.extractNetmask: `prefixLength` one bits over 4 or 16 bytes, as hex. */
function netmask(prefixLength: number, isIpv6: boolean): string {
  const bytes = new Uint8Array(isIpv6 ? 16 : 4)
  for (let bit = 0; bit < prefixLength; bit++) bytes[bit >> 3]! |= 0x80 >> (bit & 7)
  return hex(bytes)
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** DocValueFormat.IP.format of 4 or 16 bytes: InetAddress.getByAddress, printed by NetworkAddress.format. */
function formatSubnet(key: string): string {
  return formatTerm(key.length === 8 ? `00000000000000000000ffff${key}` : key)
}

/** IpPrefixLeafCollector.maskIpAddress: the mask over the address's last mask-length bytes. */
function maskAddress(term: string, mask: string): string {
  const address = termAddress(term)
  const offset = mask.length === 8 ? 12 : 0
  const masked = new Uint8Array(mask.length / 2)
  for (let i = 0; i < masked.length; i++) {
    masked[i] = address[i + offset]! & parseInt(mask.slice(2 * i, 2 * i + 2), 16)
  }
  return hex(masked)
}

function rangeFailure(key: string, isIpv6: boolean, value: number): EsException {
  const max = isIpv6 ? IPV6_MAX_PREFIX_LENGTH : IPV4_MAX_PREFIX_LENGTH
  return illegalArgumentException(`[${key}] must be in range [0, ${max}] while value is [${value}]`)
}

const IP_PREFIX_KEYS = [
  'field',
  'missing',
  'prefix_length',
  'is_ipv6',
  'min_doc_count',
  'append_prefix_length',
  'keyed',
]

export const ipPrefixParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('ip_prefix', body, IP_PREFIX_KEYS)
  let isIpv6 = false
  let prefixLength = -1
  let minDocCount = 1
  // ObjectParser runs each setter in the request's key order
  for (const key of body.keys()) {
    if (key === 'is_ipv6') isIpv6 = params.boolean(key) ?? false
    else if (key === 'prefix_length') {
      const value = params.int(key) ?? -1
      if (value < 0) throw params.fieldFailure(key, rangeFailure(key, isIpv6, value))
      prefixLength = value
    } else if (key === 'min_doc_count') {
      const value = params.int(key) ?? 1
      if (value < 1) {
        throw params.fieldFailure(
          key,
          illegalArgumentException(`[${key}] must be in range [1, 2147483647] while value is [${value}]`),
        )
      }
      minDocCount = value
    }
  }
  const field = params.string('field')
  if (field === null)
    throw illegalArgumentException('Required one of fields [field], but none were specified. ')
  const settings: IpPrefixSettings = {
    keyed: params.boolean('keyed') ?? false,
    minDocCount,
    isIpv6,
    prefixLength,
    appendPrefixLength: params.boolean('append_prefix_length') ?? false,
  }
  const missing = params.raw('missing')
  return {
    name,
    type: 'ip_prefix',
    meta,
    subs,
    collect(shard, docs) {
      const config = resolveValues(shard, field, missing, 'ip_prefix')
      const type = config.info?.type
      if (type !== undefined && type !== 'ip') throw unsupportedValuesSourceType(field, type, 'ip_prefix')
      if (prefixLength > (isIpv6 ? IPV6_MAX_PREFIX_LENGTH : IPV4_MAX_PREFIX_LENGTH) || prefixLength < 0)
        throw rangeFailure('prefix_length', isIpv6, prefixLength)
      // an unmapped field reads only `missing`, as given
      const term = (value: string | number): string =>
        config.info === null ? addressTerm(forString(String(value))) : String(value)
      if (config.info === null && config.missing === null)
        return new InternalIpPrefix(name, meta, settings, [])
      const mask = netmask(prefixLength, isIpv6)
      const subnets = new Map<string, number[]>()
      for (const doc of docs) {
        const first = config.values(doc)[0]
        if (first === undefined) continue
        const subnet = maskAddress(term(first), mask)
        const members = subnets.get(subnet)
        if (members === undefined) subnets.set(subnet, [doc])
        else members.push(doc)
      }
      const buckets = [...subnets]
        .map(([key, members]): IpPrefixBucket => ({ key, ...shardBucket(subs, shard, members) }))
        .sort(byKey)
      return new InternalIpPrefix(name, meta, settings, buckets)
    },
  }
}
