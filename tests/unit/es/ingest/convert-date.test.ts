// convert and date against ES 8's ConvertProcessor.Type conversions (Integer.parseInt / decode,
// Float.parseFloat printed by Float.toString, AUTO's boolean → integer → long → float → double order,
// InetAddresses.isInetAddress) and DateProcessor / DateFormat (ISO8601, UNIX, UNIX_MS, java.time patterns,
// timezone, default output format yyyy-MM-dd'T'HH:mm:ss.SSSXXX, `unable to parse date [x]`).
import { describe, expect, it } from 'vitest'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'
import { startIngest, NOW } from './ingest-fixture.ts'
import { NO_INDEX_PIPELINES, pipelinesOf } from './ingest-fixture.ts'

async function run(processor: Record<string, unknown>, source: string): Promise<string> {
  const { send, service } = startIngest()
  const put = await send('PUT', '/_ingest/pipeline/p', { processors: [processor] })
  if (put.status !== 200) return put.body
  const input = {
    index: 'i',
    id: '1',
    routing: null,
    version: null,
    source: parseJson(source) as XContentObject,
  }
  const result = service.execute(pipelinesOf(['p']), input, NOW, NO_INDEX_PIPELINES)
  if (result.kind === 'failed') {
    const cause = result.error.causedBy
    return (
      `${result.error.type}: ${result.error.reason}` + (cause ? ` <- ${cause.type}: ${cause.reason}` : '')
    )
  }
  return result.kind === 'indexed' ? result.text : 'dropped'
}

describe('convert', () => {
  const convert = (type: string, value: string) => run({ convert: { field: 'v', type } }, `{"v":${value}}`)

  it.each([
    ['integer', '"42"', '{"v":42}'],
    ['integer', '"0x1F"', '{"v":31}'],
    ['integer', '"-0x10"', '{"v":-16}'],
    ['integer', '"+7"', '{"v":7}'],
    ['long', '"9223372036854775807"', '{"v":9223372036854775807}'],
    ['float', '"1.1"', '{"v":1.1}'],
    ['float', '"16777217"', '{"v":1.6777216E7}'],
    ['double', '" 2.50d "', '{"v":2.5}'],
    ['double', '"1e3"', '{"v":1000.0}'],
    ['boolean', '"TRUE"', '{"v":true}'],
    ['string', '12', '{"v":"12"}'],
    ['string', '1.50', '{"v":"1.5"}'],
    ['ip', '"192.168.0.1"', '{"v":"192.168.0.1"}'],
    ['ip', '"::ffff:10.0.0.1"', '{"v":"::ffff:10.0.0.1"}'],
    ['auto', '"false"', '{"v":false}'],
    ['auto', '"12"', '{"v":12}'],
    ['auto', '"12345678901"', '{"v":12345678901}'],
    ['auto', '"3.25"', '{"v":3.25}'],
    ['auto', '"abc"', '{"v":"abc"}'],
    ['auto', '5', '{"v":5}'],
    ['integer', '["1","2"]', '{"v":[1,2]}'],
  ])('%s of %s is %s', async (type, value, expected) => {
    expect(await convert(type, value)).toBe(expected)
  })

  it.each([
    ['integer', '"1.0"', 'illegal_argument_exception: unable to convert [1.0] to integer'],
    ['integer', '"2147483648"', 'illegal_argument_exception: unable to convert [2147483648] to integer'],
    ['long', '"x"', 'illegal_argument_exception: unable to convert [x] to long'],
    ['float', '"1,5"', 'illegal_argument_exception: unable to convert [1,5] to float'],
    [
      'boolean',
      '"yes"',
      'illegal_argument_exception: [yes] is not a boolean value, cannot convert to boolean',
    ],
    [
      'ip',
      '"300.1.1.1"',
      'illegal_argument_exception: [300.1.1.1] is not a valid ip address, cannot convert to ip',
    ],
    ['ip', '"1:2:3"', 'illegal_argument_exception: [1:2:3] is not a valid ip address, cannot convert to ip'],
    [
      'integer',
      'null',
      'illegal_argument_exception: Field [v] is null, cannot be converted to type [integer]',
    ],
  ])('%s of %s fails: %s', async (type, value, expected) => {
    expect(await convert(type, value)).toBe(expected)
  })

  it('an unknown type is refused when the pipeline is stored', async () => {
    expect(await convert('decimal', '"1"')).toContain(
      '"reason":"[type] type [decimal] not supported, cannot convert field.","property_name":"type","processor_type":"convert"',
    )
  })
})

describe('date', () => {
  const date = (config: Record<string, unknown>, value: string) =>
    run({ date: { field: 'd', ...config } }, `{"d":${value}}`)

  it('parses with the first matching format and prints the default output format in the timezone', async () => {
    expect(await date({ formats: ['dd/MM/yyyy'] }, '"12/06/2016"')).toBe(
      '{"@timestamp":"2016-06-12T00:00:00.000Z","d":"12/06/2016"}',
    )
    expect(await date({ formats: ['ISO8601'], timezone: 'Europe/Paris' }, '"2016-06-12T10:00:00Z"')).toBe(
      '{"@timestamp":"2016-06-12T12:00:00.000+02:00","d":"2016-06-12T10:00:00Z"}',
    )
    expect(await date({ formats: ['dd/MM/yyyy HH:mm'], timezone: '+05:30' }, '"12/06/2016 10:00"')).toBe(
      '{"@timestamp":"2016-06-12T10:00:00.000+05:30","d":"12/06/2016 10:00"}',
    )
  })

  it('UNIX seconds (fractions truncated to millis), UNIX_MS, target_field and output_format', async () => {
    expect(await date({ formats: ['UNIX'], target_field: 't' }, '"1465725600.1239"')).toBe(
      '{"d":"1465725600.1239","t":"2016-06-12T10:00:00.123Z"}',
    )
    expect(await date({ formats: ['UNIX_MS'], output_format: 'yyyy/MM/dd' }, '1465725600000')).toBe(
      '{"@timestamp":"2016/06/12","d":1465725600000}',
    )
  })

  it('a pattern without a year takes the year of the ingest timestamp', async () => {
    expect(await date({ formats: ['MMM dd HH:mm:ss'] }, '"Jun 12 10:00:00"')).toBe(
      '{"@timestamp":"2026-06-12T10:00:00.000Z","d":"Jun 12 10:00:00"}',
    )
  })

  it('no format parses: unable to parse date, caused by the first failure', async () => {
    expect(await date({ formats: ['UNIX_MS'] }, '"soon"')).toBe(
      'illegal_argument_exception: unable to parse date [soon] <- number_format_exception: For input string: "soon"',
    )
    expect(await date({ formats: ['dd/MM/yyyy'] }, '"2016"')).toBe(
      'illegal_argument_exception: unable to parse date [2016] <- illegal_argument_exception: failed to parse date field [2016] with format [dd/MM/yyyy]',
    )
  })

  it('formats is required', async () => {
    expect(await date({}, '"x"')).toContain('"reason":"[formats] required property is missing"')
  })
})
