// The geo_point field: the forms a document may give a point in, GeoPointFieldMapper's refusals
// (document_parsing_exception caused by the parse or range error), ignore_malformed, ignore_z_value, null_value;
// dynamic mapping never infers it; and the geo queries' refusals and their use inside bool and constant_score.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function places(parameters: object = {}): Promise<TestNode> {
  const node = await startNode()
  const response = await node.send('PUT', '/places', {
    mappings: { properties: { location: { type: 'geo_point', ...parameters }, name: { type: 'keyword' } } },
  })
  expect(response.status).toBe(200)
  return node
}

async function count(node: TestNode, query: object): Promise<number> {
  const response = await node.send('POST', '/places/_count', { query })
  return (JSON.parse(response.body) as { count: number }).count
}

describe('geo_point documents', () => {
  it('accepts an object, "lat,lon", a geohash, [lon, lat], WKT and arrays of points', async () => {
    const node = await places()
    const values = [
      { lat: 41.12, lon: -71.34 },
      '41.12,-71.34',
      'drm3btev3e86',
      [-71.34, 41.12],
      'POINT (-71.34 41.12)',
      [{ lat: 41.12, lon: -71.34 }, '10,10'],
      [[-71.34, 41.12, 7]],
    ]
    for (const [i, location] of values.entries()) {
      const response = await node.send('PUT', `/places/_doc/${i}`, { location })
      expect(response.status, JSON.stringify(location)).toBe(201)
    }
    await node.send('POST', '/places/_refresh')
    expect(await count(node, { geo_distance: { distance: '1km', location: '41.12,-71.34' } })).toBe(7)
    expect(await count(node, { geo_distance: { distance: '1km', location: [10, 10] } })).toBe(1)
    expect(await count(node, { exists: { field: 'location' } })).toBe(7)
    const mapping = await node.send('GET', '/places/_mapping')
    expect(mapping.body).toContain('"location":{"type":"geo_point"}')
  })

  it('refuses a latitude out of range and a malformed point, naming the field', async () => {
    const node = await places()
    const latitude = await node.send('PUT', '/places/_doc/1', { location: { lat: 100, lon: 0 } })
    expect(latitude.status).toBe(400)
    expect(latitude.body).toContain(
      // at the token the point parser stands on once it has read the point: the object's `}`
      '"type":"document_parsing_exception","reason":"[1:31] failed to parse field [location] of type [geo_point]",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"illegal latitude value [100.0] for location"}',
    )
    const longitude = await node.send('PUT', '/places/_doc/1', { location: '0,-181.5' })
    expect(longitude.body).toContain('"reason":"illegal longitude value [-181.5] for location"')
    const missing = await node.send('PUT', '/places/_doc/1', { location: { lat: 1 } })
    expect(missing.body).toContain('"caused_by":{"type":"parse_exception","reason":"field [lon] missing"}')
    const text = await node.send('PUT', '/places/_doc/1', { location: 'a,b' })
    expect(text.body).toContain('"reason":"latitude must be a number"')
    expect(text.body).toContain('"reason":"[1:13] failed to parse field [location] of type [geo_point]"')
    const second = await node.send('PUT', '/places/_doc/1', {
      location: [{ lat: 1, lon: 1 }, [0, 100]],
    })
    expect(second.body).toContain('"reason":"[1:38] failed to parse field [location] of type [geo_point]"')
  })

  it('ignore_malformed drops what does not parse and normalises what is off the globe', async () => {
    const node = await places({ ignore_malformed: true })
    expect((await node.send('PUT', '/places/_doc/1', { location: 'not a point!' })).status).toBe(201)
    expect((await node.send('PUT', '/places/_doc/2', { location: { lat: 91, lon: 0 } })).status).toBe(201)
    await node.send('POST', '/places/_refresh')
    expect(await count(node, { exists: { field: 'location' } })).toBe(1)
    // 91° north folds back to 89° on the other side of the pole: longitude 180.
    expect(await count(node, { geo_distance: { distance: '1km', location: '89,180' } })).toBe(1)
  })

  it('ignore_z_value false refuses a third coordinate; null_value indexes its point for null', async () => {
    const strict = await places({ ignore_z_value: false })
    const z = await strict.send('PUT', '/places/_doc/1', { location: [1, 2, 3] })
    expect(z.body).toContain(
      'Exception parsing coordinates: found Z value [3] but [ignore_z_value] parameter is [false]',
    )
    const node = await places({ null_value: '0,0' })
    await node.send('PUT', '/places/_doc/1?refresh=true', { location: null })
    expect(await count(node, { geo_distance: { distance: '1m', location: '0,0' } })).toBe(1)
  })

  it('dynamic mapping never makes a geo_point', async () => {
    const node = await startNode()
    await node.send('PUT', '/dyn/_doc/1', { location: '41.12,-71.34', pin: { lat: 1, lon: 2 } })
    const mapping = (await node.send('GET', '/dyn/_mapping')).body
    expect(mapping).not.toContain('geo_point')
    expect(mapping).toContain('"pin":{"properties":{"lat":{"type":"long"},"lon":{"type":"long"}}}')
  })
})

