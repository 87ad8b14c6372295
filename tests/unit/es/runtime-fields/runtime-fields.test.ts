// Runtime fields as ES 8.17 has them: the mapping's `runtime` section (RuntimeField.parseRuntimeFields and
// LeafRuntimeField.toXContent), a search's `runtime_mappings`, and what a search does with either: `fields`,
// `docvalue_fields`, queries, sort and aggregations over the values the Painless script `emit`s, or, without a
// script, reads from `_source`. The data and several expectations are those of ES's runtime-fields YAML REST tests
// (modules/runtime-fields-common, 10_keyword.yml, 20_long.yml, 24_long_errors.yml).
import { beforeAll, describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

type Json = Record<string, unknown>
interface Hit extends Json {
  _id: string
  _score: number | null
  fields?: Record<string, unknown[]>
  sort?: unknown[]
}
interface Response extends Json {
  hits: { total: { value: number }; hits: Hit[] }
  aggregations?: Record<string, Json>
}

const SENSOR = {
  settings: { number_of_shards: 1, number_of_replicas: 0 },
  mappings: {
    runtime: {
      day_of_week: {
        type: 'keyword',
        script: "emit(doc['timestamp'].value.dayOfWeekEnum.getDisplayName(TextStyle.FULL, Locale.ENGLISH));",
      },
      day_of_week_letters: {
        type: 'keyword',
        script:
          "for (String dow: doc['day_of_week']) { for (int i = 0; i < dow.length(); i++) { emit(dow.charAt(i).toString()); } }",
      },
      millivolts: {
        type: 'long',
        script: { source: "emit((long) (doc['voltage'].value * params.scale))", params: { scale: 1000 } },
      },
      hot: { type: 'boolean', script: "emit(doc['temperature'].value > 200)" },
      day: {
        type: 'date',
        format: 'yyyy-MM-dd',
        meta: { unit: 'day', source: 'timestamp' },
        script: "emit(doc['timestamp'].value.toInstant().toEpochMilli())",
      },
      room: { type: 'keyword' },
    },
    properties: {
      timestamp: { type: 'date' },
      temperature: { type: 'long' },
      voltage: { type: 'double' },
      node: { type: 'keyword' },
    },
  },
}

const DOCS = [
  { timestamp: 1516729294000, temperature: 200, voltage: 5.2, node: 'a', room: 'r1' },
  { timestamp: 1516642894000, temperature: 201, voltage: 5.8, node: 'b', room: ['r2', 'r1'] },
  { timestamp: 1516556494000, temperature: 202, voltage: 5.1, node: 'a' },
  { timestamp: 1516470094000, temperature: 198, voltage: 5.6, node: 'b', room: 'r3' },
  { timestamp: 1516383694000, temperature: 200, voltage: 4.2, node: 'c', room: 'r1' },
  { timestamp: 1516297294000, temperature: 202, voltage: 4.0, node: 'c', room: 'r2' },
]

let cluster: TestCluster

beforeAll(async () => {
  cluster = (await clusterWithIndex(1, SENSOR, 'sensor')).cluster
  for (const [i, doc] of DOCS.entries()) await cluster.json(1, 'PUT', `/sensor/_doc/${i + 1}`, doc)
  await cluster.json(1, 'POST', '/sensor/_refresh')
}, 60_000)

async function search(body: object, index = 'sensor'): Promise<Response> {
  return (await cluster.json(1, 'GET', `/${index}/_search`, body)) as Response
}

async function ids(query: object): Promise<string[]> {
  const response = await search({ query, sort: ['timestamp'], _source: false })
  return response.hits.hits.map((hit) => hit._id)
}

async function failure(
  method: 'GET' | 'PUT',
  path: string,
  body: object,
): Promise<{ status: number; error: Json }> {
  const response = await cluster.send(1, method, path, body)
  return { status: response.status, error: errorOf(response.body) as unknown as Json }
}

describe('the mapping', () => {
  it('GET _mapping shows the runtime section by name, before the properties, as LeafRuntimeField writes it', async () => {
    const response = await cluster.send(1, 'GET', '/sensor/_mapping')
    expect(JSON.parse(response.body)).toEqual({
      sensor: {
        mappings: {
          runtime: {
            day: {
              type: 'date',
              meta: { source: 'timestamp', unit: 'day' },
              script: { source: "emit(doc['timestamp'].value.toInstant().toEpochMilli())", lang: 'painless' },
              format: 'yyyy-MM-dd',
            },
            day_of_week: {
              type: 'keyword',
              script: {
                source:
                  "emit(doc['timestamp'].value.dayOfWeekEnum.getDisplayName(TextStyle.FULL, Locale.ENGLISH));",
                lang: 'painless',
              },
            },
            day_of_week_letters: {
              type: 'keyword',
              script: { source: SENSOR.mappings.runtime.day_of_week_letters.script, lang: 'painless' },
            },
            hot: {
              type: 'boolean',
              script: { source: "emit(doc['temperature'].value > 200)", lang: 'painless' },
            },
            millivolts: {
              type: 'long',
              script: {
                source: "emit((long) (doc['voltage'].value * params.scale))",
                lang: 'painless',
                params: { scale: 1000 },
              },
            },
            room: { type: 'keyword' },
          },
          properties: {
            node: { type: 'keyword' },
            temperature: { type: 'long' },
            timestamp: { type: 'date' },
            voltage: { type: 'double' },
          },
        },
      },
    })
    expect(
      Object.keys((JSON.parse(response.body) as { sensor: { mappings: Json } }).sensor.mappings),
    ).toEqual(['runtime', 'properties'])
  })

  it('a mapping update adds, replaces, and with null removes runtime fields', async () => {
    await cluster.json(1, 'PUT', '/sensor2', {
      mappings: { runtime: { a: { type: 'long' }, b: { type: 'double' } } },
    })
    await cluster.json(1, 'PUT', '/sensor2/_mapping', {
      runtime: { a: null, b: { type: 'keyword' }, c: { type: 'boolean' } },
    })
    const response = await cluster.send(1, 'GET', '/sensor2/_mapping')
    expect(response.body).toBe(
      '{"sensor2":{"mappings":{"runtime":{"b":{"type":"keyword"},"c":{"type":"boolean"}}}}}',
    )
  })

  it('writes on_script_error only when it is not the default (fail)', async () => {
    await cluster.json(1, 'PUT', '/sensor3', {
      mappings: {
        runtime: {
          a: { type: 'long', script: 'emit(1)', on_script_error: 'fail' },
          b: { type: 'long', script: 'emit(1)', on_script_error: 'continue' },
        },
      },
    })
    const response = await cluster.send(1, 'GET', '/sensor3/_mapping')
    expect(response.body).toBe(
      '{"sensor3":{"mappings":{"runtime":{' +
        '"a":{"type":"long","script":{"source":"emit(1)","lang":"painless"}},' +
        '"b":{"type":"long","script":{"source":"emit(1)","lang":"painless"},"on_script_error":"continue"}}}}}',
    )
  })

  it('refuses what RuntimeField.Builder.parse refuses, wrapped as MapperService wraps it', async () => {
    const cases: Array<[object, string, string]> = [
      [
        { code: { type: 'keyword', index: true } },
        'mapper_parsing_exception',
        'unknown parameter [index] on runtime field [code] of type [keyword]',
      ],
      [
        { body: { type: 'text' } },
        'mapper_parsing_exception',
        'No handler for type [text] declared on runtime field [body]',
      ],
      [{ x: { script: 'emit(1)' } }, 'mapper_parsing_exception', 'No type specified for runtime field [x]'],
      [
        { x: 'keyword' },
        'mapper_parsing_exception',
        'Expected map for runtime field [x] definition but got a java.lang.String',
      ],
      [
        { x: { type: 'long', script: null } },
        'mapper_parsing_exception',
        '[script] on runtime field [x] of type [long] must not have a [null] value',
      ],
      [
        { x: { type: 'long', on_script_error: 'ignore', script: 'emit(1)' } },
        'mapper_parsing_exception',
        'Unknown value [ignore] for field [on_script_error] - accepted values are [fail, continue]',
      ],
      [
        { x: { type: 'long', on_script_error: 'continue' } },
        'illegal_argument_exception',
        'Field [on_script_error] requires field [script] to be configured',
      ],
      [
        { x: { type: 'long', meta: { n: 1 } } },
        'mapper_parsing_exception',
        '[meta] values can only be strings, but got Integer[1] for field [x]',
      ],
      [
        { x: { type: 'long', format: 'yyyy' } },
        'mapper_parsing_exception',
        'unknown parameter [format] on runtime field [x] of type [long]',
      ],
    ]
    for (const [runtime, type, reason] of cases) {
      // An IllegalArgumentException is no ElasticsearchException: the root cause is then the wrapper.
      const rootCause =
        type === 'illegal_argument_exception'
          ? { type: 'mapper_parsing_exception', reason: `Failed to parse mapping: ${reason}` }
          : { type, reason }
      expect(await failure('PUT', '/sensor/_mapping', { runtime })).toEqual({
        status: 400,
        error: {
          root_cause: [rootCause],
          type: 'mapper_parsing_exception',
          reason: `Failed to parse mapping: ${reason}`,
          caused_by: { type, reason },
        },
      })
    }
  })

  it('compiles the scripts: a compile error fails the mapping', async () => {
    const { status, error } = await failure('PUT', '/sensor/_mapping', {
      runtime: { x: { type: 'long', script: 'emit(nope)' } },
    })
    expect(status).toBe(400)
    expect(error.reason).toBe('Failed to parse mapping: compile error')
    expect(error.caused_by).toEqual({
      type: 'script_exception',
      reason: 'compile error',
      script_stack: ['emit(nope)', '     ^---- HERE'],
      script: 'emit(nope)',
      lang: 'painless',
      position: { offset: 5, start: 0, end: 10 },
      caused_by: { type: 'illegal_argument_exception', reason: 'cannot resolve symbol [nope]' },
    })
  })
})

describe('fetching', () => {
  it('`fields` and `docvalue_fields` give the emitted values, sorted (10_keyword.yml)', async () => {
    const response = await search({
      sort: 'timestamp',
      fields: ['day_of_week', 'day_of_week_letters', 'millivolts', 'hot', 'day', 'room'],
      _source: false,
    })
    expect(response.hits.hits[0]!.fields).toEqual({
      day_of_week: ['Thursday'],
      day_of_week_letters: ['T', 'a', 'd', 'h', 'r', 's', 'u', 'y'],
      millivolts: [4000],
      hot: [true],
      day: ['2018-01-18'],
      room: ['r2'],
    })
    const docValues = await search({
      sort: 'timestamp',
      docvalue_fields: ['day_of_week_letters', 'day'],
      _source: false,
    })
    expect(docValues.hits.hits[1]!.fields).toEqual({
      day_of_week_letters: ['F', 'a', 'd', 'i', 'r', 'y'],
      day: ['2018-01-19'],
    })
  })

  it('a `format` on a date runtime field in `fields` prints with it', async () => {
    const response = await search({
      sort: 'timestamp',
      size: 1,
      fields: [{ field: 'day', format: 'epoch_millis' }],
      _source: false,
    })
    expect(response.hits.hits[0]!.fields).toEqual({ day: ['1516297294000'] })
  })
})

describe('queries', () => {
  it('term, terms, match, exists, range, prefix and wildcard run over the values', async () => {
    expect(await ids({ term: { day_of_week: 'Monday' } })).toEqual(['2'])
    expect(await ids({ match: { day_of_week: 'Monday' } })).toEqual(['2'])
    expect(await ids({ match: { day_of_week: { query: 'Monday', analyzer: 'standard' } } })).toEqual([])
    expect(await ids({ terms: { day_of_week: ['Monday', 'Friday'] } })).toEqual(['5', '2'])
    expect(await ids({ term: { hot: true } })).toEqual(['6', '3', '2'])
    expect(await ids({ term: { millivolts: 5800 } })).toEqual(['2'])
    expect(await ids({ range: { millivolts: { gte: 5100, lt: 5600 } } })).toEqual(['3', '1'])
    expect(await ids({ range: { day: { gte: '2018-01-21', format: 'yyyy-MM-dd' } } })).toEqual([
      '3',
      '2',
      '1',
    ])
    expect(await ids({ range: { day_of_week: { gt: 'T' } } })).toEqual(['6', '1'])
    expect(await ids({ prefix: { day_of_week: 'S' } })).toEqual(['4', '3'])
    expect(await ids({ wildcard: { day_of_week: { value: 's*day', case_insensitive: true } } })).toEqual([
      '4',
      '3',
    ])
    expect(await ids({ exists: { field: 'room' } })).toEqual(['6', '5', '4', '2', '1'])
    expect(await ids({ term: { room: 'r1' } })).toEqual(['5', '2', '1'])
    expect(await ids({ regexp: { day_of_week: 'T.*' } })).toEqual(['6', '1'])
    expect(await ids({ fuzzy: { day_of_week: { value: 'Mondey', fuzziness: 1 } } })).toEqual(['2'])
  })

  it('a phrase on a runtime field fails as AbstractScriptFieldType.phraseQuery does', async () => {
    const { status, error } = await failure('GET', '/sensor/_search', {
      query: { match_phrase: { day_of_week: { query: 'Mon day', analyzer: 'standard' } } },
    })
    expect(status).toBe(400)
    const reason = (error.failed_shards as Json[])[0]!.reason as Json
    expect(reason.reason).toBe(
      'failed to create query: Can only use phrase queries on text fields - not on [day_of_week] which is a ' +
        'runtime field of type [keyword]',
    )
  })

  it('each match scores the boost ("runtime_field_score is always 1")', async () => {
    const response = await search({ query: { term: { day_of_week: { value: 'Monday', boost: 7 } } } })
    expect(response.hits.hits.map((hit) => [hit._id, hit._score])).toEqual([['2', 7]])
  })

  it('a filter aggregation runs its query over the runtime values', async () => {
    const response = await search({ size: 0, aggs: { hot: { filter: { term: { hot: true } } } } })
    expect(response.aggregations).toEqual({ hot: { doc_count: 3 } })
  })
})

describe('sort and aggregations', () => {
  it('sorts by a runtime field', async () => {
    const response = await search({ sort: [{ millivolts: 'desc' }], _source: false })
    expect(response.hits.hits.map((hit) => [hit._id, hit.sort])).toEqual([
      ['2', [5800]],
      ['4', [5600]],
      ['1', [5200]],
      ['3', [5100]],
      ['5', [4200]],
      ['6', [4000]],
    ])
  })

  it('terms, histogram, date_histogram, metrics and cardinality', async () => {
    const response = await search({
      size: 0,
      aggs: {
        dow: { terms: { field: 'day_of_week', size: 2 } },
        mv: { histogram: { field: 'millivolts', interval: 1000 } },
        days: { date_histogram: { field: 'day', calendar_interval: 'week' } },
        stats: { stats: { field: 'millivolts' } },
        avg: { avg: { field: 'millivolts' } },
        hot: { terms: { field: 'hot' } },
        letters: { cardinality: { field: 'day_of_week_letters' } },
      },
    })
    expect(response.aggregations).toEqual({
      dow: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 4,
        buckets: [
          { key: 'Friday', doc_count: 1 },
          { key: 'Monday', doc_count: 1 },
        ],
      },
      mv: {
        buckets: [
          { key: 4000, doc_count: 2 },
          { key: 5000, doc_count: 4 },
        ],
      },
      days: {
        buckets: [
          { key_as_string: '2018-01-15', key: 1515974400000, doc_count: 4 },
          { key_as_string: '2018-01-22', key: 1516579200000, doc_count: 2 },
        ],
      },
      stats: { count: 6, min: 4000, max: 5800, avg: 4983.333333333333, sum: 29900 },
      avg: { value: 4983.333333333333 },
      hot: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [
          { key: 0, key_as_string: 'false', doc_count: 3 },
          { key: 1, key_as_string: 'true', doc_count: 3 },
        ],
      },
      letters: { value: 16 },
    })
  })
})

