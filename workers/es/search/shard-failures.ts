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
 * - some failed: the search answers, with `_shards.failed` and `_shards.failures` listing the groups.
 */
import { EsException, exceptionFields, guessRootCauses } from '../errors/index.ts'
import type { JsonOut } from '../xcontent/index.ts'

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
  phase: 'query' | 'dfs' | 'fetch' = 'query',
): EsException {
  const groups = distinctFailures(failures).map((failure) => failure.error)
  const first = groups[0]!
  const guessed = cause === undefined ? guessedCause(first) : (cause ?? undefined)
  return new EsException({
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    status: failures.reduce(
      (status, { error }) => (error.status >= 500 ? error.status : status),
      first.status,
    ),
    metadata: [
      ['phase', phase],
      ['grouped', true],
      ['failed_shards', groupedFailures(failures)],
    ],
    causedBy: guessed,
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
