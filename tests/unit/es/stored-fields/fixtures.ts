// Shared by the stored-fields tests: fast-check arbitraries of stored documents, and the version-1 stored fields
// layout written as the header of workers/es/index/shard/stored-fields-v1.ts describes it (the tests' oracle).
import fc from 'fast-check'
import type { StoredDocument } from '../../../../workers/es/index/shard/index-shard.ts'

const text = fc.string({ unit: 'grapheme', maxLength: 20 })

export const storedDocument: fc.Arbitrary<StoredDocument> = fc.record({
  id: text,
  source: text,
  routing: fc.option(text),
  version: fc.integer({ min: 1, max: 2 ** 40 }),
  seqNo: fc.integer({ min: 0, max: 2 ** 52 }),
  primaryTerm: fc.integer({ min: 1, max: 1000 }),
})

export const utf8Length = (s: string): number => new TextEncoder().encode(s).length

/** The version-1 layout, written the way the header of stored-fields-v1.ts describes it (the test's oracle). */
export function encodeV1(slots: ReadonlyArray<{ doc: StoredDocument | null; bytes: number }>): Uint8Array {
  const texts = slots.flatMap(({ doc }) => (doc ? [doc.id, doc.source, doc.routing ?? ''] : []))
  const textBytes = new TextEncoder().encode(texts.join(''))
  const out = new Uint8Array(4 + 40 * slots.length + textBytes.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, slots.length, true)
  slots.forEach(({ doc, bytes }, i) => {
    const at = 4 + 40 * i
    view.setFloat64(at, doc?.version ?? 0, true)
    view.setFloat64(at + 8, doc?.seqNo ?? 0, true)
    view.setFloat64(at + 16, doc?.primaryTerm ?? 0, true)
    view.setUint32(at + 24, bytes, true)
    view.setInt32(at + 28, doc ? doc.id.length : -1, true)
    view.setInt32(at + 32, doc ? doc.source.length : -1, true)
    view.setInt32(at + 36, doc?.routing != null ? doc.routing.length : -1, true)
  })
  out.set(textBytes, 4 + 40 * slots.length)
  return out
}
