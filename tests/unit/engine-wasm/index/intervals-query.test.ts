// Intervals queries over hand-built documents: which documents match each source (term, or, ordered, unordered,
// phrase, maxgaps, extend, a multi-term expansion) and filter (containing, contained_by, not_containing,
// not_contained_by, overlapping, not_overlapping, before, after), and their scores against a hand-computed Lucene
// IntervalScorer: freq = sum over the document's minimal intervals of 1 / max(width - minExtent + 1, 1) in float,
// score = boost * (1 - 1 / (1 + freq)); the explained frequency, and the max expansion count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  intervals as I,
  TooManyIntervalTermsError,
  type AnalyzedDocument,
  type IndexEngine,
  type IndexQuery,
  type IntervalsSource,
  type InvertedIndex,
} from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'

const f = Math.fround
const TEXTS = [
  'the quick brown fox jumps over the lazy dog',
  'quick fox',
  'fox quick brown',
  'the lazy fox and the quick dog',
  'brown brown fox',
]
const DOCS: AnalyzedDocument[] = TEXTS.map((text, docId) => ({
  docId,
  fields: [{ field: 'body', tokens: text.split(' ').map((term, position) => ({ term, position })) }],
}))

let engine: IndexEngine
let index: InvertedIndex
beforeAll(async () => {
  engine = await loadEngine()
  index = engine.newIndex()
  index.addDocuments(DOCS.slice(0, 3))
  index.addDocuments(DOCS.slice(3))
})
afterAll(() => index.free())

const t = I.term
const query = (source: IntervalsSource, boost = 1): IndexQuery => ({
  type: 'intervals',
  field: 'body',
  source,
  boost,
})

/** IntervalScoreFunction's saturation of the sloppy frequency of intervals of these widths (pivot 1), in float. */
function expected(widths: number[], minExtent: number, boost = 1): number {
  let freq = 0
  for (const width of widths) freq = f(freq + f(1 / Math.max(width - minExtent + 1, 1)))
  return f(boost * f(1 - f(1 / f(1 + freq))))
}

function hits(source: IntervalsSource, boost = 1): Map<number, number> {
  return new Map(index.search(query(source, boost), 10).scoreDocs.map((d) => [d.docId, d.score]))
}

const docs = (source: IntervalsSource): number[] => [...hits(source).keys()].sort()

describe('intervals sources', () => {
  it('a term: each position an interval of width 1', () => {
    const result = hits(t('the'), 2)
    expect([...result.keys()].sort()).toEqual([0, 3])
    expect(result.get(0)).toBe(expected([1, 1], 1, 2))
  })

  it('ordered: the minimal intervals in order; its minExtent is the sum of its sources', () => {
    const result = hits(I.conjunction('ordered', [t('quick'), t('fox')]))
    expect([...result.keys()].sort()).toEqual([0, 1])
    // doc 0: quick@1 .. fox@3 (width 3), doc 1: quick@0 fox@1 (width 2)
    expect(result.get(0)).toBe(expected([3], 2))
    expect(result.get(1)).toBe(expected([2], 2))
  })

  it('unordered: in any order', () => {
    const result = hits(I.conjunction('unordered', [t('quick'), t('fox')]))
    expect([...result.keys()].sort()).toEqual([0, 1, 2, 3])
    // doc 3: fox@2 .. quick@5
    expect(result.get(3)).toBe(expected([4], 2))
    expect(result.get(2)).toBe(expected([2], 2))
  })

  it('ordered minimizes: the the .. dog keeps the last the', () => {
    // doc 0: the@0 the@6 dog@8: only [6, 8] is minimal
    expect(hits(I.conjunction('ordered', [t('the'), t('dog')])).get(0)).toBe(expected([3], 2))
  })

  it('phrase: one right after the other; maxgaps: at most that many positions between', () => {
    expect(docs(I.phrase([t('quick'), t('fox')]))).toEqual([1])
    expect(docs(I.maxGaps(0, I.conjunction('unordered', [t('quick'), t('fox')])))).toEqual([1, 2])
    expect(docs(I.maxGaps(1, I.conjunction('ordered', [t('quick'), t('fox')])))).toEqual([0, 1])
  })

  it('extend: a phrase with one position before fox', () => {
    const result = hits(I.phrase([t('quick'), I.extend(t('fox'), 1, 0)]))
    expect([...result.keys()]).toEqual([0])
    // [1, 3], minExtent 1 + (1 + 1): freq 1
    expect(result.get(0)).toBe(expected([3], 3))
  })

  it('or: every interval of any source; its minExtent the least', () => {
    const result = hits(I.or([t('quick'), t('lazy')]))
    expect(result.get(0)).toBe(expected([1, 1], 1))
    expect(result.get(3)).toBe(expected([1, 1], 1))
  })

  it('a multi-term source expands to the index terms it accepts, over every segment', () => {
    const prefix: IntervalsSource = {
      type: 'multiTerm',
      pattern: 'qu*',
      query: { type: 'prefix', field: 'body', prefix: 'qu', boost: 1 },
      terms: null,
    }
    expect(docs(I.conjunction('ordered', [prefix, t('dog')]))).toEqual([0, 3])
  })

  it('refuses a multi-term source expanding to more terms than the max clause count', () => {
    const many = engine.newIndex()
    const tokens = Array.from({ length: 1025 }, (_, i) => ({ term: `t${i}`, position: i }))
    many.addDocuments([{ docId: 0, fields: [{ field: 'body', tokens }] }])
    const prefix: IntervalsSource = {
      type: 'multiTerm',
      pattern: 't*',
      query: { type: 'prefix', field: 'body', prefix: 't', boost: 1 },
      terms: null,
    }
    expect(() => many.search(query(prefix), 1)).toThrow(TooManyIntervalTermsError)
    expect(() => many.search(query(prefix), 1)).toThrow(
      'Automaton [t*] expanded to too many terms (limit 1024)',
    )
    many.free()
  })
})

