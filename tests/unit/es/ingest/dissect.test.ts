// The dissect processor: DissectParser / DissectKey / DissectMatch (libs/dissect, ES 8.17) for every key
// modifier, the pattern and key errors of a PUT (wrapped by ConfigurationUtils as `exception`, 500), and
// DissectProcessor's run: FindMatch, ignore_missing, values set as strings in the result map's HashMap
// order. YAML test ingest/200_dissect_processor.yml.
import { describe, expect, it } from 'vitest'
import { DissectParser } from '../../../../workers/es/ingest/dissect/dissect-parser.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'
import { startIngest, TIMESTAMP } from './ingest-fixture.ts'
import { NO_INDEX_PIPELINES, pipelinesOf } from './ingest-fixture.ts'

function dissect(pattern: string, input: string, separator = ''): Record<string, string | null> | null {
  const results = new DissectParser(pattern, separator).parse(input)
  return results === null ? null : Object.fromEntries(results)
}

function patternError(pattern: string): string {
  try {
    new DissectParser(pattern, '')
  } catch (error) {
    if (error instanceof EsException) return `${error.type}: ${error.reason}`
    throw error
  }
  throw new Error(`${pattern} parsed`)
}

describe('DissectParser', () => {
  it.each([
    ['%{a} %{b},%{c}', 'foo bar,baz', { a: 'foo', b: 'bar', c: 'baz' }],
    ['%{a}', 'foo bar the rest', { a: 'foo bar the rest' }],
    [
      '[%{ts}] %{level} %{msg}',
      '[2026-01-01] WARN disk almost full',
      { ts: '2026-01-01', level: 'WARN', msg: 'disk almost full' },
    ],
    ['%{a} %%{b}', 'x %y', { a: 'x', b: 'y' }],
    // `->` skips the repeated delimiters to the right of the key.
    ['%{a->} %{b} %{c}', 'foo      bar baz', { a: 'foo', b: 'bar', c: 'baz' }],
    ['%{->} %{b}', 'foo        bar', { b: 'bar' }],
    ['%{a->}x%{b}', 'fooxxxxxbar', { a: 'foo', b: 'bar' }],
    // Without it, repeated delimiters give the next keys empty values.
    ['%{a},%{b},%{c},%{d}', 'foo,,,', { a: 'foo', b: '', c: '', d: '' }],
    ['%{a},%{b},%{c},%{d}', ',bar,,baz', { a: '', b: 'bar', c: '', d: 'baz' }],
    // ...even when the next key's own delimiter differs (ES 8.17's consecutive-delimiter rule).
    ['%{a}-%{b}', 'foo------bar', { a: 'foo', b: '' }],
    // `+` appends in order, `/n` in the given order, with the append separator.
    ['%{a} %{+a} %{+a}', 'foo bar baz', { a: 'foobarbaz' }],
    ['%{a} %{+a/2} %{+a/1}', 'foo bar baz', { a: 'foobazbar' }],
    ['%{+a/2} %{+a/4} %{+a/1} %{+a/3}', 'bar quux foo baz', { a: 'foo bar baz quux' }, ' '],
    ['%{+a} %{a} %{+a} %{b}', 'December 31 1999 quux', { a: 'December 31 1999', b: 'quux' }, ' '],
    ['%{a} %{b} %{+a}', 'foo bar baz quux', { a: 'foo baz quux', b: 'bar' }, ' '],
    // `*` names the field `&` fills.
    ['%{*a} %{b} %{&a}', 'foo bar baz', { b: 'bar', foo: 'baz' }],
    ['%{&a} %{*a}', 'foo bar', { bar: 'foo' }],
    ['%{*a} %{&a} %{c} %{*b} %{&b}', 'foo bar x baz lol', { c: 'x', foo: 'bar', baz: 'lol' }],
    // `?name` and the empty key match but keep nothing.
    ['%{a} %{?skipme} %{c}', 'foo bar baz', { a: 'foo', c: 'baz' }],
    ['%{a} %{} %{c}', 'foo bar baz', { a: 'foo', c: 'baz' }],
    ['%{?foo->} %{b}', 'foo        bar', { b: 'bar' }],
    // A modifier anywhere in the key, the name after it.
    ['%{x+a} %{a}', 'foo bar', { a: 'foobar' }],
    // Multi-byte text is matched on its UTF-8 bytes.
    ['%{a}࿏%{+a/2} %{+a/1}', '⟳༒࿏༒⟲ 子', { a: '⟳༒子༒⟲' }],
    // The leading delimiter is skipped by its length in chars over the bytes, as ES does.
    ['é%{a}', 'éfoo', { a: '\ufffdfoo' }],
    // Without any text between them, a key's delimiter is the rest: `%{b}` is literal.
    ['%{a}%{b}', 'x%{b}', { a: 'x' }],
    // Two `*` keys: the last value names a field with no value.
    ['%{*a} %{*a}', 'foo bar', { bar: null }],
  ] as const)('%j on %j is %j', (pattern, input, expected, separator?: string) => {
    expect(dissect(pattern, input, separator)).toEqual(expected)
  })

  it.each([
    ['%{a},%{b}:%{c}', 'foo,bar,baz'],
    ['%{a} %{b}%{c} %{d}', 'foo bar baz'],
    ['x%{a},%{b}', 'foo,bar'],
    ['%{a}x', 'foo'],
    ['leading%{a}', 'leading'],
    // Two reference pairs naming the same field leave fewer results than keys.
    ['%{*a} %{&a} %{*b} %{&b}', 'k 1 k 2'],
  ])('%j does not match %j', (pattern, input) => {
    expect(dissect(pattern, input)).toBeNull()
    expect(() => new DissectParser(pattern, '').forceParse(input)).toThrow(
      `Unable to find match for dissect pattern: ${pattern} against source: ${input}`,
    )
  })

  it.each([
    ['', 'pattern_parse: Unable to parse pattern:  Reason: Unable to find any keys or delimiters.'],
    ['{}', 'pattern_parse: Unable to parse pattern: {} Reason: Unable to find any keys or delimiters.'],
    [
      '%{?a} %{}',
      'pattern_parse: Unable to parse pattern: %{?a} %{} Reason: Unable to find any keys or delimiters.',
    ],
    [
      '%{*a} %{&b}',
      "pattern_parse: Unable to parse pattern: %{*a} %{&b} Reason: Found invalid key/reference associations: 'a' Please ensure each '*<key>' is matched with a matching '&<key>",
    ],
    [
      '%{*a} %{&a} %{&a}',
      "pattern_parse: Unable to parse pattern: %{*a} %{&a} %{&a} Reason: Found invalid key/reference associations: 'a,a,a' Please ensure each '*<key>' is matched with a matching '&<key>",
    ],
    ['%{*}', 'key_parse: Unable to parse key: * Reason: The key name could not be determined'],
    ['%{a/1}', 'key_parse: Unable to parse key: a/1 Reason: The key name could not be determined'],
    ['%{+/2}', 'key_parse: Unable to parse key: +/2 Reason: The key name could not be determined'],
    ['%{++}', 'key_parse: Unable to parse key: ++ Reason: multiple modifiers are not allowed.'],
    ['%{&+a_field}', 'key_parse: Unable to parse key: &+a_field Reason: multiple modifiers are not allowed.'],
    ['%{+a/40000}', 'number_format_exception: Value out of range. Value:"40000" Radix:10'],
    ['%{+a/9999999999}', 'number_format_exception: For input string: "9999999999"'],
  ])('%j fails: %s', (pattern, expected) => {
    expect(patternError(pattern)).toBe(expected)
  })
})

