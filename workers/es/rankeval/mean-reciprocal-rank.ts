/**
 * The `mean_reciprocal_rank` metric (MeanReciprocalRank, ES 8; its parser is named `reciprocal_rank`): the
 * reciprocal of the rank (1-based) of the first hit rated at least `relevant_rating_threshold` (default 1) among
 * the top k (`k`, default 10, the search's size), 0 without one; the details are
 * `{"mean_reciprocal_rank": {"first_relevant": rank or -1}}`.
 */
import type { XContentValue } from '../xcontent/index.ts'
import type { PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { joinHitsWithRatings, type EvaluationMetric } from './evaluation-metric.ts'
import { parseThresholdAndK } from './metric-parser.ts'

export const MEAN_RECIPROCAL_RANK = 'mean_reciprocal_rank'

export function parseMeanReciprocalRank(ctx: PolicyParseContext, body: XContentValue): EvaluationMetric {
  return parseThresholdAndK(ctx, 'reciprocal_rank', body, meanReciprocalRank)
}

function meanReciprocalRank(threshold: number, k: number): EvaluationMetric {
  return {
    forcedSearchSize: k,
    evaluate(id, hits, ratedDocs) {
      const ratedHits = joinHitsWithRatings(hits, ratedDocs)
      const index = ratedHits.findIndex(({ rating }) => rating !== null && rating >= threshold)
      const firstRelevant = index < 0 ? -1 : index + 1
      const reciprocalRank = firstRelevant === -1 ? 0 : 1 / firstRelevant
      const details = { name: MEAN_RECIPROCAL_RANK, fields: [['first_relevant', firstRelevant]] as const }
      return { id, metricScore: reciprocalRank, ratedHits, details }
    },
  }
}
