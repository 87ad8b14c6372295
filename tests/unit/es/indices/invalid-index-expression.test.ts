// IndexNameExpressionResolver.validateResourceExpression: a name or pattern starting with `_` (reserved for APIs) is
// invalid_index_name_exception before any lookup, whatever the indices options (indices.get/10_basic.yml "Should
// return an exception when querying invalid indices").
import { beforeEach, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/test_index', { settings: { number_of_replicas: 0 } })
})

const get = async (
  path: string,
): Promise<{ status: number; body: Record<string, Record<string, unknown>> }> => {
  const response = await node.send('GET', path)
  return {
    status: response.status,
    body: JSON.parse(response.body) as Record<string, Record<string, unknown>>,
  }
}

it('refuses a name or pattern that starts with _ as an invalid index name', async () => {
  const response = await get('/_foo')
  expect(response.status).toBe(400)
  expect(response.body.error).toMatchObject({
    type: 'invalid_index_name_exception',
    reason: "Invalid index name [_foo], must not start with '_'.",
    index: '_foo',
  })
  // before the lookup, whatever the options, on patterns and the base of an exclusion too
  expect((await get('/_foo?ignore_unavailable=true')).status).toBe(400)
  expect((await get('/test_index,_f*')).status).toBe(400)
  expect((await get('/test_*,-_x')).status).toBe(400)
  expect((await get('/test_*,-x')).status).toBe(200)
  expect((await get('/test_index/_search')).status).toBe(200)
})
