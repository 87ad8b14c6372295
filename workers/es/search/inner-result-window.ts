/**
 * InnerHitContextBuilder.build's window check on each shard: a nested query's `inner_hits` whose from + size is
 * past the shard's index's index.max_inner_result_window (index-limit-settings.ts) is IllegalArgumentException,
 * that shard's failure. (top_hits checks the same setting when the shard builds it: aggregations/metrics/top-hits.ts.)
 */
import { illegalArgumentException } from '../errors/index.ts'

export function checkInnerHitsWindow(
  innerHits: ReadonlyArray<{ readonly name: string; readonly from: number; readonly size: number }>,
  maxInnerResultWindow: number,
): void {
  for (const { name, from, size } of innerHits) {
    if (from + size <= maxInnerResultWindow) continue
    throw illegalArgumentException(
      `Inner result window is too large, the inner hit definition's [${name}]'s from + size must be less than or ` +
        `equal to: [${maxInnerResultWindow}] but was [${from + size}]. This limit can be set by changing the ` +
        '[index.max_inner_result_window] index level setting.',
    )
  }
}
