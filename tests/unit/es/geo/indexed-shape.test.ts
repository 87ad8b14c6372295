// The `indexed_shape` of geo_shape and shape queries (AbstractGeometryQueryBuilder.doRewrite and fetch): the
// geo-shape-query docs' pre-indexed shape example, `index` / `path` / `routing` and their defaults, the path walk of
// fetch, the rewrite's errors with ES's texts, and the ignore_unmapped that ES 8.17's rewrite drops.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function put(node: TestNode, path: string, body: object): Promise<void> {
  const response = await node.send('PUT', path, body)
  expect(response.status, response.body).toBeLessThan(300)
}

/** `example` with a geo_shape `location` (three documents) and `shapes` holding the query shapes. */
async function example(): Promise<TestNode> {
  const node = await startNode()
  await put(node, '/example', { mappings: { properties: { location: { type: 'geo_shape' } } } })
  await put(node, '/shapes', { mappings: { properties: { location: { type: 'geo_shape' } } } })
  await put(node, '/example/_doc/berlin', { location: 'POINT (13.4 52.52)' })
  await put(node, '/example/_doc/munich', { location: 'POINT (11.58 48.14)' })
  await put(node, '/example/_doc/crossing', { location: 'LINESTRING (12 52.5, 13.5 52.5)' })
  await put(node, '/shapes/_doc/deu', {
    location: {
      type: 'envelope',
      coordinates: [
        [13.0, 53.0],
        [14.0, 52.0],
      ],
    },
  })
  await node.send('POST', '/_refresh')
  return node
}

async function search(node: TestNode, query: object, path = '/example/_search') {
  const response = await node.send('POST', path, { query, sort: ['_doc'] })
  return { status: response.status, json: JSON.parse(response.body) as unknown }
}

async function ids(node: TestNode, query: object): Promise<string[]> {
  const { status, json } = await search(node, query)
  expect(status, JSON.stringify(json)).toBe(200)
  return (json as { hits: { hits: { _id: string }[] } }).hits.hits.map((hit) => hit._id)
}

function geoShape(options: object, outer: object = {}): object {
  return { geo_shape: { location: options, ...outer } }
}

