// fast-check arbitraries shared by the index tests: small corpora over a four-term vocabulary in two fields, and
// query trees of every kind the engine scores (leaves, bool, dis_max, constant_score, boosting, capped score).
import fc from 'fast-check'
import type { AnalyzedDocument, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'

const vocabulary = ['a', 'b', 'c', 'd']
const fields = ['body', 'title']

const tokens = fc
  .array(fc.record({ term: fc.constantFrom(...vocabulary), increment: fc.constantFrom(0, 1, 1, 1, 1, 2) }), {
    maxLength: 14,
  })
  .map((list) => {
    let position = -1
    return list.map(({ term, increment }, i) => ({ term, position: (position += i === 0 ? 1 : increment) }))
  })

export const corpus = fc
  .array(fc.record({ body: tokens, title: tokens }), { minLength: 1, maxLength: 25 })
  .map((docs) =>
    docs.map(({ body, title }, docId): AnalyzedDocument => ({
      docId,
      fields: [
        { field: 'body', tokens: body },
        { field: 'title', tokens: title },
      ],
    })),
  )

const boost = fc.constantFrom(1, 1, 1, 2, 0.5, 1.7)
const field = fc.constantFrom(...fields)
const term = fc.constantFrom(...vocabulary)

export const { query } = fc.letrec<{
  query: IndexQuery
  leaf: IndexQuery
  bool: IndexQuery
  compound: IndexQuery
}>((tie) => ({
  leaf: fc.oneof(
    { weight: 5, arbitrary: fc.record({ type: fc.constant('term' as const), field, term, boost }) },
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('phrase' as const),
        field,
        terms: fc
          .array(fc.record({ term, position: fc.constantFrom(0, 1, 2, 3) }), { maxLength: 3 })
          .map((ts) =>
            ts.map((t, i) => ({ term: t.term, position: Math.min(i + (t.position === 3 ? 1 : 0), i + 1) })),
          ),
        slop: fc.constantFrom(0, 0, 1, 2, 4),
        boost,
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('matchAll' as const), boost }) },
    { weight: 1, arbitrary: fc.constant({ type: 'matchNone' as const }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('exists' as const), field, boost }) },
  ),
  compound: fc.oneof(
    fc.record({
      type: fc.constant('disMax' as const),
      queries: fc.array(tie('query'), { minLength: 1, maxLength: 3 }),
      tieBreaker: fc.constantFrom(0, 0.3, 1),
      boost,
    }),
    fc.record({ type: fc.constant('constantScore' as const), filter: tie('query'), boost }),
    fc.record({
      type: fc.constant('cappedScore' as const),
      query: tie('query'),
      maxScore: fc.constantFrom(0.25, 0.5, 1, 1.7014118346046923e38),
      boost: fc.constant(1),
    }),
    fc.record({
      type: fc.constant('boosting' as const),
      positive: tie('query'),
      negative: tie('query'),
      negativeBoost: fc.constantFrom(0, 0.2, 0.5),
      boost,
    }),
  ),
  bool: fc.record({
    type: fc.constant('bool' as const),
    must: fc.array(tie('query'), { maxLength: 2 }),
    should: fc.array(tie('query'), { maxLength: 4 }),
    mustNot: fc.array(tie('query'), { maxLength: 2 }),
    filter: fc.array(tie('query'), { maxLength: 2 }),
    minimumShouldMatch: fc.constantFrom(0, 0, 1, 2, 3),
    boost,
  }),
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    tie('leaf'),
    tie('bool'),
    tie('compound'),
  ),
}))
