// The geo_shape field and the geo_shape query: x-pack spatial's YAML cases (110_geo_shape_parameters,
// 10_geo_bounds), the geo-shape-query docs example, the four relations, GeoJSON and WKT refusals with ES's texts,
// ignore_malformed, ignore_z_value, coerce, and the query's own refusals.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function shapes(properties: object): Promise<TestNode> {
  const node = await startNode()
  const response = await node.send('PUT', '/shapes', { mappings: { properties } })
  expect(response.status).toBe(200)
  return node
}

async function ids(node: TestNode, query: object): Promise<string[]> {
  const response = await node.send('POST', '/shapes/_search', { query, sort: ['_doc'] })
  expect(response.status, response.body).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: { _id: string }[] } }).hits.hits.map((h) => h._id)
}

async function bulk(node: TestNode, docs: Record<string, object>): Promise<void> {
  const lines = Object.entries(docs).flatMap(([id, doc]) => [
    JSON.stringify({ index: { _index: 'shapes', _id: id } }),
    JSON.stringify(doc),
  ])
  const response = await node.send('POST', '/_bulk?refresh=true', lines.join('\n') + '\n')
  expect(response.body).toContain('"errors":false')
}

describe('110_geo_shape_parameters', () => {
  async function parameters(): Promise<TestNode> {
    const node = await shapes({
      default: { type: 'geo_shape' },
      no_doc_values: { type: 'geo_shape', doc_values: false },
      no_index: { type: 'geo_shape', index: false },
      no_doc_values_no_index: { type: 'geo_shape', doc_values: false, index: false },
      stored: { type: 'geo_shape', store: true },
    })
    const fields = ['default', 'no_doc_values', 'no_index', 'no_doc_values_no_index', 'stored']
    const doc = (point: string) => Object.fromEntries(fields.map((f) => [f, point]))
    await bulk(node, { 1: doc('POINT(4.912350 52.374081)'), 2: doc('POINT(2.327000 48.860000)') })
    return node
  }
  const box = { top_left: { lat: 55, lon: 4 }, bottom_right: { lat: 50, lon: 5 } }

  it('keeps the parameters in the mapping', async () => {
    const node = await parameters()
    const response = await node.send('GET', '/shapes/_mapping')
    expect(JSON.parse(response.body)).toEqual({
      shapes: {
        mappings: {
          properties: {
            default: { type: 'geo_shape' },
            no_doc_values: { type: 'geo_shape', doc_values: false },
            no_index: { type: 'geo_shape', index: false },
            no_doc_values_no_index: { type: 'geo_shape', doc_values: false, index: false },
            stored: { type: 'geo_shape', store: true },
          },
        },
      },
    })
  })

  it('geo_bounding_box finds the point in the box on every searchable field', async () => {
    const node = await parameters()
    for (const field of ['default', 'no_doc_values', 'no_index', 'stored']) {
      expect(await ids(node, { geo_bounding_box: { [field]: box } })).toEqual(['1'])
    }
    const refused = await node.send('POST', '/shapes/_search', {
      query: { geo_bounding_box: { no_doc_values_no_index: box } },
    })
    expect(refused.status).toBe(400)
    const body = JSON.parse(refused.body) as {
      error: { type: string; reason: string; phase: string; failed_shards: { reason: object }[] }
    }
    expect(body.error.type).toBe('search_phase_execution_exception')
    expect(body.error.reason).toBe('all shards failed')
    expect(body.error.phase).toBe('query')
    expect(body.error.failed_shards[0]!.reason).toMatchObject({
      type: 'query_shard_exception',
      reason:
        'failed to create query: Cannot search on field [no_doc_values_no_index] since it is not indexed nor has doc values.',
    })
  })
})

