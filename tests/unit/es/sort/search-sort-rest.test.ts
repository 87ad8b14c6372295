// `sort`, `search_after` and `track_scores` through the REST layer, in ES 8.17's response shape
// ("Sort search results" and "Paginate search results" reference pages: `_score` and `max_score` null
// under a field sort, `sort` after `_source`, missing values as Long.MAX_VALUE).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function people(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/people', {
    mappings: { properties: { name: { type: 'text' }, age: { type: 'long' } } },
  })
  const docs: Array<[string, object]> = [
    ['1', { name: 'Ann', age: 30 }],
    ['2', { name: 'Bob' }],
    ['3', { name: 'Cid', age: 20 }],
  ]
  for (const [id, doc] of docs) await node.send('PUT', `/people/_doc/${id}`, doc)
  await node.send('POST', '/people/_refresh')
  return node
}

const shards = '"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}'

describe('_search with sort', () => {
  it('a field sort: _score and max_score null, sort values with Long.MAX_VALUE for the missing age', async () => {
    const node = await people()
    const body = (await node.send('GET', '/people/_search', { sort: [{ age: 'asc' }], _source: false })).body
    expect(body).toBe(
      `{"took":0,"timed_out":false,${shards},"hits":{"total":{"value":3,"relation":"eq"},"max_score":null,` +
        '"hits":[{"_index":"people","_id":"3","_score":null,"sort":[20]},' +
        '{"_index":"people","_id":"1","_score":null,"sort":[30]},' +
        '{"_index":"people","_id":"2","_score":null,"sort":[9223372036854775807]}]}}',
    )
  })

  it('track_scores keeps scores; a lone "_score" is the default search by score (no sort values)', async () => {
    const node = await people()
    const tracked = (
      await node.send('GET', '/people/_search?sort=age:desc', { track_scores: true, size: 1, _source: false })
    ).body
    expect(tracked).toContain(
      '"max_score":1.0,"hits":[{"_index":"people","_id":"1","_score":1.0,"sort":[30]}]',
    )
    const byScore = (await node.send('GET', '/people/_search', { sort: '_score', size: 1, _source: false }))
      .body
    expect(byScore).toContain('"max_score":1.0,"hits":[{"_index":"people","_id":"1","_score":1.0}]')
  })

  it('search_after pages; from > 0 with search_after is a validation error', async () => {
    const node = await people()
    const next = (
      await node.send('GET', '/people/_search', {
        sort: ['age'],
        search_after: [20],
        _source: false,
        size: 1,
      })
    ).body
    expect(next).toContain('"hits":[{"_index":"people","_id":"1","_score":null,"sort":[30]}]')
    const invalid = await node.send('GET', '/people/_search', { sort: ['age'], search_after: [20], from: 1 })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toBe(
      '{"error":{"root_cause":[{"type":"action_request_validation_exception","reason":"Validation Failed: 1: ' +
        '[from] parameter must be set to 0 when [search_after] is used;"}],"type":"action_request_validation_exception",' +
        '"reason":"Validation Failed: 1: [from] parameter must be set to 0 when [search_after] is used;"},"status":400}',
    )
  })

  it('sorting on a text field fails every shard: search_phase_execution_exception 400', async () => {
    const node = await people()
    const response = await node.send('GET', '/people/_search', { sort: 'name' })
    expect(response.status).toBe(400)
    expect(response.body).toContain(
      '"type":"search_phase_execution_exception","reason":"all shards failed","phase":"query","grouped":true,' +
        '"failed_shards":[{"shard":0,"index":"people","node":',
    )
    expect(response.body).toContain(
      '"root_cause":[{"type":"illegal_argument_exception","reason":"Fielddata is disabled on [name] in [people].',
    )
  })
})
