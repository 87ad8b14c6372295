// The distance_feature query over REST, as ES 8 answers it (DistanceFeatureQueryBuilder, DateFieldType's and
// GeoPointFieldType's distanceFeatureQuery) over Lucene's LongDistanceFeatureQuery and
// LatLonPointDistanceFeatureQuery. Expected scores are computed here in Java's arithmetic: (float) (boost * (pivot /
// (pivot + distance))) in double; a geo_point's distance is SloppyMath.haversinMeters from its quantised coordinates.
import { describe, expect, it } from 'vitest'
import {
  decodeLatitude,
  decodeLongitude,
  encodeLatitude,
  encodeLongitude,
} from '../../../../workers/es/common/geo/geo-encoding.ts'
import { haversinMeters } from '../../../../workers/es/common/geo/sloppy-math.ts'
import { javaFloatToString } from '../../../../workers/es/xcontent/index.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const DAY = 86_400_000

async function indexed(): Promise<TestNode> {
  const node = await startNode()
  const properties = {
    born: { type: 'date' },
    seen: { type: 'date_nanos' },
    place: { type: 'geo_point' },
    tag: { type: 'keyword' },
  }
  await node.send('PUT', '/d', { mappings: { properties } })
  await node.send('PUT', '/d/_doc/1', {
    born: '2020-01-01',
    seen: '2020-01-01T00:00:00.000000500Z',
    place: { lat: 52.37, lon: 4.89 },
  })
  await node.send('PUT', '/d/_doc/2', {
    born: '2020-01-05',
    seen: '2020-01-01T00:00:02Z',
    place: '48.85,2.35',
  })
  await node.send('PUT', '/d/_doc/3', {
    born: ['2019-12-25', '2020-01-03'],
    place: [
      [13.4, 52.52],
      [4.9, 52.3],
    ],
  })
  await node.send('PUT', '/d/_doc/4?refresh', { tag: 'none' })
  return node
}

async function scores(node: TestNode, query: object): Promise<Array<[string, number]>> {
  const response = await node.send('POST', '/d/_search', { query })
  expect(response.status).toBe(200)
  const hits = (JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }).hits
  return hits.hits.map((hit) => [hit._id, hit._score])
}

async function refusal(
  node: TestNode,
  query: object,
): Promise<{ type: string; reason: string; cause: string }> {
  const response = await node.send('POST', '/d/_search', { query })
  expect(response.status).toBe(400)
  const error = (
    JSON.parse(response.body) as {
      error: { root_cause: Array<{ type: string; reason: string }>; caused_by?: { reason: string } }
    }
  ).error
  const root = error.root_cause[0]!
  return { type: root.type, reason: root.reason, cause: error.caused_by?.reason ?? '' }
}

/** The score as ES writes it: a float, printed shortest. */
const javaScore = (boost: number, pivot: number, distance: number): number =>
  Number(javaFloatToString(Math.fround(Math.fround(boost) * (pivot / (pivot + distance)))))

/** The meters from the origin to a point as indexed (quantised). */
const meters = (lat: number, lon: number, originLat: number, originLon: number): number =>
  haversinMeters(
    originLat,
    originLon,
    decodeLatitude(encodeLatitude(lat)),
    decodeLongitude(encodeLongitude(lon)),
  )