describe('10_geo_bounds on geo_shape', () => {
  async function bounds(docs: Record<string, object>): Promise<unknown> {
    const node = await shapes({ location: { type: 'geo_shape' } })
    await bulk(node, docs)
    const response = await node.send('POST', '/shapes/_search', {
      size: 0,
      aggs: { my_agg: { geo_bounds: { field: 'location' } } },
    })
    expect(response.status, response.body).toBe(200)
    return (JSON.parse(response.body) as { aggregations: { my_agg: unknown } }).aggregations.my_agg
  }
  const close = (value: number): unknown => expect.closeTo(value, 5) as unknown

  it('a point', async () => {
    expect(await bounds({ p: { location: 'POINT(34.25 -21.76)' } })).toEqual({
      bounds: {
        top_left: { lat: close(-21.76), lon: close(34.25) },
        bottom_right: { lat: close(-21.76), lon: close(34.25) },
      },
    })
  })

  it('points', async () => {
    const points = [
      'POINT(4.912350 52.374081)',
      'POINT(4.901618 52.369219)',
      'POINT(4.914722 52.371667)',
      'POINT(4.405200 51.222900)',
      'POINT(2.336389 48.861111)',
      'POINT(2.327000 48.860000)',
    ]
    expect(await bounds(Object.fromEntries(points.map((p, i) => [i, { location: p }])))).toEqual({
      bounds: {
        top_left: { lat: close(52.374081), lon: close(2.327) },
        bottom_right: { lat: close(48.86), lon: close(4.914722) },
      },
    })
  })

  it('a polygon', async () => {
    expect(
      await bounds({ big_rectangle: { location: 'POLYGON((-10 -10, 10 -10, 10 10, -10 10, -10 -10))' } }),
    ).toEqual({
      bounds: {
        top_left: { lat: close(10), lon: close(-10) },
        bottom_right: { lat: close(-10), lon: close(10) },
      },
    })
  })

  it('a polygon straddling longitude 0 never wraps the dateline', async () => {
    // Extent.addRectangle: the wide polygon pins the inner extremes to 0, so the narrower wrapped box is not taken
    expect(
      await bounds({
        wide: { location: 'POLYGON((-170 0, 170 0, 170 1, -170 1, -170 0))' },
      }),
    ).toEqual({
      bounds: { top_left: { lat: close(1), lon: close(-170) }, bottom_right: { lat: 0, lon: close(170) } },
    })
  })
})

