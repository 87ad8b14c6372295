// The synonyms APIs of ES 8.17 (SynonymsManagementAPIService and the synonyms REST actions) on one node, after
// rest-api-spec's YAML tests synonyms/10_synonyms_put ... 90_synonyms_reloading_for_synset: the responses, the
// 404 and validation errors, the refusal to delete a set an index reads, and a `synonyms_set` filter with
// `updateable: true` in a search analyzer that searches with a set's new rules as soon as the set changes.
import { beforeEach, describe, expect, it } from 'vitest'
import type { HttpMethod } from '../../../../workers/protocol/es.ts'
import { sendJson, startNode, type TestNode } from '../node/es-node-fixture.ts'
import { errorBody } from '../cluster-admin/cluster-admin-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

function send(
  method: HttpMethod,
  path: string,
  body?: object | string,
): Promise<{ status: number; body: unknown }> {
  return sendJson(node, method, path, body)
}

const NO_RELOAD = { _shards: { total: 0, successful: 0, failed: 0 }, reload_details: [] }

async function putSet(id: string, rules: object[]): Promise<unknown> {
  return (await send('PUT', `/_synonyms/${id}`, { synonyms_set: rules })).body
}

const THREE_RULES = [
  { synonyms: 'hello, hi', id: 'test-id-1' },
  { synonyms: 'bye => goodbye', id: 'test-id-2' },
  { synonyms: 'test => check', id: 'test-id-3' },
]

describe('synonyms sets', () => {
  it('creates, then updates a set (10_synonyms_put)', async () => {
    expect(await putSet('s', THREE_RULES)).toEqual({ result: 'created', reload_analyzers_details: NO_RELOAD })
    expect(await putSet('s', [{ synonyms: 'other, another' }])).toEqual({
      result: 'updated',
      reload_analyzers_details: NO_RELOAD,
    })
    const got = (await send('GET', '/_synonyms/s')).body as {
      count: number
      synonyms_set: Array<{ id: string }>
    }
    expect(got.count).toBe(1)
    expect(got.synonyms_set[0]!.id).toMatch(/^[A-Za-z0-9_-]{20}$/)
  })

  it('an empty set exists but is not listed', async () => {
    await putSet('empty', [])
    expect(await send('GET', '/_synonyms/empty')).toEqual({
      status: 200,
      body: { count: 0, synonyms_set: [] },
    })
    expect((await send('GET', '/_synonyms')).body).toEqual({ count: 0, results: [] })
  })

  it('validates the rules', async () => {
    const refused = async (synonyms: string) => send('PUT', '/_synonyms/s', { synonyms_set: [{ synonyms }] })
    const validation = (reason: string) =>
      errorBody('action_request_validation_exception', `Validation Failed: 1: ${reason};`, 400)
    expect(await refused('')).toEqual({ status: 400, body: validation("[synonyms] field can't be empty") })
    expect(await refused('bye => => goodbye')).toEqual({
      status: 400,
      body: validation(
        'More than one explicit mapping specified in the same synonyms rule: [bye => => goodbye]',
      ),
    })
    for (const rule of [' => goodbye', 'bye => ', 'bye, goodbye,  '])
      expect(await refused(rule)).toEqual({
        status: 400,
        body: validation(`Incorrect syntax for [synonyms]: [${rule}]`),
      })
  })

  it('gets a set by pages, rules by id (20_synonyms_get)', async () => {
    await putSet('s', [...THREE_RULES].reverse())
    expect((await send('GET', '/_synonyms/s?size=2')).body).toEqual({
      count: 3,
      synonyms_set: THREE_RULES.slice(0, 2).map(({ id, synonyms }) => ({ id, synonyms })),
    })
    expect((await send('GET', '/_synonyms/s?from=1')).body).toEqual({
      count: 3,
      synonyms_set: THREE_RULES.slice(1).map(({ id, synonyms }) => ({ id, synonyms })),
    })
    expect(await send('GET', '/_synonyms/s?from=-1')).toEqual({
      status: 400,
      body: errorBody(
        'action_request_validation_exception',
        'Validation Failed: 1: [from] must be a positive integer;',
        400,
      ),
    })
    expect((await send('GET', '/_synonyms/s?size=100001')).status).toBe(400)
    expect(await send('GET', '/_synonyms/missing')).toEqual({
      status: 404,
      body: errorBody('resource_not_found_exception', 'synonyms set [missing] not found', 404),
    })
  })

  it('lists the sets by id with their rule counts (40_synonyms_sets_get)', async () => {
    await putSet('test-synonyms-3', [{ synonyms: 'hello, hi' }, { synonyms: 'goodbye, bye' }])
    await putSet('test-synonyms-1', [
      { synonyms: 'test, check' },
      { synonyms: 'good, great' },
      { synonyms: 'bad, evil' },
    ])
    await putSet('test-synonyms-2', [{ synonyms: 'pc, computer' }])
    expect((await send('GET', '/_synonyms?from=1')).body).toEqual({
      count: 3,
      results: [
        { synonyms_set: 'test-synonyms-2', count: 1 },
        { synonyms_set: 'test-synonyms-3', count: 2 },
      ],
    })
  })

  it('puts, gets and deletes rules (50, 60, 70)', async () => {
    await putSet('s', THREE_RULES)
    expect((await send('PUT', '/_synonyms/s/test-id-0', { synonyms: 'i-phone, iphone' })).body).toEqual({
      result: 'created',
      reload_analyzers_details: NO_RELOAD,
    })
    expect((await send('PUT', '/_synonyms/s/test-id-2', { synonyms: 'bye, goodbye, seeya' })).body).toEqual({
      result: 'updated',
      reload_analyzers_details: NO_RELOAD,
    })
    expect((await send('GET', '/_synonyms/s/test-id-2')).body).toEqual({
      id: 'test-id-2',
      synonyms: 'bye, goodbye, seeya',
    })
    expect((await send('DELETE', '/_synonyms/s/test-id-0')).body).toEqual({
      result: 'deleted',
      reload_analyzers_details: NO_RELOAD,
    })
    expect(await send('GET', '/_synonyms/s/test-id-0')).toEqual({
      status: 404,
      body: errorBody('resource_not_found_exception', 'synonym rule [test-id-0] not found', 404),
    })
    expect(await send('DELETE', '/_synonyms/s/test-id-0')).toEqual({
      status: 404,
      body: errorBody(
        'resource_not_found_exception',
        'synonym rule [test-id-0] not found on synonyms set [s]',
        404,
      ),
    })
    expect(await send('PUT', '/_synonyms/other/r', { synonyms: 'a, b' })).toEqual({
      status: 404,
      body: errorBody('resource_not_found_exception', 'synonyms set [other] not found', 404),
    })
    expect((await send('DELETE', '/_synonyms/s')).body).toEqual({ acknowledged: true })
    expect((await send('DELETE', '/_synonyms/s')).status).toBe(404)
  })
})

