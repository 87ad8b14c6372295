/**
 * The `precision` metric (PrecisionAtK, ES 8): of the top k hits (`k`, default 10, the search's size), the share
 * rated at least `relevant_rating_threshold` (default 1); unrated hits count as retrieved unless
 * `ignore_unlabeled` (default false). The score is relevant / retrieved as a double, 0.0 when nothing was
 * retrieved; the details are `{"precision": {"relevant_docs_retrieved", "docs_retrieved"}}`.
 */
import type { XContentValue } from '../xcontent/index.ts'
import type { PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { joinHitsWithRatings, type EvaluationMetric } from './evaluation-metric.ts'
import { booleanArg, checkThresholdAndK, intArg, parseMetric } from './metric-parser.ts'

export const PRECISION = 'precision'

const FIELDS = [
  { name: 'relevant_rating_threshold', kind: 'int' },
  { name: 'ignore_unlabeled', kind: 'boolean' },
  { name: 'k', kind: 'int' },
] as const

export function parsePrecisionAtK(ctx: PolicyParseContext, body: XContentValue): EvaluationMetric {
  return parseMetric(ctx, PRECISION, body, FIELDS, (args) => {
    const threshold = intArg(args, 'relevant_rating_threshold', 1)
    const k = intArg(args, 'k', 10)
    checkThresholdAndK(threshold, k)
    return precisionAtK(threshold, booleanArg(args, 'ignore_unlabeled', false), k)
  })
}

function precisionAtK(threshold: number, ignoreUnlabeled: boolean, k: number): EvaluationMetric {
  return {
    forcedSearchSize: k,
    evaluate(id, hits, ratedDocs) {
      const ratedHits = joinHitsWithRatings(hits, ratedDocs)
      let relevantRetrieved = 0
      let retrieved = 0
      for (const { rating } of ratedHits) {
        if (rating !== null) {
          retrieved++
          if (rating >= threshold) relevantRetrieved++
        } else if (!ignoreUnlabeled) retrieved++
      }
      const precision = retrieved > 0 ? relevantRetrieved / retrieved : 0
      const fields = [
        ['relevant_docs_retrieved', relevantRetrieved],
        ['docs_retrieved', retrieved],
      ] as const
      return { id, metricScore: precision, ratedHits, details: { name: PRECISION, fields } }
    },
  }
}
