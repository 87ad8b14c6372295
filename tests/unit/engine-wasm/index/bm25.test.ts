// BM25 scores from index.wasm against (1) scores Elasticsearch printed for small documented corpora and (2) the
// direct float32 formula in oracle.ts over random corpora, compared to the last bit.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'
import { Oracle } from './oracle.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

/** Standard-analyzer tokens of a space-separated lower-case text, positions 0, 1, 2, ... */
function doc(docId: number, field: string, text: string): AnalyzedDocument {
  return { docId, fields: [{ field, tokens: text.split(' ').map((term, position) => ({ term, position })) }] }
}

function scores(docs: AnalyzedDocument[], field: string, term: string): number[] {
  const index = engine.newIndex()
  index.addDocuments(docs)
  const top = index.search({ type: 'term', field, term, boost: 1 }, 10)
  index.free()
  return top.scoreDocs.map((d) => d.score)
}

describe('BM25 against scores Elasticsearch printed', () => {
  // The three corpora and their `_score`s are from a public Elasticsearch study note with `explain: true`
  // outputs (1 shard, default BM25): "_score": 0.25069216 / 0.18232156, 0.19100355 / 0.17439456 and
  // 0.12776 / 0.099543065. The explain trees there show boost 2.2 (LegacyBM25Similarity's 1 + k1), idf, dl, avgdl.
  it('match "fox" over "brown fox playing with fox" and "brown fox playing with box"', () => {
    const docs = [doc(0, 'text', 'brown fox playing with fox'), doc(1, 'text', 'brown fox playing with box')]
    expect(scores(docs, 'text', 'fox')).toEqual([Math.fround(0.25069216), Math.fround(0.18232156)])
  })

  it('the same documents through a unique token filter (dl 4 and 5, avgdl 4.5)', () => {
    const docs = [doc(0, 'text', 'brown fox playing with'), doc(1, 'text', 'brown fox playing with box')]
    expect(scores(docs, 'text', 'fox')).toEqual([Math.fround(0.19100355), Math.fround(0.17439456)])
  })

  it('match "hello" over Hello, Hello World, Hello Tom, Hello John', () => {
    const docs = ['hello', 'hello world', 'hello tom', 'hello john'].map((t, i) => doc(i, 'title', t))
    const hello = Math.fround(0.12776)
    const pair = Math.fround(0.099543065)
    expect(scores(docs, 'title', 'hello')).toEqual([hello, pair, pair, pair])
  })
})

const vocabulary = ['a', 'b', 'c', 'd', 'é', '日本']

const corpus = fc
  .array(
    fc.array(fc.record({ term: fc.constantFrom(...vocabulary), increment: fc.constantFrom(0, 1, 1, 1, 2) }), {
      maxLength: 40,
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((texts) =>
    texts.map((tokens, docId): AnalyzedDocument => {
      let position = -1
      const analyzed = tokens.map(({ term, increment }, i) => {
        position += i === 0 ? 1 : increment
        return { term, position }
      })
      return { docId, fields: [{ field: 'body', tokens: analyzed }] }
    }),
  )

describe('BM25 against the direct float32 formula', () => {
  it('scores every matching document of random corpora to the last bit, with boosts', () => {
    fc.assert(
      fc.property(
        corpus,
        fc.constantFrom(...vocabulary),
        fc.constantFrom(1, 0.5, 2, 3.7, 0.1),
        (docs, term, boost) => {
          const index = engine.newIndex()
          index.addDocuments(docs)
          const oracle = new Oracle(docs, new Set())
          const query = { type: 'term', field: 'body', term, boost } as const
          expect(index.search(query, docs.length)).toEqual(oracle.topDocs(query, docs.length))
          const docCount = oracle.docCount('body')
          expect(index.fieldStatistics('body')).toEqual(
            docCount === 0
              ? null
              : {
                  docCount,
                  sumTotalTermFreq: oracle.sumTotalTermFreq('body'),
                  sumDocFreq: oracle.sumDocFreq('body'),
                },
          )
          expect(index.docFreq('body', term)).toBe(oracle.docFreq('body', term))
          index.free()
        },
      ),
      { numRuns: 300 },
    )
  })

  it('uses numTerms without overlapping tokens for the norm, but every token for avgdl', () => {
    const docs: AnalyzedDocument[] = [
      // 4 tokens, 2 of them stacked on earlier positions (synonyms): numTerms 2, totalTermFreq 4.
      {
        docId: 0,
        fields: [
          {
            field: 'body',
            tokens: [
              { term: 'quick', position: 0 },
              { term: 'fast', position: 0 },
              { term: 'fox', position: 1 },
              { term: 'dog', position: 1 },
            ],
          },
        ],
      },
      doc(1, 'body', 'slow fox'),
    ]
    const index = engine.newIndex()
    index.addDocuments(docs)
    expect(index.fieldStatistics('body')).toEqual({ docCount: 2, sumTotalTermFreq: 6, sumDocFreq: 6 })
    const top = index.search({ type: 'term', field: 'body', term: 'fox', boost: 1 }, 2)
    // Same numTerms (2) in both documents, so the same score: ties break by docId.
    expect(top.scoreDocs.map((d) => d.docId)).toEqual([0, 1])
    expect(top.scoreDocs[0]?.score).toBe(top.scoreDocs[1]?.score)
    expect(top).toEqual(
      new Oracle(docs, new Set()).topDocs({ type: 'term', field: 'body', term: 'fox', boost: 1 }, 2),
    )
    expect(index.fieldStatistics('title')).toBeNull()
    index.addDocuments([{ docId: 2, fields: [{ field: 'title', tokens: [] }] }])
    expect(index.fieldStatistics('title')).toBeNull()
    expect(() => index.addDocuments([{ docId: 2, fields: [] }])).toThrow(RangeError)
    index.free()
  })
})
