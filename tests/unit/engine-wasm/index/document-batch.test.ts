// The document batch (engine-wasm/src/index/document-batch.ts): its exact bytes, a decoder written from the format
// in segment.ts as the oracle for any split of any flush, and flushes larger than one batch against brute force.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  encodeDocuments,
  FlushDictionary,
  splitDocuments,
} from '../../../../engine-wasm/src/index/document-batch.ts'
import type { AnalyzedDocument, IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'
import { Oracle } from './oracle.ts'

/** Decodes a flush's batches back into documents, keeping the flush's names and terms by ordinal. */
function decodeFlush(batches: Uint8Array[]): AnalyzedDocument[] {
  const names: string[] = []
  const terms: string[] = []
  const docs: AnalyzedDocument[] = []
  const utf8 = new TextDecoder()
  batches.forEach((bytes, index) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let at = 0
    const word = () => ((at += 4), view.getUint32(at - 4, true))
    const text = () => {
      const length = word()
      at += length
      return utf8.decode(bytes.subarray(at - length, at))
    }
    expect(word()).toBe(index > 0 ? 1 : 0)
    for (let i = word(); i > 0; i--) names.push(text())
    for (let i = word(); i > 0; i--) {
      expect(word()).toBeLessThan(names.length)
      terms.push(text())
    }
    for (let d = word(); d > 0; d--) {
      const docId = word()
      const fields: AnalyzedDocument['fields'][number][] = []
      for (let f = word(); f > 0; f--) {
        const field = names[word()] ?? 'missing'
        const norms = word() === 0
        const tokens = Array.from({ length: word() }, () => ({
          term: terms[word()] ?? 'missing',
          position: word(),
        }))
        const values = Array.from({ length: word() }, () => ((at += 8), view.getFloat64(at - 8, true)))
        fields.push({ field, tokens, values, norms })
      }
      docs.push({ docId, fields })
    }
    expect(at).toBe(bytes.length)
  })
  return docs
}

const token = fc.record({ term: fc.constantFrom('a', 'b', 'é', '𝄞x', 'quick'), position: fc.nat(5) })
const documents = fc
  .array(
    fc.array(
      fc.record({
        field: fc.constantFrom('body', 'title', 'n'),
        tokens: fc.array(token, { maxLength: 6 }).map((ts) => ts.sort((x, y) => x.position - y.position)),
        values: fc.array(fc.double({ noNaN: true }), { maxLength: 2 }),
        norms: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((all) => all.map((fields, docId): AnalyzedDocument => ({ docId, fields })))

describe('document batch', () => {
  it('writes each field name and term once per flush, tokens as ordinals', () => {
    const flush = new FlushDictionary()
    const first = encodeDocuments(
      [
        {
          docId: 3,
          fields: [
            {
              field: 'f',
              tokens: [
                { term: 'é', position: 0 },
                { term: 'é', position: 2 },
              ],
            },
          ],
        },
      ],
      flush,
    )
    expect([...first]).toEqual([
      ...[0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0x66], // continues 0; 1 field: "f"
      ...[1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0xc3, 0xa9], // 1 term: field 0, "é"
      ...[1, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0], // doc 3, 1 field: 0, norms, 2 tokens
      ...[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0], // (0, 0), (0, 2), no values
    ])
    const second = encodeDocuments(
      [
        {
          docId: 4,
          fields: [{ field: 'f', tokens: [{ term: 'é', position: 1 }], norms: false, values: [1.5] }],
        },
      ],
      flush,
    )
    expect([...second.subarray(0, 12)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) // continues, nothing new
    expect(decodeFlush([first, second])).toEqual([
      {
        docId: 3,
        fields: [
          {
            field: 'f',
            tokens: [
              { term: 'é', position: 0 },
              { term: 'é', position: 2 },
            ],
            values: [],
            norms: true,
          },
        ],
      },
      {
        docId: 4,
        fields: [{ field: 'f', tokens: [{ term: 'é', position: 1 }], values: [1.5], norms: false }],
      },
    ])
  })

  it('decodes to the documents it was given, however the flush is split', () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: 0, max: 20 }), (docs, maxTokens) => {
        const parts = splitDocuments(docs, maxTokens)
        expect(parts.flat()).toEqual(docs)
        for (const part of parts) {
          const tokens = part.reduce((n, d) => n + d.fields.reduce((m, f) => m + f.tokens.length, 0), 0)
          expect(part.length === 1 || tokens <= maxTokens).toBe(true)
        }
        const flush = new FlushDictionary()
        const decoded = decodeFlush(parts.map((part) => encodeDocuments(part, flush).slice()))
        expect(decoded).toEqual(
          docs.map((d) => ({
            docId: d.docId,
            fields: d.fields.map((f) => ({ ...f, values: f.values ?? [], norms: f.norms !== false })),
          })),
        )
      }),
      { numRuns: 150 },
    )
  })
})

describe('a flush larger than one batch', () => {
  let engine: IndexEngine
  beforeAll(async () => {
    engine = await loadEngine()
  })

  it('is one segment that scores as brute force, a field named twice continuing its document', () => {
    // 2^18 tokens per batch: three documents of 100,000 tokens make two batches.
    const docs: AnalyzedDocument[] = [0, 1, 2].map((docId) => ({
      docId,
      fields: [
        {
          field: 'body',
          tokens: Array.from({ length: 100_000 }, (_, i) => ({
            term: `t${(i * (docId + 1)) % 997}`,
            position: i,
          })),
        },
        {
          field: 'body',
          tokens: [
            { term: 't1', position: 0 },
            { term: 'late', position: docId },
          ],
        },
      ],
    }))
    const index = engine.newIndex()
    index.addDocuments(docs)
    expect(index.segments().map((s) => [s.generation, s.docBase, s.maxDoc])).toEqual([[0, 0, 3]])
    const oracle = new Oracle(docs, new Set())
    for (const term of ['t1', 'late']) {
      const q = { type: 'term', field: 'body', term, boost: 1 } as const
      expect(index.search(q, 3)).toEqual(oracle.topDocs(q, 3))
    }
    const phrase = {
      type: 'phrase',
      field: 'body',
      terms: [
        { term: 't1', position: 0 },
        { term: 't2', position: 1 },
      ],
      slop: 0,
      boost: 1,
    } as const
    expect(index.search(phrase, 3)).toEqual(oracle.topDocs(phrase, 3))
    expect(index.fieldStatistics('body')).toEqual({
      docCount: 3,
      sumTotalTermFreq: 300_006,
      sumDocFreq: oracle.sumDocFreq('body'),
    })
    index.free()
  })
})
