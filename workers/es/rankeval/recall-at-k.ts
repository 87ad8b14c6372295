/**
 * The `recall` metric (RecallAtK, ES 8): of the rated documents rated at least `relevant_rating_threshold`
 * (default 1), the share found among the top k hits (`k`, default 10, the search's size). The score is
 * relevant retrieved / relevant as a double, 0.0 without relevant documents; the details are
 * `{"recall": {"relevant_docs_retrieved", "relevant_docs"}}`.
 */
import type { XContentValue } from '../xcontent/index.ts'
import type { PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { joinHitsWithRatings, type EvaluationMetric } from './evaluation-metric.ts'
import { parseThresholdAndK } from './metric-parser.ts'

export const RECALL = 'recall'

export function parseRecallAtK(ctx: PolicyParseContext, body: XContentValue): EvaluationMetric {
  return parseThresholdAndK(ctx, RECALL, body, recallAtK)
}

function recallAtK(threshold: number, k: number): EvaluationMetric {
  return {
    forcedSearchSize: k,
    evaluate(id, hits, ratedDocs) {
      const ratedHits = joinHitsWithRatings(hits, ratedDocs)
      const relevantRetrieved = ratedHits.filter(
        ({ rating }) => rating !== null && rating >= threshold,
      ).length
      const relevant = ratedDocs.filter(({ rating }) => rating >= threshold).length
      const recall = relevant > 0 ? relevantRetrieved / relevant : 0
      const fields = [
        ['relevant_docs_retrieved', relevantRetrieved],
        ['relevant_docs', relevant],
      ] as const
      return { id, metricScore: recall, ratedHits, details: { name: RECALL, fields } }
    },
  }
}
