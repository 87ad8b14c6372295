/**
 * The ranking evaluation's shared model (ES 8's modules/rank-eval: EvaluationMetric, RatedDocument, RatedSearchHit,
 * EvalQueryQuality, MetricDetail):
 * - a rated document is an `_index`/`_id` key with an int rating; a search hit is joined with the rating of the
 *   rated document of its key (joinHitsWithRatings), or none;
 * - a metric evaluates one rated request's hits into an EvalQueryQuality (its score, the rated hits, its
 *   `metric_details`), and combines the scores of all requests into the overall score: their average, summed as
 *   Java's DoubleStream.sum sums (Kahan compensation, JDK 18+'s final sum) and divided by their count;
 * - a metric may force the search's size (`k`), which every metric here does.
 * Scores are Java doubles; the arithmetic is JavaScript's, which is IEEE 754 double as Java's is.
 */
import type { JsonOut } from '../xcontent/index.ts'

export interface RatedDocument {
  readonly index: string
  readonly id: string
  readonly rating: number
}

/** A search hit as the search response wrote it, with the key it is rated by. */
export interface SearchHitJson {
  readonly index: string
  readonly id: string
  readonly json: JsonOut
}

export interface RatedSearchHit {
  readonly hit: SearchHitJson
  /** The rating of the hit's rated document; null when the hit is not rated. */
  readonly rating: number | null
}

/** A metric's `metric_details`: `{<name>: {fields}}` (MetricDetail.toXContent). */
export interface MetricDetail {
  readonly name: string
  readonly fields: ReadonlyArray<readonly [string, JsonOut]>
}

export interface EvalQueryQuality {
  readonly id: string
  readonly metricScore: number
  readonly ratedHits: readonly RatedSearchHit[]
  readonly details: MetricDetail
}

export interface EvaluationMetric {
  /** The search size the metric sets on each rated request's search (forcedSearchSize). */
  readonly forcedSearchSize: number
  evaluate(id: string, hits: readonly SearchHitJson[], ratedDocs: readonly RatedDocument[]): EvalQueryQuality
}

const documentKey = (index: string, id: string): string => JSON.stringify([index, id])

/** EvaluationMetric.joinHitsWithRatings: each hit with its rated document's rating, in hit order. */
export function joinHitsWithRatings(
  hits: readonly SearchHitJson[],
  ratedDocs: readonly RatedDocument[],
): RatedSearchHit[] {
  const ratings = new Map(ratedDocs.map((doc) => [documentKey(doc.index, doc.id), doc.rating]))
  return hits.map((hit) => ({ hit, rating: ratings.get(documentKey(hit.index, hit.id)) ?? null }))
}

/** EvaluationMetric.filterUnratedDocuments: the keys of the hits without a rating. */
export function unratedDocuments(ratedHits: readonly RatedSearchHit[]): SearchHitJson[] {
  return ratedHits.filter((hit) => hit.rating === null).map((hit) => hit.hit)
}

/** EvaluationMetric.combine: the average of the partial scores (NaN without any, as Java's 0.0 / 0 is). */
export function combine(partialResults: readonly EvalQueryQuality[]): number {
  return javaDoubleSum(partialResults.map((result) => result.metricScore)) / partialResults.length
}

/**
 * DoubleStream.sum: Kahan summation (Collectors.sumWithCompensation) with the plain sum kept aside, finished as
 * Collectors.computeFinalSum does (the compensated sum, or the plain one when that is NaN and the plain is infinite).
 */
export function javaDoubleSum(values: readonly number[]): number {
  let sum = 0
  let compensation = 0
  let simpleSum = 0
  for (const value of values) {
    const tmp = value - compensation
    const velvel = sum + tmp
    compensation = velvel - sum - tmp
    sum = velvel
    simpleSum += value
  }
  const total = sum - compensation
  return Number.isNaN(total) && !Number.isFinite(simpleSum) && !Number.isNaN(simpleSum) ? simpleSum : total
}
