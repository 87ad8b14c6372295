// _mtermvectors on a started cluster: the `docs` and `ids` forms, the URL's parameters and the body's `parameters`
// as defaults for every item, ids in Java HashSet order, per-item failures (MultiTermVectorsResponse.Failure) and
// ES's parse and validation errors.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'
import { indexNotFoundBody } from '../cluster-admin/cluster-admin-fixture.ts'

async function library(): Promise<TestCluster> {
  const c = await startCluster(1)
  await c.json(1, 'PUT', '/books', {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: { properties: { text: { type: 'text' }, tag: { type: 'keyword' } } },
  })
  await c.json(1, 'PUT', '/books/_doc/1', { text: 'fox fox', tag: 'a' })
  await c.json(1, 'PUT', '/books/_doc/2?refresh=true', { text: 'the fox', tag: ['b', 'a'] })
  await c.json(1, 'PUT', '/routed', {
    settings: { number_of_shards: 2, number_of_replicas: 0 },
    mappings: { _routing: { required: true }, properties: { tag: { type: 'keyword' } } },
  })
  await c.json(1, 'PUT', '/routed/_doc/1?routing=r&refresh=true', { tag: 'x' })
  await c.json(1, 'POST', '/_aliases', { actions: [{ add: { index: 'routed', alias: 'routed-alias' } }] })
  return c
}

/** The response with every `took` set to 0: the time a copy took is not what these tests check. */
async function mtermvectors(c: TestCluster, path: string, body?: object): Promise<unknown> {
  const response = await c.send(1, 'POST', path, body)
  expect(response.status, response.body).toBe(200)
  return JSON.parse(response.body, (key, value: unknown) => (key === 'took' ? 0 : value)) as unknown
}

async function failure(c: TestCluster, path: string, body?: object | string): Promise<unknown> {
  const response = await c.send(1, 'POST', path, body)
  return { status: response.status, error: (JSON.parse(response.body) as { error: object }).error }
}

const tag = (terms: Record<string, number>): object => ({
  terms: Object.fromEntries(
    Object.entries(terms).map(([term, position]) => [
      term,
      { term_freq: 1, tokens: [{ position, start_offset: position * 2, end_offset: position * 2 + 1 }] },
    ]),
  ),
})

