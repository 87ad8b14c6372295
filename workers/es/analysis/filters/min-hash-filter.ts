// Lucene's MinHashFilter, Elasticsearch's `min_hash` token filter (MinHashTokenFilterFactory over Lucene's
// MinHashFilterFactory). The whole input is read: each term's UTF-16LE bytes are hashed with
// MurmurHash3_x64_128 (seed 0) and, for each of hash_count hash functions i, the hash is combined with the
// hash of i's four big-endian bytes (combineOrdered: each half h*37 + h_i, modulo 2^64); the result goes
// to bucket (upper 32 bits of its high half) / ceil(2^32 / bucket_count), which keeps its hash_set_size
// smallest values (high half, then low half, unsigned; equal values once). With with_rotation and a
// hash_set_size of 1, an empty bucket takes the smallest value of the next non-empty bucket, circularly.
// Output: for each hash function, each bucket in order, its values ascending, a token of type MIN_HASH at
// position 0 (position increment 1 for the first, 0 after), offsets 0 to the last input token's end
// offset. Its term is UTF-16 units: with several hash functions, the function's index as two units; then
// the high half as four units; then the low half's upper two units, or all four with one hash function.
// No input token, no output. Settings: hash_count (1), bucket_count (512), hash_set_size (1), each parsed
// as Integer.parseInt does, and with_rotation (Boolean.parseBoolean: only "true" in any case is true;
// default bucket_count > 1).
import { murmur3X64128 } from '../../search/aggregations/metrics/murmur3-x64-128.ts'
import { settingText, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { emptyTokenList, IllegalArgumentException, type TokenFilter, type TokenList } from '../token-list.ts'

const MASK = (1n << 64n) - 1n
const TYPE = 'MIN_HASH'

/** A 128-bit hash as MinHashFilter.LongPair: low (val1) and high (val2) halves, unsigned. */
interface LongPair {
  low: bigint
  high: bigint
}

const compare = (a: LongPair, b: LongPair): number =>
  a.high !== b.high ? (a.high < b.high ? -1 : 1) : a.low === b.low ? 0 : a.low < b.low ? -1 : 1

function murmur(bytes: Uint8Array): LongPair {
  const [low, high] = murmur3X64128(bytes)
  return { low, high }
}

function utf16le(term: string): Uint8Array {
  const bytes = new Uint8Array(term.length * 2)
  for (let i = 0; i < term.length; i++) {
    const unit = term.charCodeAt(i)
    bytes[2 * i] = unit & 0xff
    bytes[2 * i + 1] = unit >> 8
  }
  return bytes
}

/** The hash of i's four big-endian bytes (Lucene caches the first 512). */
function intHash(i: number): LongPair {
  return murmur(new Uint8Array([(i >>> 24) & 0xff, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff]))
}

/** combineOrdered(hash, other): each half hash * 37 + other, modulo 2^64. */
const combine = (hash: LongPair, other: LongPair): LongPair => ({
  low: (hash.low * 37n + other.low) & MASK,
  high: (hash.high * 37n + other.high) & MASK,
})

/**
 * FixedSizeTreeSet.add: when full, a value not below the largest is dropped, else the largest goes first;
 * then TreeSet.add, which keeps a value equal to one held out (so the set may shrink, as in Lucene).
 */
function addBounded(set: LongPair[], value: LongPair, capacity: number): void {
  if (set.length >= capacity) {
    const last = set[set.length - 1]
    if (last !== undefined && compare(value, last) >= 0) return
    set.pop()
  }
  const at = set.findIndex((held) => compare(value, held) <= 0)
  if (at < 0) set.push(value)
  else if (compare(value, set[at] ?? value) !== 0) set.splice(at, 0, value)
}

/** The four (or `count`) 16-bit units of a 64-bit value, most significant first. */
const units = (value: bigint, count: number): string =>
  Array.from({ length: count }, (_, i) =>
    String.fromCharCode(Number((value >> BigInt(48 - 16 * i)) & 0xffffn)),
  ).join('')

export interface MinHashOptions {
  hashCount: number
  bucketCount: number
  hashSetSize: number
  withRotation: boolean
}

export class MinHashFilter implements TokenFilter {
  readonly name = 'min_hash'
  private readonly bucketSize: bigint
  private readonly intHashes: LongPair[]

  constructor(private readonly options: MinHashOptions) {
    if (options.hashCount <= 0) throw new IllegalArgumentException('hashCount must be greater than zero')
    if (options.bucketCount <= 0) throw new IllegalArgumentException('bucketCount must be greater than zero')
    if (options.hashSetSize <= 0) throw new IllegalArgumentException('hashSetSize must be greater than zero')
    const space = 1n << 32n
    const count = BigInt(options.bucketCount)
    this.bucketSize = space / count + (space % count === 0n ? 0n : 1n)
    this.intHashes = Array.from({ length: options.hashCount }, (_, i) => intHash(i))
  }

  filter(tokens: TokenList): TokenList {
    const out = emptyTokenList()
    if (tokens.terms.length === 0) return out
    const { hashCount, bucketCount, hashSetSize, withRotation } = this.options
    const sets = this.intHashes.map(() => Array.from({ length: bucketCount }, (): LongPair[] => []))
    for (const term of tokens.terms) {
      const hash = murmur(utf16le(term))
      this.intHashes.forEach((other, i) => {
        const rehashed = combine(hash, other)
        const bucket = Number((rehashed.high >> 32n) / this.bucketSize)
        addBounded(sets[i]?.[bucket] ?? [], rehashed, hashSetSize)
      })
    }
    if (withRotation && hashSetSize === 1) for (const buckets of sets) rotate(buckets)
    const endOffset = tokens.endOffsets[tokens.endOffsets.length - 1] ?? 0
    sets.forEach((buckets, hashIndex) => {
      const prefix = hashCount > 1 ? String.fromCharCode(hashIndex >>> 16, hashIndex & 0xffff) : ''
      for (const bucket of buckets) {
        for (const value of bucket) {
          out.terms.push(prefix + units(value.high, 4) + units(value.low, hashCount === 1 ? 4 : 2))
          out.startOffsets.push(0)
          out.endOffsets.push(endOffset)
          out.types.push(TYPE)
          out.positions.push(0)
        }
      }
    })
    return out
  }
}

/** An empty bucket takes the first value of the next non-empty one, scanning buckets in order. */
function rotate(buckets: LongPair[][]): void {
  buckets.forEach((bucket, index) => {
    if (bucket.length > 0) return
    for (let offset = 1; offset < buckets.length; offset++) {
      const first = buckets[(index + offset) % buckets.length]?.[0]
      if (first !== undefined) {
        bucket.push(first)
        return
      }
    }
  })
}

/** Integer.parseInt of a setting's text, or the default when absent. */
function javaInt(settings: AnalysisSettings, key: string, fallback: number): number {
  const value = settings[key]
  if (value === undefined || value === null) return fallback
  const text = settingText(value)
  const parsed = /^[+-]?\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(parsed) || parsed > 2147483647 || parsed < -2147483648) {
    throw new IllegalArgumentException(`For input string: "${text}"`)
  }
  return parsed
}

/** The `min_hash` token filter from its settings. */
export function minHashTokenFilter(settings: AnalysisSettings): MinHashFilter {
  const bucketCount = javaInt(settings, 'bucket_count', 512)
  const rotation = settings['with_rotation']
  return new MinHashFilter({
    hashCount: javaInt(settings, 'hash_count', 1),
    bucketCount,
    hashSetSize: javaInt(settings, 'hash_set_size', 1),
    withRotation:
      rotation === undefined || rotation === null
        ? bucketCount > 1
        : settingText(rotation).toLowerCase() === 'true',
  })
}
