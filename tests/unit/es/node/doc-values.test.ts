// Doc values derived from `_source` (workers/es/search/doc-values-source.ts): half_float rounding and
// UTF-8 keyword order against naive oracles, and through EsNode the mapping conversions (float widened
// from a Java float, ignore_above, booleans), the refresh that replaces a document's values, and the
// filter / top_hits aggregations that run on the shard's searcher.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareUtf8, halfFloat } from '../../../../workers/es/index/mapper/doc-values.ts'
import { startNode } from './es-node-fixture.ts'

/** Every finite half-precision value, ascending, decoded from its 16 bits. */
const HALVES: number[] = (() => {
  const out: number[] = []
  for (let bits = 0; bits < 0x7c00; bits++) {
    const exponent = bits >> 10
    const mantissa = bits & 0x3ff
    out.push(exponent === 0 ? mantissa * 2 ** -24 : (1 + mantissa / 1024) * 2 ** (exponent - 15))
  }
  return out
})()

function nearestHalf(value: number): number {
  const magnitude = Math.abs(value)
  if (magnitude >= 65520) return Math.sign(value) * Infinity
  let best = 0
  for (let i = 0; i < HALVES.length; i++) {
    const d = Math.abs(HALVES[i]! - magnitude) - Math.abs(HALVES[best]! - magnitude)
    if (d < 0 || (d === 0 && i % 2 === 0)) best = i
  }
  return Math.sign(value) * HALVES[best]!
}

describe('doc value encodings', () => {
  it('halfFloat rounds to the nearest half-precision value, ties to even', () => {
    expect(halfFloat(0.1)).toBe(0.0999755859375)
    expect(halfFloat(65504)).toBe(65504)
    expect(halfFloat(65520)).toBe(Infinity)
    fc.assert(
      fc.property(fc.double({ min: -70000, max: 70000, noNaN: true }), (v) => {
        expect(halfFloat(v)).toBe(v === 0 ? v : nearestHalf(v))
      }),
      { numRuns: 200 },
    )
  })

  it('compareUtf8 orders as the UTF-8 bytes do', () => {
    const bytes = (s: string) => [...new TextEncoder().encode(s)]
    const oracle = (a: string, b: string) => {
      const x = bytes(a)
      const y = bytes(b)
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
      return x.length - y.length
    }
    expect(compareUtf8('\uffff', '\u{10000}')).toBeLessThan(0)
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(oracle(a, b)))
      }),
    )
  })
})

describe('doc values through _search', () => {
  it('float, ignore_above, boolean and multi-valued keyword fields as ES stores them', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx', {
      mappings: {
        properties: {
          f: { type: 'float' },
          k: { type: 'keyword', ignore_above: 3 },
          b: { type: 'boolean' },
        },
      },
    })
    await node.send('PUT', '/idx/_doc/1?refresh=true', { f: 0.1, k: ['abc', 'abcd', 'abc'], b: true })
    await node.send('PUT', '/idx/_doc/2?refresh=true', { f: 2.5, k: 'b', b: false })
    const response = await node.send('POST', '/idx/_search?size=0', {
      aggs: {
        max_f: { min: { field: 'f' } },
        ks: { terms: { field: 'k' } },
        bs: { terms: { field: 'b' } },
      },
    })
    expect(response.body).toContain(
      '"aggregations":{"max_f":{"value":0.10000000149011612},' +
        '"ks":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"abc","doc_count":1},{"key":"b","doc_count":1}]},' +
        '"bs":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":0,"key_as_string":"false","doc_count":1},{"key":1,"key_as_string":"true","doc_count":1}]}}',
    )
  })

  it('a refresh replaces a document’s values; before it the old ones are aggregated', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1?refresh=true', { n: 1 })
    const sum = async () =>
      (await node.send('POST', '/idx/_search?size=0', { aggs: { s: { sum: { field: 'n' } } } })).body
    expect(await sum()).toContain('"aggregations":{"s":{"value":1.0}}')
    await node.send('PUT', '/idx/_doc/1', { n: 5 })
    expect(await sum()).toContain('"aggregations":{"s":{"value":1.0}}')
    await node.send('POST', '/idx/_refresh')
    expect(await sum()).toContain('"aggregations":{"s":{"value":5.0}}')
  })

  it('filter runs its query on the shard; top_hits renders hits by score', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx', {
      mappings: { properties: { tag: { type: 'keyword' }, n: { type: 'long' } } },
    })
    await node.send('PUT', '/idx/_doc/1', { tag: 'a', n: 1 })
    await node.send('PUT', '/idx/_doc/2', { tag: 'b', n: 2 })
    await node.send('PUT', '/idx/_doc/3?refresh=true', { tag: 'a', n: 4 })
    const response = await node.send('POST', '/idx/_search?size=0', {
      aggs: {
        only_a: {
          filter: { term: { tag: 'a' } },
          aggs: { total: { sum: { field: 'n' } }, top: { top_hits: { size: 1, _source: false } } },
        },
      },
    })
    expect(response.body).toContain(
      '"aggregations":{"only_a":{"doc_count":2,"total":{"value":5.0},' +
        '"top":{"hits":{"total":{"value":2,"relation":"eq"},"max_score":1.0,"hits":[{"_index":"idx","_id":"1","_score":1.0}]}}}}',
    )
  })
})
