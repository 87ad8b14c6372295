/**
 * Shard failures of a search, rendered as ES 8 renders them (SearchPhaseExecutionException and
 * ShardSearchFailure, grouped by index and cause as ExceptionsHelper.groupBy does):
 * - every shard failed: status of the first failure, and
 *   {"error":{"root_cause":[<cause>],"type":"search_phase_execution_exception","reason":"all shards failed",
 *   "phase":"query","grouped":true,"failed_shards":[{"shard":0,"index":"i","node":"<node id>",
 *   "reason":<cause>}],"caused_by":<cause with itself as caused_by>},"status":400}
 *   (the cause appears twice in `caused_by`, as 8.x responses show it);
 * - some failed: the search answers, with `_shards.failed` and `_shards.failures` listing the groups.
 */
import { EsException, exceptionFields } from '../errors/index.ts'
import type { JsonOut } from '../xcontent/index.ts'

export interface ShardFailure {
  index: string
  shard: number
  /** The id of the node the shard failed on; null when no copy could be reached. */
  node: string | null
  error: EsException
}

/** One entry per index and distinct cause, in the order the shards failed. */
export function groupedFailures(failures: readonly ShardFailure[]): Map<string, JsonOut>[] {
  const seen = new Set<string>()
  const out: Map<string, JsonOut>[] = []
  for (const { index, shard, node, error } of failures) {
    const key = JSON.stringify([index, error.type, error.reason])
    if (seen.has(key)) continue
    seen.add(key)
    out.push(
      new Map<string, JsonOut>([
        ['shard', shard],
        ['index', index],
        ['node', node],
        ['reason', exceptionFields(error)],
      ]),
    )
  }
  return out
}

export function allShardsFailed(failures: readonly ShardFailure[]): EsException {
  const first = failures[0]!.error
  const asRoot = (causedBy?: EsException): EsException =>
    new EsException({ type: first.type, reason: first.reason, status: first.status, causedBy })
  return new EsException({
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    status: first.status,
    metadata: [
      ['phase', 'query'],
      ['grouped', true],
      ['failed_shards', groupedFailures(failures)],
    ],
    causedBy: asRoot(asRoot()),
  })
}
