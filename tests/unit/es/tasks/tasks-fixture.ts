// The node the task API tests share: an index `t` of three refreshed documents (`n` 1 to 3) for by-query runs to read.
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

export async function startNodeWithDocs(): Promise<TestNode> {
  const node = await startNode()
  await node.send(
    'POST',
    '/t/_bulk?refresh=true',
    '{"index":{"_id":"1"}}\n{"n":1}\n{"index":{"_id":"2"}}\n{"n":2}\n{"index":{"_id":"3"}}\n{"n":3}\n',
  )
  return node
}
