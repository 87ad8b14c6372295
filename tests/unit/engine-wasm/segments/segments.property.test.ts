// Segments with deletes and merges against two oracles: after any sequence of flushed batches, deletes, merges
// (any segments, any order) and drops of fully deleted segments, every query's top k (doc ids and float32 scores,
// bit for bit) equals the brute-force BM25 oracle over the same live + deleted documents in the same global order,
// and equals one single-segment index holding those documents; the doc maps the rewrites answer follow
// SegmentInfos.applyMergeChanges (the merged segment takes the place of the first merged one).
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  AnalyzedDocument,
  IndexEngine,
  InvertedIndex,
  SegmentInfo,
} from '../../../../engine-wasm/src/index/index.ts'
import { rewriteQuery } from '../../../../engine-wasm/src/index/query-rewrite.ts'
import { corpus, query } from '../index/arbitraries.ts'
import { loadEngine } from '../index/load-engine.ts'
import { Oracle } from '../index/oracle.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

type Fields = AnalyzedDocument['fields']
interface Slot {
  fields: Fields
  deleted: boolean
}

type Step =
  | { kind: 'flush'; picks: number[] }
  | { kind: 'delete'; pick: number }
  | { kind: 'merge'; picks: number[] }
  | { kind: 'drop' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('flush' as const),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('merge' as const),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('drop' as const) }),
)

/** What a rewrite must do to the global order, segment by segment (the oracle of the doc map). */
function expectedOrder(
  slots: readonly Slot[],
  segments: readonly SegmentInfo[],
  merged: readonly number[],
  dropFullyDeleted: boolean,
): Slot[] {
  const of = (s: SegmentInfo): Slot[] => slots.slice(s.docBase, s.docBase + s.maxDoc)
  const first = Math.min(...merged)
  const mergedDocs = merged.flatMap((i) => of(segments[i]!).filter((slot) => !slot.deleted))
  const out: Slot[] = []
  segments.forEach((segment, i) => {
    if (i === first) out.push(...mergedDocs)
    if (merged.includes(i)) return
    if (dropFullyDeleted && segment.maxDoc > 0 && segment.delCount === segment.maxDoc) return
    out.push(...of(segment))
  })
  return out
}

function applyDocMap(slots: readonly Slot[], docMap: Int32Array): Slot[] {
  expect(docMap.length).toBe(slots.length)
  const out: Slot[] = []
  docMap.forEach((to, from) => {
    if (to >= 0) out[to] = slots[from]!
  })
  return out
}

function run(index: InvertedIndex, templates: readonly AnalyzedDocument[], steps: readonly Step[]): Slot[] {
  let slots: Slot[] = []
  for (const s of steps) {
    if (s.kind === 'flush') {
      const added = s.picks.map((p) => ({ fields: templates[p % templates.length]!.fields, deleted: false }))
      index.addDocuments(added.map((slot, i) => ({ docId: slots.length + i, fields: slot.fields })))
      slots = [...slots, ...added]
    } else if (s.kind === 'delete') {
      const live = slots.flatMap((slot, docId) => (slot.deleted ? [] : [docId]))
      if (live.length === 0) continue
      const docId = live[s.pick % live.length]!
      index.deleteDocuments([docId])
      slots = slots.map((slot, d) => (d === docId ? { ...slot, deleted: true } : slot))
    } else {
      const segments = index.segments()
      if (segments.length === 0) continue
      const ordinals = s.kind === 'merge' ? [...new Set(s.picks.map((p) => p % segments.length))] : []
      const expected = expectedOrder(slots, segments, ordinals, s.kind === 'drop')
      const docMap = s.kind === 'merge' ? index.merge(ordinals) : index.dropFullyDeletedSegments()
      slots = applyDocMap(slots, docMap)
      expect(slots).toEqual(expected)
    }
    const infos = index.segments()
    expect(infos.reduce((n, i) => n + i.maxDoc, 0)).toBe(slots.length)
    infos.forEach((info, i) =>
      expect(info.docBase).toBe(i === 0 ? 0 : infos[i - 1]!.docBase + infos[i - 1]!.maxDoc),
    )
  }
  return slots
}

describe('segments against brute force and against one segment', () => {
  it('score every query bit for bit across flushes, deletes, merges and drops', () => {
    fc.assert(
      fc.property(
        corpus,
        fc.array(step, { maxLength: 14 }),
        query,
        fc.integer({ min: 0, max: 30 }),
        (t, steps, q, k) => {
          if (t.length === 0) return
          const index = engine.newIndex()
          const slots = run(index, t, steps)
          const docs = slots.map((slot, docId) => ({ docId, fields: slot.fields }))
          const deleted = slots.flatMap((slot, docId) => (slot.deleted ? [docId] : []))
          const single = engine.newIndex()
          single.addDocuments(docs)
          single.deleteDocuments(deleted)
          const expected = new Oracle(docs, new Set(deleted)).topDocs(rewriteQuery(q), k)
          expect(index.search(q, k)).toEqual(expected)
          expect(index.search(q, k)).toEqual(single.search(q, k))
          expect(index.count(q)).toBe(expected.totalHits)
          expect(index.dfs(q)).toEqual(single.dfs(q))
          for (const { docId } of expected.scoreDocs) {
            expect(index.explain(q, docId)).toEqual(single.explain(q, docId))
          }
          index.free()
          single.free()
        },
      ),
      { numRuns: 400 },
    )
  }, 120_000)

  it('drops deleted documents and their statistics at a merge, and names segments in base 36', () => {
    const index = engine.newIndex()
    const doc = (docId: number, term: string): AnalyzedDocument => ({
      docId,
      fields: [{ field: 'body', tokens: [{ term, position: 0 }] }],
    })
    for (let i = 0; i < 37; i++) index.addDocuments([doc(i, i % 2 === 0 ? 'even' : 'odd')])
    expect(
      index
        .segments()
        .map((s) => s.name)
        .slice(35),
    ).toEqual(['_z', '_10'])
    index.deleteDocuments([0, 2])
    expect(index.docFreq('body', 'even')).toBe(19)
    expect(index.fieldStatistics('body')).toEqual({ docCount: 37, sumTotalTermFreq: 37, sumDocFreq: 37 })
    const docMap = index.merge([3, 0, 2, 1])
    expect([...docMap.slice(0, 5)]).toEqual([-1, 1, -1, 0, 2])
    expect(index.segments().slice(0, 2)).toEqual([
      { name: '_11', generation: 37, docBase: 0, maxDoc: 2, delCount: 0 },
      { name: '_4', generation: 4, docBase: 2, maxDoc: 1, delCount: 0 },
    ])
    expect(index.docFreq('body', 'even')).toBe(17)
    expect(index.fieldStatistics('body')).toEqual({ docCount: 35, sumTotalTermFreq: 35, sumDocFreq: 35 })
    // a merge of deleted documents only writes nothing: the segment is dropped, its name used up
    index.deleteDocuments([2])
    expect([...index.merge([1])]).toEqual([0, 1, -1, ...Array.from({ length: 32 }, (_, i) => 2 + i)])
    index.addDocuments([doc(34, 'odd')])
    expect(index.segments().at(-1)).toEqual({
      name: '_13',
      generation: 39,
      docBase: 34,
      maxDoc: 1,
      delCount: 0,
    })
    index.free()
  })
})