describe('intervals filters', () => {
  const theDog = I.conjunction('ordered', [t('the'), t('dog')])

  it('containing and contained_by: the the .. dog of doc 0 holds lazy, doc 3 s does not', () => {
    expect(docs(I.filtered('containing', theDog, t('lazy')))).toEqual([0])
    expect(docs(I.filtered('contained_by', t('lazy'), theDog))).toEqual([0])
    expect(docs(I.filtered('not_containing', theDog, t('lazy')))).toEqual([3])
  })

  it('not_contained_by passes every interval where the reference is not on the document', () => {
    const quickJumps = I.conjunction('ordered', [t('quick'), t('jumps')])
    expect(docs(I.filtered('not_contained_by', t('fox'), quickJumps))).toEqual([1, 2, 3, 4])
  })

  it('overlapping and not_overlapping', () => {
    const quickFox = I.conjunction('ordered', [t('quick'), t('fox')])
    const brownJumps = I.conjunction('ordered', [t('brown'), t('jumps')])
    expect(docs(I.filtered('overlapping', quickFox, brownJumps))).toEqual([0])
    const brownFox = I.conjunction('ordered', [t('brown'), t('fox')])
    const quickBrown = I.conjunction('ordered', [t('quick'), t('brown')])
    expect(docs(I.filtered('not_overlapping', brownFox, quickBrown))).toEqual([4])
  })

  it('before and after: a reference interval later / earlier in the document', () => {
    expect(docs(I.filtered('before', t('fox'), t('dog')))).toEqual([0, 3])
    expect(docs(I.filtered('after', t('fox'), t('quick')))).toEqual([0, 1])
    // the filtered source's intervals are scored: fox alone, freq 1
    expect(hits(I.filtered('before', t('fox'), t('dog'))).get(3)).toBe(expected([1], 1))
  })
})

describe('intervals explain', () => {
  it('records the sloppy frequency and the weight of the explained document', () => {
    const source = I.conjunction('unordered', [t('quick'), t('fox')])
    const explained = index.explain(query(source, 3), 3)
    expect(explained.matched).toBe(true)
    expect(explained.score).toBe(expected([4], 2, 3))
    expect(explained.weights).toEqual([{ term: '', status: 'intervals', weight: 3, freq: f(1 / 3) }])
    expect(index.explain(query(source), 4).weights).toEqual([{ term: '', status: 'noMatchingTerms' }])
  })
})
