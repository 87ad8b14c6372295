// Pipeline aggregations' `format` (DocValueFormat.Decimal, a Java DecimalFormat pattern in the ROOT locale): each
// written value is followed by its text, as InternalSimpleValue, InternalDerivative (normalized_value_as_string),
// InternalBucketMetricValue, InternalStats (stats_bucket) and InternalPercentilesBucket ("<percent>_as_string")
// print it; a null value gets no text. bucket_selector and bucket_sort take no `format`. The numeric metric
// aggregations (avg, sum, max, stats) take the same DocValueFormat.Decimal from their own `format`.
import { describe, expect, it } from 'vitest'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { aggregate, type Doc } from './fixture.ts'

// month 1: 200 + 10 + 340 = 550; month 2: 60; month 3: nothing; month 4: 375 + 200 = 575
const sales: Doc[] = [
  { month: 1, price: 200 },
  { month: 1, price: 10 },
  { month: 1, price: 340 },
  { month: 2, price: 60 },
  { month: 4, price: 375 },
  { month: 4, price: 200 },
]
const shards = [{ docs: sales.slice(0, 3) }, { docs: sales.slice(3) }]
const types = { month: 'long', price: 'double' } as const

function run(pipelines: string, inner = ''): string {
  return aggregate(
    shards,
    types,
    `{"m":{"histogram":{"field":"month","interval":1},"aggs":{"sales":{"sum":{"field":"price"}}${inner}}}${pipelines}}`,
  )
}

const BUCKETS =
  '{"key":1.0,"doc_count":3,"sales":{"value":550.0}},{"key":2.0,"doc_count":1,"sales":{"value":60.0}},' +
  '{"key":3.0,"doc_count":0,"sales":{"value":0.0}},{"key":4.0,"doc_count":2,"sales":{"value":575.0}}'

describe('pipeline format', () => {
  it('sibling pipelines print value_as_string in the pattern', () => {
    const json = run(
      ',"avg":{"avg_bucket":{"buckets_path":"m>sales","format":"#,##0.00;(#,##0.00)"}}' +
        ',"best":{"max_bucket":{"buckets_path":"m>sales","format":"0.0"}}' +
        ',"st":{"stats_bucket":{"buckets_path":"m>sales","format":"0"}}' +
        ',"pc":{"percentiles_bucket":{"buckets_path":"m>sales","percents":[50],"format":"00.0"}}' +
        ',"pl":{"percentiles_bucket":{"buckets_path":"m>sales","percents":[50],"keyed":false,"format":"00.0"}}',
    )
    expect(json).toBe(
      `{"m":{"buckets":[${BUCKETS}]},"avg":{"value":395.0,"value_as_string":"395.00"},` +
        '"best":{"value":575.0,"value_as_string":"575.0","keys":["4.0"]},' +
        '"st":{"count":3,"min":60.0,"max":575.0,"avg":395.0,"sum":1185.0,"min_as_string":"60",' +
        '"max_as_string":"575","avg_as_string":"395","sum_as_string":"1185"},' +
        '"pc":{"values":{"50.0":550.0,"50.0_as_string":"550.0"}},' +
        '"pl":{"values":[{"key":50.0,"value":550.0,"50.0_as_string":"550.0"}]}}',
    )
  })

  it('parent pipelines print value_as_string on the buckets that get a value', () => {
    const json = run(
      '',
      ',"d":{"derivative":{"buckets_path":"sales","format":"+0;-0"}}' +
        ',"c":{"cumulative_sum":{"buckets_path":"sales","format":"#,##0"}}' +
        ',"b":{"bucket_script":{"buckets_path":{"s":"sales"},"script":"params.s / 3","format":"0.00"}}',
    )
    expect(json).toBe(
      '{"m":{"buckets":[' +
        '{"key":1.0,"doc_count":3,"sales":{"value":550.0},"c":{"value":550.0,"value_as_string":"550"},' +
        '"b":{"value":183.33333333333334,"value_as_string":"183.33"}},' +
        '{"key":2.0,"doc_count":1,"sales":{"value":60.0},"d":{"value":-490.0,"value_as_string":"-490"},' +
        '"c":{"value":610.0,"value_as_string":"610"},"b":{"value":20.0,"value_as_string":"20.00"}},' +
        '{"key":3.0,"doc_count":0,"sales":{"value":0.0},"d":{"value":null},"c":{"value":610.0,"value_as_string":"610"}},' +
        '{"key":4.0,"doc_count":2,"sales":{"value":575.0},"d":{"value":null},"c":{"value":1185.0,"value_as_string":"1,185"},' +
        '"b":{"value":191.66666666666666,"value_as_string":"191.67"}}]}}',
    )
  })

  it('bucket_selector has no format', () => {
    try {
      run('', ',"s":{"bucket_selector":{"buckets_path":{"s":"sales"},"script":"params.s > 0","format":"0"}}')
      throw new Error('no error')
    } catch (e) {
      expect(e).toBeInstanceOf(EsException)
      expect((e as EsException).reason).toBe('[1:1] [bucket_selector] unknown field [format]')
    }
  })
})

describe('metric aggregations format on numeric fields', () => {
  it('prints value_as_string and the stats texts in the DecimalFormat pattern', () => {
    const json = aggregate(
      shards,
      types,
      '{"a":{"avg":{"field":"price","format":"0.00"}},"s":{"sum":{"field":"price","format":"#,##0"}},' +
        '"x":{"max":{"field":"month","format":"00"}},"st":{"stats":{"field":"price","format":"0"}}}',
    )
    expect(json).toBe(
      '{"a":{"value":197.5,"value_as_string":"197.50"},"s":{"value":1185.0,"value_as_string":"1,185"},' +
        '"x":{"value":4.0,"value_as_string":"04"},"st":{"count":6,"min":10.0,"max":375.0,"avg":197.5,"sum":1185.0,' +
        '"min_as_string":"10","max_as_string":"375","avg_as_string":"198","sum_as_string":"1185"}}',
    )
  })
})
