// InvertedIndex.fuzzyTerms, the term suggester's walk of a field's terms: every distinct term over the segments
// within maxEdits (transpositions one edit, the prefix's code points equal), in code point order, with its edit
// distance and its docFreq summed over segments (deleted documents included, as IndexReader.docFreq counts them).
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

function doc(docId: number, text: string): AnalyzedDocument {
  return {
    docId,
    fields: [{ field: 'title', tokens: text.split(' ').map((term, position) => ({ term, position })) }],
  }
}

describe('fuzzyTerms', () => {
  it('lists the terms within the distance over every segment, with summed docFreqs', () => {
    const index = engine.newIndex()
    index.addDocuments([doc(0, 'quick brown'), doc(1, 'quack')])
    index.addDocuments([doc(2, 'quick quickly'), doc(3, 'quikc brow')])
    index.deleteDocuments([1])
    expect(index.fuzzyTerms('title', 'quikc', 2, 1)).toEqual([
      { term: 'quack', edits: 2, docFreq: 1 },
      { term: 'quick', edits: 1, docFreq: 2 },
      { term: 'quikc', edits: 0, docFreq: 1 },
    ])
    expect(index.fuzzyTerms('title', 'quikc', 1, 1).map((t) => t.term)).toEqual(['quick', 'quikc'])
    // the prefix must match: `wuick` reaches quick only without one
    expect(index.fuzzyTerms('title', 'wuick', 1, 1)).toEqual([])
    expect(index.fuzzyTerms('title', 'wuick', 1, 0)).toEqual([{ term: 'quick', edits: 1, docFreq: 2 }])
    expect(index.fuzzyTerms('other', 'quick', 2, 0)).toEqual([])
    index.free()
  })

  it('measures edits in code points and orders terms by code point', () => {
    const index = engine.newIndex()
    index.addDocuments([doc(0, 'caf\u00e9 cafe caf\u{1F600} cafes')])
    expect(index.fuzzyTerms('title', 'cafe', 1, 0)).toEqual([
      { term: 'cafe', edits: 0, docFreq: 1 },
      { term: 'cafes', edits: 1, docFreq: 1 },
      { term: 'caf\u00e9', edits: 1, docFreq: 1 },
      { term: 'caf\u{1F600}', edits: 1, docFreq: 1 },
    ])
    index.free()
  })
})
