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
