// The cartesian `shape` field and the `shape` query (x-pack spatial): the shape-query docs example, float
// quantisation of x/y, the relations, and the refusals that name the query.
import { expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function example(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/example', { mappings: { properties: { geometry: { type: 'shape' } } } })
  return node
}

async function ids(node: TestNode, query: object): Promise<string[]> {
  const response = await node.send('POST', '/example/_search', { query, sort: ['_doc'] })
  expect(response.status, response.body).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: { _id: string }[] } }).hits.hits.map((h) => h._id)
}

it('runs the docs example: a point within an envelope, coordinates far off any globe', async () => {
  const node = await example()
  const put = await node.send('PUT', '/example/_doc/1?refresh=wait_for', {
    name: 'Lucky Landing',
    geometry: { type: 'point', coordinates: [1355.400544, 5255.530286] },
  })
  expect(put.status).toBe(201)
  const envelope = {
    type: 'envelope',
    coordinates: [
      [1355.0, 5355.0],
      [1400.0, 5200.0],
    ],
  }
  expect(await ids(node, { shape: { geometry: { shape: envelope, relation: 'within' } } })).toEqual(['1'])
  expect(await ids(node, { shape: { geometry: { shape: envelope, relation: 'disjoint' } } })).toEqual([])
})

it('relates lines and polygons in the plane, their coordinates stored as floats', async () => {
  const node = await example()
  await node.send('PUT', '/example/_doc/line', { geometry: 'LINESTRING (-1000 0, 1000 0)' })
  await node.send('PUT', '/example/_doc/square', { geometry: 'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))' })
  // 0.1 is stored as the float 0.100000001490116…, above the double 0.1
  await node.send('PUT', '/example/_doc/tenth?refresh', { geometry: 'POINT (0.1 20)' })
  const shape = (wkt: string, relation = 'intersects') => ({ shape: { geometry: { shape: wkt, relation } } })
  expect(await ids(node, shape('POINT (500 0)'))).toEqual(['line'])
  expect(await ids(node, shape('LINESTRING (5 -5, 5 5)'))).toEqual(['line', 'square'])
  expect(await ids(node, shape('POLYGON ((-1 -1, 11 -1, 11 11, -1 11, -1 -1))', 'within'))).toEqual([
    'square',
  ])
  expect(await ids(node, shape('POINT (5 5)', 'contains'))).toEqual(['square'])
  expect(await ids(node, shape('POINT (0.1 20)'))).toEqual(['tenth'])
})

it('refuses the geo_shape query, and a query shape it cannot read', async () => {
  const node = await example()
  const geo = await node.send('POST', '/example/_search', {
    query: { geo_shape: { geometry: { shape: 'POINT (1 1)' } } },
  })
  expect(geo.body).toContain(
    '"reason":"Field [geometry] is of unsupported type [shape] for [geo_shape] query"',
  )
  const bad = await node.send('POST', '/example/_search', {
    query: { shape: { geometry: { shape: 'POINT (1)' } } },
  })
  expect(bad.body).toContain('"type":"parse_exception","reason":"expected number but found: \')\'"')
})

async function points(parameters: object = {}): Promise<TestNode> {
  const node = await startNode()
  const response = await node.send('PUT', '/example', {
    mappings: { properties: { location: { type: 'point', ...parameters } } },
  })
  expect(response.status).toBe(200)
  return node
}

it('point: reads an object, GeoJSON, "x, y", WKT and arrays, and answers the shape query', async () => {
  const node = await points({ null_value: '7, 7' })
  const values = [
    { x: 1, y: 2 },
    { type: 'Point', coordinates: [1, 2] },
    '1, 2',
    'POINT (1 2)',
    [1, 2, 3],
    [{ x: 1, y: 2 }, '50, 50'],
    null,
  ]
  for (const [i, location] of values.entries()) {
    const response = await node.send('PUT', `/example/_doc/${i}`, JSON.stringify({ location }))
    expect(response.status, JSON.stringify(location)).toBe(201)
  }
  await node.send('POST', '/example/_refresh')
  const within = (wkt: string) => ({ shape: { location: { shape: wkt, relation: 'within' } } })
  expect(await ids(node, within('BBOX (0, 3, 3, 0)'))).toEqual(['0', '1', '2', '3', '4'])
  expect(await ids(node, { shape: { location: { shape: 'POINT (50 50)' } } })).toEqual(['5'])
  expect(await ids(node, { shape: { location: { shape: 'POINT (7 7)' } } })).toEqual(['6'])
  const fetch = async (field: object | string) => {
    const response = await node.send('POST', '/example/_search', {
      query: { ids: { values: ['2'] } },
      _source: false,
      fields: [field],
    })
    return (JSON.parse(response.body) as { hits: { hits: { fields: unknown }[] } }).hits.hits[0]!.fields
  }
  expect(await fetch('location')).toEqual({ location: [{ type: 'Point', coordinates: [1, 2] }] })
  expect(await fetch({ field: 'location', format: 'wkt' })).toEqual({ location: ['POINT (1.0 2.0)'] })
})

it("point: refuses what CartesianPoint refuses, with GenericPointParser's texts", async () => {
  const node = await points({ ignore_z_value: false })
  const cause = async (location: unknown) => {
    const response = await node.send('PUT', '/example/_doc/1', JSON.stringify({ location }))
    expect(response.status).toBe(400)
    const error = (JSON.parse(response.body) as { error: { reason: string; caused_by: { reason: string } } })
      .error
    expect(error.reason).toMatch(/failed to parse field \[location\] of type \[point\]$/)
    return error.caused_by.reason
  }
  expect(await cause({ x: 1 })).toBe('Required [y]')
  expect(await cause({ x: 1, y: 2, w: 3 })).toBe(
    'field [w] not supported - must be one of: x, y, z, type, coordinates',
  )
  expect(await cause({ type: 'LineString', coordinates: [1, 2] })).toBe(
    "[type] for point can only be 'Point'",
  )
  expect(await cause('1, 2, 3, 4')).toBe(
    'failed to parse [[1,  2,  3,  4]], expected 2 or 3 coordinates but found: [4]',
  )
  expect(await cause('a, 2')).toBe('[x] must be a number')
  expect(await cause('abc')).toBe('unsupported symbol [a] in point [abc]')
  expect(await cause('LINESTRING (1 2, 3 4) point')).toBe(
    '[point] supports only POINT among WKT primitives, but found LINESTRING',
  )
  expect(await cause([1, 2, 3])).toBe(
    'Exception parsing coordinates: found Z value [3.0] but [ignore_z_value] parameter is [false]',
  )
  expect(await cause([1, 'a'])).toBe('numeric value expected')
  // an array not starting with a number is an array of points
  expect(await cause(['a', 2])).toBe('unsupported symbol [a] in point [a]')
  expect(await cause(true)).toBe('point expected')
})
