// What a search hit carries besides `_source`, as ES 8.17's fetch sub-phases give it: the `fields` option
// (FieldFetcher, values from `_source` through the mapping), `docvalue_fields` (FetchDocValuesPhase), the hit's
// `fields` section in its HashMap's order, `version` / `seq_no_primary_term`, `stored_fields` (`_none_`, or a
// list that turns off the implicit `_source`), the query-phase options `min_score`, `terminate_after` and
// `timeout`, and the same fetch options inside top_hits.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf, type ErrorBody } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const MAPPINGS = {
  mappings: {
    dynamic: false,
    properties: {
      title: { type: 'text', fields: { raw: { type: 'keyword', ignore_above: 10 } } },
      tag: { type: 'keyword' },
      n: { type: 'long' },
      d: { type: 'double' },
      f: { type: 'float' },
      day: { type: 'date' },
      user: { properties: { name: { type: 'keyword' }, age: { type: 'integer' } } },
    },
  },
}

type Json = Record<string, unknown>
interface Hit extends Json {
  _id?: string
  fields?: Record<string, unknown[]>
}
interface Response extends Json {
  hits: { total: { value: number }; hits: Hit[] }
}

async function cluster(shards = 1): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: shards, number_of_replicas: 0 },
    ...MAPPINGS,
  })
  const docs: Array<[string, object]> = [
    [
      '1',
      { title: 'short one', tag: ['b', 'a', 'b'], n: 7.9, d: 2, f: 1.1, day: '2020-01-02', extra: { x: 1 } },
    ],
    [
      '2',
      { title: 'a much longer title', tag: 'c', n: '3', user: [{ name: 'ann', age: 30 }, { name: 'bob' }] },
    ],
    ['3', { title: 'third', n: 1, day: 1577836800000 }],
  ]
  for (const [id, doc] of docs) await cluster.json(1, 'PUT', `/idx/_doc/${id}`, doc)
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

async function search(c: TestCluster, body: object, query = ''): Promise<Response> {
  return (await c.json(1, 'GET', `/idx/_search${query}`, body)) as Response
}

function byId(response: Response): Map<string, Hit> {
  return new Map(response.hits.hits.map((hit) => [hit._id!, hit]))
}

describe('the fields option', () => {
  it('reads each field through its mapping, in _source order, multi-fields from their parent', async () => {
    const c = await cluster()
    const hits = byId(
      await search(c, { _source: false, fields: ['title.raw', 'n', 'd', 'f', 'day', 'tag', 'user.*'] }),
    )
    expect(hits.get('1')!.fields).toEqual({
      'title.raw': ['short one'],
      n: [7],
      d: [2],
      f: [1.1],
      day: ['2020-01-02T00:00:00.000Z'],
      tag: ['b', 'a', 'b'],
    })
    // ignore_above leaves the long value out and lists it as ignored, as the document's _ignored field does;
    // arrays of objects give each leaf's values in order
    expect(hits.get('2')!.fields).toEqual({
      n: [3],
      tag: ['c'],
      'user.name': ['ann', 'bob'],
      'user.age': [30],
    })
    expect(hits.get('2')!.ignored_field_values).toEqual({ 'title.raw': ['a much longer title'] })
    expect(hits.get('2')!._ignored).toEqual(['title.raw'])
    expect(hits.get('1')!._ignored).toBeUndefined()
    expect(hits.get('3')!.fields).toEqual({
      'title.raw': ['third'],
      n: [1],
      day: ['2020-01-01T00:00:00.000Z'],
    })
    expect(hits.get('1')!._source).toBeUndefined()
  })

  it('writes doubles as doubles and floats as floats', async () => {
    const c = await cluster()
    const response = await c.send(1, 'GET', '/idx/_search', {
      query: { ids: { values: ['1'] } },
      fields: ['d', 'f'],
    })
    expect(response.body).toContain('"fields":{"d":[2.0],"f":[1.1]}')
  })

  it('orders the section as the hit HashMap iterates, growing it past 12 fields', async () => {
    const { cluster: c } = await clusterWithIndex(1, {})
    const doc = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`field${i}`, i]))
    await c.json(1, 'PUT', '/idx/_doc/1?refresh=true', doc)
    const response = await c.send(1, 'GET', '/idx/_search', { _source: false, fields: ['field*'] })
    const fields = Object.keys((JSON.parse(response.body) as Response).hits.hits[0]!.fields!)
    // putAll of 14 entries pre-sizes the hit's map to 32 buckets: String.hashCode order modulo 32
    const hash = (s: string) => [...s].reduce((h, ch) => (Math.imul(31, h) + ch.charCodeAt(0)) | 0, 0)
    const bucket = (s: string) => (hash(s) ^ (hash(s) >>> 16)) & 31
    expect(fields).toHaveLength(14)
    expect(fields).toEqual([...fields].sort((a, b) => bucket(a) - bucket(b)))
  })

  it('takes a date format, refuses one elsewhere, and returns unmapped leaves only when asked', async () => {
    const c = await cluster()
    const formatted = byId(await search(c, { fields: [{ field: 'day', format: 'yyyy/MM/dd' }] }))
    expect(formatted.get('1')!.fields).toEqual({ day: ['2020/01/02'] })
    const unmapped = byId(await search(c, { fields: [{ field: 'extra.*', include_unmapped: true }] }))
    expect(unmapped.get('1')!.fields).toEqual({ 'extra.x': [1] })
    expect(byId(await search(c, { fields: ['extra.*'] })).get('1')!.fields).toBeUndefined()
    const refused = await c.send(1, 'GET', '/idx/_search', { fields: [{ field: 'n', format: 'x' }] })
    expect(refused.status).toBe(400)
    expect(errorOf(refused.body).root_cause[0]!.reason).toBe(
      "Field [n] of type [long] doesn't support formats.",
    )
    const unknown = await c.send(1, 'GET', '/idx/_search', { fields: [{ field: 'n', foo: 1 }] })
    expect(errorOf(unknown.body).reason).toBe('[1:1] [fetch_field_and_format] unknown field [foo]')
  })
})

