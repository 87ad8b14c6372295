// Postings (engine-wasm/assembly/index/postings.ts) and their image (segment-codec.ts) against a brute-force
// inversion of the documents, on corpora large enough for several blocks of 128 entries (a few frequent terms), doc id
// gaps and positions wide enough for multi-byte vints, single-document terms, a field named twice whose positions go
// back, flushes cut anywhere, deletions and a merge. Checked: every term's docs, freqs and positions as the segment
// images carry them, images that decode and re-encode to the same bytes, and reads at random targets: explain (one
// doc looked up), top-k term queries (block-max advance over the impacts' blocks), phrase queries (galloping advance
// and positions) and counts, all equal to the oracle. Any later postings encoding must keep these answers.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnalyzedDocument, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { Oracle } from '../../engine-wasm/index/oracle.ts'

const engine = await loadEngine()

const VOCABULARY = ['w0', 'w1', 'w2', 'w3']
const term = fc.constantFrom('w0', 'w0', 'w0', 'w1', 'w1', 'w2', 'w3')
const increment = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(0, 1, 1, 1, 2) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 70_000 }) },
)
const tokens = fc.array(fc.record({ term, increment }), { maxLength: 10 }).map((list) => {
  let position = 0
  return list.map(({ term, increment }) => ({ term, position: (position += increment) }))
})

const corpus = fc
  .array(
    fc.record({
      gap: fc.oneof({ weight: 20, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.nat(20_000) }),
      body: tokens,
      again: fc.option(tokens, { freq: 8 }),
      unique: fc.boolean(),
    }),
    { minLength: 1, maxLength: 300, size: 'max' },
  )
  .map((docs) => {
    let docId = -1
    return docs.map(({ gap, body, again, unique }, i): AnalyzedDocument => {
      docId += Math.max(gap, 1)
      const fields: AnalyzedDocument['fields'][number][] = [{ field: 'body', tokens: body }]
      if (again) fields.push({ field: 'body', tokens: again })
      if (unique) fields.push({ field: 'id', tokens: [{ term: `u${i}`, position: 0 }], norms: false })
      return { docId, fields }
    })
  })

const scenario = fc.record({
  docs: corpus,
  cuts: fc.array(fc.nat(), { maxLength: 2 }),
  deletes: fc.array(fc.nat(), { maxLength: 30 }),
  merge: fc.boolean(),
  probes: fc.array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.nat()), { minLength: 1, maxLength: 20 }),
})

/** Every term's postings in a segment image (format in segment-codec.ts): field -> term -> entries. */
type ImagePostings = Map<string, Map<string, Array<{ doc: number; positions: number[] }>>>

