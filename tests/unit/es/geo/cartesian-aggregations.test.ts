// cartesian_centroid and cartesian_bounds (x-pack spatial) on point and shape fields: the docs' museum and places
// examples whole (their TESTRESPONSE values: the points stored as floats, the shape centroid recorded by the doc
// value as floats too, which the 8.x docs print as 496.74041748046875), the empty results, the reduce across shards,
// typed_keys, and the refusals.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const MUSEUMS = [
  { location: 'POINT (491.2350 5237.4081)', city: 'Amsterdam', name: 'NEMO Science Museum' },
  { location: 'POINT (490.1618 5236.9219)', city: 'Amsterdam', name: 'Museum Het Rembrandthuis' },
  { location: 'POINT (491.4722 5237.1667)', city: 'Amsterdam', name: 'Nederlands Scheepvaartmuseum' },
  { location: 'POINT (440.5200 5122.2900)', city: 'Antwerp', name: 'Letterenhuis' },
  { location: 'POINT (233.6389 4886.1111)', city: 'Paris', name: 'Musée du Louvre' },
  { location: 'POINT (232.7000 4886.0000)', city: 'Paris', name: "Musée d'Orsay" },
]

const PLACES = [
  { name: 'NEMO Science Museum', geometry: 'POINT(491.2350 5237.4081)' },
  {
    name: 'Sportpark De Weeren',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [496.5305328369141, 5239.347642069457],
          [496.6979026794433, 5239.1721758934835],
          [496.9425201416015, 5239.238958618537],
          [496.7944622039794, 5239.420969150824],
          [496.5305328369141, 5239.347642069457],
        ],
      ],
    },
  },
]

async function indexed(
  index: string,
  field: string,
  type: string,
  docs: object[],
  shards = 1,
): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', `/${index}`, {
    settings: { number_of_shards: shards },
    mappings: { properties: { [field]: { type } } },
  })
  expect(created.status, created.body).toBe(200)
  if (docs.length === 0) return node
  const lines = docs.flatMap((doc, i) => [
    JSON.stringify({ index: { _id: String(i + 1) } }),
    JSON.stringify(doc),
  ])
  const bulk = await node.send('POST', `/${index}/_bulk?refresh`, lines.join('\n') + '\n')
  expect(bulk.body).toContain('"errors":false')
  return node
}

async function aggregations(node: TestNode, index: string, body: object): Promise<unknown> {
  const response = await node.send('POST', `/${index}/_search?size=0`, body)
  expect(response.status, response.body).toBe(200)
  return (JSON.parse(response.body) as { aggregations: unknown }).aggregations
}

describe('cartesian_centroid', () => {
  it('answers the docs example on a point field exactly', async () => {
    const node = await indexed('museums', 'location', 'point', MUSEUMS)
    const aggs = { centroid: { cartesian_centroid: { field: 'location' } } }
    expect(await aggregations(node, 'museums', { aggs })).toEqual({
      centroid: { location: { x: 396.6213124593099, y: 5100.982991536458 }, count: 6 },
    })
  })

  it('answers the docs example under a terms aggregation exactly', async () => {
    const node = await indexed('museums', 'location', 'point', MUSEUMS)
    const aggs = {
      cities: {
        terms: { field: 'city.keyword' },
        aggs: { centroid: { cartesian_centroid: { field: 'location' } } },
      },
    }
    expect(await aggregations(node, 'museums', { aggs })).toEqual({
      cities: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [
          {
            key: 'Amsterdam',
            doc_count: 3,
            centroid: { location: { x: 490.9563293457031, y: 5237.16552734375 }, count: 3 },
          },
          {
            key: 'Paris',
            doc_count: 2,
            centroid: { location: { x: 233.16944885253906, y: 4886.0556640625 }, count: 2 },
          },
          {
            key: 'Antwerp',
            doc_count: 1,
            centroid: { location: { x: 440.5199890136719, y: 5122.2900390625 }, count: 1 },
          },
        ],
      },
    })
  })

  it('answers the docs example on a shape field exactly: the polygon alone weighs, both documents count', async () => {
    const node = await indexed('places', 'geometry', 'shape', PLACES)
    const aggs = { centroid: { cartesian_centroid: { field: 'geometry' } } }
    expect(await aggregations(node, 'places', { aggs })).toEqual({
      centroid: { location: { x: 496.74041748046875, y: 5239.29638671875 }, count: 2 },
    })
  })

  it('prints only the count without values, an unmapped field too, and a typed key', async () => {
    const node = await indexed('museums', 'location', 'point', MUSEUMS)
    const response = await node.send('POST', '/museums/_search?size=0&typed_keys', {
      query: { match: { name: 'nothing' } },
      aggs: {
        none: { cartesian_centroid: { field: 'location' } },
        unmapped: { cartesian_centroid: { field: 'elsewhere' } },
      },
    })
    expect(JSON.parse(response.body)).toMatchObject({
      aggregations: { 'cartesian_centroid#none': { count: 0 }, 'cartesian_centroid#unmapped': { count: 0 } },
    })
    expect(response.body).toContain('"aggregations":{"cartesian_centroid#none":{"count":0},')
  })

  it('weighs each shard by its count in the reduce', async () => {
    const node = await indexed('museums', 'location', 'point', MUSEUMS, 3)
    const aggs = { centroid: { cartesian_centroid: { field: 'location' } } }
    const result = (await aggregations(node, 'museums', { aggs })) as {
      centroid: { location: { x: number; y: number }; count: number }
    }
    expect(result.centroid.count).toBe(6)
    expect(result.centroid.location.x).toBeCloseTo(396.6213124593099, 9)
    expect(result.centroid.location.y).toBeCloseTo(5100.982991536458, 9)
  })
})