describe('docvalue_fields', () => {
  it('gives doc values: sorted, keywords deduplicated, floats widened, dates in the field format', async () => {
    const c = await cluster()
    const hits = byId(await search(c, { docvalue_fields: ['tag', 'f', 'n', 'day', 'nope'] }))
    expect(hits.get('1')!.fields).toEqual({
      f: [1.100000023841858],
      n: [7],
      day: ['2020-01-02T00:00:00.000Z'],
      tag: ['a', 'b'],
    })
    // the URI adds to the body's list
    const uri = byId(await search(c, { docvalue_fields: ['n'] }, '?docvalue_fields=tag'))
    expect(uri.get('2')!.fields).toEqual({ n: [3], tag: ['c'] })
  })

  it('fails the shard on a text field, as its fielddata does (in the query phase of a one-shard search)', async () => {
    const c = await cluster()
    const response = await c.send(1, 'GET', '/idx/_search', { docvalue_fields: ['title'] })
    expect(response.status).toBe(400)
    const error = errorOf(response.body) as ErrorBody & { phase: string }
    expect(error.type).toBe('search_phase_execution_exception')
    // SearchService.executeQueryPhase fetches a one-shard search's hits in its query phase
    expect(error.phase).toBe('query')
    expect(error.root_cause[0]!.reason).toMatch(/^Fielddata is disabled on \[title\] in \[idx\]\./)
    // FetchPhase runs no sub-phase without hits to fetch
    expect(await search(c, { size: 0, docvalue_fields: ['title'] })).toMatchObject({
      _shards: { failed: 0 },
      hits: { total: { value: 3 } },
    })
  })

  it('fails only the shards whose hits the page fetches, and leaves their hits out', async () => {
    const c = await cluster(2)
    const response = await search(c, { size: 1, sort: ['n'], docvalue_fields: ['title'] })
    // the page's one hit (doc 3, n=1) is on one shard: that shard fails, the other is never fetched
    expect(response).toMatchObject({
      _shards: { total: 2, successful: 1, failed: 1 },
      hits: { total: { value: 3 }, hits: [] },
    })
    const failures = (response._shards as { failures: Array<{ reason: { type: string } }> }).failures
    expect(failures.map(({ reason }) => reason.type)).toEqual(['illegal_argument_exception'])
  })
})