describe('indexed_shape', () => {
  it('runs the docs example: the shape at `path` of the fetched document', async () => {
    const node = await example()
    const indexed = { index: 'shapes', id: 'deu', path: 'location' }
    expect(await ids(node, { bool: { filter: geoShape({ indexed_shape: indexed }) } })).toEqual([
      'berlin',
      'crossing',
    ])
    expect(await ids(node, geoShape({ indexed_shape: indexed, relation: 'within' }))).toEqual(['berlin'])
    expect(await ids(node, geoShape({ indexed_shape: indexed, relation: 'disjoint' }))).toEqual(['munich'])
    // the boost and _name are carried over; _count fetches too
    const scored = await node.send('POST', '/example/_search', {
      query: geoShape({ indexed_shape: indexed }, { boost: 3, _name: 'de' }),
    })
    const hits = JSON.parse(scored.body) as {
      hits: { max_score: number; hits: { matched_queries: string[] }[] }
    }
    expect(hits.hits.max_score).toBe(3)
    expect(hits.hits.hits[0]!.matched_queries).toEqual(['de'])
    const count = await node.send('POST', '/example/_count', { query: geoShape({ indexed_shape: indexed }) })
    expect((JSON.parse(count.body) as { count: number }).count).toBe(2)
  })

  it('defaults index to "shapes" and path to "shape", and walks a dotted path', async () => {
    const node = await example()
    await put(node, '/shapes/_doc/plain?refresh', { shape: 'BBOX (11, 12, 49, 48)' })
    expect(await ids(node, geoShape({ indexed_shape: { id: 'plain' } }))).toEqual(['munich'])
    await put(node, '/zones', { mappings: { dynamic: false } })
    await put(node, '/zones/_doc/z?refresh', {
      other: { area: 'POINT (0 0)' },
      zone: { name: 'de', area: 'BBOX (13, 14, 53, 52)' },
    })
    const dotted = { index: 'zones', id: 'z', path: 'zone.area' }
    expect(await ids(node, geoShape({ indexed_shape: dotted }))).toEqual(['berlin', 'crossing'])
  })

  it('routes the GET by `routing`, and through an alias', async () => {
    const node = await example()
    await put(node, '/routed', {
      settings: { number_of_shards: 3 },
      mappings: { _routing: { required: true } },
    })
    await put(node, '/routed/_doc/r?routing=k&refresh', { shape: 'POINT (13.4 52.52)' })
    expect(await ids(node, geoShape({ indexed_shape: { index: 'routed', id: 'r', routing: 'k' } }))).toEqual([
      'berlin',
    ])
    const missing = await search(node, geoShape({ indexed_shape: { index: 'routed', id: 'r' } }))
    expect(missing.json).toMatchObject({
      error: { type: 'routing_missing_exception', reason: 'routing is required for [routed]/[r]' },
      status: 400,
    })
    await node.send('POST', '/_aliases', {
      actions: [{ add: { index: 'routed', alias: 'via', routing: 'k' } }],
    })
    expect(await ids(node, geoShape({ indexed_shape: { index: 'via', id: 'r' } }))).toEqual(['berlin'])
  })

  it('fails the request with fetch’s errors', async () => {
    const node = await example()
    const failure = async (indexed: object) => (await search(node, geoShape({ indexed_shape: indexed }))).json
    expect(await failure({ index: 'shapes', id: 'nope' })).toEqual({
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason: 'Shape with ID [nope] not found' }],
        type: 'illegal_argument_exception',
        reason: 'Shape with ID [nope] not found',
      },
      status: 400,
    })
    expect(await failure({ index: 'shapes', id: 'deu' })).toEqual({
      error: {
        root_cause: [
          { type: 'illegal_state_exception', reason: 'Shape with name [deu] found but missing shape field' },
        ],
        type: 'illegal_state_exception',
        reason: 'Shape with name [deu] found but missing shape field',
      },
      status: 500,
    })
    expect(await failure({ index: 'missing', id: 'deu' })).toMatchObject({
      error: { type: 'index_not_found_exception', reason: 'no such index [missing]' },
      status: 404,
    })
    await put(node, '/hidden', { mappings: { _source: { enabled: false } } })
    await put(node, '/hidden/_doc/h?refresh', { shape: 'POINT (1 1)' })
    expect(await failure({ index: 'hidden', id: 'h' })).toMatchObject({
      error: { type: 'illegal_argument_exception', reason: 'Shape with ID [h] source disabled' },
    })
    // the walk ends at the first object's end: `b` is looked for inside `a` only
    await put(node, '/shapes/_doc/nested?refresh', { a: { c: 1 }, b: 'POINT (1 1)' })
    expect(await failure({ id: 'nested', path: 'a.b' })).toMatchObject({
      error: { reason: 'Shape with name [nested] found but missing a.b field' },
    })
    // the value found is read as a query's shape: Lucene's latitude check fails the shards
    await put(node, '/shapes/_doc/bad?refresh', { shape: 'POINT (1 100)' })
    expect(await failure({ id: 'bad' })).toMatchObject({
      error: {
        root_cause: [
          {
            type: 'illegal_argument_exception',
            reason: 'invalid latitude 100.0; must be between -90.0 and 90.0',
          },
        ],
        type: 'search_phase_execution_exception',
      },
    })
  })

  it('reads the spec as parsedParamsFromXContent does', async () => {
    const node = await example()
    const failure = async (options: object) => (await search(node, geoShape(options))).json
    expect(await failure({ indexed_shape: { id: 'deu', path: ['location'] } })).toMatchObject({
      error: { type: 'parsing_exception', reason: 'unknown token [START_ARRAY] after [path]' },
      status: 400,
    })
    expect(await failure({ indexed_shape: { index: 'shapes' } })).toMatchObject({
      error: { type: 'illegal_argument_exception', reason: 'either shape or indexedShapeId is required' },
    })
    // unknown keys are skipped; a shape given beside it wins
    const spec = { index: 'shapes', id: 'deu', path: 'location', type: '_doc', other: 1 }
    expect(await ids(node, geoShape({ indexed_shape: spec }))).toEqual(['berlin', 'crossing'])
    const both = geoShape({ indexed_shape: { id: 'nope' }, shape: 'POINT (11.58 48.14)' })
    expect(await ids(node, both)).toEqual(['munich'])
  })

  it('drops ignore_unmapped in the rewrite, as ES 8.17 does', async () => {
    const node = await example()
    expect(await ids(node, { geo_shape: { nope: { shape: 'POINT (1 1)' }, ignore_unmapped: true } })).toEqual(
      [],
    )
    const fetched = await search(node, {
      geo_shape: { nope: { indexed_shape: { id: 'deu', path: 'location' } }, ignore_unmapped: true },
    })
    expect(fetched.status).toBe(400)
    expect(JSON.stringify(fetched.json)).toContain('failed to find type for field [nope]')
  })

  it('runs in the shape query on shape fields', async () => {
    const node = await startNode()
    await put(node, '/plane', { mappings: { properties: { geometry: { type: 'shape' } } } })
    await put(node, '/plane/_doc/near', { geometry: 'POINT (1000 1000)' })
    await put(node, '/plane/_doc/far?refresh', { geometry: 'POINT (5000 5000)' })
    await put(node, '/shapes/_doc/box?refresh', { shape: 'BBOX (0, 2000, 2000, 0)' })
    const response = await node.send('POST', '/plane/_search', {
      query: { shape: { geometry: { indexed_shape: { id: 'box' } } } },
    })
    expect(response.body).toContain('"_id":"near"')
    expect(response.body).not.toContain('"_id":"far"')
  })

  it('is refused as not available where the playground does not fetch it', async () => {
    const node = await example()
    const response = await node.send('POST', '/_aliases', {
      actions: [
        {
          add: {
            index: 'example',
            alias: 'filtered',
            filter: geoShape({ indexed_shape: { index: 'shapes', id: 'deu', path: 'location' } }),
          },
        },
      ],
    })
    expect(response.status).toBe(200)
    const filtered = await node.send('POST', '/filtered/_search', {})
    expect(filtered.status).toBe(400)
    expect(filtered.body).toContain(
      '[geo_shape] query indexed shape [shapes/deu] is not available in the playground',
    )
  })
})