describe('runtime_mappings', () => {
  it('defines a field for one search (10_keyword.yml "fetch defined on search request")', async () => {
    const response = await search({
      runtime_mappings: {
        voltage_rating: {
          type: 'keyword',
          script:
            "double v = doc['voltage'].value; if (v < 4.8) { emit('low'); } else if (v > 5.2) { emit('high'); } else { emit('ok'); }",
        },
      },
      fields: ['voltage_rating'],
      sort: 'timestamp',
    })
    expect(response.hits.total.value).toBe(6)
    expect(response.hits.hits[0]!._source).toEqual(DOCS[5])
    expect(response.hits.hits[0]!.fields).toEqual({ voltage_rating: ['low'] })
  })

  it('takes a dotted name beside a mapped field (10_keyword.yml "match defined on search request")', async () => {
    const response = await search({
      runtime_mappings: {
        'voltage.rating': {
          type: 'keyword',
          script: "double v = doc['voltage'].value; emit(v < 4.8 ? 'low' : v > 5.2 ? 'high' : 'ok')",
        },
      },
      query: { match: { 'voltage.rating': 'high' } },
      sort: 'timestamp',
      _source: false,
    })
    expect(response.hits.hits.map((hit) => hit._id)).toEqual(['4', '2'])
  })

  it('sorts by a field it defines, the coordinating node merging the shards on its values', async () => {
    const response = await search({
      runtime_mappings: {
        watts: { type: 'double', script: "emit(doc['voltage'].value * doc['temperature'].value)" },
      },
      sort: [{ watts: 'desc' }],
      _source: false,
    })
    expect(response.hits.hits.map((hit) => [hit._id, hit.sort])).toEqual([
      ['2', [1165.8]],
      ['4', [1108.8]],
      ['1', [1040.0]],
      ['3', [1030.1999999999998]],
      ['5', [840.0]],
      ['6', [808.0]],
    ])
  })

  it('shadows a mapped field of the same name for that search only', async () => {
    const shadowed = await search({
      runtime_mappings: { temperature: { type: 'long', script: 'emit(params._source.temperature - 200)' } },
      query: { term: { temperature: 2 } },
      _source: false,
    })
    expect(shadowed.hits.hits.map((hit) => hit._id)).toEqual(['3', '6'])
    expect(await ids({ term: { temperature: 202 } })).toEqual(['6', '3'])
  })

  it('refuses a null field, which only a mapping update may use', async () => {
    const { status, error } = await failure('GET', '/sensor/_search', {
      runtime_mappings: { day_of_week: null },
    })
    expect(status).toBe(400)
    expect(error.root_cause).toEqual([
      {
        type: 'mapper_parsing_exception',
        reason:
          'Runtime field [day_of_week] was set to null but its removal is not supported in this context',
      },
    ])
  })
})