describe('geo queries', () => {
  it('score 1.0 as constant-score queries and combine inside bool filters', async () => {
    const node = await places()
    await node.send('PUT', '/places/_doc/1', { name: 'a', location: '1,1' })
    await node.send('PUT', '/places/_doc/2', { name: 'b', location: '1,1.001' })
    await node.send('POST', '/places/_refresh')
    const hits = await node.send('POST', '/places/_search', {
      _source: false,
      query: {
        bool: {
          must: { geo_distance: { distance: '1km', location: '1,1' } },
          filter: { term: { name: 'b' } },
        },
      },
    })
    expect(hits.body).toContain('"hits":[{"_index":"places","_id":"2","_score":1.0}]')
    const boosted = await node.send('POST', '/places/_search', {
      _source: false,
      query: {
        constant_score: {
          filter: { geo_bounding_box: { location: { wkt: 'BBOX (0, 2, 2, 0)' } } },
          boost: 3,
        },
      },
    })
    expect(boosted.body).toContain('"max_score":3.0')
  })

  it('refusals: an unmapped field, a field of another type, a latitude out of range, a box upside down', async () => {
    const node = await places()
    const unmapped = await node.send('POST', '/places/_search', {
      query: { geo_distance: { distance: '1km', nowhere: '0,0' } },
    })
    expect(unmapped.body).toContain('"reason":"failed to find geo field [nowhere]"')
    const ignored = await node.send('POST', '/places/_count', {
      query: { geo_distance: { distance: '1km', nowhere: '0,0', ignore_unmapped: true } },
    })
    expect(ignored.body).toContain('"count":0')
    const keyword = await node.send('POST', '/places/_search', {
      query: { geo_bounding_box: { name: { top_left: '1,0', bottom_right: '0,1' } } },
    })
    expect(keyword.body).toContain(
      'Field [name] is of unsupported type [keyword] for [geo_bounding_box] query',
    )
    const latitude = await node.send('POST', '/places/_search', {
      query: { geo_distance: { distance: '1km', location: { lat: 95, lon: 0 } } },
    })
    expect(latitude.body).toContain('illegal latitude value [95.0] for [geo_distance]')
    const upsideDown = await node.send('POST', '/places/_search', {
      query: { geo_bounding_box: { location: { top_left: '0,0', bottom_right: '10,10' } } },
    })
    expect(upsideDown.body).toContain('Validation Failed: 1: top is below bottom corner: 0.0 vs. 10.0;')
    const noDistance = await node.send('POST', '/places/_search', {
      query: { geo_distance: { location: '0,0' } },
    })
    expect(noDistance.body).toContain("geo_distance requires 'distance' to be specified")
    const range = await node.send('POST', '/places/_search', { query: { range: { location: { gte: 1 } } } })
    expect(range.body).toContain('Field [location] of type [geo_point] does not support range queries')
  })
})

describe('fields on a geo_point', () => {
  it('GeoJSON by default, WKT on request, each point as sent', async () => {
    const node = await places()
    await node.send('PUT', '/places/_doc/1?refresh=true', { location: ['41.12,-71.34', [2, 1]] })
    const geojson = await node.send('POST', '/places/_search', { _source: false, fields: ['location'] })
    expect(geojson.body).toContain(
      '"fields":{"location":[{"type":"Point","coordinates":[-71.34,41.12]},{"type":"Point","coordinates":[2.0,1.0]}]}',
    )
    const wkt = await node.send('POST', '/places/_search', {
      _source: false,
      fields: [{ field: 'location', format: 'wkt' }],
    })
    expect(wkt.body).toContain('"fields":{"location":["POINT (-71.34 41.12)","POINT (2.0 1.0)"]}')
  })
})
