// Circles against geo shapes, as Lucene's Circle2D relates them (haversine distance, the planar closest point of an
// edge): the geo-distance-query docs' geo_shape example (GeoDistanceQueryBuilder on a geo_shape field is a circle
// intersecting the shapes) and the geo_shape query's circle with its four relations, on geo_shape and geo_point fields.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function index(name: string, type: string, docs: Record<string, unknown>): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', `/${name}`, {
    mappings: { properties: { pin: { properties: { location: { type } } } } },
  })
  expect(created.status).toBe(200)
  const lines = Object.entries(docs).flatMap(([id, location]) => [
    JSON.stringify({ index: { _index: name, _id: id } }),
    JSON.stringify({ pin: { location } }),
  ])
  const bulk = await node.send('POST', '/_bulk?refresh', lines.join('\n') + '\n')
  expect(bulk.body).toContain('"errors":false')
  return node
}

async function ids(node: TestNode, name: string, query: object): Promise<string[]> {
  const response = await node.send('POST', `/${name}/_search`, { query, sort: ['_doc'] })
  expect(response.status, response.body).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: { _id: string }[] } }).hits.hits.map((hit) => hit._id)
}

const GERMANY = {
  type: 'polygon',
  coordinates: [
    [
      [13.0, 51.5],
      [15.0, 51.5],
      [15.0, 54.0],
      [13.0, 54.0],
      [13.0, 51.5],
    ],
  ],
}

describe('geo_distance on a geo_shape field', () => {
  it('matches the shapes the circle intersects (the docs example)', async () => {
    const node = await index('my_geoshapes', 'geo_shape', { 1: GERMANY })
    const distance = (d: string, lat: number, lon: number) => ({
      bool: {
        must: { match_all: {} },
        filter: { geo_distance: { distance: d, 'pin.location': { lat, lon } } },
      },
    })
    expect(await ids(node, 'my_geoshapes', distance('200km', 40, -70))).toEqual([])
    // the east edge lies about 68.5 km from (52, 16): an edge's closest point decides
    expect(await ids(node, 'my_geoshapes', distance('200km', 52, 16))).toEqual(['1'])
    expect(await ids(node, 'my_geoshapes', distance('68km', 52, 16))).toEqual([])
    expect(await ids(node, 'my_geoshapes', distance('69km', 52, 16))).toEqual(['1'])
    // a circle inside the polygon, touching no edge: its centre lies in it
    expect(await ids(node, 'my_geoshapes', distance('1km', 52, 14))).toEqual(['1'])
  })
})

describe('a circle in the geo_shape query', () => {
  const circle = (relation: string) => ({
    geo_shape: {
      'pin.location': { shape: { type: 'circle', coordinates: [14, 52], radius: '10km' }, relation },
    },
  })

  it('relates the four ways to points, lines and polygons', async () => {
    const node = await index('places', 'geo_shape', {
      inside: 'POINT (14.01 52.01)',
      crossing: 'LINESTRING (13.5 52, 14.5 52)',
      around: GERMANY,
      far: 'POINT (20 40)',
      near: 'LINESTRING (14.02 52.02, 14.03 52.03)',
    })
    expect(await ids(node, 'places', circle('intersects'))).toEqual(['inside', 'crossing', 'around', 'near'])
    expect(await ids(node, 'places', circle('disjoint'))).toEqual(['far'])
    expect(await ids(node, 'places', circle('within'))).toEqual(['inside', 'near'])
    expect(await ids(node, 'places', circle('contains'))).toEqual(['around'])
    const wkt = { geo_shape: { 'pin.location': { shape: 'CIRCLE (14 52 10000)' } } }
    expect(await ids(node, 'places', wkt)).toEqual(['inside', 'crossing', 'around', 'near'])
  })

  it('runs on geo_point fields', async () => {
    const node = await index('points', 'geo_point', { in: 'POINT (14.05 52.05)', out: 'POINT (14.2 52.2)' })
    expect(await ids(node, 'points', circle('intersects'))).toEqual(['in'])
  })
})
