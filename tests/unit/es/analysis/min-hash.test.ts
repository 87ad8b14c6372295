// The `min_hash` token filter against Lucene's TestMinHashFilter (testTokenStreamSingleInput,
// testTokenStream1: the expected terms as UTF-16 units, the first holding the compatibility ideograph
// U+FA85), the Elasticsearch reference defaults (hash_count 1, bucket_count 512, hash_set_size 1,
// with_rotation true) and MinHashFilter's setting errors.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { chain } from './analysis-chain.ts'

const units = (term: string): number[] => [...term].map((ch) => ch.charCodeAt(0))
const WOOF = [0x2101, 0xd33d, 0xfa85, 0x8059, 0x219d, 0xa1c1, 0xd671, 0x676f]
const PUFF = [36347, 63457, 43013, 56843, 52284, 34231, 57934, 42302]
const shingle5 = { type: 'shingle', min_shingle_size: 5, max_shingle_size: 5, output_unigrams: false }
const minHash = (settings: object) => ({ type: 'min_hash', ...settings })

describe('min_hash', () => {
  it('testTokenStreamSingleInput: one shingle, one hash, one bucket', () => {
    const tokens = chain('whitespace', [
      shingle5,
      minHash({ hash_count: 1, bucket_count: 1, hash_set_size: 100, with_rotation: false }),
    ]).analyze('woof woof woof woof woof')
    expect(tokens.map((t) => [units(t.token), t.start_offset, t.end_offset, t.type, t.position])).toEqual([
      [WOOF, 0, 24, 'MIN_HASH', 0],
    ])
  })

  it('testTokenStream1: the two smallest hashes, ascending, with the last token’s end offset', () => {
    const tokens = chain('whitespace', [
      shingle5,
      minHash({ hash_count: 1, bucket_count: 1, hash_set_size: 2, with_rotation: false }),
    ]).analyze('woof woof woof woof woof woof woof woof woof puff')
    expect(tokens.map((t) => [units(t.token), t.start_offset, t.end_offset, t.position])).toEqual([
      [WOOF, 0, 49, 0],
      [PUFF, 0, 49, 0],
    ])
  })

  it('defaults: 512 buckets with rotation fill every bucket from the one hash', () => {
    const tokens = chain('keyword', ['min_hash']).analyze('woof woof woof woof woof')
    expect(tokens).toHaveLength(512)
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set([String.fromCharCode(...WOOF)]))
    expect(
      chain('keyword', [minHash({ with_rotation: 'no' })]).analyze('woof woof woof woof woof'),
    ).toHaveLength(1)
  })

  it('several hash functions prefix the function index and keep six units of the hash', () => {
    const tokens = chain('keyword', [minHash({ hash_count: 2, bucket_count: 1 })]).analyze('woof')
    expect(tokens.map((t) => units(t.token).slice(0, 2))).toEqual([
      [0, 0],
      [0, 1],
    ])
    expect(tokens.every((t) => t.token.length === 8)).toBe(true)
  })

  it('no input, no output; bad settings fail as MinHashFilter and Integer.parseInt do', () => {
    expect(chain('whitespace', ['min_hash']).analyze('   ')).toEqual([])
    expect(() => getTokenFilter('min_hash', { hash_count: 0 })).toThrow('hashCount must be greater than zero')
    expect(() => getTokenFilter('min_hash', { bucket_count: -1 })).toThrow(
      'bucketCount must be greater than zero',
    )
    expect(() => getTokenFilter('min_hash', { hash_set_size: 0 })).toThrow(
      'hashSetSize must be greater than zero',
    )
    expect(() => getTokenFilter('min_hash', { hash_count: 'two' })).toThrow('For input string: "two"')
  })
})