describe('cartesian_bounds', () => {
  it('answers the docs example on a point field exactly', async () => {
    const node = await indexed('museums', 'location', 'point', MUSEUMS)
    const body = {
      query: { match: { name: 'musée' } },
      aggs: { viewport: { cartesian_bounds: { field: 'location' } } },
    }
    expect(await aggregations(node, 'museums', body)).toEqual({
      viewport: {
        bounds: {
          top_left: { x: 232.6999969482422, y: 4886.111328125 },
          bottom_right: { x: 233.63890075683594, y: 4886.0 },
        },
      },
    })
  })

  it('answers the docs example on a shape field exactly', async () => {
    const node = await indexed('places', 'geometry', 'shape', PLACES)
    const aggs = { viewport: { cartesian_bounds: { field: 'geometry' } } }
    expect(await aggregations(node, 'places', { aggs })).toEqual({
      viewport: {
        bounds: {
          top_left: { x: 491.2349853515625, y: 5239.4208984375 },
          bottom_right: { x: 496.9425048828125, y: 5237.408203125 },
        },
      },
    })
  })

  it('prints {} without values and merges the shards', async () => {
    const node = await indexed('museums', 'location', 'point', MUSEUMS, 3)
    const none = {
      query: { match: { name: 'nothing' } },
      aggs: { viewport: { cartesian_bounds: { field: 'location' } } },
    }
    expect(await aggregations(node, 'museums', none)).toEqual({ viewport: {} })
    const all = { aggs: { viewport: { cartesian_bounds: { field: 'location' } } } }
    expect(await aggregations(node, 'museums', all)).toEqual({
      viewport: {
        bounds: {
          top_left: { x: 232.6999969482422, y: 5237.408203125 },
          bottom_right: { x: 491.4721984863281, y: 4886.0 },
        },
      },
    })
  })
})

describe('refusals', () => {
  it('refuses a field of another type as ES values-source registry does, both ways round', async () => {
    const node = await indexed('museums', 'location', 'point', MUSEUMS)
    for (const [type, field] of [
      ['cartesian_centroid', 'city'],
      ['cartesian_bounds', 'name'],
      ['geo_centroid', 'location'],
    ] as const) {
      const response = await node.send('POST', '/museums/_search?size=0', {
        aggs: { a: { [type]: { field } } },
      })
      const fieldType = field === 'location' ? 'point' : 'text'
      expect(response.body).toContain(
        `"reason":"Field [${field}] of type [${fieldType}] is not supported for aggregation [${type}]"`,
      )
    }
  })

  it('refuses a script on cartesian_bounds as an unknown field, and sub-aggregations', async () => {
    const node = await indexed('museums', 'location', 'point', MUSEUMS)
    const script = await node.send('POST', '/museums/_search?size=0', {
      aggs: { a: { cartesian_bounds: { field: 'location', script: 'x' } } },
    })
    expect(script.status).toBe(400)
    expect(script.body).toContain('"reason":"[1:54] [cartesian_bounds] unknown field [script]"')
    const subs = await node.send('POST', '/museums/_search?size=0', {
      aggs: { a: { cartesian_centroid: { field: 'location' }, aggs: { b: { max: { field: 'x' } } } } },
    })
    expect(subs.body).toContain(
      '"reason":"Aggregator [a] of type [cartesian_centroid] cannot accept sub-aggregations"',
    )
  })
})
