/**
 * The `dcg` metric (DiscountedCumulativeGain, ES 8): the sum over the top k hits (`k`, default 10, the search's
 * size) of (2^rating - 1) / (ln(rank + 1) / ln 2), rank 1-based; an unrated hit counts as `unknown_doc_rating` when
 * one is given, else adds nothing but keeps its rank. With `normalize` (default false) the score is dcg divided by
 * the ideal dcg (the rated documents' ratings in descending order, as many as there were hits), 0 when that is 0.
 * The details are `{"dcg": {"dcg", ["ideal_dcg", "normalized_dcg",] "unrated_docs"}}`, the ideal ones only when
 * the ideal dcg is not 0. Doubles throughout, in Java's order of operations, with HotSpot's Math.log
 * (common/java-math.ts).
 */
import { JavaDouble, type JsonOut, type XContentValue } from '../xcontent/index.ts'
import type { PolicyParseContext } from '../ilm/policy-parse-context.ts'
import { javaMathLog } from '../common/java-math.ts'
import { joinHitsWithRatings, type EvaluationMetric } from './evaluation-metric.ts'
import { booleanArg, intArg, optionalIntArg, parseMetric } from './metric-parser.ts'

export const DCG = 'dcg'

const FIELDS = [
  { name: 'normalize', kind: 'boolean' },
  { name: 'unknown_doc_rating', kind: 'int' },
  { name: 'k', kind: 'int' },
] as const

const LOG2 = javaMathLog(2)

export function parseDiscountedCumulativeGain(
  ctx: PolicyParseContext,
  body: XContentValue,
): EvaluationMetric {
  return parseMetric(ctx, DCG, body, FIELDS, (args) =>
    discountedCumulativeGain(
      booleanArg(args, 'normalize', false),
      optionalIntArg(args, 'unknown_doc_rating'),
      intArg(args, 'k', 10),
    ),
  )
}

/** computeDCG: each rating (null: no gain, rank kept) discounted by log2 of its rank + 1. */
export function computeDcg(ratings: ReadonlyArray<number | null>): number {
  let dcg = 0
  ratings.forEach((rating, i) => {
    if (rating !== null) dcg += (Math.pow(2, rating) - 1) / (javaMathLog(i + 2) / LOG2)
  })
  return dcg
}

function discountedCumulativeGain(
  normalize: boolean,
  unknownDocRating: number | null,
  k: number,
): EvaluationMetric {
  return {
    forcedSearchSize: k,
    evaluate(id, hits, ratedDocs) {
      const ratedHits = joinHitsWithRatings(hits, ratedDocs)
      const ratings = ratedHits.map(({ rating }) => rating ?? unknownDocRating)
      const unrated = ratedHits.filter(({ rating }) => rating === null).length
      const dcg = computeDcg(ratings)
      let result = dcg
      let idcg = 0
      if (normalize) {
        const all = ratedDocs.map(({ rating }) => rating).sort((a, b) => b - a)
        idcg = computeDcg(all.slice(0, Math.min(ratings.length, all.length)))
        result = idcg !== 0 ? dcg / idcg : 0
      }
      const fields: Array<readonly [string, JsonOut]> = [['dcg', new JavaDouble(dcg)]]
      if (idcg !== 0)
        fields.push(['ideal_dcg', new JavaDouble(idcg)], ['normalized_dcg', new JavaDouble(dcg / idcg)])
      fields.push(['unrated_docs', unrated])
      return { id, metricScore: result, ratedHits, details: { name: DCG, fields } }
    },
  }
}
