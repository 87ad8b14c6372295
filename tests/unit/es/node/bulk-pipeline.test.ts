// _bulk runs the ingest pipeline an item names (`"pipeline"` in its action line), else the request's
// `?pipeline=`, else the index's default pipeline, as RestBulkAction hands `pipeline` to every item as its
// default; `_none` runs none.
import { describe, expect, it } from 'vitest'
import { startNode } from './es-node-fixture.ts'

const ndjson = (...lines: object[]): string => lines.map((line) => JSON.stringify(line)).join('\n') + '\n'

describe('_bulk with ingest pipelines', () => {
  it("runs the item's pipeline, else the request's, else the index default", async () => {
    const node = await startNode()
    for (const name of ['request', 'item', 'default']) {
      await node.send('PUT', `/_ingest/pipeline/${name}`, {
        processors: [{ set: { field: 'via', value: name } }],
      })
    }
    await node.send('PUT', '/w', { settings: { 'index.default_pipeline': 'default' } })
    const bulk = await node.send(
      'POST',
      '/_bulk?pipeline=request&refresh=true',
      ndjson(
        { index: { _index: 'w', _id: '1' } },
        { n: 1 },
        { index: { _index: 'w', _id: '2', pipeline: 'item' } },
        { n: 2 },
        { create: { _index: 'w', _id: '3', pipeline: '_none' } },
        { n: 3 },
      ),
    )
    expect(JSON.parse(bulk.body)).toMatchObject({ errors: false })
    const plain = await node.send(
      'POST',
      '/_bulk?refresh=true',
      ndjson({ index: { _index: 'w', _id: '4' } }, { n: 4 }),
    )
    expect(JSON.parse(plain.body)).toMatchObject({ errors: false })
    const sources = await Promise.all(
      ['1', '2', '3', '4'].map(
        async (id) => JSON.parse((await node.send('GET', `/w/_source/${id}`)).body) as object,
      ),
    )
    expect(sources).toEqual([
      { n: 1, via: 'request' },
      { n: 2, via: 'item' },
      { n: 3 },
      { n: 4, via: 'default' },
    ])
  })

  it('writes to the date math index a date_index_name processor sets (100_date_index_name_processor)', async () => {
    const node = await startNode()
    await node.send('PUT', '/_ingest/pipeline/monthly', {
      processors: [{ date_index_name: { field: 'date', index_name_prefix: 'events-', date_rounding: 'M' } }],
    })
    const bulk = await node.send(
      'POST',
      '/_bulk?pipeline=monthly&refresh=true',
      ndjson({ index: { _index: 'w', _id: '1' } }, { date: '2016-04-25T12:24:20.101Z' }),
    )
    expect(JSON.parse(bulk.body)).toMatchObject({
      errors: false,
      items: [{ index: { _index: 'events-2016-04-01' } }],
    })
  })
})

describe('_bulk update items with ingest pipelines (TransportBulkAction.getIndexWriteRequest)', () => {
  async function setup() {
    const node = await startNode()
    await node.send('PUT', '/_ingest/pipeline/default', {
      processors: [
        { set: { field: 'via', value: 'default' } },
        { script: { source: 'ctx.meta = [ctx._index, ctx._id, ctx._routing]; ctx._index = "elsewhere"' } },
      ],
    })
    await node.send('PUT', '/_ingest/pipeline/item', {
      processors: [{ set: { field: 'via', value: 'item' } }],
    })
    await node.send('PUT', '/_ingest/pipeline/drop', { processors: [{ drop: {} }] })
    await node.send('PUT', '/_ingest/pipeline/fail', { processors: [{ fail: { message: 'no' } }] })
    await node.send('PUT', '/w', { settings: { 'index.default_pipeline': 'default' } })
    await node.send('PUT', '/w/_doc/old?refresh=true&pipeline=_none', { n: 0 })
    return node
  }
  const source = async (node: Awaited<ReturnType<typeof startNode>>, id: string) =>
    JSON.parse((await node.send('GET', `/w/_source/${id}`)).body) as object

  it('runs the pipelines on the upsert, with no index, id or routing, whether or not the document exists', async () => {
    const node = await setup()
    const bulk = await node.send(
      'POST',
      '/_bulk?refresh=true',
      ndjson(
        { update: { _index: 'w', _id: 'new', routing: 'r' } },
        { doc: { d: 1 }, upsert: { u: 1 } },
        { update: { _index: 'w', _id: 'new2', pipeline: 'item' } },
        { doc: { d: 1 }, upsert: { u: 1 } },
        { update: { _index: 'w', _id: 'old' } },
        { doc: { d: 1 }, upsert: { u: 1 } },
      ),
    )
    expect(JSON.parse(bulk.body)).toMatchObject({
      errors: false,
      items: [
        { update: { _index: 'w', _id: 'new', result: 'created' } },
        { update: { _index: 'w', _id: 'new2', result: 'created' } },
        { update: { _index: 'w', _id: 'old', result: 'updated' } },
      ],
    })
    expect(await source(node, 'new')).toEqual({ u: 1, via: 'default', meta: [null, null, null] })
    expect(await source(node, 'new2')).toEqual({ u: 1, via: 'item' })
    // The upsert went through the pipeline and was not used: the doc is merged as sent.
    expect(await source(node, 'old')).toEqual({ n: 0, d: 1 })
  })

  it('runs only the default and final pipelines on a doc_as_upsert doc, which an existing document merges', async () => {
    const node = await setup()
    const bulk = await node.send(
      'POST',
      '/_bulk?refresh=true',
      ndjson(
        { update: { _index: 'w', _id: 'old', pipeline: 'item' } },
        { doc: { d: 1 }, doc_as_upsert: true },
        { update: { _index: 'w', _id: 'new' } },
        { doc: { d: 2 }, doc_as_upsert: true },
      ),
    )
    expect(JSON.parse(bulk.body)).toMatchObject({ errors: false })
    expect(await source(node, 'old')).toEqual({ n: 0, d: 1, via: 'default', meta: [null, null, null] })
    expect(await source(node, 'new')).toEqual({ d: 2, via: 'default', meta: [null, null, null] })
  })

  it('answers a dropped upsert as an update noop and a failed one as the update item failure', async () => {
    const node = await setup()
    const bulk = await node.send(
      'POST',
      '/_bulk',
      ndjson(
        { update: { _index: 'w', _id: 'old', pipeline: 'drop' } },
        { doc: { d: 1 }, upsert: { u: 1 } },
        { update: { _index: 'w', _id: 'x', pipeline: 'fail' } },
        { doc: { d: 1 }, upsert: { u: 1 } },
        { update: { _index: 'w', _id: 'old', pipeline: 'fail' } },
        { doc: { d: 1 } },
      ),
    )
    const items = (JSON.parse(bulk.body) as { items: object[] }).items
    expect(items[0]).toEqual({
      update: {
        _index: 'w',
        _id: 'old',
        _version: -3,
        result: 'noop',
        _shards: { total: 0, successful: 0, failed: 0 },
        status: 200,
      },
    })
    expect(items[1]).toMatchObject({
      update: {
        _index: 'w',
        _id: 'x',
        status: 500,
        error: { type: 'fail_processor_exception', reason: 'no' },
      },
    })
    // Without an upsert nothing runs: the doc is merged.
    expect(items[2]).toMatchObject({ update: { _id: 'old', result: 'updated' } })
    expect(await source(node, 'old')).toEqual({ n: 0, d: 1 })
  })
})
