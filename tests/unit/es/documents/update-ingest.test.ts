// A single _update runs what it becomes through the index's ingest pipelines (TransportUpdateAction sends the
// prepared IndexRequest as a single-item bulk, ES 8.17): the merged document, the upsert, a noop that writes nothing.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

async function setup() {
  const node = await startNode()
  await node.send('PUT', '/_ingest/pipeline/default', {
    processors: [
      { script: { source: 'ctx.runs = (ctx.runs == null ? 0 : ctx.runs) + 1; ctx.seen_id = ctx._id' } },
    ],
  })
  await node.send('PUT', '/_ingest/pipeline/final', {
    processors: [{ set: { field: 'final', value: true } }],
  })
  await node.send('PUT', '/i', {
    settings: { 'index.default_pipeline': 'default', 'index.final_pipeline': 'final' },
  })
  return node
}

const body = (response: { body: string }) => JSON.parse(response.body) as Record<string, unknown>

describe('_update through the index pipelines', () => {
  it('runs the default and final pipelines on the merged document; `get` shows the source before them', async () => {
    const node = await setup()
    await node.send('PUT', '/i/_doc/1', { a: 1 })
    expect(body(await node.send('GET', '/i/_source/1'))).toEqual({ a: 1, runs: 1, seen_id: '1', final: true })
    const update = await node.send('POST', '/i/_update/1?_source=true', { doc: { b: 2 } })
    expect(update.status).toBe(200)
    expect(body(update)).toMatchObject({
      result: 'updated',
      _version: 2,
      get: { _source: { a: 1, runs: 1, seen_id: '1', final: true, b: 2 } },
    })
    expect(body(await node.send('GET', '/i/_source/1'))).toEqual({
      a: 1,
      runs: 2,
      seen_id: '1',
      final: true,
      b: 2,
    })
  })

  it('runs them on an upsert, and a noop runs none', async () => {
    const node = await setup()
    const upsert = await node.send('POST', '/i/_update/2', { doc: { a: 1 }, doc_as_upsert: true })
    expect(upsert.status).toBe(201)
    expect(body(upsert)).toMatchObject({ result: 'created', _version: 1 })
    expect(body(await node.send('GET', '/i/_source/2'))).toEqual({ a: 1, runs: 1, seen_id: '2', final: true })
    const noop = await node.send('POST', '/i/_update/2', { doc: { a: 1 } })
    expect(body(noop)).toMatchObject({ result: 'noop', _version: 1, _shards: { total: 0 } })
    expect(body(await node.send('GET', '/i/_source/2'))).toMatchObject({ runs: 1 })
  })

  it('takes no pipeline parameter (rest-api-spec update.json has none); the default one runs', async () => {
    const node = await setup()
    const update = await node.send('POST', '/i/_update/1?pipeline=final', {
      doc: { a: 1 },
      doc_as_upsert: true,
    })
    expect(update.status).toBe(400)
    expect(body(update)).toMatchObject({
      error: {
        type: 'illegal_argument_exception',
        reason: 'request [/i/_update/1] contains unrecognized parameter: [pipeline]',
      },
    })
    await node.send('PUT', '/i/_doc/1', { a: 1 })
    await node.send('POST', '/i/_update/1', { doc: { a: 2 } })
    expect(body(await node.send('GET', '/i/_source/1'))).toMatchObject({ a: 2, runs: 2 })
  })
})
