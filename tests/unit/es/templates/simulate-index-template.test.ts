// The simulate APIs of composable index templates through EsNode: the YAML REST tests
// indices.simulate_index_template/10_basic and indices.simulate_template/10_basic (ES 8.17), with the full
// SimulateIndexTemplateResponse (the resolved settings over DataTier's default _tier_preference, the merged
// mappings, the aliases, the overlapping templates in HashMap order) and TransportSimulateTemplateAction's refusals.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const TIER = '"routing":{"allocation":{"include":{"_tier_preference":"data_content"}}}'

async function withTemplate(name: string, patterns: string | string[], priority?: number): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', `/_index_template/${name}`, {
    index_patterns: patterns,
    ...(priority === undefined ? {} : { priority }),
    template: {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { properties: { field: { type: 'keyword' } } },
    },
  })
  return node
}

const CT = {
  template: {
    settings: { 'index.number_of_replicas': 2 },
    mappings: { properties: { ct_field: { type: 'keyword' } } },
  },
}

describe('POST _index_template/_simulate_index/{name}', () => {
  it('resolves the template the index would take, and answers {} when none matches', async () => {
    const { send } = await withTemplate('test', 'test*')
    const simulated = await send('POST', '/_index_template/_simulate_index/test')
    expect(simulated.status).toBe(200)
    expect(simulated.body).toBe(
      `{"template":{"settings":{"index":{${TIER},"number_of_shards":"1","number_of_replicas":"0"}},` +
        '"mappings":{"properties":{"field":{"type":"keyword"}}},"aliases":{}},"overlapping":[]}',
    )
    expect((await send('POST', '/_index_template/_simulate_index/will_not_match')).body).toBe('{}')
  })

  it('puts a template given in the body first, composed of component templates', async () => {
    const { send } = await withTemplate('existing_test', 'test*', 10)
    await send('PUT', '/_component_template/ct', CT)
    const simulated = await send('POST', '/_index_template/_simulate_index/test', {
      index_patterns: 'test*',
      priority: 15,
      template: { settings: { 'index.blocks.write': true }, aliases: { test_alias: {} } },
      composed_of: ['ct'],
    })
    expect(simulated.body).toBe(
      `{"template":{"settings":{"index":{${TIER},"blocks":{"write":"true"},"number_of_replicas":"2"}},` +
        '"mappings":{"properties":{"ct_field":{"type":"keyword"}}},"aliases":{"test_alias":{}}},' +
        '"overlapping":[{"name":"existing_test","index_patterns":["test*"]}]}',
    )
  })

  it('lists overlapping legacy and composable templates, and ignores an existing index of the name', async () => {
    const node = await startNode()
    await node.send('PUT', '/_template/v1_template', {
      index_patterns: ['test*', 't1*'],
      settings: { number_of_shards: 5 },
    })
    for (const [name, priority] of [
      ['v2_template', 10],
      ['winning_v2_template', 20],
    ] as const) {
      const put = await node.send('PUT', `/_index_template/${name}`, {
        index_patterns: 'test*',
        priority,
        template: { settings: { number_of_shards: priority === 20 ? 1 : 10 } },
      })
      expect(put.warnings).toEqual([
        expect.stringContaining(`index template [${name}] has index patterns [test*] matching patterns`),
      ])
    }
    await node.send('PUT', '/test_index', { settings: { 'index.number_of_shards': 2 } })
    for (const index of ['test', 'test_index']) {
      const simulated = await node.send('POST', `/_index_template/_simulate_index/${index}`)
      expect(simulated.body).toBe(
        `{"template":{"settings":{"index":{${TIER},"number_of_shards":"1"}},"aliases":{}},"overlapping":[` +
          '{"name":"v1_template","index_patterns":["test*","t1*"]},{"name":"v2_template","index_patterns":["test*"]}]}',
      )
    }
  })

  it('warns as a PUT of the body would when it overlaps legacy templates', async () => {
    const node = await startNode()
    await node.send('PUT', '/_template/global', { index_patterns: ['*'] })
    const simulated = await node.send('POST', '/_index_template/_simulate_index/test', {
      index_patterns: 'test*',
    })
    expect(simulated.warnings).toEqual([
      expect.stringMatching(
        /index template \[simulate_index_template_[^\]]+\] has index patterns \[test\*\] matching patterns from existing older templates \[global\]/,
      ),
    ])
    expect(simulated.body).toBe(
      `{"template":{"settings":{"index":{${TIER}}},"aliases":{}},` +
        '"overlapping":[{"name":"global","index_patterns":["*"]}]}',
    )
  })
})

describe('POST _index_template/_simulate[/{name}]', () => {
  it('resolves a stored template by name, with the templates overlapping it', async () => {
    const { send } = await withTemplate('my-template', 'other')
    expect((await send('POST', '/_index_template/_simulate/my-template')).body).toBe(
      `{"template":{"settings":{"index":{${TIER},"number_of_shards":"1","number_of_replicas":"0"}},` +
        '"mappings":{"properties":{"field":{"type":"keyword"}}},"aliases":{}},"overlapping":[]}',
    )
  })

  it('resolves a body, or a body replacing the named template (which then does not overlap itself)', async () => {
    const { send } = await withTemplate('existing_test', 'te*', 10)
    await send('PUT', '/_component_template/ct', CT)
    const body = {
      index_patterns: 'te*',
      priority: 10,
      template: { settings: { 'index.blocks.write': true }, aliases: { test_alias: {} } },
      composed_of: ['ct'],
    }
    const resolved =
      `{"template":{"settings":{"index":{${TIER},"blocks":{"write":"true"},"number_of_replicas":"2"}},` +
      '"mappings":{"properties":{"ct_field":{"type":"keyword"}}},"aliases":{"test_alias":{}}},'
    expect((await send('POST', '/_index_template/_simulate', { ...body, priority: 15 })).body).toBe(
      resolved + '"overlapping":[{"name":"existing_test","index_patterns":["te*"]}]}',
    )
    expect((await send('POST', '/_index_template/_simulate/existing_test', body)).body).toBe(
      resolved + '"overlapping":[]}',
    )
  })

  it('refuses neither a name nor a body, and a name of no template', async () => {
    const { send } = await startNode()
    const neither = await send('POST', '/_index_template/_simulate')
    expect(neither.status).toBe(400)
    expect(neither.body).toContain(
      '"type":"action_request_validation_exception","reason":"Validation Failed: 1: either index name or index ' +
        'template body must be specified for simulation;"',
    )
    const missing = await send('POST', '/_index_template/_simulate/nope')
    expect(missing.status).toBe(400)
    expect(missing.body).toContain(
      '"type":"illegal_argument_exception","reason":"unable to simulate template [nope] that does not exist"',
    )
  })

  it("maps a data stream template's @timestamp and prefers the hot tier", async () => {
    const { send } = await startNode()
    await send('PUT', '/_index_template/logs', { index_patterns: 'logs-*', data_stream: {} })
    expect((await send('POST', '/_index_template/_simulate/logs')).body).toBe(
      '{"template":{"settings":{"index":{"routing":{"allocation":{"include":{"_tier_preference":"data_hot"}}}}},' +
        '"mappings":{"properties":{"@timestamp":{"type":"date"}}},"aliases":{}},"overlapping":[]}',
    )
  })
})
