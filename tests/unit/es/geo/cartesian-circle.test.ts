// A circle in the `shape` query (ShapeQueryProcessor / XYQueriesUtils: LuceneGeometriesUtils.toXYCircle, an XYCircle of
// float centre and radius, related by Lucene's Circle2D with its CartesianDistance), on shape and point fields, with
// the four relations, the float rounding of the stored points and of the radius, and XYCircle's radius checks.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function index(type: string, docs: Record<string, unknown>): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/plane', { mappings: { properties: { g: { type } } } })
  expect(created.status).toBe(200)
  const lines = Object.entries(docs).flatMap(([id, g]) => [
    JSON.stringify({ index: { _id: id } }),
    JSON.stringify({ g }),
  ])
  const bulk = await node.send('POST', '/plane/_bulk?refresh', lines.join('\n') + '\n')
  expect(bulk.body).toContain('"errors":false')
  return node
}

async function ids(node: TestNode, shape: unknown, relation = 'intersects'): Promise<string[]> {
  const response = await node.send('POST', '/plane/_search', {
    query: { shape: { g: { shape, relation } } },
    sort: ['_doc'],
  })
  expect(response.status, response.body).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: { _id: string }[] } }).hits.hits.map((hit) => hit._id)
}

describe('a circle in the shape query on a shape field', () => {
  const docs = {
    centre: 'POINT (0 0)',
    edge: 'POINT (3 4)',
    outside: 'POINT (3 4.01)',
    crossing: 'LINESTRING (-10 4.5, 10 4.5)',
    passing: 'LINESTRING (-10 6, 10 6)',
    around: 'POLYGON ((-100 -100, 100 -100, 100 100, -100 100, -100 -100))',
    inside: 'POLYGON ((-1 -1, 1 -1, 1 1, -1 1, -1 -1))',
  }

  it('relates points, lines and polygons by planar distance, its boundary included', async () => {
    const node = await index('shape', docs)
    const circle = 'CIRCLE (0 0 5)'
    expect(await ids(node, circle)).toEqual(['centre', 'edge', 'crossing', 'around', 'inside'])
    expect(await ids(node, circle, 'disjoint')).toEqual(['outside', 'passing'])
    expect(await ids(node, circle, 'within')).toEqual(['centre', 'edge', 'inside'])
    expect(await ids(node, circle, 'contains')).toEqual(['around'])
  })

  it('reads a GeoJSON circle, its radius a distance in meters, and one inside a collection', async () => {
    const node = await index('shape', docs)
    const geojson = { type: 'circle', coordinates: [0, 0], radius: '5m' }
    expect(await ids(node, geojson, 'within')).toEqual(['centre', 'edge', 'inside'])
    const collection = 'GEOMETRYCOLLECTION (CIRCLE (0 0 1), POINT (3 4.01))'
    expect(await ids(node, collection)).toEqual(['centre', 'outside', 'around', 'inside'])
  })

  it('compares the stored float points with the float circle', async () => {
    // 0.1 is stored as the float 0.100000001490116…; a radius of 0.1 is that float too, so the point is on the edge
    const node = await index('shape', { tenth: 'POINT (0.1 0)', beyond: 'POINT (0.1000001 0)' })
    expect(await ids(node, 'CIRCLE (0 0 0.1)')).toEqual(['tenth'])
  })
})

describe('a circle in the shape query on a point field', () => {
  it('matches the points it holds with every relation', async () => {
    const node = await index('point', { centre: 'POINT (0 0)', edge: [3, 4], far: { x: 30, y: 40 } })
    expect(await ids(node, 'CIRCLE (0 0 5)')).toEqual(['centre', 'edge'])
    expect(await ids(node, 'CIRCLE (0 0 5)', 'within')).toEqual(['centre', 'edge'])
    expect(await ids(node, 'CIRCLE (0 0 5)', 'disjoint')).toEqual(['far'])
    expect(await ids(node, 'CIRCLE (0 0 5)', 'contains')).toEqual([])
  })
})

describe("XYCircle's radius checks", () => {
  it('refuses a radius of 0: ShapeQueryProcessor wraps it on a shape field, a point field throws it', async () => {
    const shape = await index('shape', { a: 'POINT (0 0)' })
    const wrapped = await shape.send('POST', '/plane/_search', {
      query: { shape: { g: { shape: 'CIRCLE (0 0 0)' } } },
    })
    expect(wrapped.status).toBe(400)
    expect(wrapped.body).toContain(
      '"type":"query_shard_exception","reason":"Exception creating query on Field [g] radius must be bigger than 0, got 0.0"',
    )
    const point = await index('point', { a: 'POINT (0 0)' })
    const thrown = await point.send('POST', '/plane/_search', {
      query: { shape: { g: { shape: 'CIRCLE (0 0 0)' } } },
    })
    expect(thrown.status).toBe(400)
    expect(thrown.body).toContain(
      '"type":"illegal_argument_exception","reason":"radius must be bigger than 0, got 0.0"',
    )
  })
})