const errorBody = (cause: string, top: string, status: number): string =>
  `{"error":{"root_cause":[${cause}],${top}},"status":${status}}`

describe('the dissect processor', () => {
  it('a bad pattern fails the PUT as ConfigurationUtils wraps the DissectException', async () => {
    const { send } = startIngest()
    const reason =
      'org.elasticsearch.dissect.DissectException$PatternParse: Unable to parse pattern: bad pattern Reason: Unable to find any keys or delimiters.'
    const fields = `"type":"exception","reason":"${reason}","processor_type":"dissect","processor_tag":"t"`
    expect(
      await send('PUT', '/_ingest/pipeline/p', {
        processors: [{ dissect: { field: 'message', pattern: 'bad pattern', tag: 't' } }],
      }),
    ).toEqual({
      status: 500,
      body: errorBody(
        `{${fields}}`,
        `${fields},"caused_by":{"type":"pattern_parse","reason":"Unable to parse pattern: bad pattern Reason: Unable to find any keys or delimiters."}`,
        500,
      ),
    })
    const key = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ dissect: { field: 'message', pattern: '%{a} %{b+}' } }],
    })
    expect(JSON.parse(key.body)).toMatchObject({
      error: {
        type: 'exception',
        reason:
          'org.elasticsearch.dissect.DissectException$KeyParse: Unable to parse key: b+ Reason: The key name could not be determined',
        caused_by: { type: 'key_parse' },
      },
      status: 500,
    })
    const missing = await send('PUT', '/_ingest/pipeline/p', { processors: [{ dissect: { field: 'm' } }] })
    expect(JSON.parse(missing.body)).toMatchObject({
      error: {
        type: 'parse_exception',
        reason: '[pattern] required property is missing',
        property_name: 'pattern',
      },
    })
  })

  it('_simulate: values set as strings (dotted names nest), no match is find_match, cast and missing errors', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: {
        processors: [
          {
            dissect: {
              field: 'message',
              pattern: '%{client.ip} %{+ts} %{+ts} %{status}',
              append_separator: ' ',
            },
          },
        ],
      },
      docs: [
        { _source: { message: '1.2.3.4 30/Apr/1998:22:00:52 +0000 200' } },
        { _source: { message: '1.2.3.4' } },
        { _source: { message: 200 } },
        { _source: { other: 1 } },
        { _source: { message: null } },
      ],
    })
    const meta = '"_index":"_index","_id":"_id","_version":"-3"'
    const failure = (type: string, reason: string) =>
      `{"error":{"root_cause":[{"type":"${type}","reason":"${reason}"}],"type":"${type}","reason":"${reason}"}}`
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"docs":[' +
        `{"doc":{${meta},"_source":{"client":{"ip":"1.2.3.4"},"message":"1.2.3.4 30/Apr/1998:22:00:52 +0000 200","status":"200","ts":"30/Apr/1998:22:00:52 +0000"},"_ingest":{"timestamp":"${TIMESTAMP}"}}},` +
        failure(
          'find_match',
          'Unable to find match for dissect pattern: %{client.ip} %{+ts} %{+ts} %{status} against source: 1.2.3.4',
        ) +
        ',' +
        failure(
          'illegal_argument_exception',
          'field [message] of type [java.lang.Integer] cannot be cast to [java.lang.String]',
        ) +
        ',' +
        failure('illegal_argument_exception', 'field [message] not present as part of path [message]') +
        ',' +
        failure('illegal_argument_exception', 'field [message] is null, cannot process it.') +
        ']}',
    )
  })

  it('results are set in the result HashMap order, whatever the pattern order: `a.b` (bucket 0) before `a`', async () => {
    const { send } = startIngest()
    for (const [pattern, a] of [
      ['%{a} %{a.b}', 'x'],
      ['%{a.b} %{a}', 'y'],
    ]) {
      const response = await send('POST', '/_ingest/pipeline/_simulate', {
        pipeline: { processors: [{ dissect: { field: 'm', pattern } }] },
        docs: [{ _source: { m: 'x y' } }],
      })
      expect(response.body).toBe(
        `{"docs":[{"doc":{"_index":"_index","_id":"_id","_version":"-3","_source":{"a":"${a}","m":"x y"},"_ingest":{"timestamp":"${TIMESTAMP}"}}}]}`,
      )
    }
  })

  it('ignore_missing skips a missing or null field; a failed match on index is 500', async () => {
    const { send, service } = startIngest()
    await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ dissect: { field: 'm', pattern: '%{a},%{b}', ignore_missing: true } }],
    })
    const run = (source: string) =>
      service.execute(
        pipelinesOf(['p']),
        { index: 'i', id: '1', routing: null, version: null, source: parseJson(source) as XContentObject },
        0,
        NO_INDEX_PIPELINES,
      )
    expect(run('{"x":1}')).toMatchObject({ kind: 'indexed', text: '{"x":1}' })
    expect(run('{"m":null}')).toMatchObject({ kind: 'indexed', text: '{"m":null}' })
    expect(run('{"m":"foo bar baz"}')).toMatchObject({
      kind: 'failed',
      error: {
        type: 'find_match',
        status: 500,
        reason: 'Unable to find match for dissect pattern: %{a},%{b} against source: foo bar baz',
      },
    })
  })
})
