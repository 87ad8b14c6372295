// Spatial types in ES|QL (ES 8.17): FROM reads geo_point, geo_shape, point and shape fields as geo_point,
// geo_shape, cartesian_point and cartesian_shape, from _source, printed as WellKnownText.toWKT (spatial.csv-spec,
// spatial_shapes.csv-spec); VerifierTests.testSpatialSort's `cannot sort on` texts; EsqlBinaryComparison's
// resolveInputType for `<`; Values' `any type except unsigned_long and spatial types`.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const esql = async (query: string, format = 'json') =>
  node.send('POST', `/_query?format=${format}`, { query })

const json = async (query: string) => {
  const response = await esql(query)
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as { columns: { name: string; type: string }[]; values: unknown[][] }
}

/** The verification_exception's reason of a failed query. */
const failure = async (query: string) => {
  const response = await esql(query)
  expect(response.status).toBe(400)
  return (JSON.parse(response.body) as { error: { type: string; reason: string } }).error
}

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/places', {
    mappings: {
      properties: {
        name: { type: 'keyword' },
        location: { type: 'geo_point' },
        area: { type: 'geo_shape' },
        spot: { type: 'point' },
        plan: { type: 'shape' },
      },
    },
  })
  const bulk = [
    { index: { _id: '1' } },
    {
      name: 'a',
      location: 'POINT(42.97109630194 14.7552534413725)',
      area: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 0],
          ],
        ],
      },
      spot: [1, 2],
      plan: 'LINESTRING (0 0, 10.5 20)',
    },
    { index: { _id: '2' } },
    { name: 'b', location: [{ lat: 1.5, lon: 3 }, '-1,-2'] },
    { index: { _id: '3' } },
    { name: 'c' },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n')
  await node.send('POST', '/places/_bulk?refresh=true', `${bulk}\n`)
})

describe('FROM on spatial fields', () => {
  test('types the columns and prints the values as WKT, multi-values in _source order', async () => {
    const body = await json('FROM places | SORT name')
    expect(body.columns).toEqual([
      { name: 'area', type: 'geo_shape' },
      { name: 'location', type: 'geo_point' },
      { name: 'name', type: 'keyword' },
      { name: 'plan', type: 'cartesian_shape' },
      { name: 'spot', type: 'cartesian_point' },
    ])
    expect(body.values).toEqual([
      [
        'POLYGON ((0.0 0.0, 2.0 0.0, 2.0 2.0, 0.0 0.0))',
        'POINT (42.97109630194 14.7552534413725)',
        'a',
        'LINESTRING (0.0 0.0, 10.5 20.0)',
        'POINT (1.0 2.0)',
      ],
      [null, ['POINT (3.0 1.5)', 'POINT (-2.0 -1.0)'], 'b', null, null],
      [null, null, 'c', null, null],
    ])
  })

  test('format=txt prints WKT in the table', async () => {
    const response = await esql('FROM places | WHERE name == "b" | KEEP location', 'txt')
    expect(response.body).toBe(
      '              location              \n' +
        '------------------------------------\n' +
        '[POINT (3.0 1.5), POINT (-2.0 -1.0)]\n',
    )
  })

  test('== compares geometries; COUNT counts them', async () => {
    const body = await json(
      'FROM places | WHERE location == location | STATS c = COUNT(location), n = COUNT(*), s = COUNT(spot)',
    )
    expect(body.values).toEqual([[1, 1, 1]])
  })
})

