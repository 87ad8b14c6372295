/**
 * When a shard copy flushes by itself, as ES 8 decides it: after each write request (IndexShard.afterWriteOperation
 * → InternalEngine.shouldPeriodicallyFlush) when the uncommitted translog reaches index.translog.flush_threshold_size
 * or the last flush is older than index.translog.flush_threshold_age; and once a copy had no write for
 * indices.memory.shard_inactive_time (IndexingMemoryController → IndexShard.flushOnIdle). Besides these, a copy
 * flushes on `_flush`, `_forcemerge?flush=true`, after a store recovery that replayed operations and after a peer
 * recovery. Playground values that differ from ES 8 are in docs/DEVIATIONS.md:
 * - flush_threshold_size: ES 10gb; here 64 MiB (browser storage is small, and replaying 64 MiB takes seconds);
 * - shard_inactive_time: ES 5m; here 5 s (a learner who bulk-loads documents and reloads the tab a little later
 *   finds them committed), checked when that time has passed since the last write.
 */
export const FLUSH_THRESHOLD_SIZE_BYTES = 64 * 1024 * 1024
export const FLUSH_THRESHOLD_AGE_MS = 60_000
export const SHARD_INACTIVE_TIME_MS = 5_000

/** InternalEngine.shouldPeriodicallyFlush: the translog since the last commit is too big or too old. */
export function shouldPeriodicallyFlush(uncommittedBytes: number, sinceCommitMs: number): boolean {
  return (
    uncommittedBytes >= FLUSH_THRESHOLD_SIZE_BYTES ||
    (uncommittedBytes > 0 && sinceCommitMs >= FLUSH_THRESHOLD_AGE_MS)
  )
}
