// DateFieldMapper's `null_value` and `ignore_malformed` (ES 8.17, date and date_nanos), and the index setting
// index.mapping.ignore_malformed as the default of every field that takes ignore_malformed: the mapping's checks
// (Builder.buildFormatter, parseNullValue), parseCreateField's null and malformed values, `_ignored`, `fields`.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function logs(): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/logs', {
    mappings: {
      properties: {
        d: { type: 'date', null_value: '2020-01-01', ignore_malformed: true, format: 'yyyy-MM-dd' },
        n: { type: 'date_nanos', null_value: 0 },
      },
    },
  })
  expect(created.status).toBe(200)
  await node.send('PUT', '/logs/_doc/1', { d: null, n: null })
  await node.send('PUT', '/logs/_doc/2', { d: 'nope', n: '2020-01-01T00:00:00.123456789Z' })
  await node.send('PUT', '/logs/_doc/3', { d: ['2021-02-03', 'bad'] })
  await node.send('POST', '/logs/_refresh')
  return node
}

function mappingError(reason: string, cause: string): string {
  return (
    `{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"${reason}"}],"type":` +
    `"mapper_parsing_exception","reason":"Failed to parse mapping: ${reason}","caused_by":{"type":` +
    `"mapper_parsing_exception","reason":"${reason}","caused_by":${cause}}},"status":400}`
  )
}

describe('date null_value and ignore_malformed', () => {
  it('prints the parameters in the builder order, null_value as its text', async () => {
    const node = await logs()
    const response = await node.send('GET', '/logs/_mapping')
    expect(response.body).toBe(
      '{"logs":{"mappings":{"properties":{"d":{"type":"date","format":"yyyy-MM-dd","null_value":"2020-01-01",' +
        '"ignore_malformed":true},"n":{"type":"date_nanos","null_value":"0"}}}}}',
    )
  })

  it('parses null_value with the field format and resolution when the mapping is built', async () => {
    const node = await startNode()
    const bad = await node.send('PUT', '/a', {
      mappings: { properties: { d: { type: 'date', null_value: 'x' } } },
    })
    expect(bad.status).toBe(400)
    const reason =
      'Error parsing [null_value] on field [d]: failed to parse date field [x] with format ' +
      '[strict_date_optional_time||epoch_millis]'
    expect(bad.body).toBe(
      mappingError(
        reason,
        '{"type":"illegal_argument_exception","reason":"failed to parse date field [x] with format ' +
          '[strict_date_optional_time||epoch_millis]","caused_by":{"type":"date_time_parse_exception","reason":' +
          '"Failed to parse with all enclosed parsers"}}',
      ),
    )
    const format = await node.send('PUT', '/a', {
      mappings: { properties: { d: { type: 'date', format: 'yyyy-MM-dd', null_value: '2020/01/01' } } },
    })
    expect(format.body).toContain(
      '"reason":"Failed to parse mapping: Error parsing [null_value] on field [d]: failed to parse date field ' +
        '[2020/01/01] with format [yyyy-MM-dd]"',
    )
    const nanos = await node.send('PUT', '/a', {
      mappings: { properties: { d: { type: 'date_nanos', null_value: -5 } } },
    })
    const nanosReason =
      'Error parsing [null_value] on field [d]: date[1969-12-31T23:59:59.995Z] is before the epoch in 1970 and ' +
      'cannot be stored in nanosecond resolution'
    expect(nanos.body).toBe(
      mappingError(
        nanosReason,
        '{"type":"illegal_argument_exception","reason":"date[1969-12-31T23:59:59.995Z] is before the epoch in ' +
          '1970 and cannot be stored in nanosecond resolution"}',
      ),
    )
    expect((await node.send('HEAD', '/a')).status).toBe(404)
  })

  it('refuses an unknown parameter and a format that does not compile', async () => {
    const node = await startNode()
    const unknown = await node.send('PUT', '/a', {
      mappings: { properties: { d: { type: 'date', boost: 2 } } },
    })
    expect(unknown.body).toBe(
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"unknown parameter [boost] on mapper ' +
        '[d] of type [date]"}],"type":"mapper_parsing_exception","reason":"Failed to parse mapping: unknown ' +
        'parameter [boost] on mapper [d] of type [date]","caused_by":{"type":"mapper_parsing_exception","reason":' +
        '"unknown parameter [boost] on mapper [d] of type [date]"}},"status":400}',
    )
    const format = await node.send('PUT', '/a', {
      mappings: { properties: { d: { type: 'date', format: 'foo' } } },
    })
    expect(format.body).toBe(
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Failed to parse mapping: Error ' +
        'parsing [format] on field [d]: Invalid format: [foo]: Unknown pattern letter: f"}],"type":' +
        '"mapper_parsing_exception","reason":"Failed to parse mapping: Error parsing [format] on field [d]: ' +
        'Invalid format: [foo]: Unknown pattern letter: f","caused_by":{"type":"illegal_argument_exception",' +
        '"reason":"Error parsing [format] on field [d]: Invalid format: [foo]: Unknown pattern letter: f",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"Invalid format: [foo]: Unknown pattern ' +
        'letter: f"}}},"status":400}',
    )
  })

  it('indexes null as null_value, keeps null in _source, and skips malformed values into _ignored', async () => {
    const node = await logs()
    const all = await node.send('POST', '/logs/_search', { sort: ['_doc'], fields: ['d', 'n'] })
    expect(all.body).toContain(
      '"hits":[{"_index":"logs","_id":"1","_score":null,"_source":{"d":null,"n":null},"fields":{"d":' +
        '["2020-01-01"],"n":["1970-01-01T00:00:00.000Z"]},"sort":[0]},{"_index":"logs","_id":"2","_score":null,' +
        '"_ignored":["d"],"_source":{"d":"nope","n":"2020-01-01T00:00:00.123456789Z"},"fields":{"n":' +
        '["2020-01-01T00:00:00.123456789Z"]},"ignored_field_values":{"d":["nope"]},"sort":[1]},{"_index":"logs",' +
        '"_id":"3","_score":null,"_ignored":["d"],"_source":{"d":["2021-02-03","bad"]},"fields":{"d":' +
        '["2021-02-03"]},"ignored_field_values":{"d":["bad"]},"sort":[2]}]}}',
    )
    const term = await node.send('POST', '/logs/_search', {
      query: { term: { d: '2020-01-01' } },
      _source: false,
    })
    expect(term.body).toContain('"hits":[{"_index":"logs","_id":"1","_score":1.0}]')
    const aggs = await node.send('POST', '/logs/_search', {
      size: 0,
      aggs: { first: { min: { field: 'd' } }, count: { value_count: { field: 'd' } } },
    })
    expect(aggs.body).toContain(
      '"aggregations":{"first":{"value":1.5778368E12,"value_as_string":"2020-01-01"},"count":{"value":2}}',
    )
  })

  it('fails a malformed date without ignore_malformed, and null_value cannot be changed', async () => {
    const node = await logs()
    const bad = await node.send('PUT', '/logs/_doc/9', { n: 'x' })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain(
      '"reason":"[1:6] failed to parse field [n] of type [date_nanos] in document with id \'9\'. Preview of ' +
        "field's value: 'x'\"",
    )
    const update = await node.send('PUT', '/logs/_mapping', {
      properties: {
        d: { type: 'date', format: 'yyyy-MM-dd', null_value: '2021-01-01', ignore_malformed: true },
      },
    })
    expect(update.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Mapper for [d] conflicts with ' +
        'existing mapper:\\n\\tCannot update parameter [null_value] from [2020-01-01] to [2021-01-01]"}],"type":' +
        '"illegal_argument_exception","reason":"Mapper for [d] conflicts with existing mapper:\\n\\tCannot ' +
        'update parameter [null_value] from [2020-01-01] to [2021-01-01]"},"status":400}',
    )
  })
})