describe('script errors', () => {
  async function shardFailure(runtime: object, body: object = { fields: ['x'] }): Promise<Json> {
    const { status, error } = await failure('GET', '/sensor/_search', {
      runtime_mappings: { x: runtime },
      ...body,
    })
    expect(status).toBe(400)
    return (error.failed_shards as Json[])[0]!.reason as Json
  }

  it('emitting the wrong type is a ClassCastException', async () => {
    const reason = await shardFailure({ type: 'long', script: "emit(doc['node'].value)" })
    expect(reason.reason).toBe('runtime error')
    expect(reason.caused_by).toEqual({
      type: 'class_cast_exception',
      reason: 'Cannot cast java.lang.String to long',
    })
  })

  it('more than 100 values is refused', async () => {
    const reason = await shardFailure({ type: 'long', script: 'for (int i = 0; i < 101; i++) { emit(i); }' })
    expect(reason.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'Runtime field [x] is emitting [101] values while the maximum number of values allowed is [100]',
    })
  })

  it('a field whose script comes back to itself is a cyclic dependency', async () => {
    const { error } = await failure('GET', '/sensor/_search', {
      runtime_mappings: {
        a: { type: 'long', script: "emit(doc['b'].value)" },
        b: { type: 'long', script: "emit(doc['a'].value)" },
      },
      fields: ['a'],
    })
    const reason = (error.failed_shards as Json[])[0]!.reason as Json
    expect(reason.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Cyclic dependency detected while resolving runtime fields: a -> b -> a',
    })
  })

  it('on_script_error: continue leaves the failing documents without values (24_long_errors.yml)', async () => {
    // Document 3 has no `room`: `.value` throws there.
    const script = "emit(doc['room'].value.length())"
    const response = await search({
      runtime_mappings: { x: { type: 'long', script, on_script_error: 'continue' } },
      query: { exists: { field: 'x' } },
      sort: 'timestamp',
      _source: false,
    })
    expect(response.hits.hits.map((hit) => hit._id)).toEqual(['6', '5', '4', '2', '1'])
    const reason = await shardFailure({ type: 'long', script }, { query: { exists: { field: 'x' } } })
    expect(reason.caused_by).toEqual({
      type: 'illegal_state_exception',
      reason:
        "A document doesn't have a value for a field! Use doc[<field>].size()==0 to check if a document is missing a field!",
    })
  })
})

describe('a mapping update', () => {
  it('replaces a runtime field: the next search runs the new script (10_keyword.yml "terms agg")', async () => {
    await cluster.json(1, 'PUT', '/sensor/_mapping', {
      runtime: {
        day_of_week: {
          type: 'keyword',
          script: "emit(doc['timestamp'].value.dayOfWeekEnum.getDisplayName(TextStyle.SHORT, Locale.ROOT));",
        },
      },
    })
    const response = await search({ size: 0, aggs: { dow: { terms: { field: 'day_of_week', size: 2 } } } })
    expect(response.aggregations).toEqual({
      dow: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 4,
        buckets: [
          { key: 'Fri', doc_count: 1 },
          { key: 'Mon', doc_count: 1 },
        ],
      },
    })
  })
})
