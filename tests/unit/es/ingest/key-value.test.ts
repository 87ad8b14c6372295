// The kv processor (KeyValueProcessor, ES 8.17) through IngestService.execute and _simulate: field_split and
// value_split as Java regexes (String.split limits 0 and 2), templated field and target_field, prefix,
// include_keys / exclude_keys, trim_key / trim_value, strip_brackets, repeated keys appended into lists,
// ignore_missing, and ES's failure texts. YAML test ingest/150_kv.yml.
import { describe, expect, it } from 'vitest'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'
import { startIngest, TIMESTAMP } from './ingest-fixture.ts'
import { NO_INDEX_PIPELINES, pipelinesOf } from './ingest-fixture.ts'

async function kv(options: Record<string, unknown>, source: string): Promise<string> {
  const { send, service } = startIngest()
  const put = await send('PUT', '/_ingest/pipeline/p', { processors: [{ kv: options }] })
  if (put.status !== 200) return put.body
  const parsed = parseJson(source) as XContentObject
  const result = service.execute(
    pipelinesOf(['p']),
    { index: 'i', id: '1', routing: null, version: null, source: parsed },
    0,
    NO_INDEX_PIPELINES,
  )
  if (result.kind === 'indexed') return result.text
  return result.kind === 'failed'
    ? `${result.error.type} (${result.error.status}): ${result.error.reason}`
    : 'dropped'
}

const split = { field: 'm', field_split: ' ', value_split: '=' }

