// Segment images of version 2 (engine-wasm/assembly/index/segment-codec-v2.ts), as stores written before version 3
// hold them, still load. codec2-images.json holds the images the version 2 codec wrote of codec2-corpus.ts's
// documents, and codec2-store.json a whole node store that version wrote (a commit whose image is version 2, and a
// translog operation above it). The images load into an index that answers, counts and encodes (as version 3) exactly
// as the same documents indexed now; the store restarts with every document, and keeps working.
import { describe, expect, it } from 'vitest'
import type { IndexQuery, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { startNode } from '../node/es-node-fixture.ts'
import { CODEC2_DOCS, CODEC2_FLUSHES, CODEC2_MERGE } from './codec2-corpus.ts'
import codec2Images from './codec2-images.json'
import codec2Store from './codec2-store.json'

const engine = await loadEngine()
const bytes = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'))

/** The corpus indexed now, flushed and merged as when the fixture was written. */
function indexedNow(): InvertedIndex {
  const index = engine.newIndex()
  for (const [from, to] of CODEC2_FLUSHES) index.addDocuments(CODEC2_DOCS.slice(from, to))
  index.merge(CODEC2_MERGE)
  return index
}

const QUERIES: IndexQuery[] = [
  { type: 'matchAll', boost: 1 },
  ...['a', 'b', 'ü', '日本', 'zz', 'all', 't7'].map((term): IndexQuery => ({
    type: 'term',
    field: 'body',
    term,
    boost: 1,
  })),
  { type: 'term', field: 'title', term: 'all', boost: 2 },
  { type: 'term', field: 'wide', term: 'w', boost: 1 },
  { type: 'term', field: 'mid', term: 'm', boost: 1 },
  { type: 'term', field: 'rep', term: 'r', boost: 1 },
  { type: 'term', field: 'tag', term: 'g2', boost: 1 },
  {
    type: 'phrase',
    field: 'body',
    terms: [
      { term: 'd', position: 0 },
      { term: 'e', position: 1 },
    ],
    slop: 0,
    boost: 1,
  },
  { type: 'numericRange', field: 'n', lower: -20, upper: 0.5, boost: 1 },
  { type: 'numericRange', field: 'dense', lower: 3, upper: 30, boost: 1 },
]

describe('a version 2 segment image', () => {
  it('loads into an index that answers, counts and encodes exactly as the documents indexed now', () => {
    const images = codec2Images.images.map(bytes)
    expect(images.map((image) => image[4])).toEqual([2, 2])
    const now = indexedNow()
    const loaded = engine.newIndex()
    try {
      for (const image of images) expect(loaded.loadSegment(image)).toBe(true)
      expect(loaded.segments()).toEqual(codec2Images.segments)
      expect(loaded.segments()).toEqual(now.segments())
      now.segments().forEach((_, ordinal) => {
        const image = loaded.segmentImage(ordinal)
        expect(image[4]).toBe(3)
        expect(Buffer.from(image).equals(now.segmentImage(ordinal))).toBe(true)
      })
      for (const field of ['body', 'title', 'wide', 'mid', 'rep', 'tag', 'dense', 'n'])
        expect(loaded.fieldStatistics(field)).toEqual(now.fieldStatistics(field))
      for (const query of QUERIES) {
        expect(loaded.search(query, 100)).toEqual(now.search(query, 100))
        expect(loaded.count(query)).toBe(now.count(query))
      }
    } finally {
      now.free()
      loaded.free()
    }
  })
})

const json = (body: string): Record<string, unknown> => JSON.parse(body) as Record<string, unknown>

describe('a store whose commit holds a version 2 image', () => {
  it('restarts with every document, takes writes, and commits and restarts again', async () => {
    const storage = new MemoryStorage()
    await storage.write(codec2Store.map(([key, value]) => ({ store: 'es', key: key!, value: bytes(value!) })))
    const node = await startNode({ storage })
    const count = async (text: string): Promise<unknown> =>
      json((await node.send('POST', '/idx/_count', { query: { match: { text } } })).body)['count']
    // the image loaded as it is (a reindex from _source would leave no deleted document in a new segment)
    const segments = json((await node.send('GET', '/idx/_segments')).body) as {
      indices: { idx: { shards: { 0: Array<{ segments: Record<string, Record<string, unknown>> }> } } }
    }
    const first = segments.indices.idx.shards[0][0]!.segments['_0']!
    expect([first['num_docs'], first['deleted_docs'], first['committed']]).toEqual([39, 1, true])
    // 40 indexed and committed, 2 deleted before the commit, 41 only in the translog above it
    expect(await count('fox')).toBe(39)
    expect(await count('jumps')).toBe(29)
    expect(await count('commit')).toBe(1)
    expect((await node.send('GET', '/idx/_doc/2')).status).toBe(404)
    expect(json((await node.send('GET', '/idx/_doc/7')).body)['_source']).toEqual({
      text: 'quick fox 7 jumps jumps jumps é',
      n: 7,
    })
    const range = { query: { range: { n: { gte: 10, lte: 20 } } } }
    expect(json((await node.send('POST', '/idx/_count', range)).body)['count']).toBe(11)
    await node.send('PUT', '/idx/_doc/42', { text: 'quick fox again', n: 42 })
    await node.send('POST', '/idx/_flush')
    await node.clock.sleep(10)
    const restarted = await node.restart()
    const after = json(
      (await restarted.send('POST', '/idx/_count', { query: { match: { text: 'fox' } } })).body,
    )
    expect(after['count']).toBe(40)
    expect(json((await restarted.send('POST', '/idx/_count', range)).body)['count']).toBe(11)
  })
})
