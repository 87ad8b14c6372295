// Stored Painless scripts by id outside the query phase, through EsNode: the pipeline aggregations compile them
// from the coordinating node's cluster state when they reduce (ScriptService.compile in
// BucketScriptPipelineAggregator, BucketSelectorPipelineAggregator, MovFnPipelineAggregator), the ingest script
// processor when the pipeline is put and on every run (ScriptProcessor.Factory does not cache a stored script);
// runtime fields refuse them (AbstractScriptFieldType.Builder.parseScript).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'
import { filterJson } from '../filter-json.ts'

function errorBody(cause: string, status: number): string {
  return `{"error":{"root_cause":[{${cause}}],${cause}},"status":${status}}`
}

async function withSales() {
  const node = await startNode()
  await node.send('PUT', '/sales', {
    settings: { number_of_shards: 2, number_of_replicas: 0 },
    mappings: { properties: { day: { type: 'keyword' }, price: { type: 'long' }, qty: { type: 'long' } } },
  })
  await node.send(
    'POST',
    '/sales/_bulk?refresh=true',
    [
      '{"index":{"_id":"1"}}',
      '{"day":"mon","price":10,"qty":2}',
      '{"index":{"_id":"2"}}',
      '{"day":"tue","price":30,"qty":1}',
      '{"index":{"_id":"3"}}',
      '{"day":"mon","price":5,"qty":4}',
      '',
    ].join('\n'),
  )
  await node.send('PUT', '/_scripts/ratio', {
    script: { lang: 'painless', source: 'params.total / params.count * params.factor' },
  })
  await node.send('PUT', '/_scripts/big', {
    script: { lang: 'painless', source: 'params.total > params.min' },
  })
  await node.send('PUT', '/_scripts/tpl', { script: { lang: 'mustache', source: '{"size":1}' } })
  return node
}

function byDay(script: unknown, type = 'bucket_script') {
  return {
    size: 0,
    aggs: {
      days: {
        terms: { field: 'day', order: { _key: 'asc' } },
        aggs: {
          total: { sum: { field: 'price' } },
          p: { [type]: { buckets_path: { total: 'total', count: '_count' }, script } },
        },
      },
    },
  }
}

describe('stored scripts in pipeline aggregations', () => {
  it('bucket_script and bucket_selector compile the stored script with the request params', async () => {
    const { send } = await withSales()
    const scripted = await send(
      'GET',
      '/sales/_search?filter_path=aggregations.days.buckets.key,aggregations.days.buckets.p',
      byDay({ id: 'ratio', params: { factor: 2 } }),
    )
    expect(scripted.body).toBe(
      '{"aggregations":{"days":{"buckets":[{"key":"mon","p":{"value":15.0}},{"key":"tue","p":{"value":60.0}}]}}}',
    )
    const selected = await send(
      'GET',
      '/sales/_search?filter_path=aggregations.days.buckets.key',
      byDay({ id: 'big', params: { min: 20 } }, 'bucket_selector'),
    )
    expect(selected.body).toBe('{"aggregations":{"days":{"buckets":[{"key":"tue"}]}}}')
  })

  it("a missing id or a stored template fails the reduce with ScriptService.compile's error", async () => {
    const { send } = await withSales()
    const missing = await send('GET', '/sales/_search', byDay({ id: 'nope' }))
    expect([missing.status, missing.body]).toEqual([
      404,
      errorBody(
        '"type":"resource_not_found_exception","reason":"unable to find script [nope] in cluster state"',
        404,
      ),
    ])
    const template = await send('GET', '/sales/_search', byDay({ id: 'tpl' }, 'bucket_selector'))
    expect(template.body).toBe(
      errorBody(
        '"type":"illegal_argument_exception","reason":"mustache engine does not know how to handle context [bucket_aggregation_selector]"',
        400,
      ),
    )
  })
})

