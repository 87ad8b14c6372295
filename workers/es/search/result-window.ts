/**
 * DefaultSearchContext.preProcess's window check on each shard: from + size past index.max_result_window (its
 * default 10,000 here; the setting is not read) is IllegalArgumentException, worded for a scroll's batch when the
 * search scrolls. Thrown on the shard, it is that shard's failure, so a search over shards answers
 * search_phase_execution_exception (and a search over no shard answers).
 */
import { illegalArgumentException } from '../errors/index.ts'

const MAX_RESULT_WINDOW = 10_000

export function checkResultWindow(from: number, size: number, scroll: boolean): void {
  const window = from + size
  if (window <= MAX_RESULT_WINDOW) return
  const prefix = `size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${window}].`
  throw illegalArgumentException(
    scroll
      ? `Batch size is too large, ${prefix} Scroll batch sizes cost as much memory as result windows so they are ` +
          'controlled by the [index.max_result_window] index level setting.'
      : `Result window is too large, from + ${prefix} See the scroll api for a more efficient way to request large ` +
          'data sets. This limit can be set by changing the [index.max_result_window] index level setting.',
  )
}
