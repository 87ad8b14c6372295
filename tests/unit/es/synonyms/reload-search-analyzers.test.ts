// POST /{index}/_reload_search_analyzers (ES 8.17 RestReloadAnalyzersAction, TransportReloadAnalyzersAction) on one
// node: the ReloadAnalyzersResponse body, `resource` and `preview`, and what a reload changes: an index's search
// analyzers keep the synonyms set rules they read until a reload, which the synonyms APIs ask for only over the
// open, non-hidden indices, so a hidden index searches with a set's new rules only once reloaded by name.
import { beforeEach, describe, expect, it } from 'vitest'
import type { HttpMethod } from '../../../../workers/protocol/es.ts'
import { sendJson, startNode, type TestNode } from '../node/es-node-fixture.ts'
import { errorBody } from '../cluster-admin/cluster-admin-fixture.ts'

let node: TestNode
/** The node's id (the one node is the master). */
let nodeId: string

beforeEach(async () => {
  node = await startNode()
  nodeId = ((await send('GET', '/_cluster/state/master_node')).body as { master_node: string }).master_node
})

function send(
  method: HttpMethod,
  path: string,
  body?: object | string,
): Promise<{ status: number; body: unknown }> {
  return sendJson(node, method, path, body)
}

/** An index whose `my_analyzer` reads `filter` (updateable), with `plain` beside it, one document "hello". */
async function createIndex(name: string, filter: object, settings: object = {}): Promise<void> {
  const created = await send('PUT', `/${name}`, {
    settings: {
      index: { number_of_shards: 1, number_of_replicas: 0, ...settings },
      analysis: {
        filter: { my_synonym_filter: { type: 'synonym_graph', updateable: true, ...filter } },
        analyzer: {
          plain: { type: 'custom', tokenizer: 'standard', filter: ['lowercase'] },
          my_analyzer: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'my_synonym_filter'] },
        },
      },
    },
    mappings: { properties: { my_field: { type: 'text', search_analyzer: 'my_analyzer' } } },
  })
  expect(created.status).toBe(200)
  await send('PUT', `/${name}/_doc/1?refresh=true`, { my_field: 'hello' })
}

async function hits(index: string, query: string): Promise<number> {
  const found = await send('POST', `/${index}/_search`, { query: { match: { my_field: query } } })
  return (found.body as { hits: { total: { value: number } } }).hits.total.value
}

describe('_reload_search_analyzers', () => {
  it('answers every index asked, with the analyzers it reloaded and the nodes that did', async () => {
    await createIndex('inline', { synonyms: ['hello, hi'] })
    await send('PUT', '/nothing_reloadable', { settings: { number_of_shards: 1, number_of_replicas: 1 } })
    const reloaded = await send('POST', '/inline,nothing_reloadable/_reload_search_analyzers')
    expect(reloaded).toEqual({
      status: 200,
      body: {
        // nothing_reloadable's unassigned replica is one more target that no node answers
        _shards: { total: 3, successful: 2, failed: 0 },
        reload_details: [
          { index: 'inline', reloaded_analyzers: ['my_analyzer'], reloaded_node_ids: [nodeId] },
          { index: 'nothing_reloadable', reloaded_analyzers: [], reloaded_node_ids: [nodeId] },
        ],
      },
    })
    expect((await send('GET', '/inline/_reload_search_analyzers')).body).toEqual({
      _shards: { total: 1, successful: 1, failed: 0 },
      reload_details: [{ index: 'inline', reloaded_analyzers: ['my_analyzer'], reloaded_node_ids: [nodeId] }],
    })
  })

  it('with a resource, answers only the indices whose analyzers read that synonyms set', async () => {
    await send('PUT', '/_synonyms/set1', { synonyms_set: [{ synonyms: 'hello, hi' }] })
    await createIndex('reads_set1', { synonyms_set: 'set1' })
    await createIndex('inline', { synonyms: ['hello, hi'] })
    expect((await send('POST', '/*/_reload_search_analyzers?resource=set1')).body).toEqual({
      _shards: { total: 2, successful: 2, failed: 0 },
      reload_details: [
        { index: 'reads_set1', reloaded_analyzers: ['my_analyzer'], reloaded_node_ids: [nodeId] },
      ],
    })
  })

  it("reloads a hidden index's analyzers, which a synonyms set update does not reach", async () => {
    await send('PUT', '/_synonyms/set1', { synonyms_set: [{ synonyms: 'hello, hi', id: 'r1' }] })
    await createIndex('.hidden_index', { synonyms_set: 'set1' }, { hidden: true })
    expect(await hits('.hidden_index', 'hi')).toBe(1)
    const updated = await send('PUT', '/_synonyms/set1/r1', { synonyms: 'hello, salute' })
    expect(updated.body).toEqual({
      result: 'updated',
      reload_analyzers_details: { _shards: { total: 0, successful: 0, failed: 0 }, reload_details: [] },
    })
    expect(await hits('.hidden_index', 'salute')).toBe(0)
    expect(await hits('.hidden_index', 'hi')).toBe(1)

    const preview = await send('POST', '/.hidden_index/_reload_search_analyzers?preview=true')
    expect(preview.body).toEqual({
      _shards: { total: 1, successful: 1, failed: 0 },
      reload_details: [
        { index: '.hidden_index', reloaded_analyzers: ['my_analyzer'], reloaded_node_ids: [nodeId] },
      ],
    })
    expect(await hits('.hidden_index', 'salute')).toBe(0)

    expect((await send('POST', '/.hidden_index/_reload_search_analyzers')).status).toBe(200)
    expect(await hits('.hidden_index', 'salute')).toBe(1)
    expect(await hits('.hidden_index', 'hi')).toBe(0)
  })

  it('refuses a closed index and a bad preview flag as ES does', async () => {
    await createIndex('closed', { synonyms: ['hello, hi'] })
    await send('POST', '/closed/_close')
    const refused = await send('POST', '/closed/_reload_search_analyzers')
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ error: { type: 'index_closed_exception', reason: 'closed' } })
    expect(await send('POST', '/closed/_reload_search_analyzers?preview=yes')).toEqual({
      status: 400,
      body: errorBody(
        'illegal_argument_exception',
        'Failed to parse value [yes] as only [true] or [false] are allowed.',
        400,
      ),
    })
  })
})