describe('the geo_shape query', () => {
  it('runs the docs example: a point within an envelope', async () => {
    const node = await shapes({ location: { type: 'geo_shape' } })
    await node.send('POST', '/shapes/_doc/1?refresh', {
      name: 'Wind & Wetter, Berlin, Germany',
      location: { type: 'point', coordinates: [13.400544, 52.530286] },
    })
    const response = await node.send('GET', '/shapes/_search', {
      query: {
        bool: {
          must: { match_all: {} },
          filter: {
            geo_shape: {
              location: {
                shape: {
                  type: 'envelope',
                  coordinates: [
                    [13.0, 53.0],
                    [14.0, 52.0],
                  ],
                },
                relation: 'within',
              },
            },
          },
        },
      },
    })
    expect(JSON.parse(response.body)).toMatchObject({
      hits: {
        total: { value: 1, relation: 'eq' },
        max_score: 1,
        hits: [{ _id: '1', _score: 1 }],
      },
    })
  })

  it('relates polygons, lines and points by each relation', async () => {
    const node = await shapes({ location: { type: 'geo_shape' } })
    await bulk(node, {
      inner: { location: 'POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))' },
      crossing: { location: 'LINESTRING (5 5, 15 5)' },
      outside: { location: 'POINT (20 20)' },
      around: { location: 'POLYGON ((-5 -5, 15 -5, 15 15, -5 15, -5 -5))' },
      holed: {
        location: {
          type: 'Polygon',
          coordinates: [
            [
              [-5, -5],
              [15, -5],
              [15, 15],
              [-5, 15],
              [-5, -5],
            ],
            [
              [0, 0],
              [10, 0],
              [10, 10],
              [0, 10],
              [0, 0],
            ],
          ],
        },
      },
      none: { other: 1 },
    })
    const query = (relation: string) => ({
      geo_shape: { location: { shape: 'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))', relation } },
    })
    // the hole's boundary is the polygon's: the query square touches the holed shape
    expect(await ids(node, query('intersects'))).toEqual(['inner', 'crossing', 'around', 'holed'])
    expect(await ids(node, query('INTERSECTS'))).toEqual(['inner', 'crossing', 'around', 'holed'])
    expect(await ids(node, query('disjoint'))).toEqual(['outside'])
    expect(await ids(node, query('within'))).toEqual(['inner'])
    expect(await ids(node, query('contains'))).toEqual(['around'])
    // a multipoint query: every point must lie in the stored shape for contains (1.5 1.5 is in the hole)
    const points = (wkt: string) => ({ geo_shape: { location: { shape: wkt, relation: 'contains' } } })
    expect(await ids(node, points('MULTIPOINT (1.5 1.5, 12 12)'))).toEqual(['around'])
    expect(await ids(node, points('MULTIPOINT (-2 -2, 12 12)'))).toEqual(['around', 'holed'])
  })

  it('runs where the query is resolved on the shard: _explain, _validate/query, _delete_by_query', async () => {
    const node = await shapes({ location: { type: 'geo_shape' } })
    await bulk(node, { in: { location: 'POINT (1 1)' }, out: { location: 'POINT (5 5)' } })
    const query = { geo_shape: { location: { shape: 'BBOX (0, 2, 2, 0)' } } }
    const explain = await node.send('POST', '/shapes/_explain/in', { query })
    expect(explain.body).toContain('"matched":true')
    const valid = await node.send('POST', '/shapes/_validate/query', { query })
    expect(valid.body).toContain('"valid":true')
    const deleted = await node.send('POST', '/shapes/_delete_by_query?refresh=true', { query })
    expect(deleted.body).toContain('"deleted":1')
    expect(await ids(node, { match_all: {} })).toEqual(['out'])
  })

  it('refuses a field inside a nested object as not available', async () => {
    const node = await startNode()
    await node.send('PUT', '/nests', {
      mappings: { properties: { n: { type: 'nested', properties: { l: { type: 'geo_shape' } } } } },
    })
    const indexed = await node.send('PUT', '/nests/_doc/1?refresh', { n: [{ l: 'POINT (1 1)' }] })
    expect(indexed.status).toBe(201)
    const response = await node.send('POST', '/nests/_search', {
      query: { nested: { path: 'n', query: { geo_shape: { 'n.l': { shape: 'BBOX (0, 2, 2, 0)' } } } } },
    })
    expect(response.body).toContain(
      '"reason":"shape queries on fields inside nested objects are not available in the playground"',
    )
  })

  it('runs on geo_point fields and honours ignore_unmapped', async () => {
    const node = await shapes({ pin: { type: 'geo_point' } })
    await bulk(node, { in: { pin: [1, 1] }, out: { pin: { lat: 50, lon: 50 } } })
    const shape = {
      type: 'envelope',
      coordinates: [
        [0, 2],
        [2, 0],
      ],
    }
    expect(await ids(node, { geo_shape: { pin: { shape } } })).toEqual(['in'])
    expect(await ids(node, { geo_shape: { nope: { shape }, ignore_unmapped: true } })).toEqual([])
  })

  it('refuses what ES refuses', async () => {
    const node = await shapes({ location: { type: 'geo_shape' }, name: { type: 'keyword' } })
    await bulk(node, { 1: { location: 'POINT (1 1)' } })
    const error = async (query: object) => {
      const response = await node.send('POST', '/shapes/_search', { query })
      return JSON.parse(response.body) as { error: { root_cause: { type: string; reason: string }[] } }
    }
    const relation = await error({ geo_shape: { location: { shape: 'POINT (1 1)', relation: 'near' } } })
    expect(relation.error.root_cause[0]).toMatchObject({
      type: 'parsing_exception',
      reason: 'Unknown shape operation [near ]',
    })
    const unmapped = await error({ geo_shape: { nope: { shape: 'POINT (1 1)' } } })
    expect(unmapped.error.root_cause[0]).toMatchObject({
      type: 'query_shard_exception',
      reason: 'failed to find type for field [nope]',
    })
    const keyword = await error({ geo_shape: { name: { shape: 'POINT (1 1)' } } })
    expect(keyword.error.root_cause[0]!.reason).toBe(
      'Field [name] is of unsupported type [keyword] for [geo_shape] query',
    )
    const line = await error({
      geo_shape: { location: { shape: 'LINESTRING (0 0, 1 1)', relation: 'within' } },
    })
    expect(line.error.root_cause[0]!.reason).toBe('Field [location] found an unsupported shape Line')
    const noShape = await error({ geo_shape: { location: { relation: 'within' } } })
    expect(noShape.error.root_cause[0]).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'either shape or indexedShapeId is required',
    })
    const option = await error({ geo_shape: { location: { shape: 'POINT (1 1)', size: 1 } } })
    expect(option.error.root_cause[0]!.reason).toBe('query does not support [size]')
    const sort = await node.send('POST', '/shapes/_search', { sort: ['location'] })
    expect(sort.body).toContain(
      '"reason":"can\'t sort on geo_shape field without using specific sorting feature, like geo_distance"',
    )
    const latitude = await error({ geo_shape: { location: { shape: 'POINT (1 100)' } } })
    expect(latitude.error.root_cause[0]).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'invalid latitude 100.0; must be between -90.0 and 90.0',
    })
  })
})

