// The search APIs read ignore_unavailable, allow_no_indices and expand_wildcards as ES 8 does
// (SearchRequest.DEFAULT_INDICES_OPTIONS, strictExpandOpenAndForbidClosed, with the request's parameters):
// a closed index named is index_closed_exception unless ignored; patterns skip closed indices.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

async function booksClosed(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, { settings: { number_of_replicas: 0 } })
  for (const index of ['books', 'notes']) {
    await cluster.json(1, 'PUT', `/${index}`, { settings: { number_of_replicas: 0 } })
    await cluster.json(1, 'PUT', `/${index}/_doc/1?refresh=true`, { title: index })
  }
  await cluster.json(1, 'POST', '/books/_close')
  return cluster
}

function hitIndices(body: unknown): string[] {
  return (body as { hits: { hits: Array<{ _index: string }> } }).hits.hits.map((hit) => hit._index)
}

describe('search indices options', () => {
  it('_search skips a closed index named with ignore_unavailable, else index_closed_exception', async () => {
    const cluster = await booksClosed()
    expect(hitIndices(await cluster.json(1, 'GET', '/books,notes/_search?ignore_unavailable=true'))).toEqual([
      'notes',
    ])
    const closed = await cluster.send(1, 'GET', '/books,notes/_search')
    expect(closed.status).toBe(400)
    expect(closed.body).toContain('index_closed_exception')
  })

  it('_count and _msearch read them too', async () => {
    const cluster = await booksClosed()
    expect(await cluster.json(1, 'GET', '/books,notes/_count?ignore_unavailable=true')).toMatchObject({
      count: 1,
    })
    const missing = await cluster.send(1, 'GET', '/nothing*/_count?allow_no_indices=false')
    expect(missing.status).toBe(404)
    const ndjson = '{"index":"books,notes","ignore_unavailable":true}\n{}\n{"index":"books,notes"}\n{}\n'
    const multi = (await cluster.json(1, 'POST', '/_msearch', ndjson)) as {
      responses: Array<{ status: number }>
    }
    expect(multi.responses.map((r) => r.status)).toEqual([200, 400])
  })

  it('expand_wildcards: none expands to nothing, an unknown state is refused', async () => {
    const cluster = await booksClosed()
    expect(hitIndices(await cluster.json(1, 'GET', '/*/_search?expand_wildcards=none'))).toEqual([])
    const bad = await cluster.send(1, 'GET', '/*/_search?expand_wildcards=shut')
    expect(bad.body).toContain('No valid expand wildcard value [shut]')
  })

  it('_pit reads them', async () => {
    const cluster = await booksClosed()
    const opened = (await cluster.json(
      1,
      'POST',
      '/books,notes/_pit?keep_alive=1m&ignore_unavailable=true',
    )) as {
      _shards: { total: number }
    }
    expect(opened._shards.total).toBe(1)
    const closed = await cluster.send(1, 'POST', '/books/_pit?keep_alive=1m')
    expect(closed.body).toContain('index_closed_exception')
  })
})