describe('an updateable filter at index time', () => {
  const reason =
    'analyzer [my_analyzer] contains filters [syn, syn2] that are not allowed to run in index time mode.'
  const refused = {
    status: 400,
    body: {
      error: {
        root_cause: [{ type: 'mapper_exception', reason }],
        type: 'mapper_parsing_exception',
        reason: `Failed to parse mapping: ${reason}`,
        caused_by: { type: 'mapper_exception', reason },
      },
      status: 400,
    },
  }
  const analysis = {
    filter: {
      syn: { type: 'synonym', synonyms: ['hello, hi'], updateable: true },
      syn2: { type: 'synonym_graph', synonyms: ['bye, ciao'], updateable: 'true' },
      fixed: { type: 'synonym', synonyms: ['a, b'] },
    },
    analyzer: {
      my_analyzer: { type: 'custom', tokenizer: 'standard', filter: ['syn', 'lowercase', 'fixed', 'syn2'] },
    },
  }

  it('refuses the analyzer as a text field analyzer when the index is created (NamedAnalyzer.checkAllowedInMode)', async () => {
    const created = await send('PUT', '/idx', {
      settings: { analysis },
      mappings: { properties: { title: { type: 'text', analyzer: 'my_analyzer' } } },
    })
    expect(created).toEqual(refused)
    expect((await node.send('HEAD', '/idx')).status).toBe(404)
  })

  it('refuses it in PUT _mapping, and takes it as a search analyzer', async () => {
    expect((await send('PUT', '/idx', { settings: { analysis } })).status).toBe(200)
    const mapped = await send('PUT', '/idx/_mapping', {
      properties: { title: { type: 'text', analyzer: 'my_analyzer' } },
    })
    expect(mapped).toEqual(refused)
    const searchOnly = await send('PUT', '/idx/_mapping', {
      properties: { title: { type: 'text', search_analyzer: 'my_analyzer' } },
    })
    expect(searchOnly).toEqual({ status: 200, body: { acknowledged: true } })
  })
})

describe('an updateable filter in the default analyzer', () => {
  const reason = 'analyzer [default] contains filters [syn] that are not allowed to run in all mode.'
  const analysis = {
    filter: { syn: { type: 'synonym', synonyms: ['hello, hi'], updateable: true } },
    analyzer: { default: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'syn'] } },
  }

  it('fails the index creation (AnalysisRegistry.build: checkAllowedInMode(ALL)), a mapper_exception', async () => {
    const created = await send('PUT', '/idx', { settings: { analysis } })
    expect(created).toEqual({
      status: 500,
      body: {
        error: { root_cause: [{ type: 'mapper_exception', reason }], type: 'mapper_exception', reason },
        status: 500,
      },
    })
    expect((await node.send('HEAD', '/idx')).status).toBe(404)
  })

  it('is refused on a closed index too, whose new analysis is built to be checked', async () => {
    expect((await send('PUT', '/idx', {})).status).toBe(200)
    await send('POST', '/idx/_close')
    const updated = await send('PUT', '/idx/_settings', { analysis })
    expect(updated).toMatchObject({ status: 500, body: { error: { type: 'mapper_exception', reason } } })
  })
})