describe('fields on geo_shape', () => {
  it('prints each parsed shape as GeoJSON, or WKT with format wkt', async () => {
    const node = await shapes({ location: { type: 'geo_shape' } })
    await bulk(node, {
      1: {
        location: [
          'POINT (1.5 2 3)',
          {
            type: 'envelope',
            coordinates: [
              [0, 10],
              [5, 0],
            ],
          },
        ],
      },
      2: { location: 'GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))' },
    })
    const fields = async (format?: string) => {
      const response = await node.send('POST', '/shapes/_search', {
        _source: false,
        sort: ['_doc'],
        fields: [format === undefined ? 'location' : { field: 'location', format }],
      })
      return (JSON.parse(response.body) as { hits: { hits: { fields: unknown }[] } }).hits.hits.map(
        (h) => h.fields,
      )
    }
    expect(await fields()).toEqual([
      {
        location: [
          { type: 'Point', coordinates: [1.5, 2.0, 3.0] },
          {
            type: 'Envelope',
            coordinates: [
              [0.0, 10.0],
              [5.0, 0.0],
            ],
          },
        ],
      },
      {
        location: [
          {
            type: 'GeometryCollection',
            geometries: [
              {
                type: 'LineString',
                coordinates: [
                  [0.0, 0.0],
                  [1.0, 1.0],
                ],
              },
              {
                type: 'Polygon',
                coordinates: [
                  [
                    [0.0, 0.0],
                    [1.0, 0.0],
                    [1.0, 1.0],
                    [0.0, 0.0],
                  ],
                ],
              },
            ],
          },
        ],
      },
    ])
    expect(await fields('wkt')).toEqual([
      { location: ['POINT (1.5 2.0 3.0)', 'BBOX (0.0, 5.0, 10.0, 0.0)'] },
      {
        location: [
          'GEOMETRYCOLLECTION (LINESTRING (0.0 0.0, 1.0 1.0),POLYGON ((0.0 0.0, 1.0 0.0, 1.0 1.0, 0.0 0.0)))',
        ],
      },
    ])
  })
})

