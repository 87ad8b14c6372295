// The date_nanos field (DateFieldMapper, Resolution.NANOSECONDS, ES 8.17): nanosecond parsing and printing
// (DateUtils.toLong / toInstant, EpochTime), the index column's sortable-double encoding, and a node's answers as
// rest-api-spec search/240_date_nanos.yml expects them.
import { describe, expect, it } from 'vitest'
import {
  DateFormatter,
  instantText,
  MAX_NANOSECOND,
  toInstant,
  toLong,
} from '../../../../workers/es/common/time/index.ts'
import { failure } from '../es-failure.ts'
import {
  nanosOfSortableDouble,
  sortableDouble,
} from '../../../../workers/es/index/mapper/date-nanos-field.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

describe('the column encoding of epoch nanoseconds', () => {
  const samples = [
    0n,
    1n,
    2n ** 53n - 1n,
    2n ** 53n,
    2n ** 53n + 1n,
    1540815132123456789n,
    2n ** 62n - 1n,
    2n ** 62n,
    2n ** 62n + 1n,
    MAX_NANOSECOND - 1n,
    MAX_NANOSECOND,
  ]

  it('round-trips every long exactly, to finite doubles', () => {
    for (const nanos of samples) {
      const encoded = sortableDouble(nanos)
      expect(Number.isFinite(encoded)).toBe(true)
      expect(Math.abs(encoded)).toBeLessThanOrEqual(2)
      expect(nanosOfSortableDouble(encoded)).toBe(nanos)
    }
  })

  it('keeps the order of the longs, one nanosecond apart included', () => {
    for (let i = 1; i < samples.length; i++) {
      expect(sortableDouble(samples[i - 1]!)).toBeLessThan(sortableDouble(samples[i]!))
    }
    expect(sortableDouble(0n)).toBe(-2)
    expect(sortableDouble(2n ** 62n)).toBe(0)
  })
})

describe('DateUtils at nanosecond resolution', () => {
  it('refuses instants before 1970 and after 2262 with ES messages', () => {
    expect(failure(() => toLong({ millis: -1000, nanoOfMilli: 0 }))).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'date[1969-12-31T23:59:59Z] is before the epoch in 1970 and cannot be stored in nanosecond resolution',
    })
    expect(failure(() => toLong({ millis: 9223372036854, nanoOfMilli: 775808 }))).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'date[2262-04-11T23:47:16.854775808Z] is after 2262-04-11T23:47:16.854775807 and cannot be stored in ' +
        'nanosecond resolution',
    })
    expect(toLong({ millis: 9223372036854, nanoOfMilli: 775807 })).toBe(MAX_NANOSECOND)
    expect(failure(() => toInstant(-5n)).reason).toBe(
      'nanoseconds are [-5] are before the epoch in 1970 and cannot be processed in nanosecond resolution',
    )
  })

  it('prints instants as Instant.toString does: fractions of 3, 6 or 9 digits', () => {
    expect(instantText({ millis: 0, nanoOfMilli: 0 })).toBe('1970-01-01T00:00:00Z')
    expect(instantText({ millis: 1540815132120, nanoOfMilli: 0 })).toBe('2018-10-29T12:12:12.120Z')
    expect(instantText({ millis: 1540815132123, nanoOfMilli: 456000 })).toBe('2018-10-29T12:12:12.123456Z')
    expect(instantText({ millis: 1540815132123, nanoOfMilli: 456789 })).toBe('2018-10-29T12:12:12.123456789Z')
    expect(instantText({ millis: 253402300800000, nanoOfMilli: 0 })).toBe('+10000-01-01T00:00:00Z')
  })
})

describe('DateFormatter at nanosecond resolution', () => {
  it('parses every digit of the fraction', () => {
    const nanos = DateFormatter.forPattern('strict_date_optional_time_nanos||epoch_millis')
    expect(nanos.parseNanos('2018-10-29T12:12:12.123456789Z')).toBe(1540815132123456789n)
    expect(nanos.parseNanos('2018-10-29T12:12:12.123456789+01:00')).toBe(1540811532123456789n)
    expect(nanos.parseNanos('1540815132123.456789')).toBe(1540815132123456789n)
    expect(DateFormatter.forPattern('epoch_second').parseNanos('1540815132.123456789')).toBe(
      1540815132123456789n,
    )
    // the millisecond parse of the same texts is unchanged: the nanoseconds are dropped
    expect(nanos.parseMillis('2018-10-29T12:12:12.123456789Z')).toBe(1540815132123)
    expect(DateFormatter.forPattern('epoch_second').parseMillis('1.0019')).toBe(1001)
  })

  it('prints the nanoseconds in each format', () => {
    const value = 1540815132123456789n
    expect(DateFormatter.forPattern('strict_date_optional_time_nanos').formatNanos(value)).toBe(
      '2018-10-29T12:12:12.123456789Z',
    )
    expect(DateFormatter.forPattern('strict_date_optional_time').formatNanos(value)).toBe(
      '2018-10-29T12:12:12.123Z',
    )
    expect(DateFormatter.forPattern('epoch_millis').formatNanos(value)).toBe('1540815132123.456789')
    expect(DateFormatter.forPattern('epoch_millis').formatNanos(1540815132123400000n)).toBe('1540815132123.4')
    expect(DateFormatter.forPattern('epoch_second').formatNanos(value)).toBe('1540815132.123456789')
    expect(DateFormatter.forPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSX").formatNanos(value)).toBe(
      '2018-10-29T12:12:12.123456789Z',
    )
  })
})

