/**
 * The `expected_reciprocal_rank` metric (ExpectedReciprocalRank, ES 8; its parser is named `dcg`, as ES's is):
 * over the top k hits (`k`, default 10), each rated hit's probability of relevance (2^rating - 1) / 2^max, `max`
 * being the required `maximum_relevance`, adds p × probability / rank and leaves p × (1 - probability) for the
 * ranks below it (p starts at 1). An unrated hit counts as `unknown_doc_rating` when one is given, else adds
 * nothing but keeps its rank. The details are `{"expected_reciprocal_rank": {"unrated_docs"}}`.
 */
import type { XContentValue } from '../xcontent/index.ts'
import type { PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { joinHitsWithRatings, type EvaluationMetric } from './evaluation-metric.ts'
import { intArg, optionalIntArg, parseMetric } from './metric-parser.ts'

export const EXPECTED_RECIPROCAL_RANK = 'expected_reciprocal_rank'

const FIELDS = [
  { name: 'maximum_relevance', kind: 'int', required: true },
  { name: 'unknown_doc_rating', kind: 'int' },
  { name: 'k', kind: 'int' },
] as const

export function parseExpectedReciprocalRank(ctx: PolicyParseContext, body: XContentValue): EvaluationMetric {
  return parseMetric(ctx, 'dcg', body, FIELDS, (args) =>
    expectedReciprocalRank(
      intArg(args, 'maximum_relevance', 0),
      optionalIntArg(args, 'unknown_doc_rating'),
      intArg(args, 'k', 10),
    ),
  )
}

function expectedReciprocalRank(
  maxRelevance: number,
  unknownDocRating: number | null,
  k: number,
): EvaluationMetric {
  const twoPowMaxRelevance = Math.pow(2, maxRelevance)
  return {
    forcedSearchSize: k,
    evaluate(id, hits, ratedDocs) {
      const ratedHits = joinHitsWithRatings(hits, ratedDocs).slice(0, k)
      let p = 1
      let err = 0
      ratedHits.forEach(({ rating }, i) => {
        const value = rating ?? unknownDocRating
        if (value === null) return
        const probR = (Math.pow(2, value) - 1) / twoPowMaxRelevance
        err = err + (p * probR) / (i + 1)
        p = p * (1 - probR)
      })
      const unrated = ratedHits.filter(({ rating }) => rating === null).length
      const details = { name: EXPECTED_RECIPROCAL_RANK, fields: [['unrated_docs', unrated]] as const }
      return { id, metricScore: err, ratedHits, details }
    },
  }
}
