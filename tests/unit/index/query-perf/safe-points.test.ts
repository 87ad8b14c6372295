// The index module's garbage collection at safe points (engine-wasm/assembly/index/safe-points.ts, minimal
// runtime): queries that leave hundreds of KiB of garbage each (whole-segment match lists of a bool query) run
// hundreds of times without the WASM memory growing past the live index plus the collection budget, and a search
// answers the same TopDocs after all of them as before.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bindIndexExports } from '../../../../engine-wasm/src/index/index-exports.ts'
import {
  InvertedIndex,
  StoredFieldsCompressor,
  type AnalyzedDocument,
  type IndexQuery,
} from '../../../../engine-wasm/src/index/index.ts'
import { instantiate } from '../../../../engine-wasm/src/wasm-source.ts'

const MiB = 2 ** 20

async function loadExports() {
  const wasm = readFileSync(new URL('../../../../engine-wasm/build/index.wasm', import.meta.url))
  const abort = (): never => {
    throw new Error('index.wasm aborted')
  }
  return bindIndexExports((await instantiate(wasm, { env: { abort } })).exports)
}

/** 20,000 documents: every one has `a`, every other one `b`, lengths vary (so do scores). */
function documents(): AnalyzedDocument[] {
  return Array.from({ length: 20_000 }, (_, docId) => {
    const tokens = [{ term: 'a', position: 0 }]
    if (docId % 2 === 0) tokens.push({ term: 'b', position: 1 })
    for (let i = 0; i < docId % 5; i++) tokens.push({ term: 'x', position: tokens.length })
    return { docId, fields: [{ field: 'body', tokens }] }
  })
}

const term = (t: string): IndexQuery => ({ type: 'term', field: 'body', term: t, boost: 1 })
// must + must_not: evaluated whole (query.ts), two match lists of 10,000 and 20,000 docs per query
const query: IndexQuery = {
  type: 'bool',
  must: [term('a')],
  should: [term('x')],
  mustNot: [term('b')],
  filter: [],
  minimumShouldMatch: 0,
  boost: 1,
}

describe('garbage collection at safe points', () => {
  it('keeps the WASM memory bounded over many garbage-heavy queries, with unchanged answers', async () => {
    const wasm = await loadExports()
    const index = new InvertedIndex(wasm, wasm.newIndex(), new StoredFieldsCompressor(wasm))
    index.addDocuments(documents())
    const first = index.search(query, 10)
    expect(first.totalHits).toBe(10_000)
    expect(first.scoreDocs.map((d) => d.docId)).toEqual([9, 19, 29, 39, 49, 59, 69, 79, 89, 99])
    for (let i = 0; i < 100; i++) index.search(query, 10)
    const settled = wasm.memory.buffer.byteLength
    // without collections 600 more queries leave over 300 MiB of garbage
    for (let i = 0; i < 600; i++) index.search(query, 10)
    expect(wasm.memory.buffer.byteLength).toBe(settled)
    expect(settled).toBeLessThanOrEqual(64 * MiB)
    expect(index.search(query, 10)).toEqual(first)
    index.free()
  })
})
