// IngestService.executePipelines (ES 8.17) on the write path: a pipeline that moves the document to another
// index hands it to that index's pipelines (its default one only after a reroute), an index seen before is a
// cycle, and a final pipeline may not move it. Cases from 310_reroute_processor.yml, 230_change_target_index.yml
// and IngestClientIT (testAvoidIndexingLoop).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

type Node = Awaited<ReturnType<typeof startNode>>

async function pipeline(node: Node, id: string, processors: object[]) {
  const put = await node.send('PUT', `/_ingest/pipeline/${id}`, { processors })
  expect(put.status).toBe(200)
}

const set = (field: string) => ({ set: { field, value: true } })

describe('a pipeline that changes _index', () => {
  it('runs the new index default pipeline after a reroute (Test pipeline run after reroute)', async () => {
    const node = await startNode()
    await pipeline(node, 'pipeline-1', [
      set('added-in-pipeline-before-reroute'),
      { reroute: { destination: 'index-2' } },
    ])
    await pipeline(node, 'pipeline-2', [set('added-in-pipeline-after-reroute')])
    await node.send('PUT', '/index-1', { settings: { index: { default_pipeline: 'pipeline-1' } } })
    await node.send('PUT', '/index-2', { settings: { index: { default_pipeline: 'pipeline-2' } } })
    const bulk = await node.send(
      'POST',
      '/_bulk?refresh=true',
      '{"index": {"_index": "index-1", "_id": "1" }}\n{"existing-field": true}\n',
    )
    expect(JSON.parse(bulk.body)).toMatchObject({ errors: false, items: [{ index: { _index: 'index-2' } }] })
    const get = await node.send('GET', '/index-2/_doc/1')
    expect(JSON.parse(get.body)).toMatchObject({
      _source: {
        'existing-field': true,
        'added-in-pipeline-before-reroute': true,
        'added-in-pipeline-after-reroute': true,
      },
    })
  })

  it('skips the rest of the old index pipelines, its final one too, and runs the new final one', async () => {
    const node = await startNode()
    await pipeline(node, 'route', [{ reroute: { destination: 'b' } }, set('after-reroute')])
    await pipeline(node, 'a-final', [set('a-final')])
    await pipeline(node, 'b-default', [set('b-default')])
    await pipeline(node, 'b-final', [set('b-final')])
    await node.send('PUT', '/a', {
      settings: { 'index.default_pipeline': 'route', 'index.final_pipeline': 'a-final' },
    })
    await node.send('PUT', '/b', {
      settings: { 'index.default_pipeline': 'b-default', 'index.final_pipeline': 'b-final' },
    })
    const put = await node.send('PUT', '/a/_doc/1?refresh=true', { n: 1 })
    expect(JSON.parse(put.body)).toMatchObject({ _index: 'b', result: 'created' })
    const get = await node.send('GET', '/b/_source/1')
    expect(JSON.parse(get.body)).toEqual({ n: 1, 'b-default': true, 'b-final': true })
  })

  it('a plain _index change runs only the new index final pipeline (230_change_target_index)', async () => {
    const node = await startNode()
    await pipeline(node, 'move', [{ set: { field: '_index', value: 'b' } }, set('after-set')])
    await pipeline(node, 'b-default', [set('b-default')])
    await pipeline(node, 'b-final', [set('b-final')])
    await node.send('PUT', '/a', { settings: { 'index.default_pipeline': 'move' } })
    await node.send('PUT', '/b', {
      settings: { 'index.default_pipeline': 'b-default', 'index.final_pipeline': 'b-final' },
    })
    await node.send('PUT', '/a/_doc/1?refresh=true', { n: 1 })
    const get = await node.send('GET', '/b/_source/1')
    expect(JSON.parse(get.body)).toEqual({ n: 1, 'after-set': true, 'b-final': true })
  })

  it('an index seen before is a cycle (IngestClientIT.testAvoidIndexingLoop)', async () => {
    const node = await startNode()
    await pipeline(node, 'default_pipeline', [{ reroute: { destination: 'target' } }])
    await pipeline(node, 'target_default_pipeline', [{ reroute: { destination: 'index' } }])
    await node.send('PUT', '/index', { settings: { 'index.default_pipeline': 'default_pipeline' } })
    await node.send('PUT', '/target', { settings: { 'index.default_pipeline': 'target_default_pipeline' } })
    const put = await node.send('PUT', '/index/_doc/1?refresh=true', { dest: 'index' })
    const reason =
      'index cycle detected while processing pipeline [target_default_pipeline] for document [1]: [index, target, index]'
    expect(put.status).toBe(500)
    expect(JSON.parse(put.body)).toEqual({
      error: {
        root_cause: [{ type: 'illegal_state_exception', reason }],
        type: 'illegal_state_exception',
        reason,
      },
      status: 500,
    })
  })

  it('a final pipeline may not change the target index', async () => {
    const node = await startNode()
    await pipeline(node, 'final', [{ set: { field: '_index', value: 'other' } }])
    await node.send('PUT', '/i', { settings: { 'index.final_pipeline': 'final' } })
    const put = await node.send('PUT', '/i/_doc/1', { n: 1 })
    expect(put.status).toBe(500)
    expect(JSON.parse(put.body)).toMatchObject({
      error: {
        type: 'illegal_state_exception',
        reason: "final pipeline [final] can't change the target index (from [i] to [other]) for document [1]",
      },
    })
  })

  it('follows the default pipelines of data stream templates (Test two stage routing)', async () => {
    const node = await startNode()
    await pipeline(node, 'logs-router', [
      set('added-in-pipeline-before-first-reroute'),
      { reroute: { tag: 'nginx', if: "ctx?.log?.file?.path?.contains('nginx')", dataset: 'nginx' } },
    ])
    await pipeline(node, 'logs-nginx', [
      set('added-in-pipeline-before-second-reroute'),
      { reroute: { if: "ctx?.log?.file?.path?.contains('access')", dataset: 'nginx.access' } },
      { reroute: { if: "ctx?.log?.file?.path?.contains('error')", dataset: 'nginx.error' } },
    ])
    for (const name of ['logs-router', 'logs-nginx']) {
      const template = await node.send('PUT', `/_index_template/${name}`, {
        index_patterns: [`${name}-*`],
        priority: 500,
        data_stream: {},
        template: { settings: { 'index.default_pipeline': name } },
      })
      expect(template.status).toBe(200)
    }
    const put = await node.send('PUT', '/logs-router-default/_create/example-log?refresh=true', {
      '@timestamp': '2022-04-13',
      message: 'this is an error log',
      log: { file: { path: 'nginx-error.log' } },
    })
    expect(put.status).toBe(201)
    const search = await node.send('GET', '/logs-nginx.error-default/_search')
    expect(JSON.parse(search.body)).toMatchObject({
      hits: {
        hits: [
          {
            _id: 'example-log',
            _source: {
              message: 'this is an error log',
              'added-in-pipeline-before-first-reroute': true,
              'added-in-pipeline-before-second-reroute': true,
              data_stream: { type: 'logs', dataset: 'nginx.error', namespace: 'default' },
            },
          },
        ],
      },
    })
  })
})

describe('reroute from an existing data stream', () => {
  it('sees the data stream name as _index, not its backing index', async () => {
    const node = await startNode()
    await pipeline(node, 'router', [{ reroute: { dataset: 'moved' } }])
    const template = await node.send('PUT', '/_index_template/logs', {
      index_patterns: ['logs-*'],
      data_stream: {},
      template: { settings: { 'index.default_pipeline': 'router' } },
    })
    expect(template.status).toBe(200)
    expect((await node.send('PUT', '/_data_stream/logs-app-default')).status).toBe(200)
    const put = await node.send('POST', '/logs-app-default/_doc?refresh=true', { '@timestamp': '2024-01-01' })
    expect(put.status).toBe(201)
    expect((JSON.parse(put.body) as { _index: string })._index).toMatch(/^\.ds-logs-moved-default-/)
  })
})
