/**
 * The `recall` metric (RecallAtK, ES 8): of the rated documents rated at least `relevant_rating_threshold`
 * (default 1), the share found among the top k hits (`k`, default 10, the search's size). The score is
 * relevant retrieved / relevant as a double, 0.0 without relevant documents; the details are
 * `{"recall": {"relevant_docs_retrieved", "relevant_docs"}}`.
 */
import type { XContentValue } from '../xcontent/index.ts'
import type { PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { joinHitsWithRatings, type EvaluationMetric } from './evaluation-metric.ts'
import { checkThresholdAndK, intArg, parseMetric } from './metric-parser.ts'

export const RECALL = 'recall'

const FIELDS = [
  { name: 'relevant_rating_threshold', kind: 'int' },
  { name: 'k', kind: 'int' },
] as const

export function parseRecallAtK(ctx: PolicyParseContext, body: XContentValue): EvaluationMetric {
  return parseMetric(ctx, RECALL, body, FIELDS, (args) => {
    const threshold = intArg(args, 'relevant_rating_threshold', 1)
    const k = intArg(args, 'k', 10)
    checkThresholdAndK(threshold, k)
    return recallAtK(threshold, k)
  })
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
