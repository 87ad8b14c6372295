// The flush's string-free encoders against naive oracles on random input: TermsHash against a Map numbering
// a field's terms by first occurrence; ByteWriter.utf16 against ByteWriter.string, and ByteWriter.string from any
// starting capacity against TextEncoder; a flush streamed term by term against the same documents added whole, and
// its empty fields left out.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteWriter } from '../../../../engine-wasm/src/index/byte-writer.ts'
import { FlushDictionary } from '../../../../engine-wasm/src/index/document-batch.ts'
import { TermsHash } from '../../../../engine-wasm/src/index/terms-hash.ts'
import type { AnalyzedDocument } from '../../../../engine-wasm/src/index/index.ts'

/** The UTF-16 code units of a string (not its code points, which Uint16Array.from(text) would iterate). */
function units(text: string): Uint16Array {
  const out = new Uint16Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}
// Short terms, and terms around and past what a record keeps inline (14 code units without payload, 12 with 1, 8
// with 3, 20 with 5).
const term = fc.oneof(
  fc.constantFrom('a', 'b', 'ab', 'ba', 'é', '𝄞', '\ud800', ''),
  fc.string({ unit: 'binary', maxLength: 5 }),
  fc.string({ unit: 'binary', minLength: 5, maxLength: 13 }),
  fc.string({ unit: 'binary', minLength: 9, maxLength: 40 }),
)

describe('TermsHash', () => {
  it("numbers a field's terms by first occurrence, as a Map does, and keeps their code units apart from the payload", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), term), { maxLength: 3000 }),
        fc.constantFrom(0, 1, 3, 5),
        (pairs, payloadWords) => {
          // One hash per field (as FlushDictionary keeps them), its oracle numbering that field's terms.
          const hashes = [0, 1, 2, 3].map(() => new TermsHash(payloadWords))
          const oracles = [0, 1, 2, 3].map(() => new Map<string, number>())
          // A buffer longer than the term: only [0, length) counts.
          const buffer = new Uint16Array(64).fill(0x78)
          for (const [field, text] of pairs) {
            const hash = hashes[field]!
            const oracle = oracles[field]!
            const added = !oracle.has(text)
            if (added) oracle.set(text, oracle.size)
            buffer.set(units(text))
            const payload = hash.add(buffer, text.length)
            const ordinal = hash.ordinal
            expect(ordinal).toBe(oracle.get(text))
            expect(hash.payloadAt(ordinal)).toBe(payload)
            expect(hash.blockOf(ordinal)).toBe(hash.block)
            // A new term's payload is zeros; the caller's words are its own: writing them changes no term.
            if (added)
              expect([...hash.block.subarray(payload, payload + payloadWords)]).toEqual(
                Array(payloadWords).fill(0),
              )
            hash.block.fill(-1, payload, payload + payloadWords)
          }
          for (let field = 0; field < 4; field++) {
            expect(hashes[field]!.size).toBe(oracles[field]!.size)
            for (const [text, ordinal] of oracles[field]!) {
              // The term as ByteWriter.string writes its text (lone surrogates as U+FFFD, as TextEncoder does).
              const written = new ByteWriter()
              hashes[field]!.writeTerm(ordinal, written)
              const expected = new ByteWriter()
              expected.string(text)
              expect([...written.finish()]).toEqual([...expected.finish()])
              // Every payload survived the doublings with its record.
              const payload = hashes[field]!.payloadAt(ordinal)
              expect([...hashes[field]!.blockOf(ordinal).subarray(payload, payload + payloadWords)]).toEqual(
                Array(payloadWords).fill(-1),
              )
            }
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('ByteWriter.utf16', () => {
  it('writes the bytes ByteWriter.string writes, lone surrogates as U+FFFD', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom(0, 3, 5000),
        (text, repeat) => {
          const value = text + 'y'.repeat(repeat) + text
          const a = new ByteWriter()
          a.string(value)
          const b = new ByteWriter()
          b.utf16(units(value))
          expect([...b.finish()]).toEqual([...a.finish()])
        },
      ),
      { numRuns: 300 },
    )
    const lone = new ByteWriter()
    lone.utf16(Uint16Array.of(0x61, 0xd800, 0x62))
    expect([...lone.finish()]).toEqual([5, 0, 0, 0, 0x61, 0xef, 0xbf, 0xbd, 0x62])
  })
})

describe('ByteWriter.string', () => {
  it("writes each string's length and TextEncoder's bytes, however little room the writer starts with", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 5 }),
        fc.nat(64),
        (texts, capacity) => {
          const writer = new ByteWriter(capacity)
          const expected: number[] = []
          for (const text of texts) {
            writer.string(text)
            const bytes = new TextEncoder().encode(text)
            const n = bytes.length
            expected.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24, ...bytes)
          }
          expect([...writer.finish()]).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })
})

