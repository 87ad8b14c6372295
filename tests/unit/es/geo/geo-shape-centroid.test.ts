// geo_centroid on geo_shape fields (x-pack spatial's GeoShapeCentroidAggregator over the centroid each document's
// doc value records, CentroidCalculator): the geo-centroid docs' geo_shape example to the last digit (its TESTed
// response) beside its geo_bounds twin, only the highest dimension contributing while every document counts, and the
// reduce across shards.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import {
  decodeLatitude,
  decodeLongitude,
  encodeLatitude,
  encodeLongitude,
} from '../../../../workers/es/common/geo/geo-encoding.ts'

/** A centroid as the doc value stores it: GeoShapeCoordinateEncoder's quantisation, read back. */
const stored = (lon: number, lat: number) => ({
  lon: decodeLongitude(encodeLongitude(lon)),
  lat: decodeLatitude(encodeLatitude(lat)),
})

async function places(docs: object[], shards = 1): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/places', {
    settings: { number_of_shards: shards },
    mappings: { properties: { geometry: { type: 'geo_shape' } } },
  })
  expect(created.status).toBe(200)
  if (docs.length === 0) return node
  const lines = docs.flatMap((doc, i) => [
    JSON.stringify({ index: { _id: String(i + 1) } }),
    JSON.stringify(doc),
  ])
  const bulk = await node.send('POST', '/places/_bulk?refresh', lines.join('\n') + '\n')
  expect(bulk.body).toContain('"errors":false')
  return node
}

async function centroid(node: TestNode): Promise<unknown> {
  const response = await node.send('POST', '/places/_search?size=0', {
    aggs: { centroid: { geo_centroid: { field: 'geometry' } } },
  })
  expect(response.status, response.body).toBe(200)
  return (JSON.parse(response.body) as { aggregations: { centroid: unknown } }).aggregations.centroid
}

const NEMO = { name: 'NEMO Science Museum', geometry: 'POINT(4.912350 52.374081)' }
const WEEREN = {
  name: 'Sportpark De Weeren',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [4.965305328369141, 52.39347642069457],
        [4.966979026794433, 52.391721758934835],
        [4.969425201416015, 52.39238958618537],
        [4.967944622039794, 52.39420969150824],
        [4.965305328369141, 52.39347642069457],
      ],
    ],
  },
}

describe('geo_centroid on geo_shape', () => {
  it('answers the docs example exactly: the polygon alone weighs, both documents count', async () => {
    const node = await places([NEMO, WEEREN])
    expect(await centroid(node)).toEqual({
      location: { lat: 52.39296147599816, lon: 4.967404240742326 },
      count: 2,
    })
  })

  it('answers the geo_bounds docs example on the same documents exactly', async () => {
    const node = await places([NEMO, WEEREN])
    const response = await node.send('POST', '/places/_search?size=0', {
      aggs: { viewport: { geo_bounds: { field: 'geometry' } } },
    })
    expect(JSON.parse(response.body)).toMatchObject({
      aggregations: {
        viewport: {
          bounds: {
            top_left: { lat: 52.39420966710895, lon: 4.912349972873926 },
            bottom_right: { lat: 52.374080987647176, lon: 4.969425117596984 },
          },
        },
      },
    })
  })

  it('lets only the highest dimension weigh: lines by length, over points; every document counts', async () => {
    // segments (0 0)-(2 0) and (2 0)-(2 1): midpoints (1, 0) and (2, 0.5) weighing 2 and 1
    const node = await places([
      { geometry: 'POINT (50 50)' },
      { geometry: 'LINESTRING (0 0, 2 0, 2 1)' },
      { geometry: 'GEOMETRYCOLLECTION (POINT (-40 -40), LINESTRING (10 10, 10 12))' },
    ])
    const line = stored(4 / 3, 1 / 6)
    const collection = stored(10, 11)
    const lat = (3 * line.lat + 2 * collection.lat) / 5
    const lon = (3 * line.lon + 2 * collection.lon) / 5
    expect(await centroid(node)).toEqual({ location: { lat, lon }, count: 3 })
  })

  it('weighs a polygon by its area, a hole negatively, over a line in the same document', async () => {
    const node = await places([
      {
        geometry: [
          'LINESTRING (50 50, 60 60)',
          'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (0 0, 2 0, 2 2, 0 2, 0 0))',
        ],
      },
      { geometry: 'BBOX (10, 12, 1, 0)' },
    ])
    // the holed square: 16 at (2, 2) less 4 at (1, 1), so 12 at (7/3, 7/3); the envelope 2 at (11, 0.5)
    const holed = stored(7 / 3, 7 / 3)
    const box = stored(11, 0.5)
    expect(await centroid(node)).toEqual({
      location: { lat: (12 * holed.lat + 2 * box.lat) / 14, lon: (12 * holed.lon + 2 * box.lon) / 14 },
      count: 2,
    })
  })

  it('reduces the shards’ centroids weighted by their counts, not by their weights', async () => {
    const node = await places([NEMO, WEEREN])
    const mappings = { properties: { geometry: { type: 'geo_shape' } } }
    expect((await node.send('PUT', '/others', { mappings })).status).toBe(200)
    await node.send('PUT', '/others/_doc/1', { geometry: 'POINT (1 1)' })
    await node.send('PUT', '/others/_doc/2?refresh', { geometry: 'LINESTRING (3 3, 4 4)' })
    const both = await node.send('POST', '/places,others/_search?size=0', {
      aggs: { centroid: { geo_centroid: { field: 'geometry' } } },
    })
    // the line's centroid (3.5 3.5) as stored; each shard's centroid weighs its count (2)
    const line = stored(3.5, 3.5)
    const lat = (2 * 52.39296147599816 + 2 * line.lat) / 4
    const lon = (2 * 4.967404240742326 + 2 * line.lon) / 4
    expect(JSON.parse(both.body)).toMatchObject({
      aggregations: { centroid: { location: { lat, lon }, count: 4 } },
    })
  })
})
