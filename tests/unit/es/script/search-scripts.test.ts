// Scripts in search through EsNode: the script_score query (a float of the script's value, `_score` the inner
// query's), function_score's script_score function combined as any function, the script query as a filter,
// script_fields in a hit's `fields` (and no `_source` unless asked), sorting by `_script`, and the failures ES
// reports (a negative score, a missing value, a compile error) as shard failures.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const DOCS = [
  { title: 'quick brown fox', likes: 10, boost: 1.5, tag: 'a', price: 5, published: '2024-03-05T10:20:30Z' },
  { title: 'quick dog', likes: 0, boost: 2, tag: 'b', price: 20 },
  { title: 'lazy fox', likes: 100, boost: 0.5, tag: 'a', price: 12.5 },
  { title: 'fox', likes: 3, boost: 1, tag: 'c', price: 10 },
]

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/posts', {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      properties: {
        title: { type: 'text' },
        likes: { type: 'long' },
        boost: { type: 'double' },
        tag: { type: 'keyword' },
        price: { type: 'double' },
        published: { type: 'date' },
      },
    },
  })
  for (let i = 0; i < DOCS.length; i++) await node.send('PUT', `/posts/_doc/${i + 1}`, DOCS[i])
  await node.send('POST', '/posts/_refresh')
})

type Hit = {
  _id: string
  _score: number | null
  _source?: unknown
  fields?: Record<string, unknown[]>
  sort?: unknown[]
}

async function search(body: object): Promise<{ total: number; hits: Hit[] }> {
  const response = await node.send('POST', '/posts/_search', body)
  expect(response.status, response.body).toBe(200)
  const parsed = JSON.parse(response.body) as { hits: { total: { value: number }; hits: Hit[] } }
  return { total: parsed.hits.total.value, hits: parsed.hits.hits }
}

function scores(hits: readonly Hit[]): Array<[string, number | null]> {
  // A score prints as the shortest decimal of its float: read back, it is that float.
  return hits.map((hit) => [hit._id, hit._score === null ? null : Math.fround(hit._score)])
}

const likes = (id: string): number => DOCS[Number(id) - 1]!.likes

describe('script_score query', () => {
  it("scores Math.log(2 + doc['likes'].value) as a float, over the inner query's matches", async () => {
    const { total, hits } = await search({
      query: {
        script_score: {
          query: { match: { title: 'fox' } },
          script: { source: "Math.log(2 + doc['likes'].value)" },
        },
      },
    })
    expect(total).toBe(3)
    const expected = ['3', '1', '4'].map((id): [string, number] => [id, Math.fround(Math.log(2 + likes(id)))])
    expect(scores(hits)).toEqual(expected)
  })

  it("_score is the inner query's score; boost multiplies; min_score drops documents", async () => {
    const plain = await search({ query: { match: { title: 'fox' } } })
    const { hits } = await search({
      query: {
        script_score: {
          query: { match: { title: 'fox' } },
          script: { source: "_score * doc['boost'].value * params.k", params: { k: 2 } },
          boost: 3,
          min_score: 0.5,
        },
      },
    })
    const expected = plain.hits
      .map((hit): [string, number] => {
        const boost = DOCS[Number(hit._id) - 1]!.boost
        return [hit._id, Math.fround(hit._score! * boost * 2)]
      })
      .filter(([, score]) => score >= 0.5)
      .map(([id, score]): [string, number] => [id, Math.fround(score * Math.fround(3))])
      .sort((a, b) => b[1] - a[1])
    expect(expected.length).toBeLessThan(3)
    expect(scores(hits)).toEqual(expected)
  })

  it('a negative score and a missing value fail the shards as ES fails them', async () => {
    const negative = await node.send('POST', '/posts/_search', {
      query: { script_score: { query: { match_all: {} }, script: '-1' } },
    })
    expect(negative.status).toBe(400)
    expect(negative.body).toContain(
      '"reason":{"type":"illegal_argument_exception","reason":"script_score script returned an invalid score [-1.0] for doc [0]. Must be a non-negative score!"}',
    )
    const missing = await node.send('POST', '/posts/_search', {
      query: { script_score: { query: { match_all: {} }, script: "doc['nope'].value" } },
    })
    expect(missing.body).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"No field found for [nope] in mapping"}',
    )
    const compile = await node.send('POST', '/posts/_search', {
      query: { script_score: { query: { match_all: {} }, script: 'doc[' } },
    })
    expect(compile.body).toContain('"type":"script_exception","reason":"compile error"')
    expect(compile.body).toContain('"type":"search_phase_execution_exception","reason":"all shards failed"')
  })
})

describe("function_score's script_score", () => {
  it('combines the script value with the query score as boost_mode says, and with other functions', async () => {
    const plain = await search({ query: { match: { title: 'quick' } } })
    const { hits } = await search({
      query: {
        function_score: {
          query: { match: { title: 'quick' } },
          functions: [
            { script_score: { script: "_score * 2 + doc['likes'].value" } },
            { filter: { term: { tag: 'a' } }, weight: 10 },
          ],
          score_mode: 'sum',
          boost_mode: 'replace',
        },
      },
    })
    const expected = plain.hits
      .map((hit): [string, number] => {
        const doc = DOCS[Number(hit._id) - 1]!
        return [hit._id, Math.fround(hit._score! * 2 + doc.likes + (doc.tag === 'a' ? 10 : 0))]
      })
      .sort((a, b) => b[1] - a[1])
    expect(scores(hits)).toEqual(expected)
  })

  it('a negative value is the script score function error', async () => {
    const response = await node.send('POST', '/posts/_search', {
      query: { function_score: { script_score: { script: "0 - doc['likes'].value" } } },
    })
    expect(response.body).toContain(
      'script score function must not produce negative scores, but got: [-10.0]',
    )
  })
})

