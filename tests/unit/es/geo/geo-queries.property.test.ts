// geo_distance and geo_bounding_box, evaluated by the engine over the doc values, against a brute-force scan in
// TypeScript of the same documents' quantised points (SloppyMath's haversine sort key against
// GeoUtils.distanceQuerySortKey of the radius, the box in degrees), over random
// points, radii that fall exactly on a point's own distance, and boxes that cross the dateline; and the doc values
// surviving a flush, a restart and a merge; distance_feature's scores against the same haversine in TypeScript.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import {
  encodeLatitude,
  encodeLatitudeCeil,
  encodeLongitude,
  encodeLongitudeCeil,
  quantize,
  type GeoPoint,
} from '../../../../workers/es/common/geo/geo-encoding.ts'
import {
  distanceQuerySortKey,
  haversinMeters,
  haversinMetersOfKey,
  haversinSortKey,
} from '../../../../workers/es/common/geo/sloppy-math.ts'
import { javaFloatToString } from '../../../../workers/es/xcontent/index.ts'

const lat = fc.double({ min: -90, max: 90, noNaN: true })
const lon = fc.double({ min: -180, max: 180, noNaN: true })
const point = fc.record({ lat, lon })
const doc = fc.array(point, { minLength: 0, maxLength: 3 })

async function indexed(node: TestNode, index: string, docs: readonly GeoPoint[][]): Promise<void> {
  await node.send('PUT', `/${index}`, { mappings: { properties: { p: { type: 'geo_point' } } } })
  const lines = docs.flatMap((points, i) => [
    JSON.stringify({ index: { _id: String(i) } }),
    JSON.stringify(points.length === 1 ? { p: points[0] } : { p: points.map((q) => [q.lon, q.lat]) }),
  ])
  await node.send('POST', `/${index}/_bulk?refresh=true`, lines.join('\n') + '\n')
}

async function ids(node: TestNode, index: string, query: object): Promise<string[]> {
  const response = await node.send('POST', `/${index}/_search`, { query, size: 1000, _source: false })
  const body = JSON.parse(response.body) as { hits?: { hits: Array<{ _id: string }> } }
  if (body.hits === undefined) throw new Error(response.body)
  return body.hits.hits.map((h) => h._id).sort()
}

function matching(docs: readonly GeoPoint[][], test: (p: GeoPoint) => boolean): string[] {
  return docs.flatMap((points, i) => (points.map(quantize).some(test) ? [String(i)] : [])).sort()
}

describe('geo queries against a brute-force scan', () => {
  it('geo_distance: a document is in when one quantised point is within the radius', async () => {
    const node = await startNode()
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { minLength: 1, maxLength: 40 }),
        point,
        fc.nat(),
        async (docs, center, pick) => {
          const index = `d${run++}`
          await indexed(node, index, docs)
          // The radius is one point's own distance (the boundary), so the two haversines must agree to the bit.
          const all = docs.flat().map(quantize)
          const on = all.length > 0 ? all[pick % all.length]! : center
          const radius = Math.max(1, haversinMeters(on.lat, on.lon, center.lat, center.lon))
          const query = { geo_distance: { distance: `${radius}m`, p: { lat: center.lat, lon: center.lon } } }
          const expected = matching(
            docs,
            // Lucene's test: the sort keys (several keys share one distance in meters).
            (q) => haversinSortKey(q.lat, q.lon, center.lat, center.lon) <= distanceQuerySortKey(radius),
          )
          expect(await ids(node, index, query)).toEqual(expected)
          // Inside bool: must_not leaves the others.
          const outside = await ids(node, index, { bool: { must: { match_all: {} }, must_not: query } })
          expect(outside).toEqual(
            docs
              .map((_, i) => String(i))
              .filter((id) => !expected.includes(id))
              .sort(),
          )
        },
      ),
      { numRuns: 25 },
    )
  })

  it('distance_feature: pivot / (pivot + haversinMeters) of the nearest quantised point, to the float', async () => {
    const node = await startNode()
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { minLength: 1, maxLength: 20 }),
        point,
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        async (docs, origin, pivot) => {
          const index = `f${run++}`
          await indexed(node, index, docs)
          const query = { distance_feature: { field: 'p', origin, pivot: `${pivot}m` } }
          const response = await node.send('POST', `/${index}/_search`, { query, size: 1000, _source: false })
          const hits = (
            JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }
          ).hits.hits
          const scored = Object.fromEntries(hits.map((h) => [h._id, h._score]))
          const expected = Object.fromEntries(
            docs.flatMap((points, i) => {
              if (points.length === 0) return []
              // LatLonPointDistanceFeatureQuery.selectValue: the least sort key, the first of equals
              const keys = points
                .map(quantize)
                .map((q) => haversinSortKey(origin.lat, origin.lon, q.lat, q.lon))
              const distance = haversinMetersOfKey(Math.min(...keys))
              const score = Math.fround(pivot / (pivot + distance))
              return [[String(i), Number(javaFloatToString(score))]]
            }),
          )
          expect(scored).toEqual(expected)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('geo_bounding_box, crossing the dateline when left > right', async () => {
    const node = await startNode()
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { minLength: 1, maxLength: 40 }),
        lat,
        lat,
        lon,
        lon,
        async (docs, a, b, left, right) => {
          const index = `b${run++}`
          await indexed(node, index, docs)
          const [bottom, top] = a <= b ? [a, b] : [b, a]
          const query = {
            geo_bounding_box: {
              p: { top_left: { lat: top, lon: left }, bottom_right: { lat: bottom, lon: right } },
            },
          }
          // LatLonDocValuesField.newSlowBoxQuery compares encoded values: the lower edges rounded up, the
          // upper ones down, so a point within one encoding step of an edge falls as its encoding does
          const [minLat, maxLat] = [encodeLatitudeCeil(bottom), encodeLatitude(top)]
          const [minLon, maxLon] = [encodeLongitudeCeil(left), encodeLongitude(right)]
          const inLon = (x: number): boolean =>
            left <= right ? x >= minLon && x <= maxLon : x >= minLon || x <= maxLon
          const expected = docs
            .flatMap((points, i) =>
              points.some(
                (q) =>
                  encodeLatitude(q.lat) >= minLat &&
                  encodeLatitude(q.lat) <= maxLat &&
                  inLon(encodeLongitude(q.lon)),
              )
                ? [String(i)]
                : [],
            )
            .sort()
          expect(await ids(node, index, query)).toEqual(expected)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('the points survive a flush, a restart and a merge after deletes', async () => {
    let node = await startNode()
    const docs = [
      [{ lat: 40.7128, lon: -74.006 }],
      [{ lat: 51.5074, lon: -0.1278 }],
      [{ lat: 48.8566, lon: 2.3522 }],
    ]
    await indexed(node, 'cities', docs)
    const near = { geo_distance: { distance: '500km', p: '50,0' } }
    expect(await ids(node, 'cities', near)).toEqual(['1', '2'])
    await node.send('POST', '/cities/_flush')
    node = await node.restart()
    expect(await ids(node, 'cities', near)).toEqual(['1', '2'])
    await node.send('DELETE', '/cities/_doc/1?refresh=true')
    await node.send('POST', '/cities/_forcemerge?max_num_segments=1')
    expect(await ids(node, 'cities', near)).toEqual(['2'])
    const box = { geo_bounding_box: { p: { top: 60, left: -80, bottom: 40, right: 10 } } }
    expect(await ids(node, 'cities', box)).toEqual(['0', '2'])
  })
})