describe('hit metadata and stored_fields', () => {
  it('adds _version, _seq_no and _primary_term before _score', async () => {
    const c = await cluster()
    const response = await c.send(1, 'GET', '/idx/_search?version=true', {
      query: { ids: { values: ['3'] } },
      seq_no_primary_term: true,
      _source: false,
    })
    expect(response.body).toContain(
      '{"_index":"idx","_id":"3","_version":1,"_seq_no":2,"_primary_term":1,"_score":1.0}',
    )
  })

  it('shows _ignored after _routing and _score, in the ignored HashSet order, but not with _none_', async () => {
    const { cluster: c } = await clusterWithIndex(1, {})
    const long = 'x'.repeat(300)
    await c.json(1, 'PUT', '/idx/_doc/1?routing=r&refresh=true', { alpha: long, beta: 'short', zeta: long })
    const response = await c.send(1, 'GET', '/idx/_search', { _source: false })
    // zeta.keyword and alpha.keyword: String.hashCode buckets 0 and 13 of the HashSet's 16
    expect(response.body).toContain(
      '{"_index":"idx","_id":"1","_score":1.0,"_routing":"r","_ignored":["zeta.keyword","alpha.keyword"]}',
    )
    const none = await search(c, { stored_fields: '_none_' })
    expect(none.hits.hits[0]).toEqual({ _index: 'idx', _score: 1 })
  })

  it('leaves out _id and _source with _none_, and the implicit _source with a list', async () => {
    const c = await cluster()
    const none = await search(c, { query: { ids: { values: ['1'] } }, stored_fields: '_none_' })
    expect(none.hits.hits[0]).toEqual({ _index: 'idx', _score: 1 })
    const list = await search(c, { query: { ids: { values: ['1'] } }, stored_fields: [] })
    expect(list.hits.hits[0]).toEqual({ _index: 'idx', _id: '1', _score: 1 })
    const named = await search(c, { query: { ids: { values: ['3'] } }, stored_fields: ['_source'] })
    expect(named.hits.hits[0]!._source).toEqual({ title: 'third', n: 1, day: 1577836800000 })
    const both = await c.send(1, 'GET', '/idx/_search?stored_fields=_none_,n', {})
    expect(errorOf(both.body)).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'cannot combine _none_ with other fields',
    })
    const withFields = await c.send(1, 'GET', '/idx/_search', { stored_fields: '_none_', fields: ['n'] })
    expect(errorOf(withFields.body).reason).toBe(
      'Validation Failed: 1: [stored_fields] cannot be disabled when using the [fields] option;',
    )
  })
})

describe('query-phase options', () => {
  for (const shards of [1, 2]) {
    it(`min_score drops weak matches from hits, total and aggregations (${shards} shard(s))`, async () => {
      const c = await cluster(shards)
      const query = {
        function_score: {
          query: { match_all: {} },
          functions: [{ field_value_factor: { field: 'n' } }],
          boost_mode: 'replace',
        },
      }
      const aggs = { tags: { terms: { field: 'tag' } } }
      const response = await search(c, { query, min_score: 3, aggs })
      expect(response.hits.total.value).toBe(2)
      expect(response.hits.hits.map((h) => h._id).sort()).toEqual(['1', '2'])
      expect((response.aggregations as { tags: { buckets: unknown[] } }).tags.buckets).toHaveLength(3)
      const strict = await search(c, { query, min_score: 5, aggs })
      expect(strict.hits.total.value).toBe(1)
      expect((strict.aggregations as { tags: { buckets: unknown[] } }).tags.buckets).toHaveLength(2)
    })
  }

  it('terminate_after collects the first matches in doc order and says whether it stopped early', async () => {
    const c = await cluster()
    const stopped = await search(c, { terminate_after: 2, query: { match_all: {} } })
    expect(stopped.terminated_early).toBe(true)
    expect(stopped.hits.total.value).toBe(2)
    expect(stopped.hits.hits.map((h) => h._id).sort()).toEqual(['1', '2'])
    const all = await search(c, {}, '?terminate_after=5')
    expect(all.terminated_early).toBe(false)
    expect(all.hits.total.value).toBe(3)
    expect(Object.keys(all).slice(0, 4)).toEqual(['took', 'timed_out', 'terminated_early', '_shards'])
    expect('terminated_early' in (await search(c, {}))).toBe(false)
  })

  it('timeout must be a time value', async () => {
    const c = await cluster()
    expect((await search(c, { timeout: '2s' })).hits.total.value).toBe(3)
    const bad = await c.send(1, 'GET', '/idx/_search', { timeout: '2' })
    expect(bad.status).toBe(400)
    expect(errorOf(bad.body).reason).toBe(
      'failed to parse setting [timeout] with value [2] as a time value: unit is missing or unrecognized',
    )
  })
})

describe('top_hits fetch options', () => {
  it('applies fields, docvalue_fields and stored_fields to its hits', async () => {
    const c = await cluster()
    const response = await search(c, {
      size: 0,
      aggs: {
        top: {
          top_hits: {
            sort: [{ n: 'asc' }],
            size: 2,
            fields: ['n'],
            docvalue_fields: ['tag'],
            stored_fields: [],
          },
        },
      },
    })
    const hits = (response.aggregations as { top: { hits: { hits: Hit[] } } }).top.hits.hits
    expect(hits).toEqual([
      { _index: 'idx', _id: '3', _score: null, fields: { n: [1] }, sort: [1] },
      {
        _index: 'idx',
        _id: '2',
        _score: null,
        _ignored: ['title.raw'],
        fields: { n: [3], tag: ['c'] },
        sort: [3],
      },
    ])
  })
})
