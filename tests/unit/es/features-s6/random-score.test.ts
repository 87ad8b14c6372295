// random_score in function_score, as ES 8.17's RandomScoreFunctionBuilder and RandomScoreFunction compute it:
// saltedSeed = BitMixer.mix32(seed ^ ((String.hashCode(index) << 10) | shard)); a document's value is
// (hash & 0xFFFFFF) / 2^24 with hash = mix32(docId ^ saltedSeed) without a seed, else
// StringHelper.murmurhash3_x86_32(UTF-8 of its first bytes doc value, saltedSeed), or saltedSeed when it has
// none. murmur3 and mix32 are checked against MurmurHash3's published x86_32 vectors (mix32(1) is the hash of
// "" with seed 1); the engine against a direct formula (fast-check); the search end to end against the formula
// with Java's String.hashCode worked independently; parse errors and deprecations with ES's texts.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { longHashCode, mix32, murmurhash3x86 } from '../../../../workers/es/search/queries/random-score.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)
const value = (hash: number) => Math.fround((hash & 0xffffff) / 2 ** 24)

/** Java's String.hashCode, written out independently of the code under test. */
function stringHash(text: string): number {
  let h = 0
  for (const unit of text.split('').map((c) => c.charCodeAt(0))) h = (h * 31 + unit) % 2 ** 32
  return h >= 2 ** 31 ? h - 2 ** 32 : h
}

describe('hashes', () => {
  it('match MurmurHash3_x86_32 vectors and BitMixer', () => {
    expect(murmurhash3x86(utf8(''), 0)).toBe(0)
    expect(murmurhash3x86(utf8(''), 1) >>> 0).toBe(0x514e28b7)
    expect(murmurhash3x86(utf8(''), -1) >>> 0).toBe(0x81f16f39)
    expect(murmurhash3x86(utf8('test'), 0) >>> 0).toBe(0xba6bd213)
    expect(murmurhash3x86(utf8('Hello, world!'), 1234) >>> 0).toBe(0xfaf6cdb3)
    expect(murmurhash3x86(utf8('The quick brown fox jumps over the lazy dog'), 0) >>> 0).toBe(0x2e4ff723)
    expect(mix32(1) >>> 0).toBe(0x514e28b7)
    expect(longHashCode(0x1_0000_0002n)).toBe(3)
    expect(longHashCode(-1n)).toBe(0)
  })
})

