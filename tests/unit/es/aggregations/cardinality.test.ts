// cardinality: MurmurHash3 x64 128 against the reference implementation's published vectors, and
// HyperLogLog++ against ES's linear counting (exact over distinct encodings below the threshold).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  HyperLogLogPlusPlus,
  encodeHash,
  precisionFromThreshold,
} from '../../../../workers/es/search/aggregations/metrics/hyper-log-log-plus-plus.ts'
import {
  cardinalityHash,
  mix64,
  murmur3X64128,
} from '../../../../workers/es/search/aggregations/metrics/murmur3-x64-128.ts'
import { aggregate, parseFailure, type Doc } from './fixture.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('MurmurHash3_x64_128 (seed 0)', () => {
  it('matches the reference vectors', () => {
    expect(murmur3X64128(utf8(''))).toEqual([0n, 0n])
    expect(murmur3X64128(utf8('hello'))).toEqual([0xcbd8a7b341bd9b02n, 0x5b1e906a48ae1d19n])
    expect(murmur3X64128(utf8('The quick brown fox jumps over the lazy dog'))).toEqual([
      0xe34bbc7bbc071b6cn,
      0x7a433ca9c49a9347n,
    ])
  })

  it('mix64 is a bijection step: zero stays zero, others spread', () => {
    expect(mix64(0n)).toBe(0n)
    expect(mix64(1n)).not.toBe(1n)
    expect(cardinalityHash(1, false)).toBe(mix64(1n))
    expect(cardinalityHash(1, true)).toBe(mix64(0x3ff0000000000000n))
  })
})

describe('HyperLogLog++', () => {
  it('precision from precision_threshold as ES computes it (3000 → 14)', () => {
    expect(precisionFromThreshold(3000)).toBe(14)
    expect(precisionFromThreshold(100)).toBe(10)
    expect(precisionFromThreshold(0)).toBe(4)
    expect(precisionFromThreshold(40000)).toBe(18)
  })

  it('below the threshold counts the distinct encoded hashes exactly (the ES result)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 300 }),
        fc.integer({ min: 1, max: 3 }),
        (values, shards) => {
          const parts = Array.from({ length: shards }, () => new HyperLogLogPlusPlus(14))
          values.forEach((v, i) => parts[i % shards]!.collect(cardinalityHash(v, false)))
          const merged = new HyperLogLogPlusPlus(14)
          for (const part of parts) merged.merge(part)
          const oracle = new Set(values.map((v) => encodeHash(cardinalityHash(v, false), 14))).size
          expect(merged.cardinality()).toBe(oracle)
        },
      ),
    )
  })

  it('past the threshold estimates within a few percent', () => {
    const counts = new HyperLogLogPlusPlus(14)
    for (let i = 0; i < 20000; i++) counts.collect(cardinalityHash(i, false))
    expect(Math.abs(counts.cardinality() - 20000) / 20000).toBeLessThan(0.03)
  })
})

describe('cardinality aggregation', () => {
  it('counts distinct keywords and numbers across shards', () => {
    const docs: Doc[] = [
      { t: ['a', 'b'], n: 1 },
      { t: 'a', n: 2 },
      { t: 'c', n: 1 },
    ]
    const json = aggregate(
      [{ docs: docs.slice(0, 2) }, { docs: docs.slice(2) }],
      { t: 'keyword', n: 'long' },
      '{"t":{"cardinality":{"field":"t"}},"n":{"cardinality":{"field":"n","precision_threshold":100}}}',
    )
    expect(json).toBe('{"t":{"value":3},"n":{"value":2}}')
  })
})

describe('cardinality parameters', () => {
  it('refuses a negative precision_threshold inside the parser (CardinalityAggregationBuilder.precisionThreshold)', () => {
    const reason = '[1:60] [cardinality] failed to parse field [precision_threshold]'
    const refusal = '[precisionThreshold] must be greater than or equal to 0. Found [-1] in [c]'
    expect(
      parseFailure('{"c":{"cardinality":{"field":"grade","precision_threshold":-1}}}', { locations: true }),
    ).toBe(
      `{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"${reason}"}],` +
        `"type":"x_content_parse_exception","reason":"${reason}",` +
        `"caused_by":{"type":"illegal_argument_exception","reason":"${refusal}"}},"status":400}`,
    )
  })
})
