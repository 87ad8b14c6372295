// What a search refuses on fields without usable doc values, as ES 8.17 refuses it on every shard: a completion
// field has no fielddata (MappedFieldType.fielddataBuilder: "Fielddata is not supported on field [f] of type
// [completion]"), a geo_point is not sortable by value (AbstractLatLonPointIndexFieldData.sortField) and has no terms
// aggregator (ValuesSourceRegistry); and the docvalue_fields limit, which FetchDocValuesContext checks on every
// shard whether or not it has hits, over the distinct fields the entries name (an unmapped name is none). A keyword,
// numeric, date or boolean field mapped with `doc_values: false` has no search fielddata (MappedFieldType
// .failIfNoDocValues: sorts, aggregations and docvalue_fields fail; scripts read `_source` instead).
import { beforeAll, describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

let cluster: TestCluster

beforeAll(async () => {
  const index = {
    settings: { number_of_shards: 2, number_of_replicas: 0, 'index.max_docvalue_fields_search': 2 },
    mappings: {
      properties: {
        suggest: { type: 'completion' },
        location: { type: 'geo_point' },
        a: { type: 'keyword' },
        b: { type: 'keyword' },
        c: { type: 'keyword' },
        status: { type: 'keyword', doc_values: false },
        count: { type: 'integer', doc_values: false },
        price: { type: 'scaled_float', scaling_factor: 100, doc_values: false },
        day: { type: 'date', doc_values: false },
        flag: { type: 'boolean', doc_values: false },
      },
    },
  }
  cluster = (await clusterWithIndex(1, index, 'places')).cluster
  await cluster.json(1, 'PUT', '/places/_doc/1?refresh=true', {
    suggest: 'Paris',
    location: '48.86,2.35',
    status: 'ok',
    count: 3,
    price: 1.5,
    day: '2015-01-01',
    flag: true,
  })
}, 60_000)

async function rootCause(body: object): Promise<{ status: number; causes: unknown }> {
  const response = await cluster.send(1, 'POST', '/places/_search', body)
  return { status: response.status, causes: errorOf(response.body).root_cause }
}

const refusal = (reason: string) => ({
  status: 400,
  causes: [{ type: 'illegal_argument_exception', reason }],
})

describe('fields without fielddata', () => {
  it('refuses sorting and aggregating on a completion field', async () => {
    const reason = 'Fielddata is not supported on field [suggest] of type [completion]'
    expect(await rootCause({ sort: ['suggest'] })).toEqual(refusal(reason))
    expect(await rootCause({ aggs: { t: { terms: { field: 'suggest' } } } })).toEqual(refusal(reason))
  })

  it('refuses a plain sort and a terms aggregation on a geo_point field', async () => {
    expect(await rootCause({ sort: ['location'] })).toEqual(
      refusal("can't sort on geo_point field without using specific sorting feature, like geo_distance"),
    )
    expect(await rootCause({ aggs: { t: { terms: { field: 'location' } } } })).toEqual(
      refusal('Field [location] of type [geo_point] is not supported for aggregation [terms]'),
    )
  })
})

describe('fields with doc_values: false', () => {
  const noDocValues = (field: string, type: string) =>
    refusal(
      `Can't load fielddata on [${field}] because fielddata is unsupported on fields of type [${type}]. ` +
        'Use doc values instead.',
    )

  it('refuses sorting, aggregating and docvalue_fields, and still searches and scripts them', async () => {
    const response = await cluster.send(1, 'POST', '/places/_search', {
      aggs: { s: { terms: { field: 'status' } } },
    })
    const reason =
      "Can't load fielddata on [status] because fielddata is unsupported on fields of type [keyword]. Use doc values instead."
    expect(response).toMatchObject({
      status: 400,
      body:
        `{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"${reason}"}],` +
        '"type":"search_phase_execution_exception","reason":"all shards failed","phase":"query","grouped":true,' +
        `"failed_shards":[{"shard":0,"index":"places","node":"${/"node":"([^"]+)"/.exec(response.body)?.[1]}",` +
        `"reason":{"type":"illegal_argument_exception","reason":"${reason}"}}],` +
        `"caused_by":{"type":"illegal_argument_exception","reason":"${reason}",` +
        `"caused_by":{"type":"illegal_argument_exception","reason":"${reason}"}}},"status":400}`,
    })
    expect(await rootCause({ sort: ['status'] })).toEqual(noDocValues('status', 'keyword'))
    expect(await rootCause({ sort: [{ count: 'desc' }] })).toEqual(noDocValues('count', 'integer'))
    expect(await rootCause({ aggs: { m: { max: { field: 'price' } } } })).toEqual(
      noDocValues('price', 'scaled_float'),
    )
    expect(
      await rootCause({ aggs: { h: { date_histogram: { field: 'day', calendar_interval: 'year' } } } }),
    ).toEqual(noDocValues('day', 'date'))
    // docvalue_fields fail where the fetch phase reads them: the shard with the hit
    const fetched = await cluster.send(1, 'POST', '/places/_search', { docvalue_fields: ['flag'] })
    const shards = (JSON.parse(fetched.body) as { _shards: { failures: Array<{ reason: unknown }> } })._shards
    expect(shards.failures.map((failure) => failure.reason)).toEqual(noDocValues('flag', 'boolean').causes)
    // the fields are still searched, and scripts still read their values
    const searched = await cluster.send(1, 'POST', '/places/_search', {
      query: { bool: { filter: [{ term: { status: 'ok' } }, { range: { count: { gte: 3 } } }] } },
      script_fields: { twice: { script: "doc['count'].value * 2" } },
      _source: false,
    })
    expect(searched.status).toBe(200)
    expect((JSON.parse(searched.body) as { hits: { hits: unknown[] } }).hits.hits).toEqual([
      { _index: 'places', _id: '1', _score: 0, fields: { twice: [6] } },
    ])
  })
})

describe('index.max_docvalue_fields_search', () => {
  it('counts the distinct mapped fields named, and fails every shard, the one without hits too', async () => {
    const response = await cluster.send(1, 'POST', '/places/_search', {
      query: { match_none: {} },
      docvalue_fields: ['a', 'b', 'nope', 'c', 'a'],
    })
    expect(response.status).toBe(400)
    const reason =
      'Trying to retrieve too many docvalue_fields. Must be less than or equal to: [2] but was [3]. This limit can ' +
      'be set by changing the [index.max_docvalue_fields_search] index level setting.'
    const error = JSON.parse(response.body) as { error: { failed_shards: Array<{ shard: number }> } }
    expect(errorOf(response.body).root_cause).toEqual([{ type: 'illegal_argument_exception', reason }])
    expect(error.error.failed_shards.map((failure) => failure.shard)).toEqual([0])
  })
})