describe('Verifier', () => {
  test('cannot sort on a spatial type', async () => {
    expect((await failure('FROM places | LIMIT 5 | SORT location')).reason).toBe(
      'Found 1 problem\nline 1:30: cannot sort on geo_point',
    )
    expect((await failure('FROM places | SORT name, plan DESC, spot')).reason).toBe(
      'Found 2 problems\nline 1:26: cannot sort on cartesian_shape\nline 1:37: cannot sort on cartesian_point',
    )
  })

  test('< and > refuse a geometry', async () => {
    expect((await failure('FROM places | WHERE location < location')).reason).toBe(
      'Found 1 problem\nline 1:21: first argument of [location < location] must be [date_nanos, datetime, ' +
        'double, integer, ip, keyword, long, semantic_text, text, unsigned_long or version], found value ' +
        '[location] type [geo_point]',
    )
    expect((await failure('FROM places | WHERE name >= area')).reason).toContain(
      'second argument of [name >= area] must be [date_nanos,',
    )
  })

  test('== with another type is incompatible', async () => {
    expect((await failure('FROM places | WHERE location == spot')).reason).toBe(
      'Found 1 problem\nline 1:21: first argument of [location == spot] is [geo_point] so second argument ' +
        'must also be [geo_point] but was [cartesian_point]',
    )
  })

  test('VALUES, MIN and MAX refuse a geometry', async () => {
    expect((await failure('FROM places | STATS v = VALUES(area)')).reason).toBe(
      'Found 1 problem\nline 1:25: argument of [VALUES(area)] must be [any type except unsigned_long and ' +
        'spatial types], found value [area] type [geo_shape]',
    )
    expect((await failure('FROM places | STATS m = MAX(location)')).reason).toContain(
      'argument of [MAX(location)] must be [',
    )
  })
})

describe('spatial conversions and ST_X, ST_Y', () => {
  test('TO_GEOPOINT reads WKT (spatial.csv-spec convertFromString, convertFromStringArray)', async () => {
    const body = await json(
      'ROW wkt = ["POINT(42.97109630194 14.7552534413725)", "POINT(75.8092915005895 22.727749187571)"]' +
        ' | EVAL pt = TO_GEOPOINT(wkt), s = TO_STRING(pt)',
    )
    expect(body.columns.map((c) => c.type)).toEqual(['keyword', 'geo_point', 'keyword'])
    const points = ['POINT (42.97109630194 14.7552534413725)', 'POINT (75.8092915005895 22.727749187571)']
    expect(body.values[0]!.slice(1)).toEqual([points, points])
  })

  test('the other conversions type their results; a geometry converts as itself', async () => {
    const body = await json(
      'ROW a = TO_GEOSHAPE("polygon ((0 0, 1 0, 1 1, 0 0))"), b = TO_CARTESIANPOINT("POINT (1 2 3)"),' +
        ' c = TO_CARTESIANSHAPE(TO_CARTESIANPOINT("POINT (5 6)")), d = TO_GEOSHAPE(TO_GEOPOINT("POINT (1 2)"))',
    )
    expect(body.columns.map((c) => c.type)).toEqual([
      'geo_shape',
      'cartesian_point',
      'cartesian_shape',
      'geo_shape',
    ])
    expect(body.values).toEqual([
      [
        'POLYGON ((0.0 0.0, 1.0 0.0, 1.0 1.0, 0.0 0.0))',
        'POINT (1.0 2.0 3.0)',
        'POINT (5.0 6.0)',
        'POINT (1.0 2.0)',
      ],
    ])
  })

  test('a bad WKT is left out with a warning', async () => {
    const response = await esql('ROW wkt = "POINT (1" | EVAL pt = TO_GEOPOINT(wkt) | KEEP pt')
    expect((JSON.parse(response.body) as { values: unknown }).values).toEqual([[null]])
    expect(response.warnings).toEqual([
      'Line 1:34: evaluation of [TO_GEOPOINT(wkt)] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:34: java.lang.IllegalArgumentException: Failed to parse WKT: expected number but found: END-OF-STREAM',
    ])
    const unknown = await esql('ROW pt = TO_GEOSHAPE("TRIANGLE (1 2)")')
    expect((JSON.parse(unknown.body) as { values: unknown }).values).toEqual([[null]])
    expect(unknown.warnings?.[1]).toBe(
      'Line 1:10: java.lang.IllegalArgumentException: Failed to parse WKT: Unknown geometry type: triangle',
    )
  })

  test('ST_X and ST_Y (spatial.csv-spec stXFromString), per value of a multi-value', async () => {
    const body = await json(
      'ROW point = TO_GEOPOINT("POINT(42.97109629958868 14.7552534006536)") | EVAL x = ST_X(point), y = ST_Y(point)',
    )
    expect(body.columns.map((c) => c.type)).toEqual(['geo_point', 'double', 'double'])
    expect(body.values).toEqual([
      ['POINT (42.97109629958868 14.7552534006536)', 42.97109629958868, 14.7552534006536],
    ])
    const many = await json('FROM places | WHERE name == "b" | EVAL x = ST_X(location) | KEEP x')
    expect(many.values).toEqual([[[3.0, -2.0]]])
  })

  test('ST_X takes points only', async () => {
    expect((await failure('FROM places | EVAL x = ST_X(area)')).reason).toBe(
      'Found 1 problem\nline 1:24: argument of [ST_X(area)] must be [geo_point or cartesian_point], found value ' +
        '[area] type [geo_shape]',
    )
    const response = await esql('ROW x = ST_Y(TO_GEOPOINT("LINESTRING (1 2, 3 4)"))')
    expect((JSON.parse(response.body) as { values: unknown }).values).toEqual([[null]])
    expect(response.warnings?.[1]).toBe(
      'Line 1:9: java.lang.IllegalArgumentException: Unsupported geometry: LINESTRING',
    )
  })
})

