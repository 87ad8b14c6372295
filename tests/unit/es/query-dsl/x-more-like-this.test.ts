// XMoreLikeThis's term selection over a shard's statistics, against hand-computed ClassicSimilarity scores, and the
// generated bool as Lucene's BooleanQuery.toString prints it.
import { describe, expect, it } from 'vitest'
import type { MoreLikeThisTerms } from '../../../../engine-wasm/src/index/index.ts'
import type { ShardFieldValues } from '../../../../workers/es/search/queries/query-parsing.ts'
import { classicIdf, rewriteMoreLikeThis } from '../../../../workers/es/search/queries/x-more-like-this.ts'
import { describeQuery } from '../../../../workers/es/search/explain/query-description.ts'

/** A shard of 10 live documents with these docFreqs. */
function shard(docFreqs: Record<string, number>): ShardFieldValues {
  return {
    id: 0,
    bytesValues: () => null,
    scripting: () => {
      throw new Error('not used')
    },
    denseVectors: () => {
      throw new Error('not used')
    },
    termStatistics: (terms) => ({
      numDocs: 10,
      docFreqs: terms.map(({ field, term }) => docFreqs[`${field}:${term}`] ?? 0),
    }),
  }
}

const BASE: MoreLikeThisTerms = {
  fields: ['f', 'g'],
  likeText: ['a a a b c c'],
  textWords: [
    ['a', 3],
    ['b', 1],
    ['c', 2],
  ],
  itemWords: null,
  maxQueryTerms: 25,
  minTermFreq: 1,
  minDocFreq: 1,
  maxDocFreq: 2147483647,
  boostTerms: 0,
  minimumShouldMatch: '30%',
}

describe('XMoreLikeThis term selection', () => {
  it('scores tf × ClassicSimilarity idf, takes the field with the largest docFreq, pops the lowest first', () => {
    expect(classicIdf(4, 10)).toBe(1.7884573936462402) // ln(11/5) + 1
    expect(classicIdf(2, 10)).toBe(2.299283027648926) // ln(11/3) + 1
    const stats = shard({ 'f:a': 1, 'g:a': 4, 'f:b': 2, 'g:b': 2 })
    // a: 3 × 1.7884574 = 5.3653722 on g; b: 1 × 2.299283 on f (the first of equal docFreqs); c: in no document
    const query = rewriteMoreLikeThis(BASE, 1, stats)
    expect(describeQuery(query)).toBe('(f:b g:a)')
    expect(describeQuery(rewriteMoreLikeThis({ ...BASE, boostTerms: 2 }, 1, stats))).toBe(
      '((f:b)^2.0 (g:a)^4.666996)',
    )
    expect(describeQuery(rewriteMoreLikeThis({ ...BASE, maxQueryTerms: 1 }, 1, stats))).toBe('(g:a)')
    expect(describeQuery(rewriteMoreLikeThis({ ...BASE, minTermFreq: 2 }, 1, stats))).toBe('(g:a)')
    expect(describeQuery(rewriteMoreLikeThis({ ...BASE, minDocFreq: 3 }, 1, stats))).toBe('(g:a)')
    expect(describeQuery(rewriteMoreLikeThis({ ...BASE, maxDocFreq: 2 }, 1, stats))).toBe('(f:b)')
    expect(describeQuery(rewriteMoreLikeThis({ ...BASE, minimumShouldMatch: '100%' }, 1, stats))).toBe(
      '((f:b g:a)~2)',
    )
  })

  it('makes one queue per item field, then the texts, each a SHOULD clause', () => {
    const like: MoreLikeThisTerms = {
      ...BASE,
      itemWords: [
        { field: 'g', words: [['x', 1]] },
        { field: 'f', words: [['y', 2]] },
      ],
      textWords: [['a', 1]],
    }
    const query = rewriteMoreLikeThis(like, 2, shard({ 'g:x': 1, 'f:y': 1, 'f:a': 1 }))
    expect(describeQuery(query)).toBe('((g:x f:y) (f:a))^2.0')
  })
})
