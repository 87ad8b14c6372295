// RestCountAction's URL parameters: `min_score` (paramAsFloat, -1 for none) counts only the matches scoring at
// least that much; `terminate_after` other than 0 puts `terminated_early` before `count`, each shard counting at
// most that many matches. A value that is not a float is paramAsFloat's illegal_argument_exception, caused by
// Float.parseFloat's number_format_exception.
import { describe, it } from 'vitest'
import { clusterWithIndex, expectBody } from '../cluster-admin/cluster-admin-fixture.ts'

const shards = { total: 1, successful: 1, skipped: 0, failed: 0 }

async function indexed() {
  const { cluster } = await clusterWithIndex(1, { settings: { number_of_shards: 1 } })
  await cluster.json(1, 'PUT', '/idx/_doc/1', { field: 'foo bar' })
  await cluster.json(1, 'PUT', '/idx/_doc/2?refresh=true', { field: 'foo bar bar bar bar' })
  return cluster
}

describe('_count parameters', () => {
  // each request's query string and the count answer it gets
  async function expectCounts(cases: ReadonlyArray<[string, object]>): Promise<void> {
    const cluster = await indexed()
    for (const [query, body] of cases)
      await expectBody(cluster, 'GET', `/idx/_count?${query}`, undefined, 200, { ...body, _shards: shards })
  }

  it('min_score keeps the matches that score at least that much', async () => {
    // scores: 0.2245 for the short document, 0.1428 for the long one
    await expectCounts([
      ['q=field:foo&min_score=0.2', { count: 1 }],
      ['q=field:foo&min_score=0.1', { count: 2 }],
      ['q=field:foo&min_score=0.5', { count: 0 }],
    ])
  })

  it('terminate_after counts at most that many per shard and says whether it stopped', async () => {
    await expectCounts([
      ['terminate_after=1', { terminated_early: true, count: 1 }],
      ['terminate_after=5', { terminated_early: false, count: 2 }],
      ['terminate_after=0', { count: 2 }],
    ])
  })

  it('refuses a min_score that is not a float', async () => {
    const cluster = await indexed()
    const cause = {
      type: 'illegal_argument_exception',
      reason: 'Failed to parse float parameter [min_score] with value [abc]',
    }
    await expectBody(cluster, 'GET', '/idx/_count?min_score=abc', undefined, 400, {
      error: {
        root_cause: [cause],
        ...cause,
        caused_by: { type: 'number_format_exception', reason: 'For input string: "abc"' },
      },
      status: 400,
    })
  })
})
