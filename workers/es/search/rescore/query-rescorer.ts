/**
 * QueryRescorer on a shard, as ES 8 runs it after the query phase (RescorePhase): the shard collects the top
 * max(from + size, window_size) documents by score; each rescorer in turn takes the first window_size of them, scores
 * each again with its rescore query (a document it matches: `score_mode` combining score x query_weight and the
 * rescore score x rescore_query_weight; otherwise score x query_weight, all in float arithmetic), sorts them by the
 * new score (ties by doc id), and multiplies the scores of the documents beyond the window by query_weight, sorting
 * everything again when there are any. max_score becomes the best rescored score. Checks (each an
 * IllegalArgumentException of the shard): a search sorted by fields cannot rescore, nor can a window beyond
 * the index's index.max_rescore_window.
 */
import type { IndexQuery, ScoreDoc } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { QueryRescoreMode, QueryRescorerBuilder } from './rescorer-builder.ts'

/** A rescorer with its query built for one index. */
export interface QueryRescorer extends Omit<QueryRescorerBuilder, 'query'> {
  query: IndexQuery
}

const COMBINE: Readonly<Record<QueryRescoreMode, (primary: number, secondary: number) => number>> = {
  total: (a, b) => Math.fround(a + b),
  multiply: (a, b) => Math.fround(a * b),
  avg: (a, b) => Math.fround(Math.fround(a + b) / 2),
  max: (a, b) => Math.max(a, b),
  min: (a, b) => Math.min(a, b),
}

/** DefaultSearchContext.preProcess's checks of the rescorers. */
export function checkRescorers(
  rescorers: readonly QueryRescorerBuilder[],
  sortedByScore: boolean,
  maxRescoreWindow: number,
): void {
  if (rescorers.length === 0) return
  if (!sortedByScore)
    throw illegalArgumentException('Cannot use [sort] option in conjunction with [rescore].')
  for (const { windowSize } of rescorers) {
    if (windowSize > maxRescoreWindow)
      throw illegalArgumentException(
        `Rescore window [${windowSize}] is too large. It must be less than [${maxRescoreWindow}]. This prevents ` +
          'allocating massive heaps for storing the results to be rescored. This limit can be set by changing the ' +
          '[index.max_rescore_window] index level setting.',
      )
  }
}

/** How many top documents the shard collects for the rescorers (at least from + size). */
export function rescoreDepth(rescorers: readonly QueryRescorerBuilder[], k: number): number {
  return rescorers.reduce((depth, { windowSize }) => Math.max(depth, windowSize), k)
}

const byScore = (a: ScoreDoc, b: ScoreDoc) => b.score - a.score || a.docId - b.docId

/**
 * The collected top documents (best first) rescored by each rescorer in turn; `secondPass` answers a rescore
 * query's score of each document it matches.
 */
export function rescore(
  docs: readonly ScoreDoc[],
  rescorers: readonly QueryRescorer[],
  secondPass: (query: IndexQuery) => ReadonlyMap<number, number>,
): ScoreDoc[] {
  let out = docs.map((doc) => ({ ...doc }))
  for (const { windowSize, query, queryWeight, rescoreQueryWeight, scoreMode } of rescorers) {
    const scores = secondPass(query)
    const window = out.slice(0, windowSize).map(({ docId, score }) => {
      const primary = Math.fround(score * queryWeight)
      const secondary = scores.get(docId)
      return {
        docId,
        score:
          secondary === undefined
            ? primary
            : COMBINE[scoreMode](primary, Math.fround(secondary * rescoreQueryWeight)),
      }
    })
    window.sort(byScore)
    const rest = out
      .slice(windowSize)
      .map(({ docId, score }) => ({ docId, score: Math.fround(score * queryWeight) }))
    out = [...window, ...rest]
    if (rest.length > 0) out.sort(byScore)
  }
  return out
}
