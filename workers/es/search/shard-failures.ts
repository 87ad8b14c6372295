/**
 * Shard failures of a search, rendered as ES 8 renders them (SearchPhaseExecutionException and
 * ShardSearchFailure, grouped by index and cause as ExceptionsHelper.groupBy does):
 * - every shard failed: {"error":{"root_cause":[<root cause of each group>],"type":"search_phase_execution_exception",
 *   "reason":"all shards failed","phase":"query" (or "dfs" when every shard failed its DFS phase, "fetch" when those
 *   left after the query phase failed their fetch),"grouped":true,"failed_shards":[{"shard":0,"index":"i",
 *   "node":"<node id>","reason":<cause>}],"caused_by":<guessed cause>},"status":<status>}. The status is the
 *   first failure's unless a later one is a 5xx (the last such). The guessed cause is the first group's root
 *   cause (AbstractSearchAsyncAction), dropped when it is that failure's own exception (deduplicateCause): an
 *   ElasticsearchException such as query_shard_exception gets no "caused_by" and is its own root cause, with
 *   its index metadata; a plain Java exception such as illegal_argument_exception is wrapped, so it appears
 *   twice in "caused_by"; a deeper ElasticsearchException cause appears once. A scroll's page gives its own cause
 *   (action/search-scroll-action.ts).
 * - some failed: the search answers, with `_shards.failed` and `_shards.failures` listing the groups; unless it does
 *   not allow partial results (`allow_partial_search_results`, search.default_allow_partial_results), when the first
 *   phase with a failure fails it (AbstractSearchAsyncAction.executeNextPhase): the same error with the reason
 *   "Partial shards failure", that phase, and no "caused_by" (its cause is null).
 * The phases are named as ES names them: `dfs`, `query`, `dfs_query` (the query phase after a DFS round: DfsQueryPhase)
 * and `fetch`; a search of one shard fetches in its query phase (SearchService's query-and-fetch), so its fetch
 * failures are `query`.
 */
import { EsException, exceptionFields, guessRootCauses } from '../errors/index.ts'
import type { JsonOut } from '../xcontent/index.ts'

/** SearchPhase.getName of the phases a shard can fail in. */
export type SearchPhaseName = 'dfs' | 'query' | 'dfs_query' | 'fetch'

export interface ShardFailure {
  /** null (with shard -1) for a failure without a shard target: a scroll's, which knows only the node and context. */
  index: string | null
  shard: number
  /** The id of the node the shard failed on; null when no copy could be reached. */
  node: string | null
  error: EsException
}

/** The first failure of each index and distinct cause, in the order the shards failed (ExceptionsHelper.groupBy). */
function distinctFailures(failures: readonly ShardFailure[]): ShardFailure[] {
  const seen = new Set<string>()
  return failures.filter(({ index, error }) => {
    const key = JSON.stringify([index, error.type, error.reason])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** One entry per index and distinct cause, in the order the shards failed. */
export function groupedFailures(failures: readonly ShardFailure[]): Map<string, JsonOut>[] {
  return distinctFailures(failures).map(
    ({ index, shard, node, error }) =>
      new Map<string, JsonOut>([
        ['shard', shard],
        ['index', index],
        // ShardSearchFailure writes the node only with a shard target.
        ...(index === null ? [] : [['node', node] as [string, JsonOut]]),
        ['reason', exceptionFields(error)],
      ]),
  )
}

/**
 * `cause`, when given, is the exception the failing phase passes instead of the guessed one (a scroll passes its
 * last shard's transport failure; null for none).
 */
export function allShardsFailed(
  failures: readonly ShardFailure[],
  cause?: EsException | null,
  phase: SearchPhaseName = 'query',
): EsException {
  const first = distinctFailures(failures)[0]!.error
  const guessed = cause === undefined ? guessedCause(first) : (cause ?? undefined)
  return searchPhaseExecutionException('all shards failed', phase, failures, guessed)
}

/**
 * AbstractSearchAsyncAction.executeNextPhase at the end of each phase, over a search of `total` shards whose
 * `failures` failed in `phases` (the same order): every shard failed is "all shards failed" in the phase the last
 * failed in; without partial results, the first phase with a failure fails the search there ("all shards failed" if
 * they all failed in it, else onPhaseFailure's "Partial shards failure" over its failures); null when it answers.
 */
export function searchPhaseFailure(
  total: number,
  failures: readonly ShardFailure[],
  phases: readonly SearchPhaseName[],
  allowPartialSearchResults: boolean,
): EsException | null {
  if (failures.length === 0) return null
  if (allowPartialSearchResults) {
    return failures.length === total ? allShardsFailed(failures, undefined, phases[phases.length - 1]) : null
  }
  const phase = phases[0]!
  const failed = failures.filter((_, i) => phases[i] === phase)
  if (failed.length === total) return allShardsFailed(failed, undefined, phase)
  return searchPhaseExecutionException('Partial shards failure', phase, failed, undefined)
}

/**
 * SearchPhaseExecutionException over shard failures: its root causes are theirs, its status the first failure's
 * unless a later one is a 5xx (the last such).
 */
function searchPhaseExecutionException(
  reason: string,
  phase: SearchPhaseName,
  failures: readonly ShardFailure[],
  cause: EsException | undefined,
): EsException {
  const groups = distinctFailures(failures).map((failure) => failure.error)
  const first = groups[0]!
  return new EsException({
    type: 'search_phase_execution_exception',
    reason,
    status: failures.reduce(
      (status, { error }) => (error.status >= 500 ? error.status : status),
      first.status,
    ),
    metadata: [
      ['phase', phase],
      ['grouped', true],
      ['failed_shards', groupedFailures(failures)],
    ],
    causedBy: cause,
    rootCausesFrom: groups,
  })
}

/** AbstractSearchAsyncAction's cause: the first group's root cause, less what deduplicateCause drops. */
function guessedCause(first: EsException): EsException | undefined {
  const root = guessRootCauses(first)[0]!
  if (!first.rootCause)
    return new EsException({ type: first.type, reason: first.reason, status: first.status, causedBy: first })
  return root === first ? undefined : root
}
