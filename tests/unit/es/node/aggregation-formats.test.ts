// An aggregation's `format` over the field's own DocValueFormat, as ValuesSourceConfig.resolveFormat asks the field
// type for it (NumberFieldType.docValueFormat: DocValueFormat.Decimal of the pattern; DateFieldType's: the pattern
// in the field's zone; MappedFieldType.checkNoFormat: a keyword's refusal), for the aggregations that print keys or
// values: histogram (key_as_string), range (the key names, from_as_string / to_as_string), terms (key_as_string),
// the metrics (value_as_string) and composite's terms source (InternalComposite.formatObject: the key a string).
// And a `time_zone` as ValuesSourceAggregationBuilder's parser reads it: ZoneId.of of a string (CET, as the
// reference's date_range example sends), ZoneOffset.ofHours of a number, and an unknown region refused by
// ObjectParser as "failed to parse field [time_zone]" (400).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from './es-node-fixture.ts'

async function prices(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/prices', {
    mappings: {
      properties: { price: { type: 'long' }, day: { type: 'date' }, type: { type: 'keyword' } },
    },
  })
  const docs: Array<[number, string, string]> = [
    [10, '2015-01-01', 'hat'],
    [150, '2015-02-14', 'bag'],
    [150, '2015-03-01', 'hat'],
  ]
  for (const [i, [price, day, type]] of docs.entries())
    await node.send('PUT', `/prices/_doc/${i}`, { price, day, type })
  await node.send('POST', '/prices/_refresh')
  return node
}

async function aggs(node: TestNode, body: object): Promise<string> {
  const response = await node.send('POST', '/prices/_search?size=0&filter_path=aggregations', { aggs: body })
  return `${response.status} ${response.body}`
}

describe('an aggregation `format`', () => {
  it("prints a histogram's keys with a number's DecimalFormat and a date's pattern", async () => {
    const node = await prices()
    expect(await aggs(node, { h: { histogram: { field: 'price', interval: 100, format: '#.0' } } })).toBe(
      '200 {"aggregations":{"h":{"buckets":[{"key_as_string":".0","key":0.0,"doc_count":1},' +
        '{"key_as_string":"100.0","key":100.0,"doc_count":2}]}}}',
    )
    expect(
      await aggs(node, { h: { histogram: { field: 'day', interval: 5184000000, format: 'yyyy-MM' } } }),
    ).toBe(
      '200 {"aggregations":{"h":{"buckets":[{"key_as_string":"2014-11","key":1.415232E12,"doc_count":1},' +
        '{"key_as_string":"2015-01","key":1.420416E12,"doc_count":2}]}}}',
    )
  })

  it("names a range's buckets and prints its ends in the format", async () => {
    const node = await prices()
    expect(
      await aggs(node, {
        r: { range: { field: 'price', format: '0.00', ranges: [{ to: 100 }, { from: 100 }] } },
      }),
    ).toBe(
      '200 {"aggregations":{"r":{"buckets":[{"key":"*-100.00","to":100.0,"to_as_string":"100.00","doc_count":1},' +
        '{"key":"100.00-*","from":100.0,"from_as_string":"100.00","doc_count":2}]}}}',
    )
  })

  it('gives numeric terms a key_as_string and a metric on a date its pattern; a keyword refuses one', async () => {
    const node = await prices()
    expect(await aggs(node, { t: { terms: { field: 'price', format: '0.0' } } })).toBe(
      '200 {"aggregations":{"t":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":150,"key_as_string":"150.0","doc_count":2},{"key":10,"key_as_string":"10.0","doc_count":1}]}}}',
    )
    expect(await aggs(node, { m: { max: { field: 'day', format: 'yyyy/MM' } } })).toBe(
      '200 {"aggregations":{"m":{"value":1.425168E12,"value_as_string":"2015/03"}}}',
    )
    const refused = await aggs(node, { t: { terms: { field: 'type', format: '0.0' } } })
    expect(refused).toMatch(/^400 /)
    expect(refused).toContain(
      '"root_cause":[{"type":"illegal_argument_exception","reason":"Field [type] of type [keyword] does not support custom formats"}]',
    )
  })

  it("makes composite's numeric terms keys formatted strings, and pages after one", async () => {
    const node = await prices()
    const composite = (after?: object) => ({
      c: { composite: { size: 1, sources: [{ p: { terms: { field: 'price', format: '0.0' } } }], after } },
    })
    expect(await aggs(node, composite())).toBe(
      '200 {"aggregations":{"c":{"after_key":{"p":"10.0"},"buckets":[{"key":{"p":"10.0"},"doc_count":1}]}}}',
    )
    expect(await aggs(node, composite({ p: '10.0' }))).toBe(
      '200 {"aggregations":{"c":{"after_key":{"p":"150.0"},"buckets":[{"key":{"p":"150.0"},"doc_count":2}]}}}',
    )
  })
})

describe('an aggregation `time_zone`', () => {
  it('takes CET and a number of hours, and refuses an unknown region as a parse failure', async () => {
    const node = await prices()
    const range = (time_zone: string | number) => ({
      r: { date_range: { field: 'day', time_zone, ranges: [{ from: '2015-02-14' }] } },
    })
    const from = '"from":1.4238684E12,"from_as_string":"2015-02-14T00:00:00.000+01:00","doc_count":2}]}}}'
    expect(await aggs(node, range('CET'))).toBe(
      `200 {"aggregations":{"r":{"buckets":[{"key":"2015-02-14T00:00:00.000+01:00-*",${from}`,
    )
    expect(await aggs(node, range(1))).toBe(
      `200 {"aggregations":{"r":{"buckets":[{"key":"2015-02-14T00:00:00.000+01:00-*",${from}`,
    )
    const response = await node.send('POST', '/prices/_search?size=0', {
      aggs: { d: { date_histogram: { field: 'day', calendar_interval: 'day', time_zone: 'Mars/Olympus' } } },
    })
    expect(`${response.status} ${response.body}`).toBe(
      '400 {"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:85] [date_histogram] failed to parse field [time_zone]"}],' +
        '"type":"x_content_parse_exception","reason":"[1:85] [date_histogram] failed to parse field [time_zone]",' +
        '"caused_by":{"type":"zone_rules_exception","reason":"Unknown time-zone ID: Mars/Olympus"}},"status":400}',
    )
  })
})
