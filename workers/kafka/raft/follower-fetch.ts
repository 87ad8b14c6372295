/**
 * The follower's and observer's side of a Fetch (KafkaRaftClient.buildFetchRequest and
 * handleFetchResponse): the request names the log end, the epoch of its last batch and the high watermark
 * the replica knows; a successful answer either truncates the log to where it diverges from the leader's, or
 * appends the leader's batches that follow the log end, in one Storage write.
 *
 * Invariant: a follower never truncates below the high watermark it already knows (that would lose a
 * committed record); doing so throws.
 */
import type { RaftLog } from './raft-log.ts'
import type { FetchRequest, FetchResponse } from './raft-messages.ts'

export function buildFetchRequest<R>(
  replicaId: number,
  epoch: number,
  log: RaftLog<R>,
  highWatermark: number,
  maxWaitMs: number,
): FetchRequest {
  return {
    api: 'Fetch',
    replicaId,
    currentLeaderEpoch: epoch,
    fetchOffset: log.endOffset(),
    lastFetchedEpoch: log.lastEpoch(),
    highWatermark,
    maxWaitMs,
  }
}

/** Applies a NONE answer to the log; resolves with the high watermark it may now know, or -1. */
export async function applyFetchResponse<R>(
  log: RaftLog<R>,
  response: FetchResponse<R>,
  committedEnd: number,
): Promise<number> {
  if (response.divergingEpoch) {
    const { epoch, endOffset } = response.divergingEpoch
    const truncateTo = log.truncationOffsetFor({ epoch, offset: endOffset })
    if (truncateTo < committedEnd) {
      throw new Error(
        `truncating to ${truncateTo} would lose records below the high watermark ${committedEnd}`,
      )
    }
    await log.write([], truncateTo)
    return -1
  }
  const first = response.batches[0]
  if (first && first.baseOffset === log.endOffset()) await log.write(response.batches)
  return response.highWatermark >= 0 ? Math.min(response.highWatermark, log.durableEndOffset()) : -1
}