const documents = fc
  .array(
    fc.array(
      fc.record({
        field: fc.constantFrom('body', 'title', '_id', 'n'),
        tokens: fc.array(fc.record({ term, position: fc.nat(5) }), { maxLength: 6 }),
        values: fc.array(fc.double({ noNaN: true }), { maxLength: 2 }),
        norms: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((all) =>
    all.map((fields, d): AnalyzedDocument => ({
      docId: 3 * d + 1,
      fields: fields.map((f) => ({ ...f, tokens: [...f.tokens].sort((x, y) => x.position - y.position) })),
    })),
  )

/** The documents streamed field by field, each term given as code units in a reused buffer. */
function streamed(docs: readonly AnalyzedDocument[]): FlushDictionary {
  const flush = new FlushDictionary()
  const buffer = new Uint16Array(64)
  for (const doc of docs) {
    flush.beginDocument(doc.docId)
    for (const field of doc.fields) {
      flush.beginField(field.field, field.norms !== false)
      for (const token of field.tokens) {
        buffer.set(units(token.term))
        flush.term(buffer, token.term.length, token.position)
      }
      for (const value of field.values ?? []) flush.value(value)
    }
  }
  return flush
}

const batches = (flush: FlushDictionary, maxTokens: number): number[][] =>
  [...flush.batches(maxTokens)].map((batch) => [...batch])

describe('a streamed flush', () => {
  it('encodes as the documents added whole, a field with no term and no value left out', () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: 1, max: 20 }), (docs, maxTokens) => {
        const whole = new FlushDictionary()
        for (const doc of docs) {
          const fields = doc.fields.filter((f) => f.tokens.length > 0 || (f.values ?? []).length > 0)
          whole.add({ docId: doc.docId, fields })
        }
        const flush = streamed(docs)
        expect(flush.docCount).toBe(docs.length)
        expect(flush.firstDocId).toBe(docs[0]!.docId)
        expect(flush.lastAdded).toBe(docs[docs.length - 1]!.docId)
        expect(batches(flush, maxTokens)).toEqual(batches(whole, maxTokens))
      }),
      { numRuns: 300 },
    )
  })

  it('refuses docIds out of order and positions going back, naming them', () => {
    const flush = new FlushDictionary(4)
    expect(() => flush.beginDocument(4)).toThrow('docId 4 must be an integer above 4 and below 2^31')
    flush.beginDocument(5)
    flush.beginField('body', true)
    flush.termText('a', 2)
    expect(() => flush.termText('b', 1)).toThrow(new RangeError('field [body] of doc 5: position 1 after 2'))
    expect(() => flush.beginDocument(2 ** 31)).toThrow('below 2^31')
  })
})

/** A batch's new terms (format in segment.ts): per term, its field ordinal, text, docFreq and totalTermFreq. */
function batchTerms(batch: Uint8Array): Array<[number, string, number, number]> {
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength)
  const decoder = new TextDecoder()
  let at = 4
  const string = (): string => {
    const length = view.getUint32(at, true)
    at += 4 + length
    return decoder.decode(batch.subarray(at - length, at))
  }
  // Each new field: its name, six totals, its extras bytes and its last docId.
  for (let names = view.getUint32((at += 4) - 4, true); names > 0; names--) {
    string()
    at += 4 * 8
  }
  const terms: Array<[number, string, number, number]> = []
  for (let count = view.getUint32((at += 4) - 4, true); count > 0; count--) {
    const field = view.getUint32(at, true)
    at += 4
    const text = string()
    terms.push([field, text, view.getUint32(at, true), view.getUint32(at + 4, true)])
    at += 8
  }
  return terms
}

describe('a flush with fields of many tokens', () => {
  it("counts each term's documents and tokens as a Map does, however many of a field's tokens wait to be added", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom('a', 'bb', 'ccc', 'a longer term', 'é'), {
            minLength: 200,
            maxLength: 700,
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (bodies) => {
          const flush = new FlushDictionary()
          const expected = new Map<string, [number, number]>()
          bodies.forEach((body, d) => {
            flush.beginDocument(d)
            flush.beginField('body', true)
            const seen = new Set<string>()
            body.forEach((text, position) => flush.termText(text, position))
            for (const text of body) {
              const [docFreq, totalTermFreq] = expected.get(text) ?? [0, 0]
              expected.set(text, [docFreq + (seen.has(text) ? 0 : 1), totalTermFreq + 1])
              seen.add(text)
            }
          })
          const terms = [...flush.batches(1 << 20)].flatMap(batchTerms)
          expect(terms).toEqual([...expected].map(([text, [df, ttf]]) => [0, text, df, ttf]))
        },
      ),
      { numRuns: 100 },
    )
  })
})