describe('distance_feature on dates', () => {
  it('scores pivot / (pivot + distance), the nearest of several values, the boost as weight', async () => {
    const node = await indexed()
    const query = {
      distance_feature: { field: 'born', origin: '2020-01-02T00:00:00.000Z', pivot: '2d', boost: 3 },
    }
    expect(await scores(node, query)).toEqual([
      ['1', javaScore(3, 2 * DAY, DAY)],
      ['3', javaScore(3, 2 * DAY, DAY)],
      ['2', javaScore(3, 2 * DAY, 3 * DAY)],
    ])
    // the origin is parsed rounding up: a day alone is its last millisecond
    const day = await scores(node, { distance_feature: { field: 'born', origin: '2020-01-02', pivot: '2d' } })
    expect(day).toEqual([
      ['3', javaScore(1, 2 * DAY, 1)],
      ['1', javaScore(1, 2 * DAY, 2 * DAY - 1)],
      ['2', javaScore(1, 2 * DAY, 2 * DAY + 1)],
    ])
    // a number origin is parsed by the field's format (epoch_millis); date math rounds up
    const millis = Date.UTC(2020, 0, 5)
    const byNumber = await scores(node, { distance_feature: { field: 'born', origin: millis, pivot: '12h' } })
    expect(byNumber[0]).toEqual(['2', 1])
    const rounded = await scores(node, {
      distance_feature: { field: 'born', origin: '2020-01-04||/d', pivot: '1d' },
    })
    expect(rounded[0]).toEqual(['2', javaScore(1, DAY, 1)])
  })

  it('counts date_nanos distances in nanoseconds', async () => {
    const node = await indexed()
    const query = {
      distance_feature: { field: 'seen', origin: '2020-01-01T00:00:00.000000000Z', pivot: '1s' },
    }
    expect(await scores(node, query)).toEqual([
      ['1', javaScore(1, 1e9, 500)],
      ['2', javaScore(1, 1e9, 2e9)],
    ])
  })

  it('runs beside other clauses of a bool, as a should clause adding its score', async () => {
    const node = await indexed()
    const nanos = {
      distance_feature: { field: 'seen', origin: '2020-01-01T00:00:00.000000000Z', pivot: '1s' },
    }
    const millis = { distance_feature: { field: 'born', origin: '2020-01-02T00:00:00.000Z', pivot: '2d' } }
    const query = { bool: { should: [nanos, millis] } }
    // the clauses' float scores summed in double, then rounded to float, as Lucene's disjunction sums them
    const sum = (a: number, b: number): number =>
      Number(javaFloatToString(Math.fround(Math.fround(a) + Math.fround(b))))
    expect(await scores(node, query)).toEqual([
      ['1', sum(javaScore(1, 1e9, 500), javaScore(1, 2 * DAY, DAY))],
      ['2', sum(javaScore(1, 1e9, 2e9), javaScore(1, 2 * DAY, 3 * DAY))],
      ['3', javaScore(1, 2 * DAY, DAY)],
    ])
  })
})

describe('distance_feature on geo_points', () => {
  it('scores by haversinMeters from the quantised point nearest the origin', async () => {
    const node = await indexed()
    const query = { distance_feature: { field: 'place', origin: [4.9, 52.37], pivot: '10km' } }
    const d1 = meters(52.37, 4.89, 52.37, 4.9)
    const d3 = meters(52.3, 4.9, 52.37, 4.9)
    const d2 = meters(48.85, 2.35, 52.37, 4.9)
    expect(await scores(node, query)).toEqual([
      ['1', javaScore(1, 10_000, d1)],
      ['3', javaScore(1, 10_000, d3)],
      ['2', javaScore(1, 10_000, d2)],
    ])
    const byString = await scores(node, {
      distance_feature: { field: 'place', origin: '52.37,4.9', pivot: 10000 + '' },
    })
    expect(byString[0]).toEqual(['1', javaScore(1, 10_000, d1)])
  })

  it('explains as LatLonPointDistanceFeatureQuery and LongDistanceFeatureQuery do', async () => {
    const node = await indexed()
    const explain = async (id: string, query: object): Promise<unknown> =>
      (JSON.parse((await node.send('POST', `/d/_explain/${id}`, { query })).body) as { explanation: unknown })
        .explanation
    const origin = { lat: 52.37, lon: 4.9 }
    const geo = await explain('1', { distance_feature: { field: 'place', origin, pivot: '1km', boost: 2 } })
    const lat = decodeLatitude(encodeLatitude(52.37))
    const lon = decodeLongitude(encodeLongitude(4.89))
    const distance = haversinMeters(52.37, 4.9, lat, lon)
    expect(geo).toEqual({
      value: javaScore(2, 1000, distance),
      description:
        'Distance score, computed as weight * pivotDistance / (pivotDistance + abs(distance)) from:',
      details: [
        { value: 2, description: 'weight', details: [] },
        { value: 1000, description: 'pivotDistance', details: [] },
        { value: 52.37, description: 'originLat', details: [] },
        { value: 4.9, description: 'originLon', details: [] },
        { value: lat, description: 'current lat', details: [] },
        { value: lon, description: 'current lon', details: [] },
        { value: distance, description: 'distance', details: [] },
      ],
    })
    const date = await explain('3', {
      distance_feature: { field: 'born', origin: '2020-01-02T00:00:00.000Z', pivot: '2d' },
    })
    expect(date).toEqual({
      value: javaScore(1, 2 * DAY, DAY),
      description:
        'Distance score, computed as weight * pivotDistance / (pivotDistance + abs(value - origin)) from:',
      details: [
        { value: 1, description: 'weight', details: [] },
        { value: 2 * DAY, description: 'pivotDistance', details: [] },
        { value: Date.UTC(2020, 0, 2), description: 'origin', details: [] },
        { value: Date.UTC(2020, 0, 3), description: 'current value', details: [] },
      ],
    })
    const none = await node.send('POST', '/d/_explain/4', {
      query: { distance_feature: { field: 'born', origin: 'now', pivot: '1d' } },
    })
    expect(JSON.parse(none.body)).toMatchObject({
      matched: false,
      explanation: { value: 0, description: "Document 3 doesn't have a value for field born", details: [] },
    })
  })
})

