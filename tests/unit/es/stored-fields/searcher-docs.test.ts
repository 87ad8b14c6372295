// SearcherDocs (workers/es/index/shard/searcher-docs.ts) against a naive model, an array of documents by doc id:
// refreshes' documents added as blocks of stored fields bytes, stored segments appended with their deleted docs,
// deletes by `_id`, and merges' doc maps (deleted documents dropped, survivors renumbered in any order) leave every
// doc id holding the model's document, version, seq_no and size; the `_id` lookup, the live count, the deleted local
// ids and the stored fields of any doc id range (what a commit writes) agree with the model. An `_id` is looked up
// in the index's terms (here: a scan of the model) until the lookups have cost what building the `_id` map costs.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoredDocument } from '../../../../workers/es/index/shard/index-shard.ts'
import { SearcherDocs } from '../../../../workers/es/index/shard/searcher-docs.ts'
import { openStoredFields, StoredFieldsWriter } from '../../../../workers/es/index/shard/stored-fields.ts'
import { storedDocument, utf8Length } from './fixtures.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

const { storedFieldsCompressor } = await loadEngine()

interface Slot {
  doc: StoredDocument
  deleted: boolean
}

type Command =
  | { type: 'add'; docs: StoredDocument[] }
  | { type: 'segment'; docs: StoredDocument[]; deleted: boolean[] }
  | { type: 'delete'; id: string }
  | { type: 'merge'; seed: number }

const id = fc.constantFrom('a', 'b', 'c', 'd', 'é', '1')
const batch = fc.uniqueArray(fc.tuple(id, storedDocument), { selector: ([key]) => key, maxLength: 5 })
const docsOf = (entries: Array<[string, StoredDocument]>): StoredDocument[] =>
  entries.map(([key, doc]) => ({ ...doc, id: key }))
const command: fc.Arbitrary<Command> = fc.oneof(
  batch.map((entries) => ({ type: 'add' as const, docs: docsOf(entries) })),
  fc
    .tuple(batch, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))
    .map(([entries, deleted]) => ({ type: 'segment' as const, docs: docsOf(entries), deleted })),
  id.map((key) => ({ type: 'delete' as const, id: key })),
  fc.nat().map((seed) => ({ type: 'merge' as const, seed })),
)

/** A merge's doc map: deleted documents dropped, the survivors renumbered densely in an order the seed picks. */
function mergeMap(model: readonly Slot[], seed: number): Int32Array {
  const survivors = model.flatMap((slot, docId) => (slot.deleted && (seed + docId) % 2 === 0 ? [] : [docId]))
  const order = survivors.map((docId, i) => ({ docId, key: (i * 7919 + seed) % (survivors.length + 13) }))
  order.sort((a, b) => a.key - b.key || a.docId - b.docId)
  const docMap = new Int32Array(model.length).fill(-1)
  order.forEach(({ docId }, to) => (docMap[docId] = to))
  return docMap
}

/** The live doc id of an `_id` in `model`: what the inverted index's `_id` terms answer. */
const findLive = (model: readonly Slot[], key: string): number | undefined => {
  const at = model.findIndex((slot) => !slot.deleted && slot.doc.id === key)
  return at < 0 ? undefined : at
}

function run(docs: SearcherDocs, model: Slot[], cmd: Command): Slot[] {
  const deleteLive = (key: string): void => {
    const at = findLive(model, key)
    // documents without nested objects: each block is the document alone
    expect(docs.delete(key)).toEqual(at === undefined ? undefined : { start: at, end: at })
    if (at !== undefined) model[at]!.deleted = true
  }
  if (cmd.type === 'add') {
    for (const doc of cmd.docs) deleteLive(doc.id)
    expect(docs.addDocuments(cmd.docs)).toBe(model.length)
    return [...model, ...cmd.docs.map((doc) => ({ doc, deleted: false }))]
  }
  if (cmd.type === 'segment') {
    for (const doc of cmd.docs) deleteLive(doc.id)
    const writer = new StoredFieldsWriter(storedFieldsCompressor)
    for (const doc of cmd.docs) writer.addDocument(doc)
    const deleted = cmd.docs.flatMap((_, local) => (cmd.deleted[local] ? [local] : []))
    expect(docs.addSegment(openStoredFields(writer.finish()), deleted)).toBe(model.length)
    return [...model, ...cmd.docs.map((doc, local) => ({ doc, deleted: cmd.deleted[local]! }))]
  }
  if (cmd.type === 'delete') {
    deleteLive(cmd.id)
    return model
  }
  const docMap = mergeMap(model, cmd.seed)
  docs.remap(docMap)
  const next: Slot[] = []
  model.forEach((slot, old) => {
    if (docMap[old]! >= 0) next[docMap[old]!] = slot
  })
  return next
}