describe('a synonyms_set filter', () => {
  async function createIndex(name: string, set: string): Promise<void> {
    const created = await send('PUT', `/${name}`, {
      settings: {
        index: { number_of_shards: 1, number_of_replicas: 0 },
        analysis: {
          filter: { my_synonym_filter: { type: 'synonym_graph', synonyms_set: set, updateable: true } },
          analyzer: {
            my_analyzer: {
              type: 'custom',
              tokenizer: 'standard',
              filter: ['lowercase', 'my_synonym_filter'],
            },
          },
        },
      },
      mappings: { properties: { my_field: { type: 'text', search_analyzer: 'my_analyzer' } } },
    })
    expect(created.status).toBe(200)
    await send(
      'POST',
      '/_bulk?refresh=true',
      [
        JSON.stringify({ index: { _index: name, _id: '1' } }),
        JSON.stringify({ my_field: 'hello' }),
        JSON.stringify({ index: { _index: name, _id: '2' } }),
        JSON.stringify({ my_field: 'goodbye' }),
        '',
      ].join('\n'),
    )
  }

  async function hits(index: string, query: string): Promise<number> {
    const found = await send('POST', `/${index}/_search`, { query: { match: { my_field: query } } })
    return (found.body as { hits: { total: { value: number } } }).hits.total.value
  }

  it('reloads the search analyzers that read an updated set (80, 90)', async () => {
    await putSet('set1', [
      { synonyms: 'hello, hi', id: 'r1' },
      { synonyms: 'bye => goodbye', id: 'r2' },
    ])
    await putSet('set2', [{ synonyms: 'hello, hi', id: 'r1' }])
    await createIndex('my_index1', 'set1')
    await createIndex('my_index2', 'set2')
    expect(await hits('my_index1', 'hi')).toBe(1)
    expect(await hits('my_index1', 'bye')).toBe(1)
    const updated = (
      await send('PUT', '/_synonyms/set1', {
        synonyms_set: [{ synonyms: 'hello, salute' }, { synonyms: 'ciao => goodbye' }],
      })
    ).body
    expect(updated).toEqual({
      result: 'updated',
      reload_analyzers_details: {
        _shards: { total: 2, successful: 2, failed: 0 },
        reload_details: [
          {
            index: 'my_index1',
            reloaded_analyzers: ['my_analyzer'],
            reloaded_node_ids: [expect.stringMatching(/^[\w-]{22}$/)],
          },
        ],
      },
    })
    expect(await hits('my_index1', 'salute')).toBe(1)
    expect(await hits('my_index1', 'ciao')).toBe(1)
    expect(await hits('my_index2', 'salute')).toBe(0)
    await send('PUT', '/_synonyms/set1/r3', { synonyms: 'hello, hola' })
    expect(await hits('my_index1', 'hola')).toBe(1)
  })

  it('keeps a set an index reads from deletion (30_synonyms_delete)', async () => {
    await putSet('test-get-synonyms', [{ synonyms: 'hello, hi' }])
    await createIndex('my_index1', 'test-get-synonyms')
    expect(await send('DELETE', '/_synonyms/test-get-synonyms')).toEqual({
      status: 400,
      body: errorBody(
        'illegal_argument_exception',
        'synonyms set [test-get-synonyms] cannot be deleted as it is used in the following indices: my_index1',
        400,
      ),
    })
  })

  it('needs updateable: true', async () => {
    await putSet('s', [{ synonyms: 'hello, hi' }])
    const created = await send('PUT', '/bad', {
      settings: {
        analysis: {
          filter: { syn: { type: 'synonym', synonyms_set: 's' } },
          analyzer: { a: { tokenizer: 'standard', filter: ['syn'] } },
        },
      },
    })
    expect(created).toEqual({
      status: 400,
      body: errorBody(
        'illegal_argument_exception',
        "Can't apply [synonyms_set]! Loading synonyms from index is supported only for search time synonyms!",
        400,
      ),
    })
  })
})