describe('the kv processor', () => {
  it('splits into fields; a repeated or existing key becomes a list of strings', async () => {
    expect(await kv(split, '{"m":"goodbye=everybody hello=world"}')).toBe(
      '{"goodbye":"everybody","hello":"world","m":"goodbye=everybody hello=world"}',
    )
    expect(await kv(split, '{"m":"a=1 a=2 a=1","b":"0"}')).toBe(
      '{"a":["1","2","1"],"b":"0","m":"a=1 a=2 a=1"}',
    )
    expect(await kv({ ...split, target_field: 'x' }, '{"m":"b=1","x":{"b":"0"}}')).toBe(
      '{"x":{"b":["0","1"]},"m":"b=1"}',
    )
  })

  it('field_split and value_split are regexes; value_split splits once; trailing empty parts are dropped', async () => {
    expect(
      await kv({ field: 'm', field_split: '&|;\\s*', value_split: ':=?' }, '{"m":"a:=1&b:2;  c:x:y;;"}'),
    ).toBe('{"a":"1","b":"2","c":"x:y","m":"a:=1&b:2;  c:x:y;;"}')
  })

  it('field and target_field are templates; prefix goes after the target', async () => {
    const result = await kv(
      { field: '{{origin}}', target_field: '{{target}}', prefix: 'p_', field_split: ' ', value_split: '=' },
      '{"origin":"f1","f1":"a=1 b.c=2","target":"out"}',
    )
    expect(result).toBe('{"origin":"f1","f1":"a=1 b.c=2","target":"out","out":{"p_b":{"c":"2"},"p_a":"1"}}')
  })

  it('include_keys then exclude_keys filter the trimmed keys', async () => {
    const options = { ...split, include_keys: ['a', 'b', 'c'], exclude_keys: ['b'], trim_key: '<>' }
    expect(await kv(options, '{"m":"<a>=1 b=2 c>=3 d=4"}')).toBe('{"a":"1","c":"3","m":"<a>=1 b=2 c>=3 d=4"}')
  })

  it('strip_brackets removes one bracket or quote at each end (a final newline aside), before trim_value', async () => {
    const options = { field: 'm', field_split: ',', value_split: '=', strip_brackets: true, trim_value: ' ' }
    expect(await kv(options, '{"m":"a=(x),b=<y>,c=\\"z\\",d=\'w\',e=[[v]], f= (u) ,g=(t)\\n"}')).toBe(
      '{"a":"x","b":"y","c":"z","d":"w","e":"[v]"," f":"(u)","g":"t\\n","m":"a=(x),b=<y>,c=\\"z\\",d=\'w\',e=[[v]], f= (u) ,g=(t)\\n"}',
    )
  })

  it('trim_key and trim_value strip their characters at both ends, before a final newline too', async () => {
    const options = { field: 'm', field_split: ',', value_split: ':', trim_key: ' ', trim_value: ' "' }
    expect(await kv(options, '{"m":"  a : \\"1\\" , b:2  \\n"}')).toBe(
      '{"a":"1","b":"2\\n","m":"  a : \\"1\\" , b:2  \\n"}',
    )
  })

  it('failures: missing, null, not a string, no value_split; ignore_missing skips missing and null', async () => {
    expect(await kv(split, '{}')).toBe("illegal_argument_exception (400): field [m] doesn't exist")
    expect(await kv(split, '{"m":null}')).toBe(
      'illegal_argument_exception (400): field [m] is null, cannot extract key-value pairs.',
    )
    expect(await kv(split, '{"m":7}')).toBe(
      'illegal_argument_exception (400): field [m] of type [java.lang.Integer] cannot be cast to [java.lang.String]',
    )
    expect(await kv(split, '{"m":"a=1 b"}')).toBe(
      'illegal_argument_exception (400): field [m] does not contain value_split [=]',
    )
    expect(await kv({ ...split, field: 'l.3' }, '{"l":[1]}')).toBe(
      'illegal_argument_exception (400): [3] is out of bounds for array with length [1] as part of path [l.3]',
    )
    expect(await kv({ ...split, ignore_missing: true }, '{}')).toBe('{}')
    expect(await kv({ ...split, ignore_missing: true }, '{"m":null}')).toBe('{"m":null}')
    expect(await kv({ ...split, field: '{{none}}', ignore_missing: true }, '{"m":"a=1"}')).toBe('{"m":"a=1"}')
    expect(await kv(split, '{"m":"=1"}')).toBe(
      'illegal_argument_exception (400): path cannot be null nor empty',
    )
  })

  it('configuration errors: required properties, lists, and a bad regex at PUT or, for one char, at run time', async () => {
    expect(JSON.parse(await kv({ field: 'm', value_split: '=' }, '{}'))).toMatchObject({
      error: {
        type: 'parse_exception',
        reason: '[field_split] required property is missing',
        processor_type: 'kv',
      },
      status: 400,
    })
    expect(JSON.parse(await kv({ ...split, include_keys: 'a' }, '{}'))).toMatchObject({
      error: { reason: "[include_keys] property isn't a list, but of type [java.lang.String]" },
    })
    expect(JSON.parse(await kv({ ...split, field_split: '(a' }, '{}'))).toMatchObject({
      error: {
        type: 'exception',
        reason: expect.stringMatching(/^java\.util\.regex\.PatternSyntaxException: /) as unknown,
        processor_type: 'kv',
        caused_by: { type: 'pattern_syntax_exception' },
      },
      status: 500,
    })
    expect(await kv({ ...split, value_split: '(' }, '{"m":"a=1"}')).toMatch(
      /^pattern_syntax_exception \(400\): /,
    )
  })

  it('_simulate shows the parsed document in HashMap order', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: {
        processors: [{ kv: { field: 'message', field_split: ' ', value_split: '=', target_field: 'kv' } }],
      },
      docs: [{ _source: { message: 'level=info user=ana user=bo' } }],
    })
    expect(response.body).toBe(
      '{"docs":[{"doc":{"_index":"_index","_id":"_id","_version":"-3","_source":{"kv":{"level":"info","user":["ana","bo"]},' +
        `"message":"level=info user=ana user=bo"},"_ingest":{"timestamp":"${TIMESTAMP}"}}}]}`,
    )
  })
})