describe('script query', () => {
  it('filters by the script with params, scoring the boost', async () => {
    const { hits } = await search({
      query: {
        script: { script: { source: "doc['price'].value > params.max", params: { max: 10 } }, boost: 2 },
      },
    })
    expect(scores(hits).sort()).toEqual([
      ['2', 2],
      ['3', 2],
    ])
    const filtered = await search({
      query: {
        bool: {
          must: { match: { title: 'fox' } },
          filter: { script: { script: "doc['tag'].value == 'a' && doc['likes'].size() > 0" } },
        },
      },
    })
    expect(filtered.hits.map((hit) => hit._id).sort()).toEqual(['1', '3'])
  })

  it('a non-boolean result is a ClassCastException', async () => {
    const response = await node.send('POST', '/posts/_search', {
      query: { script: { script: "doc['likes'].value" } },
    })
    expect(response.body).toContain(
      '"caused_by":{"type":"class_cast_exception","reason":"Cannot cast java.lang.Long to java.lang.Boolean"}',
    )
  })
})

describe('script_fields and _script sorts', () => {
  it("puts each script field in the hit's fields; no _source unless asked", async () => {
    const { hits } = await search({
      query: { ids: { values: ['1'] } },
      script_fields: {
        doubled: { script: { source: "doc['likes'].value * params.f", params: { f: 2 } } },
        upper: { script: 'params._source.title.toUpperCase()' },
        tags: { script: "doc['tag']" },
        broken: { script: "doc['nope'].value", ignore_failure: true },
      },
    })
    expect(hits[0]).toEqual({
      _index: 'posts',
      _id: '1',
      _score: 1,
      fields: { upper: ['QUICK BROWN FOX'], doubled: [20], tags: ['a'] },
    })
    const withSource = await search({
      _source: ['tag'],
      query: { ids: { values: ['2'] } },
      script_fields: { ratio: { script: "doc['price'].value / 8" } },
    })
    expect(withSource.hits[0]!._source).toEqual({ tag: 'b' })
    expect(withSource.hits[0]!.fields).toEqual({ ratio: [2.5] })
  })

  it('gives dates as ZonedDateTime: getters, epoch millis, and the ISO text a field prints', async () => {
    const { hits } = await search({
      query: { ids: { values: ['1'] } },
      script_fields: {
        when: { script: "doc['published'].value" },
        parts: {
          script:
            "def d = doc['published'].value; [d.getYear(), d.getMonthValue(), d.getDayOfMonth(), d.getHour()]",
        },
        millis: { script: "doc['published'].value.toInstant().toEpochMilli()" },
      },
    })
    expect(hits[0]!.fields).toEqual({
      when: ['2024-03-05T10:20:30.000Z'],
      parts: [2024, 3, 5, 10],
      millis: [Date.parse('2024-03-05T10:20:30Z')],
    })
  })

  it('refuses an unknown script sort type as the ScriptSortBuilder parser does', async () => {
    const response = await node.send('POST', '/posts/_search', {
      sort: { _script: { type: 'version2', script: '1' } },
    })
    expect(response.body).toContain(
      '"type":"x_content_parse_exception","reason":"[1:28] [_script] failed to parse field [type]","caused_by":{"type":"illegal_argument_exception","reason":"Unknown ScriptSortType [version2]"}',
    )
  })

  it('sorts by a number or string script, with the values as sort keys', async () => {
    const numbers = await search({
      query: { match_all: {} },
      sort: [
        { _script: { type: 'number', script: "doc['likes'].value % 7", order: 'desc' } },
        { _doc: 'asc' },
      ],
    })
    expect(numbers.hits.map((hit) => [hit._id, hit.sort])).toEqual([
      ['1', [3, 0]],
      ['4', [3, 3]],
      ['3', [2, 2]],
      ['2', [0, 1]],
    ])
    const strings = await search({
      query: { match_all: {} },
      sort: { _script: { type: 'string', script: "doc['tag'].value + doc['likes'].value" } },
    })
    expect(strings.hits.map((hit) => hit.sort)).toEqual([['a10'], ['a100'], ['b0'], ['c3']])
  })
})

describe('geo_point doc values (ScriptDocValues.GeoPoints)', () => {
  it('give GeoPoints of the encoded coordinates: .lat, .lon, .value, getLats()', async () => {
    await node.send('PUT', '/places', {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { properties: { p: { type: 'geo_point' } } },
    })
    await node.send('PUT', '/places/_doc/1?refresh=true', { p: ['41.12,-71.34', [151.2093, -33.8688]] })
    const ok = await node.send('POST', '/places/_search', {
      script_fields: {
        lat: { script: "doc['p'].lat" },
        lon: { script: "doc['p'].getLon()" },
        point: { script: "doc['p'].value" },
        text: { script: "doc['p'].value.toString() + ' | ' + doc['p'].lats.length + ' ' + doc['p'].lons[1]" },
      },
    })
    expect(ok.status, ok.body).toBe(200)
    // sorted by their encoded latitude, as LatLonDocValuesField's sorted numeric values are
    const hit = (JSON.parse(ok.body) as { hits: { hits: Hit[] } }).hits.hits[0]!
    expect(hit.fields).toEqual({
      lat: [-33.86880002450198],
      lon: [151.20929994620383],
      point: [{ lat: -33.86880002450198, lon: 151.20929994620383 }],
      text: ['-33.86880002450198, 151.20929994620383 | 2 -71.34000004269183'],
    })
  })
})
