// Shared by the stored-fields tests: fast-check arbitraries of stored documents, and the version-1 stored fields
// layout written as the header of workers/es/index/shard/stored-fields-v1.ts describes it (the tests' oracle).
import fc from 'fast-check'
import type { ByteSink, StoredFieldsCompressor } from '../../../../engine-wasm/src/index/index.ts'
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

/**
 * The version-2 layout (what StoredFieldsWriter wrote before the compressed layout), written the way the header of
 * stored-fields-v2.ts describes it (the test's oracle); a null doc is an empty record with its size.
 */
export function encodeV2(slots: ReadonlyArray<{ doc: StoredDocument | null; bytes: number }>): Uint8Array {
  const encoder = new TextEncoder()
  const records = slots.map(({ doc }) => {
    if (!doc) return new Uint8Array(0)
    const [id, routing, source] = [doc.id, doc.routing ?? '', doc.source].map((text) => encoder.encode(text))
    const record = new Uint8Array(8 + id!.length + routing!.length + source!.length)
    const view = new DataView(record.buffer)
    view.setUint32(0, id!.length, true)
    view.setInt32(4, doc.routing === null ? -1 : routing!.length, true)
    record.set(id!, 8)
    record.set(routing!, 8 + id!.length)
    record.set(source!, 8 + id!.length + routing!.length)
    return record
  })
  const count = slots.length
  const recordsAt = 4 + 32 * count + 4
  const out = new Uint8Array(recordsAt + records.reduce((sum, record) => sum + record.length, 0))
  const view = new DataView(out.buffer)
  view.setUint32(0, count, true)
  let offset = 0
  slots.forEach(({ doc, bytes }, i) => {
    view.setFloat64(4 + 8 * i, doc?.version ?? 0, true)
    view.setFloat64(4 + 8 * (count + i), doc?.seqNo ?? 0, true)
    view.setFloat64(4 + 8 * (2 * count + i), doc?.primaryTerm ?? 0, true)
    view.setUint32(4 + 24 * count + 4 * i, doc ? utf8Length(doc.id) + utf8Length(doc.source) : bytes, true)
    out.set(records[i]!, recordsAt + offset)
    offset += records[i]!.length
    view.setUint32(4 + 28 * count + 4 * (i + 1), offset, true)
  })
  return out
}

/** A growable byte buffer (the ByteSink the stored fields compressor appends to). */
export class GrowableBytes implements ByteSink {
  data = new Uint8Array(16)
  length = 0

  reserve(bytes: number): void {
    if (this.length + bytes <= this.data.length) return
    const grown = new Uint8Array(Math.max(2 * this.data.length, this.length + bytes))
    grown.set(this.data.subarray(0, this.length))
    this.data = grown
  }
}

/**
 * `count` documents from a fixed generator (a linear congruential one): short JSON sources of a few words, some
 * non-ASCII, one in 500 of about 100 KB (literal and match lengths far past 255), routings up to 500 bytes on one
 * in 11, and one in 97 deleted (null).
 */
export function generatedSegment(count: number): Array<StoredDocument | null> {
  let state = 12345
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return (state >>> 8) % n
  }
  const words = [
    'the',
    'quick',
    'brown',
    'fox',
    'jumps',
    'über',
    'lazy',
    'dög',
    'näive',
    '日本語',
    'over',
    'a',
  ]
  const text = (n: number): string => Array.from({ length: n }, () => words[next(words.length)]).join(' ')
  return Array.from({ length: count }, (_, i) => {
    if (i % 97 === 13) return null
    return {
      id: `doc-${i}`,
      source: JSON.stringify({
        title: text(3 + next(6)),
        body: i % 500 === 7 ? text(14_000) : text(10 + next(50)),
        views: next(1e6),
      }),
      routing: i % 11 === 0 ? `r${next(1000)}`.repeat(1 + (i % 3) * 100) : null,
      version: 1 + (i % 3),
      seqNo: i,
      primaryTerm: 1,
    }
  })
}

/**
 * `records` compressed against `dictionary` in one index.wasm call: the LZ4 bytes, each record's end in them, and
 * the byte counts by part.
 */
export function lz4Records(
  compressor: StoredFieldsCompressor,
  dictionary: Uint8Array,
  records: readonly Uint8Array[],
): { lz4: Uint8Array; ends: number[]; counts: Uint32Array } {
  const ends = new Int32Array(records.length)
  records.reduce((end, record, i) => (ends[i] = end + record.length), 0)
  const input = new Uint8Array(records.reduce((sum, record) => sum + record.length, 0))
  records.forEach((record, i) => input.set(record, i === 0 ? 0 : ends[i - 1]))
  const out = new GrowableBytes()
  const counts = compressor.lz4(dictionary, input, ends, out)
  return { lz4: out.data.slice(0, out.length), ends: [...ends], counts }
}