describe('the engine', () => {
  let engine: IndexEngine
  beforeAll(async () => {
    engine = await loadEngine()
  })

  it('scores doc ids by mix32 and listed documents by their hash', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        fc.dictionary(fc.nat({ max: 29 }).map(String), fc.integer()),
        (count, saltedSeed, listed) => {
          const index = engine.newIndex()
          index.addDocuments(
            Array.from({ length: count }, (_, docId) => ({
              docId,
              fields: [{ field: 't', tokens: [{ term: 'x', position: 0 }], norms: false }],
            })),
          )
          const hashes = new Map(Object.entries(listed).map(([doc, hash]) => [Number(doc), hash]))
          const query = (withHashes: boolean): IndexQuery => ({
            type: 'functionScore',
            query: { type: 'matchAll', boost: 1 },
            functions: [
              {
                filter: null,
                weight: null,
                fn: { type: 'random', seed: 0, field: null, saltedSeed, hashes: withHashes ? hashes : null },
              },
            ],
            scoreMode: 'first',
            boostMode: 'replace',
            maxBoost: Number.MAX_VALUE,
            minScore: null,
            boost: 1,
          })
          try {
            const byDoc = (withHashes: boolean) =>
              new Map(index.search(query(withHashes), count).scoreDocs.map((d) => [d.docId, d.score]))
            const ids = byDoc(false)
            const fields = byDoc(true)
            for (let docId = 0; docId < count; docId++) {
              expect(ids.get(docId)).toBe(value(mix32(docId ^ saltedSeed)))
              expect(fields.get(docId)).toBe(value(hashes.get(docId) ?? saltedSeed))
            }
          } finally {
            index.free()
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('function_score random_score', () => {
  const MAPPINGS = {
    mappings: { properties: { tag: { type: 'keyword' }, n: { type: 'long' }, x: { type: 'double' } } },
  }
  const DOCS: Array<[string, object]> = [
    ['a', { tag: 'red', n: 12, x: 1.5 }],
    ['b', { tag: ['zeta', 'blue'], n: -3, x: 100 }],
    ['c', { other: 1 }],
  ]

  /** `segmentEach`: a refresh after every document, so each is in a segment of its own. */
  async function search(body: object, segmentEach = false) {
    const { cluster } = await clusterWithIndex(1, MAPPINGS)
    for (const [id, source] of DOCS) {
      await cluster.json(1, 'PUT', `/idx/_doc/${id}`, source)
      if (segmentEach) await cluster.json(1, 'POST', '/idx/_refresh')
    }
    await cluster.json(1, 'POST', '/idx/_refresh')
    const response = await cluster.send(1, 'GET', '/idx/_search', body)
    return { response, cluster }
  }

  const query = (randomScore: object) => ({
    query: { function_score: { random_score: randomScore, boost_mode: 'replace' } },
    _source: false,
  })

  /** The expected score per id: murmur3 of each document's bytes value with the salted seed. */
  function expected(seed: number, values: Record<string, string | null>): Record<string, number> {
    const salted = mix32(seed ^ ((stringHash('idx') << 10) | 0))
    return Object.fromEntries(
      Object.entries(values).map(([id, v]) => [
        id,
        value(v === null ? salted : murmurhash3x86(utf8(v), salted)),
      ]),
    )
  }

  const scores = (body: string) =>
    Object.fromEntries(
      (JSON.parse(body) as { hits: { hits: Array<{ _id: string; _score: number }> } }).hits.hits.map((h) => [
        h._id,
        Math.fround(h._score),
      ]),
    )

  it('hashes a keyword, a long, a double, _seq_no and _id with the salted seed', async () => {
    const cases: Array<[object, Record<string, string | null>, number]> = [
      [{ seed: 42, field: 'tag' }, { a: 'red', b: 'blue', c: null }, 42],
      [{ seed: 42, field: 'n' }, { a: '12', b: '-3', c: null }, 42],
      [{ seed: '42', field: 'x' }, { a: '1.5', b: '100.0', c: null }, stringHash('42')],
      [{ seed: 7, field: '_seq_no' }, { a: '0', b: '1', c: '2' }, 7],
      [{ seed: 5_000_000_000, field: '_id' }, { a: 'a', b: 'b', c: 'c' }, longHashCode(5_000_000_000n)],
    ]
    for (const [randomScore, values, seed] of cases) {
      const { response } = await search(query(randomScore))
      expect(response.status).toBe(200)
      expect(scores(response.body)).toEqual(expected(seed, values))
    }
  })

  it('hashes each document by its own value when the documents are in different segments', async () => {
    // RandomScoreFunction reads the values by the segment's doc id (and hashes ctx.docBase + doc without a field)
    for (const [randomScore, values, seed] of [
      [{ seed: 7, field: '_seq_no' }, { a: '0', b: '1', c: '2' }, 7],
      [{ seed: 9, field: 'tag' }, { a: 'red', b: 'blue', c: null }, 9],
    ] as const) {
      const { response } = await search(query(randomScore), true)
      expect(scores(response.body)).toEqual(expected(seed, values))
    }
  })

  it('warns when a seed comes without a field, and defaults to _id', async () => {
    const { response } = await search(query({ seed: 3 }))
    expect(response.warnings).toEqual([
      'As of version 7.0 Elasticsearch will require that a [field] parameter is provided when a [seed] is set',
      'Loading the fielddata on the _id field is deprecated and will be removed in future versions. If you ' +
        'require sorting or aggregating on this field you should also include the id in the body of your ' +
        'documents, and map this field as a keyword field that has [doc_values] enabled',
    ])
    expect(scores(response.body)).toEqual(expected(3, { a: 'a', b: 'b', c: 'c' }))
  })

  it('gives doc-id scores in [0, 1) without a seed', async () => {
    const { response } = await search(query({}))
    expect(response.warnings).toBeUndefined()
    const values = Object.values(scores(response.body))
    expect(values).toHaveLength(3)
    for (const v of values) expect(v >= 0 && v < 1).toBe(true)
  })

  it('answers ES errors for a bad seed, an unknown key and an unmapped field', async () => {
    const { cluster } = await clusterWithIndex(1, MAPPINGS)
    const settings = (await cluster.json(1, 'GET', '/idx/_settings')) as {
      idx: { settings: { index: { uuid: string } } }
    }
    const uuid = settings.idx.settings.index.uuid
    const reason = async (randomScore: object) => {
      const response = await cluster.send(1, 'GET', '/idx/_search', query(randomScore))
      const body = JSON.parse(response.body) as {
        error: { root_cause: Array<{ type: string; reason: string }> }
      }
      return [response.status, body.error.root_cause[0]!.type, body.error.root_cause[0]!.reason]
    }
    expect(await reason({ seed: 1.5 })).toEqual([
      400,
      'parsing_exception',
      "random_score seed must be an int, long or string, not 'VALUE_NUMBER'",
    ])
    expect(await reason({ seed: true })).toEqual([
      400,
      'parsing_exception',
      "random_score seed must be an int/long or string, not 'VALUE_BOOLEAN'",
    ])
    expect(await reason({ seed: 1, salt: 2 })).toEqual([
      400,
      'parsing_exception',
      'random_score query does not support [salt]',
    ])
    expect(await reason({ seed: 1, field: 'nope' })).toEqual([
      400,
      'illegal_argument_exception',
      `Field [nope] is not mapped on [[idx/${uuid}]] and cannot be used as a source of random numbers.`,
    ])
  })
})