describe('_mtermvectors', () => {
  it('answers each docs entry with its own keys over the URL parameters, and failures per item', async () => {
    const c = await library()
    const body = await mtermvectors(c, '/books/_mtermvectors?fields=tag&field_statistics=false', {
      docs: [
        { _id: '2' },
        { _id: '1', fields: ['text'], term_statistics: true, positions: false, offsets: false },
        { _index: 'nope', _id: '1' },
        { _index: 'routed-alias', _id: '1' },
        { _index: 'routed', _id: '1', routing: 'r' },
        { _id: '9' },
      ],
    })
    expect(body).toEqual({
      docs: [
        {
          _index: 'books',
          _id: '2',
          _version: 1,
          found: true,
          took: 0,
          term_vectors: { tag: tag({ a: 1, b: 0 }) },
        },
        {
          _index: 'books',
          _id: '1',
          _version: 1,
          found: true,
          took: 0,
          term_vectors: {
            text: { terms: { fox: { doc_freq: 2, ttf: 3, term_freq: 2 } } },
          },
        },
        {
          _index: 'nope',
          _id: '1',
          error: indexNotFoundBody('nope').error,
        },
        {
          _index: 'routed',
          _id: '1',
          error: {
            root_cause: [
              {
                type: 'routing_missing_exception',
                reason: 'routing is required for [routed]/[1]',
                index_uuid: expect.any(String) as unknown,
                index: 'routed',
              },
            ],
            type: 'routing_missing_exception',
            reason: 'routing is required for [routed]/[1]',
            index_uuid: expect.any(String) as unknown,
            index: 'routed',
          },
        },
        {
          _index: 'routed',
          _id: '1',
          _version: 1,
          found: true,
          took: 0,
          term_vectors: { tag: tag({ x: 0 }) },
        },
        { _index: 'books', _id: '9', _version: 0, found: false, took: 0 },
      ],
    })
  })

  it('answers ids from the URL and the body once each, in Java HashSet order, after the docs', async () => {
    const c = await library()
    // "10" hashes to bucket 15 and "2" to bucket 2 of the set's 16, so "2" comes first.
    const body = (await mtermvectors(c, '/books/_mtermvectors?ids=10,%202&fields=tag', {
      ids: ['2', '1'],
      docs: [{ _id: '1', fields: ['text'] }],
    })) as { docs: Array<{ _id: string; found: boolean; term_vectors?: object }> }
    expect(body.docs.map((doc) => [doc._id, doc.found, Object.keys(doc.term_vectors ?? {})])).toEqual([
      ['1', true, ['text']],
      ['1', true, ['tag']],
      ['2', true, ['tag']],
      ['10', false, []],
    ])
  })

  it('reads `parameters` into the template: it shapes the entries after it and every id', async () => {
    const c = await library()
    const body = await mtermvectors(c, '/books/_mtermvectors', {
      docs: [{ _id: '1', fields: ['tag'], positions: false, offsets: false, field_statistics: false }],
      parameters: { fields: ['tag'], offsets: false, field_statistics: false },
      ids: ['1'],
    })
    expect(body).toEqual({
      docs: [
        {
          _index: 'books',
          _id: '1',
          _version: 1,
          found: true,
          took: 0,
          term_vectors: { tag: { terms: { a: { term_freq: 1 } } } },
        },
        {
          _index: 'books',
          _id: '1',
          _version: 1,
          found: true,
          took: 0,
          term_vectors: { tag: { terms: { a: { term_freq: 1, tokens: [{ position: 0 }] } } } },
        },
      ],
    })
  })

  it('refuses bad bodies with ES parse errors', async () => {
    const c = await library()
    const parse = (reason: string): object => ({ status: 400, error: { type: 'parse_exception', reason } })
    const illegal = (reason: string): object => ({
      status: 400,
      error: { type: 'illegal_argument_exception', reason },
    })
    expect(await failure(c, '/books/_mtermvectors', { docs: [{ _id: '1', bogus: true }] })).toMatchObject(
      parse('failed to parse term vectors request. unknown field [bogus]'),
    )
    expect(await failure(c, '/books/_mtermvectors', { docs: [{ id: '1' }] })).toMatchObject(
      parse('failed to parse term vectors request. unknown field [id]'),
    )
    expect(await failure(c, '/books/_mtermvectors', { documents: [] })).toMatchObject(
      parse('no parameter named [documents] and type ARRAY'),
    )
    expect(await failure(c, '/books/_mtermvectors', { params: {} })).toMatchObject(
      parse('no parameter named [params] and type OBJECT'),
    )
    expect(await failure(c, '/books/_mtermvectors', { ids: ['1'], offsets: false })).toMatchObject(
      parse('_mtermvectors: Parameter [offsets] not supported'),
    )
    expect(await failure(c, '/books/_mtermvectors', { docs: ['1'] })).toMatchObject(
      illegal('docs array element should include an object'),
    )
    expect(await failure(c, '/books/_mtermvectors', { ids: [{ _id: '1' }] })).toMatchObject(
      illegal('ids array element should only contain ids'),
    )
    expect(await failure(c, '/books/_mtermvectors', { parameters: { fields: 'tag' } })).toMatchObject(
      parse('failed to parse term vectors request. field [fields] must be an array'),
    )
    expect(await failure(c, '/books/_mtermvectors?ids=1&bogus=1')).toMatchObject({
      status: 400,
      error: { type: 'illegal_argument_exception' },
    })
  })

  it('fails validation as MultiTermVectorsRequest.validate does: the last failing item wins', async () => {
    const c = await library()
    const validation = (reason: string): object => ({
      status: 400,
      error: { type: 'action_request_validation_exception', reason },
    })
    expect(await failure(c, '/_mtermvectors')).toMatchObject(
      validation('Validation Failed: 1: multi term vectors: no documents requested;'),
    )
    expect(await failure(c, '/books/_mtermvectors', { ids: [] })).toMatchObject(
      validation('Validation Failed: 1: multi term vectors: no documents requested;'),
    )
    expect(
      await failure(c, '/_mtermvectors', { docs: [{ _id: '1' }, { _index: 'books' }, { _id: '2' }] }),
    ).toMatchObject(validation('Validation Failed: 1: index is missing;2: at multi term vectors for doc 2;'))
    expect(await failure(c, '/_mtermvectors', { docs: [{}] })).toMatchObject(
      validation(
        'Validation Failed: 1: index is missing;2: id or doc is missing;3: at multi term vectors for doc 0;',
      ),
    )
  })
})
