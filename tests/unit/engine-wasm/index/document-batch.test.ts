// The document batch (engine-wasm/src/index/document-batch.ts): its exact bytes, a decoder written from the format
// in segment.ts as the oracle for any split of any flush (terms' flush-wide counts, numTerms and each term's
// positions per document against a recount), and flushes larger than one batch against brute force.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { FlushDictionary } from '../../../../engine-wasm/src/index/document-batch.ts'
import type { AnalyzedDocument, IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'
import { Oracle } from './oracle.ts'

/** A decoded document: its field records as the batch lists them, without tokens. */
interface DecodedDocument {
  docId: number
  fields: { field: string; norms: boolean; numTerms: number; values: readonly number[] }[]
}

/**
 * Decodes a flush's batches back into documents, batch by batch, keeping the flush's names and each field's terms by
 * ordinal; `counts` gets each term's docFreq and totalTermFreq as the batches announce them, `fieldTotals` each
 * field's (terms, UTF-8 bytes, documents, positions, largest position, values, extras bytes, last docId), `postings` each `docId field term` key's
 * positions in the order the batches give them. Checks what the format promises of the tokens: their records name
 * the batch's field records in order, each token a term listed in its batch or an earlier one, the mark on exactly
 * the term's first token in its document, the records starting at a multiple of 4, and room for the runs after.
 */
function decodeFlush(
  batches: Uint8Array[],
  counts = new Map<string, [number, number]>(),
  fieldTotals = new Map<string, number[]>(),
  postings = new Map<string, number[]>(),
): DecodedDocument[][] {
  const names: string[] = []
  const terms = new Map<string, string[]>()
  const utf8 = new TextDecoder()
  return batches.map((bytes, index) => {
    const docs: DecodedDocument[] = []
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let at = 0
    const word = () => ((at += 4), view.getUint32(at - 4, true))
    const text = () => {
      const length = word()
      at += length
      return utf8.decode(bytes.subarray(at - length, at))
    }
    expect(word()).toBe(index > 0 ? 1 : 0)
    for (let i = word(); i > 0; i--) {
      const name = text()
      names.push(name)
      terms.set(name, [])
      fieldTotals.set(name, Array.from({ length: 8 }, word))
    }
    for (let i = word(); i > 0; i--) {
      const field = names[word()] ?? 'missing'
      const term = text()
      terms.get(field)?.push(term)
      counts.set(`${field}:${term}`, [word(), word()])
    }
    const recorded: { docId: number; field: string; tokens: number }[] = []
    for (let d = word(); d > 0; d--) {
      const docId = word()
      const fields: DecodedDocument['fields'] = []
      for (let f = word(); f > 0; f--) {
        const field = names[word()] ?? 'missing'
        const norms = (word() & 1) === 0
        const numTerms = word()
        const values = Array.from({ length: word() }, () => ((at += 8), view.getFloat64(at - 8, true)))
        fields.push({ field, norms, numTerms, values })
        recorded.push({ docId, field, tokens: 0 })
      }
      docs.push({ docId, fields })
    }
    for (; at % 4 !== 0; at++) expect(bytes[at]).toBe(0)
    // The records with tokens: each names one of the batch's field records, in order.
    const records = Array.from({ length: word() }, () => ({
      field: names[word()] ?? 'missing',
      docId: word(),
      tokens: word(),
    }))
    let next = 0
    for (const record of records) {
      while (
        next < recorded.length &&
        !(recorded[next]!.docId === record.docId && recorded[next]!.field === record.field)
      )
        next++
      expect(next).toBeLessThan(recorded.length)
      next++
    }
    let tokenCount = 0
    for (const { docId, field, tokens } of records) {
      tokenCount += tokens
      for (let t = 0; t < tokens; t++) {
        const marked = word()
        const term = terms.get(field)?.[marked & 0x7fffffff] ?? 'missing'
        const key = `${docId} ${field} ${term}`
        // The mark is on exactly the term's first token in its document.
        expect(marked >= 0x80000000).toBe(!postings.has(key))
        if (!postings.has(key)) postings.set(key, [])
        postings.get(key)?.push(word())
      }
    }
    // Room for the sorted runs.
    at += 8 * tokenCount
    expect(at).toBe(bytes.length)
    return docs
  })
}

/** Each document's field records as a decoded batch lists them: numTerms counts the tokens not overlapping the one before in the field. */
function expectedRecords(docs: readonly AnalyzedDocument[]): DecodedDocument[] {
  return docs.map((d) => {
    const lastPosition = new Map<string, number>()
    return {
      docId: d.docId,
      fields: d.fields.map((f) => {
        let numTerms = 0
        for (const { position } of f.tokens) {
          if (lastPosition.get(f.field) !== position) numTerms++
          lastPosition.set(f.field, position)
        }
        return { field: f.field, norms: f.norms !== false, numTerms, values: f.values ?? [] }
      }),
    }
  })
}

/** Each `docId field term` key's positions, in the order the documents give them. */
function expectedPostings(docs: readonly AnalyzedDocument[]): Map<string, number[]> {
  const postings = new Map<string, number[]>()
  for (const d of docs)
    for (const f of d.fields)
      for (const { term, position } of f.tokens) {
        const key = `${d.docId} ${f.field} ${term}`
        postings.set(key, [...(postings.get(key) ?? []), position])
      }
  return postings
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
    const docs: AnalyzedDocument[] = [
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
      {
        docId: 4,
        fields: [{ field: 'f', tokens: [{ term: 'é', position: 1 }], norms: false, values: [1.5] }],
      },
    ]
    const flush = new FlushDictionary()
    for (const doc of docs) flush.add(doc)
    // One token per batch: each document is a batch of its own.
    const [first = new Uint8Array(), second = new Uint8Array(), ...more] = flush.batches(1)
    expect(more).toEqual([])
    expect([...first]).toEqual([
      ...[0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0x66], // continues 0; 1 field: "f"
      ...[1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0], // over the flush: 1 term of 2 bytes, 2 docs, 3 positions
      ...[2, 0, 0, 0, 1, 0, 0, 0], // the largest position, 1 value
      ...[3, 0, 0, 0, 4, 0, 0, 0], // extras: "é" repeats in a doc, so 1 byte for each of its 2 docs and its end; last doc 4
      ...[1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0xc3, 0xa9], // 1 term: field 0, "é"
      ...[2, 0, 0, 0, 3, 0, 0, 0], // its docFreq 2 and totalTermFreq 3 over the flush
      ...[1, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0], // 1 document: doc 3, 1 field
      ...[0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0], // field 0, norms, numTerms 2, no values
      0, // padding: what follows starts at a multiple of 4
      ...[1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0], // 1 record with tokens: field 0 of doc 3, 2 tokens:
      ...[0, 0, 0, 0x80, 0, 0, 0, 0], // term 0 (its first token in the doc) at 0
      ...[0, 0, 0, 0, 2, 0, 0, 0], // term 0 at 2
      ...new Array<number>(16).fill(0), // room for the sorted runs
    ])
    expect([...second.subarray(0, 12)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) // continues, nothing new
    const postings = new Map<string, number[]>()
    expect(decodeFlush([first, second], new Map(), new Map(), postings).flat()).toEqual([
      { docId: 3, fields: [{ field: 'f', norms: true, numTerms: 2, values: [] }] },
      { docId: 4, fields: [{ field: 'f', norms: false, numTerms: 1, values: [1.5] }] },
    ])
    expect(postings).toEqual(
      new Map([
        ['3 f é', [0, 2]],
        ['4 f é', [1]],
      ]),
    )
  })

  it('decodes to the documents it was given, however the flush is split', () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: 0, max: 20 }), (docs, maxTokens) => {
        const flush = new FlushDictionary()
        for (const doc of docs) flush.add(doc)
        const counts = new Map<string, [number, number]>()
        const fieldTotals = new Map<string, number[]>()
        const postings = new Map<string, number[]>()
        const parts = decodeFlush(
          [...flush.batches(maxTokens)].map((batch) => batch.slice()),
          counts,
          fieldTotals,
          postings,
        )
        // Cut in order, a document never cut, a batch over maxTokens only when it is one document.
        const tokensOf = (docId: number) =>
          docs.find((d) => d.docId === docId)!.fields.reduce((m, f) => m + f.tokens.length, 0)
        for (const part of parts) {
          const tokens = part.reduce((n, d) => n + tokensOf(d.docId), 0)
          expect(part.length === 1 || tokens <= maxTokens).toBe(true)
        }
        parts.slice(1).forEach((part, i) => {
          const previous = parts[i]!.reduce((n, d) => n + tokensOf(d.docId), 0)
          // A batch ends only where the next document would overflow it.
          expect(previous + tokensOf(part[0]!.docId)).toBeGreaterThan(maxTokens)
        })
        const expected = new Map<string, [number, number]>()
        for (const doc of docs) {
          const seen = new Set<string>()
          for (const field of doc.fields)
            for (const { term } of field.tokens) {
              const key = `${field.field}:${term}`
              const [docFreq, totalTermFreq] = expected.get(key) ?? [0, 0]
              expected.set(key, [docFreq + (seen.has(key) ? 0 : 1), totalTermFreq + 1])
              seen.add(key)
            }
        }
        expect(counts).toEqual(expected)
        // Each field's totals are its terms' counts summed (the UTF-8 bytes: TextEncoder's, lone surrogates as U+FFFD),
        // its values, its terms' extras (a width of 0, 1, 2 or 4 bytes by how far totalTermFreq exceeds docFreq, per
        // document and one more) and the last document that lists it.
        const expectedTotals = new Map<string, number[]>()
        for (const doc of docs)
          for (const field of doc.fields) {
            const totals = expectedTotals.get(field.field) ?? [0, 0, 0, 0, 0, 0, 0, 0]
            for (const { position } of field.tokens) totals[4] = Math.max(totals[4]!, position)
            totals[5]! += (field.values ?? []).length
            totals[7] = doc.docId
            expectedTotals.set(field.field, totals)
          }
        for (const [key, [docFreq, totalTermFreq]] of expected) {
          const [field = '', term = ''] = key.split(':')
          const totals = expectedTotals.get(field)!
          totals[0]! += 1
          totals[1]! += new TextEncoder().encode(term).length
          totals[2]! += docFreq
          totals[3]! += totalTermFreq
          const excess = totalTermFreq - docFreq
          totals[6]! += (excess === 0 ? 0 : excess <= 0xff ? 1 : excess <= 0xffff ? 2 : 4) * (docFreq + 1)
        }
        expect(fieldTotals).toEqual(expectedTotals)
        expect(parts.flat()).toEqual(expectedRecords(docs))
        expect(postings).toEqual(expectedPostings(docs))
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
    // 2^16 tokens per batch: three documents of 100,000 tokens make three batches.
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
