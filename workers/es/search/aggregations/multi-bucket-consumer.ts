/**
 * MultiBucketConsumerService: `search.max_buckets` (65,536 by default) bounds the buckets of the final
 * reduced response, counted over every multi-bucket aggregation at every level. Crossing it fails the
 * search with TooManyBucketsException inside a SearchPhaseExecutionException, as ES 8 renders it:
 *   {"error":{"root_cause":[],"type":"search_phase_execution_exception","reason":"","phase":"rank-feature",
 *    "grouped":true,"failed_shards":[],"caused_by":{"type":"too_many_buckets_exception","reason":"Trying to
 *    create too many buckets. Must be less than or equal to: [65536] but this number of buckets was
 *    exceeded. This limit can be set by changing the [search.max_buckets] cluster level setting.",
 *    "max_buckets":65536}},"status":400}
 */
import { EsException } from '../../errors/index.ts'

export const DEFAULT_MAX_BUCKETS = 65_536

export class MultiBucketConsumer {
  private count = 0

  constructor(readonly limit = DEFAULT_MAX_BUCKETS) {}

  accept(buckets: number): void {
    if (buckets === 0) return
    this.count += buckets
    if (this.count > this.limit) throw tooManyBucketsException(this.limit)
  }
}

export function tooManyBucketsException(limit: number): EsException {
  const cause = new EsException({
    type: 'too_many_buckets_exception',
    reason:
      `Trying to create too many buckets. Must be less than or equal to: [${limit}] but this number of ` +
      'buckets was exceeded. This limit can be set by changing the [search.max_buckets] cluster level setting.',
    status: 400,
    metadata: [['max_buckets', limit]],
  })
  // The root_cause list of a SearchPhaseExecutionException without shard failures is empty in ES; the
  // EsException renderer reports the deepest cause instead (see the report to the lead).
  return new EsException({
    type: 'search_phase_execution_exception',
    reason: '',
    status: 400,
    metadata: [
      ['phase', 'rank-feature'],
      ['grouped', true],
      ['failed_shards', []],
    ],
    causedBy: cause,
  })
}
