// GET _stats and GET _segments over closed and missing indices, as the YAML REST tests
// indices.stats/15_open_closed_state.yml and indices.segments/10_basic.yml expect: both read the request's
// indices options, and _stats' forbid_closed_indices=false lets a closed index in, with its status `close`.
import { beforeEach, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/openindex', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
  await node.send('PUT', '/closedindex', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
  await node.send('POST', '/closedindex/_doc?refresh=true', { foo: 'bar' })
  await node.send('POST', '/closedindex/_close')
})

const get = async (path: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await node.send('GET', path)
  return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> }
}

it('lists a closed index in _stats with forbid_closed_indices=false, status close', async () => {
  const stats = await get('/_stats?expand_wildcards=open,closed&forbid_closed_indices=false')
  expect(stats.status).toBe(200)
  expect(stats.body.indices).toMatchObject({
    openindex: { status: 'open' },
    closedindex: { status: 'close' },
  })
  const forbidden = await get('/_stats?expand_wildcards=open,closed')
  expect(forbidden.status).toBe(400)
  expect(forbidden.body.error).toMatchObject({ type: 'index_closed_exception' })
  expect((await get('/_stats?expand_wildcards=closed&ignore_unavailable=true')).body._shards).toMatchObject({
    total: 0,
  })
})

it('reads the indices options in _segments', async () => {
  expect((await get('/closedindex/_segments')).status).toBe(400)
  const skipped = await get('/closedindex/_segments?ignore_unavailable=true')
  expect(skipped).toEqual({
    status: 200,
    body: { _shards: { total: 0, successful: 0, failed: 0 }, indices: {} },
  })
  expect((await get('/nothing*/_segments?allow_no_indices=false')).status).toBe(404)
  expect((await get('/nothing*/_segments')).status).toBe(200)
})
