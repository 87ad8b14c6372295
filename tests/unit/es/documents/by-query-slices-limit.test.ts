// Sliced _delete_by_query, _update_by_query and _reindex over index.max_slices_per_scroll (ES 8.17): each slice's
// sub-request is a sliced scroll, and DefaultSearchContext.preProcess refuses a slice count above the setting on every
// shard it reaches, so the slice's search fails as "all shards failed" and the run answers the first failed slice's
// exception (LeaderBulkByScrollTaskState); `slices=auto` (the fewest shards, at most 20) is checked the same way.
import { expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const reason = (max: number, limit: number): string =>
  `The number of slices [${max}] is too large. It must be less than [${limit}]. This limit can be set by changing ` +
  'the [index.max_slices_per_scroll] index level setting.'

async function seed(node: TestNode, settings: object): Promise<void> {
  await node.send('PUT', '/test', { settings })
  await node.send('POST', '/test/_bulk?refresh=true', '{"index":{"_id":"1"}}\n{"foo":1}\n')
}

/** SearchPhaseExecutionException over one refusing shard (the plain Java cause wrapped once more in caused_by). */
function allShardsFailed(node: string, message: string): string {
  const cause = `{"type":"illegal_argument_exception","reason":"${message}"}`
  const wrapped = `{"type":"illegal_argument_exception","reason":"${message}","caused_by":${cause}}`
  return (
    `{"error":{"root_cause":[${cause}],"type":"search_phase_execution_exception","reason":"all shards failed",` +
    `"phase":"query","grouped":true,"failed_shards":[{"shard":0,"index":"test","node":"${node}","reason":${cause}}],` +
    `"caused_by":${wrapped}},"status":400}`
  )
}

it('slices above the default 1024 fail every slice: the first slice exception is the answer', async () => {
  const node = await startNode()
  await seed(node, {})
  const response = await node.send('POST', '/test/_delete_by_query?slices=1025', { query: { match_all: {} } })
  expect(response.status).toBe(400)
  const nodeId = (JSON.parse((await node.send('GET', '/_nodes/_local')).body) as { nodes: object }).nodes
  expect(response.body).toBe(allShardsFailed(Object.keys(nodeId)[0]!, reason(1025, 1024)))
  expect((await node.send('GET', '/test/_count')).body).toContain('"count":1,')
})

it('slices=auto counts the shards, then meets the index setting; _update_by_query and _reindex alike', async () => {
  const node = await startNode()
  await seed(node, { number_of_shards: 3, 'index.max_slices_per_scroll': 2 })
  for (const [path, body] of [
    ['/test/_update_by_query?slices=auto', {}],
    ['/_reindex?slices=3', { source: { index: 'test' }, dest: { index: 'copy' } }],
  ] as const) {
    const response = await node.send('POST', path, body)
    expect(response.status).toBe(400)
    expect(response.body).toContain('"reason":"all shards failed","phase":"query","grouped":true')
    expect(response.body).toContain(
      `"caused_by":{"type":"illegal_argument_exception","reason":"${reason(3, 2)}"}`,
    )
  }
  const two = await node.send('POST', '/test/_update_by_query?slices=2', {})
  expect(two.status).toBe(200)
})