describe('index.mapping.ignore_malformed', () => {
  it('is the default of ignore_malformed for date, numeric and ip fields', async () => {
    const node = await startNode()
    await node.send('PUT', '/lenient', {
      settings: { 'index.mapping.ignore_malformed': true },
      mappings: {
        properties: { d: { type: 'date' }, l: { type: 'long' }, i: { type: 'ip' }, g: { type: 'geo_point' } },
      },
    })
    const indexed = await node.send('PUT', '/lenient/_doc/1?refresh', {
      d: 'x',
      l: 'y',
      i: 'z',
      g: 'nowhere',
      k: 'w',
    })
    expect(indexed.status).toBe(201)
    const hit = await node.send('POST', '/lenient/_search', { fields: ['d', 'l', 'i'], _source: false })
    expect(hit.body).toContain(
      '"hits":[{"_index":"lenient","_id":"1","_score":1.0,"_ignored":["d","i","l"],"ignored_field_values":' +
        '{"d":["x"],"l":["y"],"i":["z"]}}]',
    )
    const mapping = await node.send('GET', '/lenient/_mapping')
    expect(mapping.body).toBe(
      '{"lenient":{"mappings":{"properties":{"d":{"type":"date"},"g":{"type":"geo_point"},"i":{"type":"ip"},' +
        '"k":{"type":"text",' +
        '"fields":{"keyword":{"type":"keyword","ignore_above":256}}},"l":{"type":"long"}}}}}',
    )
  })

  it('leaves a data stream backing index @timestamp strict', async () => {
    const node = await startNode()
    await node.send('PUT', '/_index_template/t', {
      index_patterns: ['events*'],
      data_stream: {},
      template: {
        settings: { 'index.mapping.ignore_malformed': true },
        mappings: { properties: { n: { type: 'long' } } },
      },
    })
    const bad = await node.send('POST', '/events/_doc', { '@timestamp': 'x', n: 'y' })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('failed to parse field [@timestamp] of type [date]')
    const good = await node.send('POST', '/events/_doc?refresh', { '@timestamp': '2024-01-01', n: 'y' })
    expect(good.status).toBe(201)
    const hit = await node.send('POST', '/events/_search?filter_path=hits.hits._ignored', {})
    expect(hit.body).toBe('{"hits":{"hits":[{"_ignored":["n"]}]}}')
  })
})