describe('ST_INTERSECTS, ST_DISJOINT, ST_CONTAINS, ST_WITHIN, ST_DISTANCE', () => {
  const square = 'TO_GEOSHAPE("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")'

  test('a point in and out of a polygon', async () => {
    const body = await json(
      'ROW p = TO_GEOPOINT(["POINT (5 5)", "POINT (20 5)"]) | MV_EXPAND p' +
        ` | EVAL i = ST_INTERSECTS(p, ${square}), d = ST_DISJOINT(p, ${square}),` +
        ` w = ST_WITHIN(p, ${square}), c = ST_CONTAINS(${square}, p) | KEEP i, d, w, c`,
    )
    expect(body.values).toEqual([
      [true, false, true, true],
      [false, true, false, false],
    ])
  })

  test('over fields, a multi-value as one collection, null in gives null', async () => {
    const body = await json(
      `FROM places | EVAL i = ST_INTERSECTS(location, ${square}), w = ST_WITHIN(area, ${square}) | SORT name` +
        ' | KEEP name, i, w',
    )
    expect(body.values).toEqual([
      ['a', false, true],
      ['b', true, null],
      ['c', null, null],
    ])
  })

  test('ST_DISTANCE (st_distance docs: CPH) and cartesian distance', async () => {
    const body = await json(
      'ROW a = TO_GEOPOINT("POINT(12.6493508684508 55.6285017221528)"), b = TO_GEOPOINT("POINT(12.5683 55.6761)")' +
        ' | EVAL d = ST_DISTANCE(a, b), c = ST_DISTANCE(TO_CARTESIANPOINT("POINT (0 0)"), TO_CARTESIANPOINT("POINT (3 4)"))' +
        ' | KEEP d, c',
    )
    expect(body.values).toEqual([[7339.573896618216, 5.0]])
  })

  test('the argument types (SpatialTypeResolver)', async () => {
    expect((await failure('FROM places | EVAL x = ST_INTERSECTS(name, name)')).reason).toBe(
      'Found 1 problem\nline 1:24: first argument of [ST_INTERSECTS(name, name)] must be [geo_point, ' +
        'cartesian_point, geo_shape or cartesian_shape], found value [name] type [keyword]',
    )
    // The spatial argument names the types the other must have.
    expect((await failure('FROM places | EVAL x = ST_INTERSECTS(name, area)')).reason).toBe(
      'Found 1 problem\nline 1:24: first argument of [ST_INTERSECTS(name, area)] must be [geo_point or ' +
        'geo_shape], found value [name] type [keyword]',
    )
    expect((await failure('FROM places | EVAL x = ST_WITHIN(location, plan)')).reason).toBe(
      'Found 1 problem\nline 1:24: second argument of [ST_WITHIN(location, plan)] must be [geo_point or ' +
        'geo_shape], found value [plan] type [cartesian_shape]',
    )
    expect((await failure('FROM places | EVAL x = ST_DISTANCE(location, area)')).reason).toBe(
      'Found 1 problem\nline 1:24: second argument of [ST_DISTANCE(location, area)] must be [geo_point or ' +
        'geo_shape], found value [area] type [geo_shape]',
    )
  })
})
