// An index request without `_id` gets its id after its pipelines ran, when it is routed (IndexRouting.process in
// BulkOperation, after TransportBulkAction's ingest step): in the pipeline `ctx._id` is null and `{{_id}}` renders
// empty; an item its pipelines drop or fail answers with the id `auto-generated` (BulkRequestModifier).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

type Node = Awaited<ReturnType<typeof startNode>>

async function pipeline(node: Node, id: string, processors: object[]) {
  const put = await node.send('PUT', `/_ingest/pipeline/${id}`, { processors })
  expect(put.status).toBe(200)
}

describe('an auto-generated _id and the ingest pipelines', () => {
  it('is null in the pipeline, and the document gets a generated id after it', async () => {
    const node = await startNode()
    await pipeline(node, 'ids', [
      { set: { field: 'templated', value: '{{_id}}' } },
      { script: { source: "ctx.was_null = ctx._id == null; ctx.kind = ctx._id == null ? 'none' : 'some'" } },
    ])
    const put = await node.send('POST', '/test/_doc?pipeline=ids&refresh=true', { a: 1 })
    expect(put.status).toBe(201)
    const id = (JSON.parse(put.body) as { _id: string })._id
    expect(id).toMatch(/^[A-Za-z0-9_-]{20}$/)
    const get = await node.send('GET', `/test/_source/${id}`)
    expect(JSON.parse(get.body)).toEqual({ a: 1, templated: '', was_null: true, kind: 'none' })
  })

  it('keeps an _id a pipeline sets', async () => {
    const node = await startNode()
    await pipeline(node, 'set-id', [{ set: { field: '_id', value: 'from-pipeline' } }])
    const bulk = await node.send('POST', '/_bulk?pipeline=set-id', '{"index":{"_index":"test"}}\n{"a":1}\n')
    expect(JSON.parse(bulk.body)).toMatchObject({
      errors: false,
      items: [{ index: { _id: 'from-pipeline' } }],
    })
  })

  it('answers `auto-generated` for an item its pipeline drops or fails', async () => {
    const node = await startNode()
    await pipeline(node, 'drop', [{ drop: {} }])
    await pipeline(node, 'fail', [{ fail: { message: 'no' } }])
    const bulk = await node.send(
      'POST',
      '/_bulk',
      '{"index":{"_index":"test","pipeline":"drop"}}\n{"a":1}\n{"index":{"_index":"test","pipeline":"fail"}}\n{"a":2}\n' +
        '{"index":{"_index":"test","_id":"x","pipeline":"fail"}}\n{"a":3}\n',
    )
    const items = (JSON.parse(bulk.body) as { items: { index: { _id: string; result?: string } }[] }).items
    expect(items.map((item) => item.index._id)).toEqual(['auto-generated', 'auto-generated', 'x'])
    expect(items[0]!.index.result).toBe('noop')
  })
})
