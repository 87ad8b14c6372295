// The geo aggregations and sort over the museums of ES's reference pages (geo_bounds, geo_centroid, geo_distance,
// geohash_grid, geotile_grid), whose responses those pages print: every value comes from the quantised points.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const MUSEUMS: Array<[string | object, string]> = [
  ['POINT (4.912350 52.374081)', 'NEMO Science Museum'],
  ['52.369219,4.901618', 'Museum Het Rembrandthuis'],
  [{ lat: 52.371667, lon: 4.914722 }, 'Nederlands Scheepvaartmuseum'],
  [[4.4052, 51.2229], 'Letterenhuis'],
  ['48.861111,2.336389', 'Musée du Louvre'],
  ['POINT (2.327000 48.860000)', "Musée d'Orsay"],
]

async function museums(shards = 1): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/museums', {
    settings: { number_of_shards: shards },
    mappings: { properties: { location: { type: 'geo_point' }, name: { type: 'keyword' } } },
  })
  for (const [i, [location, name]] of MUSEUMS.entries()) {
    await node.send('PUT', `/museums/_doc/${i + 1}`, { location, name })
  }
  await node.send('POST', '/museums/_refresh')
  return node
}

async function aggs(node: TestNode, body: object): Promise<unknown> {
  const response = await node.send('POST', '/museums/_search?size=0', body)
  return (JSON.parse(response.body) as { aggregations: unknown }).aggregations
}

describe('geo aggregations', () => {
  it('geo_bounds of the two Paris museums and geo_centroid of all six, as the reference pages print them', async () => {
    const node = await museums()
    const paris = await aggs(node, {
      query: { terms: { name: ['Musée du Louvre', "Musée d'Orsay"] } },
      aggs: { viewport: { geo_bounds: { field: 'location', wrap_longitude: true } } },
    })
    expect(paris).toEqual({
      viewport: {
        bounds: {
          top_left: { lat: 48.86111099738628, lon: 2.3269999679178 },
          bottom_right: { lat: 48.85999997612089, lon: 2.3363889567553997 },
        },
      },
    })
    const centroid = await aggs(node, { aggs: { centroid: { geo_centroid: { field: 'location' } } } })
    expect(centroid).toEqual({
      centroid: { location: { lat: 51.00982965203002, lon: 3.9662131341174245 }, count: 6 },
    })
  })

  it('geo_distance rings around Amsterdam: the open range starts at 0.0 and keeps its "*-" key', async () => {
    const node = await museums()
    const response = await node.send('POST', '/museums/_search?size=0', {
      aggs: {
        rings_around_amsterdam: {
          geo_distance: {
            field: 'location',
            origin: '52.3760, 4.894',
            ranges: [{ to: 100000 }, { from: 100000, to: 300000 }, { from: 300000 }],
          },
          aggs: { names: { terms: { field: 'name', size: 1 } } },
        },
      },
    })
    expect(response.body).toContain(
      '"rings_around_amsterdam":{"buckets":[{"key":"*-100000.0","from":0.0,"to":100000.0,"doc_count":3,',
    )
    expect(response.body).toContain('{"key":"100000.0-300000.0","from":100000.0,"to":300000.0,"doc_count":1,')
    expect(response.body).toContain('{"key":"300000.0-*","from":300000.0,"doc_count":2,')
  })

  it('geohash_grid and geotile_grid cells, most documents first', async () => {
    const node = await museums()
    const grids = await aggs(node, {
      aggs: {
        hash: { geohash_grid: { field: 'location', precision: 3 } },
        tile: { geotile_grid: { field: 'location', precision: 8 } },
      },
    })
    expect(grids).toEqual({
      hash: {
        buckets: [
          { key: 'u17', doc_count: 3 },
          { key: 'u09', doc_count: 2 },
          { key: 'u15', doc_count: 1 },
        ],
      },
      tile: {
        buckets: [
          { key: '8/131/84', doc_count: 3 },
          { key: '8/129/88', doc_count: 2 },
          { key: '8/131/85', doc_count: 1 },
        ],
      },
    })
  })

  it('grid precision out of range, and a numeric metric on a geo_point, are refused', async () => {
    const node = await museums()
    const hash = await node.send('POST', '/museums/_search', {
      aggs: { h: { geohash_grid: { field: 'location', precision: 13 } } },
    })
    expect(hash.body).toContain('Invalid geohash aggregation precision of 13. Must be between 1 and 12.')
    const tile = await node.send('POST', '/museums/_search', {
      aggs: { t: { geotile_grid: { field: 'location', precision: 30 } } },
    })
    expect(tile.body).toContain('Invalid geotile_grid precision of 30. Must be between 0 and 29.')
    const avg = await node.send('POST', '/museums/_search', { aggs: { a: { avg: { field: 'location' } } } })
    expect(avg.body).toContain('Field [location] of type [geo_point] is not supported for aggregation [avg]')
  })
})

describe('geo aggregations across shards', () => {
  it("each shard's result crosses the wire and the reduce merges cells, bounds and counts", async () => {
    const request = {
      aggs: {
        hash: { geohash_grid: { field: 'location', precision: 3 } },
        tile: { geotile_grid: { field: 'location', precision: 8, size: 2 } },
        box: { geo_bounds: { field: 'location' } },
        centroid: { geo_centroid: { field: 'location' } },
      },
    }
    const one = (await aggs(await museums(1), request)) as Record<string, { count?: number }>
    const three = (await aggs(await museums(3), request)) as Record<string, { count?: number }>
    expect(three.hash).toEqual(one.hash)
    expect(three.tile).toEqual(one.tile)
    expect(three.box).toEqual(one.box)
    expect(three.centroid!.count).toBe(6)
  })
})

describe('_geo_distance sort', () => {
  it('orders by distance in the unit; the sort value is the haversine distance of the quantised point', async () => {
    const node = await museums()
    const response = await node.send('POST', '/museums/_search', {
      _source: false,
      size: 3,
      sort: [{ _geo_distance: { location: [4.894, 52.376], order: 'asc', unit: 'km' } }],
    })
    const hits = (JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; sort: number[] }> } })
      .hits.hits
    expect(hits.map((h) => h._id)).toEqual(['2', '1', '3'])
    // Rembrandthuis is about 0.9 km from the origin; distances ascend.
    expect(hits[0]!.sort[0]).toBeGreaterThan(0.9)
    expect(hits[0]!.sort[0]).toBeLessThan(1.0)
    expect(hits[1]!.sort[0]).toBeGreaterThan(hits[0]!.sort[0]!)
  })

  it('desc puts the farthest first; a document without a point sorts as Infinity', async () => {
    const node = await museums()
    await node.send('PUT', '/museums/_doc/7?refresh=true', { name: 'Nowhere' })
    const response = await node.send('POST', '/museums/_search', {
      _source: false,
      size: 2,
      sort: [{ _geo_distance: { location: '52.376,4.894', order: 'desc' } }],
    })
    expect(response.body).toContain('"_id":"7","_score":null,"sort":["Infinity"]')
    expect(response.body).toContain('"_id":"6","_score":null,"sort":[430803.27382975054]')
  })
})
