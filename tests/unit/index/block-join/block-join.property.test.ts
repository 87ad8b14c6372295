// The block join (block-join.ts: NESTED and NON_NESTED) against a brute-force evaluation over documents: random
// root documents, each with random nested documents of path `items` (each with its own nested documents of path
// `items.parts`), written as blocks (children before parents) over several segments, whole blocks deleted at random,
// then some segments merged. For every score mode the join must answer, per live root, exactly the roots with a
// matching child, scored as BlockJoinScorer does over the child query's own scores (in double, avg divided by the
// count, cast to float); a join from `items.parts` to `items` likewise; the non-nested filter exactly the live roots.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  AnalyzedDocument,
  IndexEngine,
  IndexQuery,
  InvertedIndex,
  NestedScoreMode,
} from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

interface Item {
  words: string[]
  parts: string[][]
}

const words = fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 0, maxLength: 4 })
const item = fc.record({ words, parts: fc.array(words, { maxLength: 2 }) })
const root = fc.record({ title: words, items: fc.array(item, { maxLength: 4 }) })

type Level = 'root' | 'items' | 'items.parts'

/** The blocks as Lucene documents: per root its items (each after its parts), then the root. */
function blocks(roots: ReadonlyArray<{ title: string[]; items: Item[] }>) {
  const docs: AnalyzedDocument[] = []
  const level: Level[] = []
  const blockOf: number[] = []
  const field = (name: string, terms: string[]) => ({
    field: name,
    tokens: terms.map((term, position) => ({ term, position })),
  })
  roots.forEach((r, b) => {
    const add = (kind: Level, fields: AnalyzedDocument['fields']) => {
      docs.push({ docId: docs.length, fields })
      level.push(kind)
      blockOf.push(b)
    }
    for (const it of r.items) {
      for (const part of it.parts)
        add('items.parts', [field('_nested_path', ['items.parts']), field('items.parts.w', part)])
      add('items', [field('_nested_path', ['items']), field('items.w', it.words)])
    }
    add('root', [field('_id', [String(b)]), field('title', r.title)])
  })
  return { docs, level, blockOf }
}

function scores(index: InvertedIndex, query: IndexQuery): Map<number, number> {
  return new Map(index.search(query, 0x7fffffff).scoreDocs.map((d) => [d.docId, d.score]))
}

/** BlockJoinScorer over child scores in doc order. */
function joined(childScores: number[], mode: NestedScoreMode): number {
  if (mode === 'none') return 0
  let score = childScores[0]!
  for (const s of childScores.slice(1)) {
    if (mode === 'max') score = Math.max(score, s)
    else if (mode === 'min') score = Math.min(score, s)
    else score += s
  }
  return Math.fround(mode === 'avg' ? score / childScores.length : score)
}

describe('block join against brute force', () => {
  it('joins matching nested documents to their parents with every score mode', () => {
    fc.assert(
      fc.property(
        fc.array(root, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom<NestedScoreMode>('none', 'avg', 'max', 'min', 'sum'),
        fc.constantFrom('x', 'y'),
        (roots, segments, deletedRoots, mergeAll, scoreMode, word) => {
          const { docs, level, blockOf } = blocks(roots)
          const index = engine.newIndex()
          // segments end at block boundaries (a block is never split)
          const rootIds = docs.filter((_, d) => level[d] === 'root').map((d) => d.docId)
          const per = Math.ceil(rootIds.length / segments)
          let from = 0
          for (let s = per - 1; from < docs.length; s += per) {
            const to = (rootIds[Math.min(s, rootIds.length - 1)] ?? docs.length - 1) + 1
            index.addDocuments(docs.slice(from, to))
            from = to
          }
          const deleted = new Set(deletedRoots.map((r) => r % roots.length))
          const gone = docs.filter((_, d) => deleted.has(blockOf[d]!)).map((d) => d.docId)
          if (gone.length > 0) index.deleteDocuments(gone)
          // doc ids after the rewrites: live documents keep their order
          let live = docs.map((d) => d.docId).filter((d) => !deleted.has(blockOf[d]!))
          if (mergeAll && index.segments().length > 1) {
            index.merge(index.segments().map((_, i) => i))
          } else live = docs.map((d) => d.docId)
          const at = (d: number) => live.indexOf(d)
          const isLive = (d: number) => !deleted.has(blockOf[d]!)

          const term = (field: string): IndexQuery => ({ type: 'term', field, term: word, boost: 1 })
          const childQuery: IndexQuery = {
            type: 'bool',
            must: [term('items.w')],
            should: [],
            mustNot: [],
            filter: [{ type: 'term', field: '_nested_path', term: 'items', boost: 1 }],
            minimumShouldMatch: 0,
            boost: 1,
          }
          const child = scores(index, childQuery)
          const nested: IndexQuery = {
            type: 'nested',
            path: 'items',
            parentPath: null,
            query: childQuery,
            scoreMode,
            boost: 1,
          }
          const expected = new Map<number, number>()
          const byRoot = new Map<number, number[]>()
          docs.forEach((_, d) => {
            const s = child.get(at(d))
            if (s === undefined || level[d] !== 'items') return
            const r = rootIds[blockOf[d]!]!
            byRoot.set(r, [...(byRoot.get(r) ?? []), s])
          })
          for (const [r, list] of byRoot) if (isLive(r)) expected.set(at(r), joined(list, scoreMode))
          expect(scores(index, nested)).toEqual(expected)

          // items.parts joined to their items
          const partsQuery: IndexQuery = {
            ...childQuery,
            must: [term('items.parts.w')],
            filter: [{ type: 'term', field: '_nested_path', term: 'items.parts', boost: 1 }],
          }
          const partScores = scores(index, partsQuery)
          const toItems: IndexQuery = {
            type: 'nested',
            path: 'items.parts',
            parentPath: 'items',
            query: partsQuery,
            scoreMode: 'sum',
            boost: 1,
          }
          const expectedItems = new Map<number, number>()
          const byItem = new Map<number, number[]>()
          docs.forEach((_, d) => {
            const s = partScores.get(at(d))
            if (s === undefined) return
            let parent = d + 1
            while (level[parent] !== 'items') parent++
            byItem.set(parent, [...(byItem.get(parent) ?? []), s])
          })
          for (const [p, list] of byItem) expectedItems.set(at(p), joined(list, 'sum'))
          expect(scores(index, toItems)).toEqual(expectedItems)

          // the non-nested filter: every live root, nothing else
          const liveRoots = new Set(rootIds.filter(isLive).map(at))
          expect(new Set(scores(index, { type: 'nonNested', boost: 1 }).keys())).toEqual(liveRoots)
          index.free()
        },
      ),
      { numRuns: 150 },
    )
  })
})
