// ES|QL's ST_CENTROID_AGG (ES 8.17's SpatialCentroid: points only): the mean of a group's points printed as WKT, the
// points read from doc values (quantised: GeoEncodingUtils for geo_point, floats for cartesian_point) when the STATS
// on the data node consumes a field of the index (SpatialDocValuesExtraction), from _source or as computed otherwise;
// null without points; the Verifier's type check.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const json = async (query: string) => {
  const response = await node.send('POST', '/_query?format=json', { query })
  expect(response.status, response.body).toBe(200)
  const { columns, values } = JSON.parse(response.body) as { columns: unknown[]; values: unknown[][] }
  return { columns, values }
}

const reason = (body: string): string => (JSON.parse(body) as { error: { reason: string } }).error.reason

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/places', {
    mappings: {
      properties: {
        name: { type: 'keyword' },
        location: { type: 'geo_point' },
        spot: { type: 'point' },
        area: { type: 'geo_shape' },
      },
    },
  })
  const bulk = [
    { index: { _id: '1' } },
    { name: 'a', location: 'POINT(42.97109630194 14.7552534413725)', spot: [1, 2], area: 'POINT (1 1)' },
    { index: { _id: '2' } },
    { name: 'b', location: [{ lat: 1.5, lon: 3 }, '-1,-2'], spot: ['0.1,0.2', 'POINT (-5.3 7.7)'] },
    { index: { _id: '3' } },
    { name: 'c' },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n')
  await node.send('POST', '/places/_bulk?refresh=true', `${bulk}\n`)
})

describe('ST_CENTROID_AGG', () => {
  test('averages every point of a geo_point field as its doc values hold them', async () => {
    // the quantised points: (42.97109629958868 14.7552534006536), (2.999999988824129 1.4999999944120646),
    // (-2.000000048428774 -1.000000024214387)
    const body = await json('FROM places | STATS centroid = ST_CENTROID_AGG(location)')
    expect(body).toEqual({
      columns: [{ name: 'centroid', type: 'geo_point' }],
      values: [['POINT (14.657032079994678 5.085084456950426)']],
    })
  })

  test('averages a point field as floats, and groups', async () => {
    const body = await json('FROM places | STATS c = ST_CENTROID_AGG(spot) BY name | SORT name')
    expect(body).toEqual({
      columns: [
        { name: 'c', type: 'cartesian_point' },
        { name: 'name', type: 'keyword' },
      ],
      values: [
        ['POINT (1.0 2.0)', 'a'],
        // (0.10000000149011612 + -5.300000190734863) / 2, (0.20000000298023224 + 7.699999809265137) / 2
        ['POINT (-2.6000000946223736 3.9499999061226845)', 'b'],
        [null, 'c'],
      ],
    })
  })

  test('reads _source values after a LIMIT (the STATS runs on the coordinating node) and computed ones', async () => {
    const limited = await json('FROM places | LIMIT 10 | STATS c = ST_CENTROID_AGG(location)')
    expect(limited.values).toEqual([['POINT (14.657032100646667 5.0850844804575)']])
    const row = await json(
      'ROW p = TO_CARTESIANPOINT(["POINT (0.1 0.2)", "POINT (0.3 0.4)"]) | STATS c = ST_CENTROID_AGG(p)',
    )
    expect(row).toEqual({
      columns: [{ name: 'c', type: 'cartesian_point' }],
      values: [['POINT (0.2 0.30000000000000004)']],
    })
  })

  test('is null without points', async () => {
    const body = await json('FROM places | WHERE name == "c" | STATS c = ST_CENTROID_AGG(location)')
    expect(body.values).toEqual([[null]])
  })

  test('takes points only, and only in STATS', async () => {
    const response = await node.send('POST', '/_query', {
      query: 'FROM places | STATS c = ST_CENTROID_AGG(area)',
    })
    expect(response.status).toBe(400)
    expect(reason(response.body)).toBe(
      'Found 1 problem\nline 1:25: argument of [ST_CENTROID_AGG(area)] must be [geo_point or cartesian_point], ' +
        'found value [area] type [geo_shape]',
    )
    const outside = await node.send('POST', '/_query', {
      query: 'FROM places | EVAL c = ST_CENTROID_AGG(location)',
    })
    expect(reason(outside.body)).toBe(
      'Found 1 problem\nline 1:24: aggregate function [ST_CENTROID_AGG(location)] not allowed outside STATS command',
    )
  })
})