describe('geo_shape documents', () => {
  async function failure(value: unknown, parameters: object = {}): Promise<unknown> {
    const node = await shapes({ location: { type: 'geo_shape', ...parameters } })
    const response = await node.send('PUT', '/shapes/_doc/1', JSON.stringify({ location: value }))
    expect(response.status).toBe(400)
    return (JSON.parse(response.body) as { error: unknown }).error
  }

  it('refuses malformed WKT with the tokenizer parser texts', async () => {
    expect(await failure('POLYGON ((100.0 0.0, 101.0 0.0, 101.0 1.0)')).toEqual({
      root_cause: [
        {
          type: 'document_parsing_exception',
          reason: '[1:13] failed to parse field [location] of type [geo_shape]',
        },
      ],
      type: 'document_parsing_exception',
      reason: '[1:13] failed to parse field [location] of type [geo_shape]',
      caused_by: { type: 'parse_exception', reason: 'expected word but found: END-OF-STREAM' },
    })
    const error = (await failure('POINT (1 a)')) as { caused_by: unknown }
    expect(error.caused_by).toEqual({ type: 'parse_exception', reason: 'invalid number found: a' })
    const unknown = (await failure('TRIANGLE (1 1)')) as { caused_by: unknown }
    expect(unknown.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Unknown geometry type: triangle',
    })
    const open = (await failure('POLYGON ((0 0, 1 0, 1 1, 0 1))')) as { caused_by: unknown }
    expect(open.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'first and last points of the linear ring must be the same (it must close itself): x[0]=0.0 x[3]=0.0 y[0]=0.0 y[3]=1.0',
    })
  })

  it('refuses malformed GeoJSON as its object parser does', async () => {
    expect(await failure({ type: 'polygon', coordinates: [[[1, 2]]] })).toMatchObject({
      reason: '[1:54] failed to parse field [location] of type [geo_shape]',
      caused_by: {
        type: 'x_content_parse_exception',
        reason: 'Failed to build [geojson] after last required field arrived',
        caused_by: { type: 'exception', reason: 'not enough points to build a line' },
      },
    })
    const type = (await failure({ type: 'triangle', coordinates: [1, 2] })) as { caused_by: object }
    expect(type.caused_by).toMatchObject({
      caused_by: {
        type: 'illegal_argument_exception',
        reason: 'No enum constant org.elasticsearch.geometry.ShapeType.TRIANGLE',
      },
    })
    // located at the coordinates' `[` (ES: at the offending token; docs/DEVIATIONS.md)
    const words = (await failure({ type: 'point', coordinates: ['a', 2] })) as { caused_by: object }
    expect(words.caused_by).toEqual({
      type: 'x_content_parse_exception',
      reason: '[1:43] [geojson] failed to parse field [coordinates]',
      caused_by: { type: 'parse_exception', reason: 'geo coordinates must be numbers' },
    })
    const number = (await failure(12)) as { caused_by: object }
    expect(number.caused_by).toEqual({
      type: 'parse_exception',
      reason: 'shape must be an object consisting of type and coordinates',
    })
  })

  it('refuses a circle, a ring too short and a latitude off the globe', async () => {
    const circle = (await failure({ type: 'circle', coordinates: [1, 2], radius: '10m' })) as {
      caused_by: object
    }
    expect(circle.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'invalid shape type found [Circle] while indexing shape',
    })
    const short = (await failure('POLYGON ((0 0, 1 1, 0 0))')) as { caused_by: object }
    expect(short.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'at least 4 polygon points required',
    })
    const far = (await failure('LINESTRING (0 0, 1 91)')) as { caused_by: object }
    expect(far.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'invalid latitude 91.0; must be between -90.0 and 90.0',
    })
    const z = (await failure('POINT (1 2 3)', { ignore_z_value: false })) as { caused_by: object }
    expect(z.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'found Z value [3.0] but [ignore_z_value] parameter is [false]',
    })
  })

  it('ignore_malformed drops a bad shape; coerce closes a ring; arrays index every shape', async () => {
    const node = await shapes({
      location: { type: 'geo_shape', ignore_malformed: true },
      closed: { type: 'geo_shape', coerce: true },
    })
    await bulk(node, {
      bad: { location: 'POINT (1 200)' },
      open: { closed: 'POLYGON ((0 0, 4 0, 4 4, 0 4))' },
      many: { location: ['POINT (50 50)', { type: 'Point', coordinates: [60, 60, 3] }] },
    })
    expect(await ids(node, { exists: { field: 'location' } })).toEqual(['many'])
    const at = (field: string, wkt: string) => ({ geo_shape: { [field]: { shape: wkt } } })
    expect(await ids(node, at('closed', 'POINT (2 2)'))).toEqual(['open'])
    expect(await ids(node, at('location', 'POINT (60 60)'))).toEqual(['many'])
  })
})