function check(docs: SearcherDocs, model: readonly Slot[]): void {
  expect(docs.maxDoc).toBe(model.length)
  model.forEach(({ doc, deleted }, docId) => {
    expect(docs.get(docId)).toEqual(deleted ? undefined : doc)
    expect([docs.version(docId), docs.seqNo(docId)]).toEqual([doc.version, doc.seqNo])
  })
  for (const key of ['a', 'b', 'c', 'd', 'é', '1']) {
    expect(docs.docId(key)).toBe(findLive(model, key))
  }
  expect(docs.liveCount).toBe(model.filter((slot) => !slot.deleted).length)
  expect([...docs.liveDocIds()]).toEqual(model.flatMap((slot, docId) => (slot.deleted ? [] : [docId])))
  const half = Math.floor(model.length / 2)
  for (const [docBase, maxDoc] of [
    [0, half],
    [half, model.length - half],
  ] as const) {
    const range = model.slice(docBase, docBase + maxDoc)
    const size = range.reduce((sum, { doc }) => sum + utf8Length(doc.id) + utf8Length(doc.source), 0)
    expect(docs.sizeInBytes(docBase, maxDoc)).toBe(size)
    expect(docs.deletedIn(docBase, maxDoc)).toEqual(
      range.flatMap((slot, local) => (slot.deleted ? [local] : [])),
    )
    if (maxDoc === 0) continue
    const stored = openStoredFields(docs.storedFields(docBase, maxDoc))
    expect(stored.maxDoc).toBe(maxDoc)
    range.forEach(({ doc, deleted }, local) => {
      if (!deleted) expect(stored.document(local)).toEqual(doc)
      expect(stored.seqNo(local)).toBe(doc.seqNo)
    })
  }
}

describe('searcher docs', () => {
  it('follow adds, stored segments, deletes and merges as a plain array of documents does (property)', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let model: Slot[] = []
        const docs = new SearcherDocs((key) => findLive(model, key), storedFieldsCompressor)
        for (const cmd of commands) {
          model = run(docs, model, cmd)
          check(docs, model)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('hand a commit a refresh block as it is, and read a document twice as the same object while it is held', () => {
    const docs = new SearcherDocs(() => undefined, storedFieldsCompressor)
    const doc = { id: 'x', source: '{}', routing: null, version: 1, seqNo: 0, primaryTerm: 1 }
    docs.addDocuments([doc, { ...doc, id: 'y', seqNo: 1 }])
    expect(docs.storedFields(0, 2)).toBe(docs.storedFields(0, 2))
    const first = docs.get(0)
    expect(first).toEqual(doc)
    expect(docs.get(0)).toBe(first)
    docs.delete('x')
    expect(docs.get(0)).toBeUndefined()
  })

  it('look an `_id` up in the index until lookups x 32 exceed maxDoc, then in the map built from the stored bytes', () => {
    const writer = new StoredFieldsWriter(storedFieldsCompressor)
    for (let i = 0; i < 100; i++)
      writer.addDocument({ id: `doc${i}`, source: '{}', routing: null, version: 1, seqNo: i, primaryTerm: 1 })
    const asked: string[] = []
    const docs = new SearcherDocs((key) => {
      asked.push(key)
      return Number(key.slice(3))
    }, storedFieldsCompressor)
    docs.addSegment(openStoredFields(writer.finish()), [7])
    expect([docs.docId('doc5'), docs.docId('doc7'), docs.docId('doc9')]).toEqual([5, undefined, 9])
    expect(asked).toEqual(['doc5', 'doc7', 'doc9'])
    expect([docs.docId('doc42'), docs.docId('doc7'), docs.docId('nope')]).toEqual([42, undefined, undefined])
    expect(asked).toEqual(['doc5', 'doc7', 'doc9'])
  })

  it('count no lookup in an empty searcher: a bulk into a new copy leaves the `_id`s to the index', () => {
    const asked: string[] = []
    const docs = new SearcherDocs((key) => {
      asked.push(key)
      return Number(key.slice(3))
    }, storedFieldsCompressor)
    for (let i = 0; i < 100; i++) expect(docs.docId(`doc${i}`)).toBeUndefined()
    expect(asked).toEqual([])
    const doc = { source: '{}', routing: null, version: 1, primaryTerm: 1 }
    docs.addDocuments(Array.from({ length: 100 }, (_, i) => ({ ...doc, id: `doc${i}`, seqNo: i })))
    expect([docs.docId('doc5'), docs.docId('doc9')]).toEqual([5, 9])
    expect(asked).toEqual(['doc5', 'doc9'])
  })
})
