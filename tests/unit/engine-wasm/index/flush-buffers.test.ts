// A flush's batches are written into WASM buffers that the index releases after indexing each one: every buffer
// allocated for a batch is released, by the pointer it was allocated at, also when indexing the batch grows the
// memory (which detaches the JavaScript view the batch was written through, so its byteOffset reads 0).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bindIndexExports, type IndexExports } from '../../../../engine-wasm/src/index/index-exports.ts'
import { InvertedIndex } from '../../../../engine-wasm/src/index/inverted-index.ts'
import { StoredFieldsCompressor } from '../../../../engine-wasm/src/index/stored-fields-compressor.ts'
import type { AnalyzedDocument } from '../../../../engine-wasm/src/index/index.ts'

/** A fresh instance of the index module (its memory at its initial size) whose alloc and release are recorded. */
async function recordingExports(): Promise<{ wasm: IndexExports; allocated: number[]; released: number[] }> {
  const bytes = readFileSync(new URL('../../../../engine-wasm/build/index.wasm', import.meta.url))
  const abort = (): never => {
    throw new Error('index.wasm aborted')
  }
  const { instance } = await WebAssembly.instantiate(bytes, { env: { abort } })
  const real = bindIndexExports(instance.exports)
  const allocated: number[] = []
  const released: number[] = []
  const wasm: IndexExports = {
    ...real,
    alloc: (size) => {
      const pointer = real.alloc(size)
      allocated.push(pointer)
      return pointer
    },
    release: (pointer) => {
      released.push(pointer)
      real.release(pointer)
    },
  }
  return { wasm, allocated, released }
}

describe('flush batch buffers', () => {
  it('releases every batch at the pointer it was allocated at, though indexing grew the memory', async () => {
    const { wasm, allocated, released } = await recordingExports()
    const index = new InvertedIndex(wasm, wasm.newIndex(), new StoredFieldsCompressor(wasm))
    const before = wasm.memory.buffer.byteLength
    const docs: AnalyzedDocument[] = Array.from({ length: 20_000 }, (_, docId) => ({
      docId,
      fields: [
        {
          field: 'body',
          tokens: Array.from({ length: 40 }, (_, position) => ({
            term: `t${(docId * 7 + position) % 5000}`,
            position,
          })),
        },
      ],
    }))
    index.addDocuments(docs)
    expect(wasm.memory.buffer.byteLength).toBeGreaterThan(before)
    expect(allocated.length).toBeGreaterThan(1)
    expect(released).toEqual(allocated)
    expect(index.search({ type: 'term', field: 'body', term: 't0', boost: 1 }, 1).totalHits).toBe(160)
    index.free()
  })
})
