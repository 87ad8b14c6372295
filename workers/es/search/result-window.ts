/**
 * Two size checks of each shard's search, with its index's limits (index-limit-settings.ts):
 * - SearchService.parseSource's of `script_fields`: more than index.max_script_fields (unless size is 0);
 * - DefaultSearchContext.preProcess's window check: from + size past index.max_result_window, worded for a
 *   scroll's batch when the search scrolls.
 * Each is an IllegalArgumentException thrown on the shard, that shard's failure, so a search over shards answers
 * search_phase_execution_exception (and a search over no shard answers).
 */
import { illegalArgumentException } from '../errors/index.ts'

export function checkResultWindow(
  from: number,
  size: number,
  scroll: boolean,
  maxResultWindow: number,
): void {
  const window = from + size
  if (window <= maxResultWindow) return
  const prefix = `size must be less than or equal to: [${maxResultWindow}] but was [${window}].`
  throw illegalArgumentException(
    scroll
      ? `Batch size is too large, ${prefix} Scroll batch sizes cost as much memory as result windows so they are ` +
          'controlled by the [index.max_result_window] index level setting.'
      : `Result window is too large, from + ${prefix} See the scroll api for a more efficient way to request large ` +
          'data sets. This limit can be set by changing the [index.max_result_window] index level setting.',
  )
}

export function checkScriptFields(count: number, size: number, maxScriptFields: number): void {
  if (size === 0 || count <= maxScriptFields) return
  throw illegalArgumentException(
    `Trying to retrieve too many script_fields. Must be less than or equal to: [${maxScriptFields}] but was ` +
      `[${count}]. This limit can be set by changing the [index.max_script_fields] index level setting.`,
  )
}