function readImage(image: Uint8Array): ImagePostings {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength)
  const utf8 = new TextDecoder()
  let at = 8
  const u32 = () => ((at += 4), view.getUint32(at - 4, true))
  const words = (count: number) => Array.from({ length: count }, () => view.getInt32((at += 4) - 4, true))
  const text = () => {
    const length = u32()
    at += length
    return utf8.decode(image.subarray(at - length, at))
  }
  u32()
  const maxDoc = u32()
  const fields: ImagePostings = new Map()
  for (let f = u32(); f > 0; f--) {
    const name = text()
    at += 4 + 8 + 8 + maxDoc
    const [valueDocs = 0, valueCount = 0, dense = 0] = [u32(), u32(), u32()]
    at += 8 * valueCount + (dense ? 0 : 4 * valueDocs + 4 * (valueDocs + 1))
    const [
      size = 0,
      byteCount = 0,
      entryCount = 0,
      positionCount = 0,
      docWidth = 0,
      shift = 0,
      extrasBytes = 0,
    ] = Array.from({ length: 7 }, u32)
    const bytes = image.subarray(at, (at += byteCount))
    const termStarts = words(size + 1)
    const entryStarts = words(size + 1)
    const positionStarts = words(size + 1)
    const sorted = words(size)
    // a number of `width` bytes, little-endian
    const uint = (from: number, width: number) =>
      Array.from({ length: width }, (_, b) => image[from + b]! * 2 ** (8 * b)).reduce((x, y) => x + y, 0)
    expect([3, 4]).toContain(docWidth)
    const docs = Array.from({ length: entryCount }, (_, e) => uint(at + e * docWidth, docWidth))
    at += entryCount * docWidth
    // each term's extras (docFreq + 1 values of the width its positions beyond one per entry need), then positions
    const posStarts: number[] = []
    const extrasAt = at
    for (let t = 0; t < size; t++) {
      const docFreq = entryStarts[t + 1]! - entryStarts[t]!
      const excess = positionStarts[t + 1]! - positionStarts[t]! - docFreq
      const width = excess === 0 ? 0 : excess <= 0xff ? 1 : excess <= 0xffff ? 2 : 4
      for (let i = 0; i <= docFreq; i++) {
        const extra = uint(at + i * width, width)
        if (i < docFreq) posStarts.push(positionStarts[t]! + i + extra)
        else expect(positionStarts[t]! + i + extra).toBe(positionStarts[t + 1])
      }
      at += width * (docFreq + 1)
    }
    posStarts.push(positionCount)
    expect(at - extrasAt).toBe(extrasBytes)
    // u8 positions when the field has none above 255, u16 when none above 65535, else i32
    const positions = Array.from({ length: positionCount }, (_, p) => uint(at + (p << shift), 1 << shift))
    at += positionCount << shift
    // the term order lists every ordinal once, each term below the next in UTF-8 byte order
    expect([...sorted].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, t) => t))
    const terms = new Map<string, Array<{ doc: number; positions: number[] }>>()
    const termOf = (t: number) => bytes.subarray(termStarts[t], termStarts[t + 1])
    sorted.slice(1).forEach((t, rank) => expect(Buffer.compare(termOf(sorted[rank]!), termOf(t))).toBe(-1))
    for (let t = 0; t < size; t++) {
      const entries: Array<{ doc: number; positions: number[] }> = []
      expect(posStarts[entryStarts[t]!]).toBe(positionStarts[t])
      for (let e = entryStarts[t]!; e < entryStarts[t + 1]!; e++) {
        entries.push({ doc: docs[e]!, positions: positions.slice(posStarts[e], posStarts[e + 1]) })
      }
      terms.set(utf8.decode(termOf(t)), entries)
    }
    expect(posStarts[entryCount]).toBe(positionCount)
    fields.set(name, terms)
  }
  expect(at).toBe(image.length)
  return fields
}

/** The postings brute force gives the documents [docBase, docBase + maxDoc), docs renumbered to local ids. */
function invert(docs: readonly AnalyzedDocument[], docBase: number, maxDoc: number): ImagePostings {
  const fields: ImagePostings = new Map()
  for (const doc of docs) {
    if (doc.docId < docBase || doc.docId >= docBase + maxDoc) continue
    const byTerm = new Map<string, Map<string, number[]>>()
    for (const { field, tokens } of doc.fields) {
      const terms = byTerm.get(field) ?? new Map<string, number[]>()
      byTerm.set(field, terms)
      for (const { term, position } of tokens) terms.set(term, [...(terms.get(term) ?? []), position])
    }
    for (const [field, terms] of byTerm) {
      const postings = fields.get(field) ?? new Map<string, Array<{ doc: number; positions: number[] }>>()
      fields.set(field, postings)
      for (const [term, positions] of terms) {
        const entries = postings.get(term) ?? []
        postings.set(term, entries)
        entries.push({ doc: doc.docId - docBase, positions: positions.sort((a, b) => a - b) })
      }
    }
  }
  for (const postings of fields.values())
    for (const [term, entries] of postings) if (!entries.length) postings.delete(term)
  return fields
}

/** Both maps' terms in one order, so that toEqual compares contents, not insertion order. */
function sorted(postings: ImagePostings): Array<[string, Array<[string, unknown]>]> {
  return [...postings]
    .filter(([, terms]) => terms.size > 0)
    .map(([field, terms]): [string, Array<[string, unknown]>] => [
      field,
      [...terms].sort(([a], [b]) => (a < b ? -1 : 1)),
    ])
    .sort(([a], [b]) => (a < b ? -1 : 1))
}

