// The rank_eval metrics' arithmetic (workers/es/rankeval/): each metric over hits and ratings, with the figures of
// ES 8's metric unit tests (DiscountedCumulativeGainTests, PrecisionAtKTests, RecallAtKTests,
// ExpectedReciprocalRankTests) and of Java's DoubleStream.sum.
import { describe, expect, it } from 'vitest'
import { PolicyParseContext } from '../../../../workers/es/ilm/policy-parse-context.ts'
import { parseJson, toJson, type XContentValue } from '../../../../workers/es/xcontent/index.ts'
import { javaDoubleSum, type RatedDocument } from '../../../../workers/es/rankeval/evaluation-metric.ts'
import {
  computeDcg,
  parseDiscountedCumulativeGain,
} from '../../../../workers/es/rankeval/discounted-cumulative-gain.ts'
import { parsePrecisionAtK } from '../../../../workers/es/rankeval/precision-at-k.ts'
import { parseRecallAtK } from '../../../../workers/es/rankeval/recall-at-k.ts'
import { parseExpectedReciprocalRank } from '../../../../workers/es/rankeval/expected-reciprocal-rank.ts'
import { parseMeanReciprocalRank } from '../../../../workers/es/rankeval/mean-reciprocal-rank.ts'

type Parser = typeof parsePrecisionAtK

function metric(parse: Parser, body: string) {
  const text = `{"m":${body}}`
  const value = (parseJson(text, { locations: true }) as Map<string, XContentValue>).get('m')!
  return parse(new PolicyParseContext(text, ['m']), value)
}

const hits = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ index: 'index', id: String(i), json: null }))
const rated = (ratings: ReadonlyArray<number | null>): RatedDocument[] =>
  ratings.flatMap((rating, i) => (rating === null ? [] : [{ index: 'index', id: String(i), rating }]))

describe('dcg', () => {
  // DiscountedCumulativeGainTests.testDCGAt: ratings 3, 2, 3, 0, 1, 2 at ranks 1 to 6
  it('sums (2^rating - 1) / log2(rank + 1)', () => {
    expect(computeDcg([3, 2, 3, 0, 1, 2])).toBe(13.84826362927298)
    const quality = metric(parseDiscountedCumulativeGain, '{}').evaluate(
      'q',
      hits(6),
      rated([3, 2, 3, 0, 1, 2]),
    )
    expect(quality.metricScore).toBe(13.84826362927298)
    expect(quality.details).toEqual({
      name: 'dcg',
      fields: [
        ['dcg', expect.anything()],
        ['unrated_docs', 0],
      ],
    })
  })

  it('normalizes by the ideal dcg, written with the details when it is not 0', () => {
    const quality = metric(parseDiscountedCumulativeGain, '{"normalize": true}').evaluate(
      'q',
      hits(6),
      rated([3, 2, 3, 0, 1, 2]),
    )
    expect(quality.metricScore).toBe(13.84826362927298 / 14.595390756454922)
    expect(quality.details.fields.map(([name, value]) => [name, toJson(value)])).toEqual([
      ['dcg', '13.84826362927298'],
      ['ideal_dcg', '14.595390756454922'],
      ['normalized_dcg', '0.9488107485678984'],
      ['unrated_docs', '0'],
    ])
  })

  // testDCGAtSixMissingRatings: unrated hits keep their rank; unknown_doc_rating rates them
  it('skips unrated hits but keeps their rank, or rates them with unknown_doc_rating', () => {
    const ratings = rated([3, 2, 3, null, 1, null])
    expect(metric(parseDiscountedCumulativeGain, '{}').evaluate('q', hits(6), ratings).metricScore).toBe(
      12.779642067948913,
    )
    const unknown = metric(parseDiscountedCumulativeGain, '{"unknown_doc_rating": 0}')
    expect(unknown.evaluate('q', hits(6), ratings).details.fields.at(-1)).toEqual(['unrated_docs', 2])
  })
})

describe('precision and recall', () => {
  it('precision counts unrated hits unless ignore_unlabeled', () => {
    const ratings = rated([1, 0, null, 1, null])
    const precision = metric(parsePrecisionAtK, '{}').evaluate('q', hits(5), ratings)
    expect(precision.metricScore).toBe(2 / 5)
    expect(precision.details.fields).toEqual([
      ['relevant_docs_retrieved', 2],
      ['docs_retrieved', 5],
    ])
    const ignoring = metric(parsePrecisionAtK, '{"ignore_unlabeled": "true", "relevant_rating_threshold": 0}')
    expect(ignoring.evaluate('q', hits(5), ratings).metricScore).toBe(1)
    expect(metric(parsePrecisionAtK, '{"k": 3}').forcedSearchSize).toBe(3)
  })

  it('recall divides the relevant hits by the relevant rated documents', () => {
    const ratings = [...rated([2, 0, 1]), { index: 'index', id: 'other', rating: 3 }]
    const recall = metric(parseRecallAtK, '{"relevant_rating_threshold": 2}').evaluate('q', hits(3), ratings)
    expect(recall.metricScore).toBe(1 / 2)
    expect(recall.details.fields).toEqual([
      ['relevant_docs_retrieved', 1],
      ['relevant_docs', 2],
    ])
    expect(metric(parseRecallAtK, '{}').evaluate('q', hits(3), []).metricScore).toBe(0)
  })

  it('mean_reciprocal_rank is 1 / the first relevant rank, -1 and 0 without one', () => {
    const mrr = metric(parseMeanReciprocalRank, '{"relevant_rating_threshold": 2}')
    expect(mrr.evaluate('q', hits(4), rated([1, 0, 2, 3])).metricScore).toBe(1 / 3)
    const none = mrr.evaluate('q', hits(2), rated([1, 1]))
    expect([none.metricScore, none.details.fields]).toEqual([0, [['first_relevant', -1]]])
  })
})

describe('expected_reciprocal_rank', () => {
  // ExpectedReciprocalRankTests.testERRAt: ratings 3, 2, 0, 1 with maximum_relevance 3, k 3 then 4
  it('discounts each rank by the chance the ones above satisfied', () => {
    const at3 = metric(parseExpectedReciprocalRank, '{"maximum_relevance": 3, "k": 3}')
    const quality = at3.evaluate('q', hits(4), rated([3, 2, 0, 1]))
    expect([quality.metricScore, quality.ratedHits.length]).toEqual([0.8984375, 3])
    const at4 = metric(parseExpectedReciprocalRank, '{"maximum_relevance": 3, "k": 4}')
    expect(at4.evaluate('q', hits(4), rated([3, 2, 0, 1])).metricScore).toBe(0.8984375 + 0.00244140625)
  })
})

describe('combine', () => {
  // DoubleStream.sum is compensated: 0.1 ten times is 1.0, not 0.9999999999999999
  it('sums as Java does', () => {
    expect(javaDoubleSum(Array.from({ length: 10 }, () => 0.1))).toBe(1)
    expect(javaDoubleSum([])).toBe(0)
  })
})