describe('stored scripts in runtime fields', () => {
  it("are refused in a mapping and in a search's runtime_mappings, as ES refuses them", async () => {
    const { send } = await withSales()
    const mapping = await send('PUT', '/rt', {
      mappings: { runtime: { r: { type: 'long', script: { id: 'ratio' } } } },
    })
    expect([mapping.status, mapping.body]).toEqual([
      400,
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Failed to parse mapping: stored scripts are not supported for runtime field [r]"}],' +
        '"type":"mapper_parsing_exception","reason":"Failed to parse mapping: stored scripts are not supported for runtime field [r]",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"stored scripts are not supported for runtime field [r]"}},"status":400}',
    ])
    const search = await send('GET', '/sales/_search', {
      runtime_mappings: { r: { type: 'long', script: { id: 'ratio' } } },
    })
    expect(filterJson(search.body, 'error.root_cause')).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"stored scripts are not supported for runtime field [r]"}]}}',
    )
  })
})

describe('stored scripts in the ingest script processor', () => {
  it('compile when the pipeline is put, and again from the cluster state on every run', async () => {
    const { send } = await startNode()
    const missing = await send('PUT', '/_ingest/pipeline/p', { processors: [{ script: { id: 'tag' } }] })
    expect([missing.status, missing.body]).toEqual([
      404,
      errorBody(
        '"type":"resource_not_found_exception","reason":"unable to find script [tag] in cluster state","processor_type":"script"',
        404,
      ),
    ])
    await send('PUT', '/_scripts/tag', { script: { lang: 'painless', source: 'ctx.tag = params.tag' } })
    const put = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ script: { id: 'tag', params: { tag: 'one' } } }],
    })
    expect(put.body).toBe('{"acknowledged":true}')
    await send('PUT', '/_scripts/tag', { script: { lang: 'painless', source: "ctx.tag = params.tag + '!'" } })
    const simulated = await send('POST', '/_ingest/pipeline/p/_simulate?filter_path=docs.doc._source', {
      docs: [{ _source: { a: 1 } }],
    })
    expect(simulated.body).toBe('{"docs":[{"doc":{"_source":{"a":1,"tag":"one!"}}}]}')
    await send('PUT', '/_scripts/tpl', { script: { lang: 'mustache', source: '{{x}}' } })
    const template = await send('PUT', '/_ingest/pipeline/q', { processors: [{ script: { id: 'tpl' } }] })
    expect(template.body).toBe(
      errorBody(
        '"type":"illegal_argument_exception","reason":"mustache engine does not know how to handle context [ingest]","processor_type":"script"',
        400,
      ),
    )
    const withLang = await send('PUT', '/_ingest/pipeline/q', {
      processors: [{ script: { id: 'tag', lang: 'painless' } }],
    })
    expect(withLang.body).toBe(
      errorBody(
        '"type":"illegal_argument_exception","reason":"lang cannot be specified for stored scripts","processor_type":"script"',
        400,
      ),
    )
  })

  it('an if condition by id is compiled from the cluster state when it runs, named by its id', async () => {
    const { send } = await startNode()
    await send('PUT', '/_ingest/pipeline/c', {
      processors: [{ set: { if: { id: 'is-big', params: { min: 10 } }, field: 'big', value: true } }],
    })
    const docs = { docs: [{ _source: { n: 20 } }] }
    const missing = await send(
      'POST',
      '/_ingest/pipeline/c/_simulate?filter_path=docs.error.root_cause',
      docs,
    )
    expect(missing.body).toBe(
      '{"docs":[{"error":{"root_cause":[{"type":"resource_not_found_exception","reason":"unable to find script [is-big] in cluster state"}]}}]}',
    )
    await send('PUT', '/_scripts/is-big', { script: { lang: 'painless', source: 'ctx.n > params.min' } })
    const verbose = await send(
      'POST',
      '/_ingest/pipeline/c/_simulate?verbose=true&filter_path=docs.processor_results.if,docs.processor_results.doc._source',
      docs,
    )
    expect(verbose.body).toBe(
      '{"docs":[{"processor_results":[{"if":{"condition":"is-big","result":true},"doc":{"_source":{"big":true,"n":20}}}]}]}',
    )
  })
})