interface Built {
  index: InvertedIndex
  /** The documents under the ids they now have, and the ids deleted and still held. */
  docs: AnalyzedDocument[]
  deleted: Set<number>
}

function build(docs: AnalyzedDocument[], cuts: number[], deletes: number[], merge: boolean): Built {
  const index = engine.newIndex()
  const bounds = [...new Set(cuts.map((cut) => cut % docs.length))].sort((a, b) => a - b)
  let from = 0
  for (const to of [...bounds, docs.length]) {
    if (to > from) index.addDocuments(docs.slice(from, to))
    from = Math.max(from, to)
  }
  const deleted = new Set(deletes.map((d) => docs[d % docs.length]!.docId))
  index.deleteDocuments([...deleted].sort((a, b) => a - b))
  if (!merge || index.segments().length < 2) return { index, docs, deleted }
  const docMap = index.merge([1, 0])
  const moved = docs
    .filter((doc) => (docMap[doc.docId] ?? -1) >= 0)
    .map((doc) => ({ docId: docMap[doc.docId]!, fields: doc.fields }))
    .sort((a, b) => a.docId - b.docId)
  return { index, docs: moved, deleted: new Set([...deleted].map((d) => docMap[d]!).filter((d) => d >= 0)) }
}

describe('postings in blocks', () => {
  it('hold exactly the brute-force postings and answer reads at random targets as the oracle (property)', () => {
    fc.assert(
      fc.property(scenario, ({ docs, cuts, deletes, merge, probes }) => {
        const { index, docs: held, deleted } = build(docs, cuts, deletes, merge)
        const restored = engine.newIndex()
        try {
          const oracle = new Oracle(held, deleted)
          for (const [ordinal, { docBase, maxDoc }] of index.segments().entries()) {
            const image = index.segmentImage(ordinal)
            expect(sorted(readImage(image))).toEqual(sorted(invert(held, docBase, maxDoc)))
            restored.loadSegment(image)
            expect(restored.segmentImage(ordinal)).toEqual(image)
          }
          for (const [term, target] of held.length > 0 ? probes : []) {
            const query = { type: 'term' as const, field: 'body', term, boost: 1 }
            const doc = held[target % held.length]!
            const expected = !deleted.has(doc.docId) && oracle.matches(query, doc)
            expect(index.explain(query, doc.docId).matched).toBe(expected)
          }
          for (const term of VOCABULARY) {
            const query = { type: 'term' as const, field: 'body', term, boost: 1 }
            const all = oracle.topDocs(query, Infinity)
            expect(index.search(query, 10)).toEqual({ ...all, scoreDocs: all.scoreDocs.slice(0, 10) })
            expect(index.count(query)).toBe(all.totalHits)
          }
          for (const slop of [0, 2]) {
            const terms = [
              { term: 'w0', position: 0 },
              { term: probes[0]![0], position: 1 },
            ]
            const phrase = { type: 'phrase' as const, field: 'body', terms, slop, boost: 1 }
            expect(index.search(phrase, 20)).toEqual(oracle.topDocs(phrase, 20))
          }
        } finally {
          index.free()
          restored.free()
        }
      }),
      { numRuns: 8 },
    )
  })

  it('keep a single-document term whole when a merge appends more documents after it', () => {
    const index = engine.newIndex()
    const doc = (docId: number, position: number): AnalyzedDocument => ({
      docId,
      fields: [{ field: 'body', tokens: [{ term: 'x', position }] }],
    })
    index.addDocuments([doc(0, 3)])
    index.addDocuments([doc(300, 70_000), doc(301, 0)])
    const docMap = index.merge([1, 0])
    expect(index.segments()).toHaveLength(1)
    expect(readImage(index.segmentImage(0)).get('body')!.get('x')).toEqual([
      // [1, 0]: the second segment's documents come first.
      { doc: docMap[300], positions: [70_000] },
      { doc: docMap[301], positions: [0] },
      { doc: docMap[0], positions: [3] },
    ])
    index.free()
  })
})
