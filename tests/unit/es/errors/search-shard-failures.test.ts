// SearchPhaseExecutionException as ES 8 renders "all shards failed": root causes from every group of shard
// failures (its guessRootCauses override), the guessed cause (the first group's root cause) dropped when it is
// that failure's own exception (deduplicateCause), and the status of the first failure unless a later one is
// a 5xx.
import { describe, expect, it } from 'vitest'
import { EsException, errorResponseBody } from '../../../../workers/es/errors/index.ts'
import { allShardsFailed, type ShardFailure } from '../../../../workers/es/search/shard-failures.ts'

const queryShard = (index: string, reason: string): EsException =>
  new EsException({
    type: 'query_shard_exception',
    reason: `failed to create query: ${reason}`,
    status: 400,
    metadata: [
      ['index_uuid', `${index}-uuid`],
      ['index', index],
    ],
    causedBy: new EsException({ type: 'number_format_exception', reason, status: 400, rootCause: false }),
  })

const failure = (index: string, shard: number, error: EsException): ShardFailure => ({
  index,
  shard,
  node: 'n1',
  error,
})

function body(failures: ShardFailure[]): { status: number; error: Record<string, unknown> } {
  return JSON.parse(errorResponseBody(allShardsFailed(failures))) as {
    status: number
    error: Record<string, unknown>
  }
}

describe('all shards failed', () => {
  it('lists one root cause per index and distinct cause, with each one index metadata', () => {
    const a = queryShard('a', 'For input string: "x"')
    const out = body([
      failure('a', 0, a),
      failure('a', 1, a),
      failure('b', 0, queryShard('b', 'empty String')),
    ])
    expect(out.error['root_cause']).toEqual([
      {
        type: 'query_shard_exception',
        reason: 'failed to create query: For input string: "x"',
        index_uuid: 'a-uuid',
        index: 'a',
      },
      {
        type: 'query_shard_exception',
        reason: 'failed to create query: empty String',
        index_uuid: 'b-uuid',
        index: 'b',
      },
    ])
    expect((out.error['failed_shards'] as unknown[]).length).toBe(2)
    // The guessed cause is the first failure's own exception: not repeated as caused_by.
    expect(out.error).not.toHaveProperty('caused_by')
    expect(out.status).toBe(400)
  })

  it('wraps a plain Java cause, so it appears twice, and names a deeper ElasticsearchException once', () => {
    const iae = new EsException({
      type: 'illegal_argument_exception',
      reason: 'bad',
      status: 400,
      rootCause: false,
    })
    expect(body([failure('a', 0, iae)]).error['caused_by']).toEqual({
      type: 'illegal_argument_exception',
      reason: 'bad',
      caused_by: { type: 'illegal_argument_exception', reason: 'bad' },
    })
    const parse = new EsException({ type: 'parse_exception', reason: 'p', status: 400, causedBy: iae })
    const wrapped = new EsException({
      type: 'query_shard_exception',
      reason: 'q',
      status: 400,
      causedBy: parse,
    })
    const out = body([failure('a', 0, wrapped)])
    expect(out.error['root_cause']).toEqual([{ type: 'parse_exception', reason: 'p' }])
    expect(out.error['caused_by']).toEqual({
      type: 'parse_exception',
      reason: 'p',
      caused_by: { type: 'illegal_argument_exception', reason: 'bad' },
    })
  })

  it('answers the status of the first failure unless a later one is a server error', () => {
    const server = new EsException({ type: 'exception', reason: 'boom', status: 500 })
    expect(body([failure('a', 0, queryShard('a', 'x')), failure('a', 1, server)]).status).toBe(500)
    expect(body([failure('a', 0, server), failure('a', 1, queryShard('a', 'x'))]).status).toBe(500)
    expect(body([failure('a', 0, queryShard('a', 'x'))]).status).toBe(400)
  })
})
