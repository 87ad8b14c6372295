// A date field's `missing` and include / exclude values are dates as its DocValueFormat parses them
// (CoreValuesSourceType.DATE.replaceMissing and IncludeExclude.convertToLongFilter, both through
// DocValueFormat.DateTime.parseLong), a boolean's `missing` is the text true or false (DocValueFormat.BOOLEAN), and an
// unmapped field with a `value_type` hint and a `missing` is read as the hint's values source type in its default
// format (ValuesSourceConfig.resolve without a field type).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/days', {
    mappings: { properties: { d: { type: 'date' }, b: { type: 'boolean' } } },
  })
  await node.send('PUT', '/days/_doc/1', { d: '2016-05-03' })
  await node.send('PUT', '/days/_doc/2', { d: '2014-09-01' })
  await node.send('PUT', '/days/_doc/3?refresh=true', {})
}, 60_000)

/** The aggregations of a size-0 search over `days`. */
async function aggs(body: object): Promise<unknown> {
  const response = await node.send('GET', '/days/_search?size=0&filter_path=aggregations', { aggs: body })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { aggregations: unknown }).aggregations
}

describe('a date field', () => {
  it('reads a text missing as a date, date math too', async () => {
    expect(
      await aggs({
        t: { terms: { field: 'd', missing: '2016-05-11', include: ['2016-05-11'] } },
        m: { max: { field: 'd', missing: '2020-01-01||+1d' } },
      }),
    ).toEqual({
      t: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [{ key: 1462924800000, key_as_string: '2016-05-11T00:00:00.000Z', doc_count: 1 }],
      },
      m: { value: 1577923200000, value_as_string: '2020-01-02T00:00:00.000Z' },
    })
  })

  it('filters terms by included and excluded dates', async () => {
    const keys = async (clause: object): Promise<unknown> =>
      (
        (await aggs({ t: { terms: { field: 'd', ...clause } } })) as { t: { buckets: { key: number }[] } }
      ).t.buckets.map((b) => b.key)
    expect(await keys({ include: ['2016-05-03'] })).toEqual([1462233600000])
    expect(await keys({ exclude: ['2016-05-03'] })).toEqual([1409529600000])
  })
})

describe('a boolean field', () => {
  it('reads the text true as its missing value', async () => {
    expect(await aggs({ t: { terms: { field: 'b', missing: 'true' } } })).toEqual({
      t: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [{ key: 1, key_as_string: 'true', doc_count: 3 }],
      },
    })
  })
})

describe('an unmapped field with a value_type hint', () => {
  it('reads its missing as the hinted type', async () => {
    expect(
      await aggs({
        d: { terms: { field: 'nope', value_type: 'date', missing: '2016-05-11' } },
        b: { terms: { field: 'nope', value_type: 'boolean', missing: true } },
      }),
    ).toEqual({
      d: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [{ key: 1462924800000, key_as_string: '2016-05-11T00:00:00.000Z', doc_count: 3 }],
      },
      b: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [{ key: 1, key_as_string: 'true', doc_count: 3 }],
      },
    })
  })
})
