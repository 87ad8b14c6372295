// The exceptions ES 8.17 throws while a function_score scores, through _search (every shard fails: a
// search_phase_execution_exception with the shard's cause as root cause, status of the cause):
// FieldValueFactorFunction's `Missing value for field [f]` (ElasticsearchException: `exception`, 500) and its
// negative-result IllegalArgumentException (400, with the ln/log hint), FunctionFactorScorer's `function score
// query returned an invalid score: <float> for doc: <leaf doc>` (500). A function_score weighed without scores
// (a filter) never runs its functions, so it raises nothing.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

async function items(): Promise<{ cluster: TestCluster; node: string }> {
  const { cluster, ids } = await clusterWithIndex(1, {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      properties: { name: { type: 'keyword' }, qty: { type: 'integer' }, rank: { type: 'double' } },
    },
  })
  await cluster.json(1, 'PUT', '/idx/_doc/1', { name: 'a', qty: 10, rank: 0.5 })
  await cluster.json(1, 'PUT', '/idx/_doc/2', { name: 'b', qty: -100 })
  await cluster.json(1, 'PUT', '/idx/_doc/3?refresh', { name: 'c', qty: 3, rank: 2 })
  return { cluster, node: ids.get('es-node-1')! }
}

function functionScore(fieldValueFactor: object, extra: object = {}): object {
  return {
    query: { function_score: { query: { match_all: {} }, field_value_factor: fieldValueFactor, ...extra } },
  }
}

/**
 * A search whose only shard failed with `cause`. A plain Java exception (illegal_argument_exception) is
 * wrapped as the guessed cause, so it appears twice in `caused_by`; an ElasticsearchException (`exception`)
 * is the shard failure's own cause, which ES does not repeat.
 */
function allShardsFailed(node: string, cause: { type: string; reason: string }, status: number): object {
  const javaException = cause.type !== 'exception'
  return {
    error: {
      root_cause: [cause],
      type: 'search_phase_execution_exception',
      reason: 'all shards failed',
      phase: 'query',
      grouped: true,
      failed_shards: [{ shard: 0, index: 'idx', node, reason: cause }],
      ...(javaException ? { caused_by: { ...cause, caused_by: cause } } : {}),
    },
    status,
  }
}

async function expectSearchFailure(body: object, cause: { type: string; reason: string }, status: number) {
  const { cluster, node } = await items()
  const answer = await cluster.send(1, 'GET', '/idx/_search', body)
  expect(answer.status).toBe(status)
  expect(JSON.parse(answer.body)).toEqual(allShardsFailed(node, cause, status))
}

describe('function_score scoring errors', () => {
  it('fails with Missing value for field [x] without `missing`', async () => {
    await expectSearchFailure(
      functionScore({ field: 'rank' }),
      { type: 'exception', reason: 'Missing value for field [rank]' },
      500,
    )
  })

  it('fails when a modifier gives a negative value, with the hint for log and ln', async () => {
    await expectSearchFailure(
      functionScore({ field: 'rank', modifier: 'log', missing: 1 }),
      {
        type: 'illegal_argument_exception',
        reason:
          'field value function must not produce negative scores, but got: [-0.3010299956639812] for field value: ' +
          '[0.5]; consider using log1p or log2p instead of log to avoid negative scores',
      },
      400,
    )
    await expectSearchFailure(
      functionScore({ field: 'qty', modifier: 'none' }),
      {
        type: 'illegal_argument_exception',
        reason:
          'field value function must not produce negative scores, but got: [-100.0] for field value: [-100.0]',
      },
      400,
    )
  })

  it('fails when the combined score is NaN or negative', async () => {
    // ln1p of -120 is NaN: no function error, but the combined score is invalid (document 2, leaf doc 1).
    await expectSearchFailure(
      functionScore({ field: 'qty', modifier: 'ln1p', factor: 1.2 }),
      { type: 'exception', reason: 'function score query returned an invalid score: NaN for doc: 1' },
      500,
    )
  })

  it('fails a _count whose function_score has min_score: MinScoreScorer scores every match', async () => {
    const { cluster, node } = await items()
    const answer = await cluster.send(
      1,
      'GET',
      '/idx/_count',
      functionScore({ field: 'rank' }, { min_score: 0 }),
    )
    const cause = { type: 'exception', reason: 'Missing value for field [rank]' }
    expect([answer.status, JSON.parse(answer.body)]).toEqual([500, allShardsFailed(node, cause, 500)])
  })

  it('scores normally with `missing`, and raises nothing in a filter context', async () => {
    const { cluster } = await items()
    const ok = (await cluster.json(1, 'GET', '/idx/_search', {
      ...functionScore({ field: 'rank', missing: 1 }),
      _source: false,
    })) as { hits: { hits: Array<{ _id: string; _score: number }> } }
    expect(ok.hits.hits.map((h) => [h._id, h._score])).toEqual([
      ['3', 2],
      ['2', 1],
      ['1', 0.5],
    ])
    const filtered = (await cluster.json(1, 'GET', '/idx/_search', {
      query: { bool: { filter: functionScore({ field: 'rank' })['query' as keyof object] } },
    })) as { hits: { total: { value: number } } }
    expect(filtered.hits.total.value).toBe(3)
    const count = (await cluster.json(1, 'GET', '/idx/_count', functionScore({ field: 'rank' }))) as {
      count: number
    }
    expect(count.count).toBe(3)
  })
})