async function dateIndices(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/date_ns', {
    mappings: { properties: { date: { type: 'date_nanos' }, field: { type: 'long' } } },
  })
  await node.send('PUT', '/date_ms', {
    mappings: { properties: { date: { type: 'date' }, field: { type: 'long' } } },
  })
  return node
}

interface ErrorBody {
  root_cause: Array<{ type: string; reason: string }>
  type: string
  reason: string
  caused_by?: { type: string; reason: string }
}

function errorOf(body: string): ErrorBody {
  return (JSON.parse(body) as { error: ErrorBody }).error
}

/** A search's answer filtered by `filter_path` (the URL parameter). */
async function search(node: TestNode, index: string, body: object, filterPath: string): Promise<string> {
  const response = await node.send('POST', `/${index}/_search?filter_path=${filterPath}`, body)
  return response.body
}

describe('date_nanos fields on a node', () => {
  it('sorts by nanoseconds and prints the longs (search/240_date_nanos.yml)', async () => {
    const node = await dateIndices()
    await node.send('PUT', '/date_ns/_doc/first', { date: '2018-10-29T12:12:12.123456789Z', field: 1 })
    await node.send('PUT', '/date_ns/_doc/second', { date: '2018-10-29T12:12:12.987654321Z', field: 2 })
    await node.send('POST', '/date_ns/_refresh')
    const hits = (order: string): Promise<string> =>
      search(node, 'date_ns', { sort: [{ date: order }], _source: false }, 'hits.hits')
    expect(await hits('desc')).toBe(
      '{"hits":{"hits":[{"_index":"date_ns","_id":"second","_score":null,"sort":[1540815132987654321]},' +
        '{"_index":"date_ns","_id":"first","_score":null,"sort":[1540815132123456789]}]}}',
    )
    expect(await hits('asc')).toBe(
      '{"hits":{"hits":[{"_index":"date_ns","_id":"first","_score":null,"sort":[1540815132123456789]},' +
        '{"_index":"date_ns","_id":"second","_score":null,"sort":[1540815132987654321]}]}}',
    )
    const after = await search(
      node,
      'date_ns',
      {
        sort: [{ date: { order: 'asc', format: 'strict_date_optional_time_nanos' } }],
        search_after: [1540815132123456789],
        _source: false,
      },
      'hits.hits',
    )
    expect(after).toBe(
      '{"hits":{"hits":[{"_index":"date_ns","_id":"second","_score":null,"sort":["2018-10-29T12:12:12.987654321Z"]}]}}',
    )
  })

  it('prints docvalue_fields with their nanoseconds (search/240_date_nanos.yml)', async () => {
    const node = await dateIndices()
    await node.send('PUT', '/date_ns/_doc/date_ns_1', { date: '2018-10-29T12:12:12.123456789Z', field: 1 })
    await node.send('POST', '/date_ns/_refresh')
    const values = async (format: string): Promise<string> =>
      search(
        node,
        'date_ns',
        {
          docvalue_fields: [{ field: 'date', format }],
        },
        'hits.hits.fields',
      )
    expect(await values('strict_date_optional_time')).toBe(
      '{"hits":{"hits":[{"fields":{"date":["2018-10-29T12:12:12.123Z"]}}]}}',
    )
    expect(await values('epoch_millis')).toBe(
      '{"hits":{"hits":[{"fields":{"date":["1540815132123.456789"]}}]}}',
    )
    expect(await values("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSX")).toBe(
      '{"hits":{"hits":[{"fields":{"date":["2018-10-29T12:12:12.123456789Z"]}}]}}',
    )
    expect(
      await search(
        node,
        'date_ns',
        {
          fields: ['date'],
          _source: true,
        },
        'hits.hits._source,hits.hits.fields',
      ),
    ).toBe(
      '{"hits":{"hits":[{"_source":{"date":"2018-10-29T12:12:12.123456789Z","field":1},' +
        '"fields":{"date":["2018-10-29T12:12:12.123456789Z"]}}]}}',
    )
  })

  it('compares ranges to the nanosecond, up to the last one a long holds', async () => {
    const node = await dateIndices()
    await node.send('PUT', '/date_ns/_doc/1', { date: '2262-04-11T23:47:16.854775806Z' })
    await node.send('PUT', '/date_ns/_doc/2', { date: '2262-04-11T23:47:16.854775807Z' })
    await node.send('PUT', '/date_ns/_doc/3', { date: '1970-01-01T00:00:00.000000001Z' })
    await node.send('POST', '/date_ns/_refresh')
    const ids = async (range: object): Promise<string> =>
      search(
        node,
        'date_ns',
        {
          query: { range: { date: range } },
          sort: ['_doc'],
          _source: false,
        },
        'hits.hits._id',
      )
    expect(await ids({ gt: '2262-04-11T23:47:16.854775806Z' })).toBe('{"hits":{"hits":[{"_id":"2"}]}}')
    expect(await ids({ gte: '2262-04-11T23:47:16.854775806Z' })).toBe(
      '{"hits":{"hits":[{"_id":"1"},{"_id":"2"}]}}',
    )
    expect(await ids({ lt: '1970-01-01T00:00:00.000000001Z' })).toBe('{}')
    expect(await ids({ lte: '1970-01-01||/d' })).toBe('{"hits":{"hits":[{"_id":"3"}]}}')
    expect(await ids({ gte: '1540815132123.456789', format: 'epoch_millis' })).toBe(
      '{"hits":{"hits":[{"_id":"1"},{"_id":"2"}]}}',
    )
    const explained = await node.send('POST', '/date_ns/_validate/query?explain=true', {
      query: { range: { date: { gt: '2018-10-29T12:12:12.123456789Z', lt: '2018-10-29T12:12:13Z' } } },
    })
    expect(explained.body).toContain('"explanation":"date:[1540815132123456790 TO 1540815132999999999]"')
    const before = await node.send('POST', '/date_ns/_search', {
      query: { range: { date: { gte: '1969-01-01' } } },
    })
    expect(before.status).toBe(400)
    expect(errorOf(before.body).root_cause[0]?.reason).toBe(
      'failed to create query: date[1969-01-01T00:00:00Z] is before the epoch in 1970 and cannot be stored in ' +
        'nanosecond resolution',
    )
  })

  it('fails documents outside 1970 – 2262 and keeps the rest of the index unchanged', async () => {
    const node = await dateIndices()
    const response = await node.send('PUT', '/date_ns/_doc/1', { date: '2262-04-12T00:00:00Z' })
    expect(response.status).toBe(400)
    expect(errorOf(response.body)).toEqual({
      root_cause: [
        {
          type: 'document_parsing_exception',
          reason:
            "[1:9] failed to parse field [date] of type [date_nanos] in document with id '1'. Preview of field's " +
            "value: '2262-04-12T00:00:00Z'",
        },
      ],
      type: 'document_parsing_exception',
      reason:
        "[1:9] failed to parse field [date] of type [date_nanos] in document with id '1'. Preview of field's " +
        "value: '2262-04-12T00:00:00Z'",
      caused_by: {
        type: 'illegal_argument_exception',
        reason:
          'date[2262-04-12T00:00:00Z] is after 2262-04-11T23:47:16.854775807 and cannot be stored in nanosecond ' +
          'resolution',
      },
    })
    expect((await node.send('GET', '/date_ns/_count')).body).toContain('"count":0')
  })

  it('aggregates in milliseconds, as across date and date_nanos indices (search/240_date_nanos.yml)', async () => {
    const node = await dateIndices()
    await node.send('PUT', '/date_ns/_doc/date_ns_1', { date: '2018-10-29T12:12:12.123456789Z' })
    await node.send('PUT', '/date_ms/_doc/date_ms_1', { date: '2018-10-29T12:12:12.987Z' })
    await node.send('PUT', '/date_ns/_doc/date_ns_2', { date: '2018-10-30T12:12:12.123456789Z' })
    await node.send('PUT', '/date_ms/_doc/date_ms_2', { date: '2018-10-30T12:12:12.987Z' })
    await node.send('POST', '/date*/_refresh')
    const histogram = await search(
      node,
      'date*',
      { size: 0, aggs: { date: { date_histogram: { field: 'date', calendar_interval: '1d' } } } },
      'aggregations',
    )
    expect(histogram).toBe(
      '{"aggregations":{"date":{"buckets":[' +
        '{"key_as_string":"2018-10-29T00:00:00.000Z","key":1540771200000,"doc_count":2},' +
        '{"key_as_string":"2018-10-30T00:00:00.000Z","key":1540857600000,"doc_count":2}]}}}',
    )
    const metrics = await search(
      node,
      'date_ns',
      { size: 0, aggs: { max: { max: { field: 'date' } }, terms: { terms: { field: 'date' } } } },
      'aggregations',
    )
    expect(metrics).toBe(
      '{"aggregations":{"max":{"value":1.540901532123E12,"value_as_string":"2018-10-30T12:12:12.123Z"},' +
        '"terms":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":1540815132123,"key_as_string":"2018-10-29T12:12:12.123Z","doc_count":1},' +
        '{"key":1540901532123,"key_as_string":"2018-10-30T12:12:12.123Z","doc_count":1}]}}}',
    )
  })

  it('refuses script access to its doc values as not available', async () => {
    const node = await dateIndices()
    await node.send('PUT', '/date_ns/_doc/1?refresh', { date: '2018-10-29T12:12:12.123456789Z' })
    const response = await node.send('POST', '/date_ns/_search', {
      script_fields: { d: { script: "doc['date'].value" } },
    })
    expect(response.status).toBe(400)
    // a script's failure: script_exception "runtime error" caused by the refusal
    expect(response.body).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"scripts over the date_nanos field [date] are not ' +
        'available in the playground"}',
    )
  })
})