describe('distance_feature errors', () => {
  it("gives the parser's refusals", async () => {
    const node = await indexed()
    expect(
      await refusal(node, { distance_feature: { field: 'born', origin: 'now', pivot: '1d', x: 1 } }),
    ).toMatchObject({
      type: 'x_content_parse_exception',
      reason: '[1:74] [distance_feature] unknown field [x]',
    })
    expect((await refusal(node, { distance_feature: { field: 'born', pivot: '1d' } })).reason).toBe(
      'Required [origin]',
    )
    expect((await refusal(node, { distance_feature: { origin: 'now' } })).reason).toBe(
      'Required [field, pivot]',
    )
    expect(
      (await refusal(node, { distance_feature: { field: 'born', origin: true, pivot: '1d' } })).reason,
    ).toBe("[1:55] [distance_feature] origin doesn't support values of type: VALUE_BOOLEAN")
    expect(
      (await refusal(node, { distance_feature: { field: 'born', origin: 'now', pivot: 5 } })).reason,
    ).toBe("[1:69] [distance_feature] pivot doesn't support values of type: VALUE_NUMBER")
  })

  it("gives doToQuery's refusals as failed to create query", async () => {
    const node = await indexed()
    const failure = async (query: object): Promise<string> => {
      const { type, reason } = await refusal(node, { distance_feature: query })
      expect(type).toBe('query_shard_exception')
      return reason
    }
    // a date that does not parse is the root cause (an ElasticsearchException) under failed to create query
    const unparsed = await refusal(node, {
      distance_feature: { field: 'born', origin: 'yesterday', pivot: '1d' },
    })
    expect(unparsed.type).toBe('parse_exception')
    expect(unparsed.reason).toMatch(
      /^failed to parse date field \[yesterday\] with format \[strict_date_optional_time\|\|epoch_millis\]/,
    )
    expect(await failure({ field: 'tag', origin: 'now', pivot: '1d' })).toBe(
      'failed to create query: Illegal data type of [keyword]![distance_feature] query can only be run on a date, date_nanos or geo_point field type!',
    )
    expect(await failure({ field: 'born', origin: 'now', pivot: '1x' })).toBe(
      'failed to create query: failed to parse setting [distance_feature.pivot] with value [1x] as a time value: unit is missing or unrecognized',
    )
    expect(await failure({ field: 'born', origin: 'now', pivot: '0' })).toBe(
      'failed to create query: pivotDistance must be > 0, got 0',
    )
    expect(await failure({ field: 'place', origin: 5, pivot: '1km' })).toBe(
      'failed to create query: Illegal type [class java.lang.Long] for [origin]! Must be of type [geo_point] or [string] for geo_point fields!',
    )
    expect(await failure({ field: 'place', origin: '1,1', pivot: 'xkm' })).toBe(
      'failed to create query: For input string: "x"',
    )
    expect(await failure({ field: 'place', origin: '1,1', pivot: '-5' })).toBe(
      'failed to create query: pivotDistance must be > 0, got -5.0',
    )
    expect(await failure({ field: 'place', origin: [1, 100], pivot: '1km' })).toBe(
      'failed to create query: invalid latitude 100.0; must be between -90.0 and 90.0',
    )
  })

  it('matches nothing on an unmapped field', async () => {
    const node = await indexed()
    expect(await scores(node, { distance_feature: { field: 'nope', origin: 'now', pivot: '1d' } })).toEqual(
      [],
    )
  })
})
