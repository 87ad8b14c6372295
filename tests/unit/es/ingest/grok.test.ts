// The grok processor (GrokProcessor, Grok, PatternBank, GrokCaptureType of ES 8.17) through _simulate: the
// built-in banks on known inputs, typed and repeated captures, several patterns and trace_match, the
// configuration errors of GrokProcessorFactoryTests and YAML test ingest/120_grok.yml, the watchdog's
// interruption, and GET _ingest/processor/grok.
import { describe, expect, it } from 'vitest'
import { parseJson, type XContentObject, type XContentValue } from '../../../../workers/es/xcontent/index.ts'
import { startIngest } from './ingest-fixture.ts'

type Json = ReturnType<typeof toJs>

function toJs(value: XContentValue): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toJs(v)]))
  if (Array.isArray(value)) return value.map(toJs)
  if (value !== null && typeof value === 'object') return Number(value.toString())
  return value
}

async function simulate(processor: Record<string, unknown>, source: Record<string, unknown>) {
  const { send } = startIngest()
  const response = await send('POST', '/_ingest/pipeline/_simulate', {
    pipeline: { processors: [{ grok: processor }] },
    docs: [{ _source: source }],
  })
  const body = parseJson(response.body) as XContentObject
  return { status: response.status, text: response.body, body: toJs(body) as Record<string, Json> }
}

/** The fields one grok pattern captures from `message` (the message itself left out). */
async function grok(pattern: string, message: string, extra: Record<string, unknown> = {}) {
  const { body, text } = await simulate({ field: 'message', patterns: [pattern], ...extra }, { message })
  const doc = (body.docs as Array<{ doc?: { _source: Record<string, unknown> } }>)[0]!.doc
  if (doc === undefined) throw new Error(text)
  const captured = { ...doc._source }
  delete captured.message
  return captured
}

async function failure(processor: Record<string, unknown>, source: Record<string, unknown>) {
  const { body } = await simulate(processor, source)
  const error = (body.docs as Array<{ error: { type: string; reason: string } }>)[0]!.error
  return `${error.type}: ${error.reason}`
}

interface ErrorBody {
  status: number
  type: string
  reason: string
  [key: string]: unknown
}

async function putError(processor: Record<string, unknown>): Promise<ErrorBody> {
  const { send } = startIngest()
  const response = await send('PUT', '/_ingest/pipeline/p', { processors: [{ grok: processor }] })
  const body = toJs(parseJson(response.body)) as { error: ErrorBody }
  return { ...body.error, status: response.status }
}

describe('the legacy pattern bank', () => {
  it.each([
    ['%{IP:ip}', 'from 192.168.1.10 on', { ip: '192.168.1.10' }],
    ['%{IP:ip}', 'from 2001:db8::ff00:42:8329 on', { ip: '2001:db8::ff00:42:8329' }],
    ['%{IPV4:ip}', 'a 10.0.0.255 b', { ip: '10.0.0.255' }],
    ['%{IPV6:ip}', 'addr fe80::1%eth0', { ip: 'fe80::1%eth0' }],
    ['%{HOSTNAME:host}', 'host: web-01.example.com.', { host: 'host' }],
    ['host: %{HOSTNAME:host}', 'host: web-01.example.com.', { host: 'web-01.example.com.' }],
    ['%{NUMBER:n}', 'took -12.5e3 ms', { n: '-12.5' }],
    ['%{INT:n}', 'x=+42;', { n: '+42' }],
    ['%{WORD:w}', '  hello-world', { w: 'hello' }],
    ['%{WORD:a} %{DATA:b} %{GREEDYDATA:c}', 'one two three four', { a: 'one', b: 'two', c: 'three four' }],
    ['%{WORD:a} %{DATA:b} %{GREEDYDATA:c}', 'one  two three', { a: 'one', b: '', c: 'two three' }],
    ['%{WORD:a} %{DATA:b}!', 'one two three!', { a: 'one', b: 'two three' }],
    [
      '%{TIMESTAMP_ISO8601:ts}',
      'at 2024-03-12T09:15:02.123+01:00 ok',
      { ts: '2024-03-12T09:15:02.123+01:00' },
    ],
    ['%{HTTPDATE:ts}', '[10/Oct/2000:13:55:36 -0700]', { ts: '10/Oct/2000:13:55:36 -0700' }],
    ['%{LOGLEVEL:level}', '[WARNING] disk', { level: 'WARNING' }],
    ['%{URIPATHPARAM:request}', 'GET /search?q=kafka&page=2 HTTP', { request: '/search?q=kafka&page=2' }],
    [
      '%{UUID:id}',
      'id=123e4567-e89b-12d3-a456-426614174000.',
      { id: '123e4567-e89b-12d3-a456-426614174000' },
    ],
  ])('%s on %j', async (pattern, message, expected) => {
    expect(await grok(pattern, message)).toEqual(expected)
  })

  it('parses an Apache common and combined log line', async () => {
    const line =
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 ' +
      '"http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"'
    const common = {
      clientip: '127.0.0.1',
      ident: '-',
      auth: 'frank',
      timestamp: '10/Oct/2000:13:55:36 -0700',
      verb: 'GET',
      request: '/apache_pb.gif',
      httpversion: '1.0',
      response: '200',
      bytes: '2326',
    }
    expect(await grok('%{COMMONAPACHELOG}', line)).toEqual(common)
    expect(await grok('%{COMBINEDAPACHELOG}', line)).toEqual({
      ...common,
      referrer: '"http://www.example.com/start.html"',
      agent: '"Mozilla/4.08 [en] (Win98; I ;Nav)"',
    })
  })

  it('parses a syslog line', async () => {
    expect(
      await grok('%{SYSLOGBASE} %{GREEDYDATA:msg}', 'Mar  7 00:00:01 myhost sshd[123]: Accepted key'),
    ).toEqual({
      timestamp: 'Mar  7 00:00:01',
      logsource: 'myhost',
      program: 'sshd',
      pid: '123',
      msg: 'Accepted key',
    })
  })
})

describe('the ECS pattern bank', () => {
  it('names captures with ECS fields and types them', async () => {
    const line = '10.0.0.7 - - [12/Mar/2024:09:15:02 +0100] "GET /a HTTP/1.1" 404 -'
    expect(await grok('%{COMMONAPACHELOG}', line, { ecs_compatibility: 'v1' })).toEqual({
      source: { address: '10.0.0.7' },
      timestamp: '12/Mar/2024:09:15:02 +0100',
      http: { request: { method: 'GET' }, version: '1.1', response: { status_code: 404 } },
      url: { original: '/a' },
    })
    expect(
      await grok('%{SYSLOGBASE}', 'Mar  7 00:00:01 myhost sshd[123]:', { ecs_compatibility: 'v1' }),
    ).toEqual({
      timestamp: 'Mar  7 00:00:01',
      host: { hostname: 'myhost' },
      process: { name: 'sshd', pid: 123 },
    })
  })
})

describe('captures', () => {
  it('types captures and sets them in the HashMap order of ES (the docs example)', async () => {
    const { text } = await simulate(
      {
        field: 'message',
        patterns: [
          '%{IP:client} %{WORD:method} %{URIPATHPARAM:request} %{NUMBER:bytes:int} %{NUMBER:duration:double}',
        ],
      },
      { message: '55.3.244.1 GET /index.html 15824 0.043' },
    )
    expect(text).toContain(
      '"_source":{"duration":0.043,"request":"/index.html","method":"GET","bytes":15824,"client":"55.3.244.1",' +
        '"message":"55.3.244.1 GET /index.html 15824 0.043"}',
    )
  })

  it('reads float, long and boolean captures, and anything else as a string', async () => {
    expect(
      await grok(
        '%{NUMBER:f:float} %{INT:l:long} %{WORD:b:boolean} %{WORD:s:other}',
        '123.42 9007199254740993 TRUE x',
      ),
    ).toEqual({ f: 123.42, l: 9007199254740993, b: true, s: 'x' })
    const { text } = await simulate({ field: 'm', patterns: ['%{NUMBER:f:float}'] }, { m: '0.1' })
    expect(text).toContain('"f":0.1,')
  })

  it('fails a number that does not parse with Java number_format_exception', async () => {
    expect(await failure({ field: 'm', patterns: ['%{NUMBER:n:int}'] }, { m: '1.5' })).toBe(
      'number_format_exception: For input string: "1.5"',
    )
  })

  it('makes a list of a field captured more than once, and a single value when only one group took part', async () => {
    expect(await grok('%{WORD:name} %{WORD:name}', 'foo bar')).toEqual({ name: ['foo', 'bar'] })
    expect(await grok('%{WORD:name}(?: %{INT:name})?', 'foo 42')).toEqual({ name: ['foo', '42'] })
    expect(await grok('%{WORD:name}(?: %{INT:name})?', 'foo bar')).toEqual({ name: 'foo' })
  })

  it('uses custom pattern_definitions, over a built-in name too', async () => {
    expect(
      await grok('<%{MY_PATTERN:msg}>', '<foo>', { pattern_definitions: { MY_PATTERN: 'foo' } }),
    ).toEqual({
      msg: 'foo',
    })
    expect(await grok('<%{NUMBER:msg}>', '<foo>', { pattern_definitions: { NUMBER: 'foo' } })).toEqual({
      msg: 'foo',
    })
  })

  it('runs Oniguruma constructs: atomic groups, look-behind, possessive and lazy quantifiers, named groups', async () => {
    expect(await grok('(?<a>(?>x+))(?<![y])(?<b>\\w*?)z', 'xxxabz')).toEqual({ a: 'xxx', b: 'ab' })
    expect(await grok('(?<a>a++)b', 'aaab')).toEqual({ a: 'aaa' })
    expect(await failure({ field: 'm', patterns: ['(?<a>a++)a'] }, { m: 'aaa' })).toBe(
      'illegal_argument_exception: Provided Grok expressions do not match field value: [aaa]',
    )
    // ^ and $ are line anchors, as in Ruby.
    expect(await grok('^(?<line>b.*)$', 'a\nbc\nd')).toEqual({ line: 'bc' })
  })
})

describe('several patterns', () => {
  it('tries them in order and, with trace_match, records which one matched (YAML 120_grok)', async () => {
    const { body } = await simulate(
      {
        field: 'field',
        patterns: ['%{ONE:one}', '%{TWO:two}'],
        pattern_definitions: { ONE: '1', TWO: '2' },
        trace_match: true,
      },
      { field: 'abc2xyz' },
    )
    const doc = (body.docs as Array<{ doc: Record<string, unknown> }>)[0]!.doc
    expect(doc._source).toEqual({ field: 'abc2xyz', two: '2' })
    expect(doc._ingest).toEqual({ _grok_match_index: '1', timestamp: '2026-01-01T10:30:15.250Z' })
  })

  it('records index "0" for a single pattern', async () => {
    const { text } = await simulate({ field: 'm', patterns: ['%{WORD:w}'], trace_match: true }, { m: 'hi' })
    expect(text).toContain('"_ingest":{"_grok_match_index":"0",')
  })
})

describe('running', () => {
  it('fails when nothing matches', async () => {
    expect(await failure({ field: 'm', patterns: ['%{INT:a}', '%{IP:b}'] }, { m: 'no digits' })).toBe(
      'illegal_argument_exception: Provided Grok expressions do not match field value: [no digits]',
    )
  })

  it('skips a missing or null field with ignore_missing, else fails', async () => {
    expect(await grok('%{WORD:w}', 'x', { field: 'other', ignore_missing: true })).toEqual({})
    expect(await failure({ field: 'other', patterns: ['%{WORD:w}'] }, { m: 'x' })).toBe(
      'illegal_argument_exception: field [other] not present as part of path [other]',
    )
    expect(await failure({ field: 'm', patterns: ['%{WORD:w}'] }, { m: null })).toBe(
      'illegal_argument_exception: field [m] is null, cannot process it.',
    )
    expect(await failure({ field: 'm', patterns: ['%{WORD:w}'] }, { m: 3 })).toBe(
      'illegal_argument_exception: field [m] of type [java.lang.Integer] cannot be cast to [java.lang.String]',
    )
  })

  it('goes on with ignore_failure, and gives on_failure the message', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: {
        processors: [
          { grok: { field: 'm', patterns: ['%{INT:n}'], ignore_failure: true } },
          {
            grok: {
              field: 'm',
              patterns: ['%{IP:n}'],
              on_failure: [{ set: { field: 'error', value: '{{{ _ingest.on_failure_message }}}' } }],
            },
          },
        ],
      },
      docs: [{ _source: { m: 'abc' } }],
    })
    expect(response.body).toContain(
      '"_source":{"error":"Provided Grok expressions do not match field value: [abc]","m":"abc"}',
    )
  })

  it('interrupts a catastrophic pattern with the watchdog error and stays responsive', async () => {
    const { send } = startIngest()
    const body = (m: string) => ({
      pipeline: { processors: [{ grok: { field: 'm', patterns: ['(?<x>(a+)+)b'] } }] },
      docs: [{ _source: { m } }],
    })
    const slow = await send('POST', '/_ingest/pipeline/_simulate', body(`${'a'.repeat(40)}c`))
    expect(slow.body).toContain(
      '"error":{"root_cause":[{"type":"runtime_exception","reason":"grok pattern matching was interrupted after [1000] ms"}]',
    )
    const fast = await send('POST', '/_ingest/pipeline/_simulate', body('aab'))
    expect(fast.body).toContain('"_source":{"x":"aa","m":"aab"}')
  }, 30_000)
})

describe('configuration errors', () => {
  it('names an unknown pattern (YAML 120_grok)', async () => {
    const error = await putError({ field: 'f', patterns: ['%{INVALID_PATTERN:field}'] })
    expect([error.status, error.type, error.property_name, error.processor_type]).toEqual([
      400,
      'parse_exception',
      'patterns',
      'grok',
    ])
    expect(error.reason).toBe(
      "[patterns] Invalid regex pattern found in: [%{INVALID_PATTERN:field}]. Unable to find pattern [INVALID_PATTERN] in Grok's pattern dictionary",
    )
  })

  it('gives Joni syntax errors', async () => {
    const reason = async (pattern: string) =>
      (await putError({ field: 'f', patterns: [pattern], pattern_definitions: { MY_PATTERN: '[' } })).reason
    expect(await reason('%{MY_PATTERN:name}!')).toBe(
      '[patterns] Invalid regex pattern found in: [%{MY_PATTERN:name}!]. premature end of char-class',
    )
    expect(await reason('(?<a>x')).toBe(
      '[patterns] Invalid regex pattern found in: [(?<a>x]. end pattern with unmatched parenthesis',
    )
    expect(await reason('x)')).toBe(
      '[patterns] Invalid regex pattern found in: [x)]. unmatched close parenthesis',
    )
    expect(await reason('*x')).toBe(
      '[patterns] Invalid regex pattern found in: [*x]. target of repeat operator is not specified',
    )
  })

  it('checks patterns, ecs_compatibility and the bank', async () => {
    expect((await putError({ field: 'f', patterns: [] })).reason).toBe(
      '[patterns] List of patterns must not be empty',
    )
    expect((await putError({ field: 'f', patterns: ['x'], ecs_compatibility: 'v2' })).reason).toBe(
      "[ecs_compatibility] unsupported mode 'v2'",
    )
    const cycle = await putError({
      field: 'f',
      patterns: ['%{A}'],
      pattern_definitions: { A: '%{B}', B: '%{A}' },
    })
    expect([cycle.status, cycle.type, cycle.reason, cycle.processor_type, cycle.caused_by]).toEqual([
      500,
      'exception',
      'java.lang.IllegalArgumentException: circular reference detected: A->B->A',
      'grok',
      { type: 'illegal_argument_exception', reason: 'circular reference detected: A->B->A' },
    ])
    const dangling = await putError({ field: 'f', patterns: ['%{A}'], pattern_definitions: { A: '%{NOPE}' } })
    expect(dangling.reason).toBe(
      'java.lang.IllegalArgumentException: pattern [A] is referencing a non-existent pattern [NOPE]',
    )
    expect((await putError({ patterns: ['x'] })).reason).toBe('[field] required property is missing')
  })
})

describe('GET _ingest/processor/grok', () => {
  async function patterns(query: string) {
    const { send } = startIngest()
    const response = await send('GET', `/_ingest/processor/grok${query}`)
    return {
      status: response.status,
      body: toJs(parseJson(response.body)) as Record<string, unknown>,
    }
  }

  it('lists the legacy bank in load order, or sorted with ?s', async () => {
    const { body } = await patterns('')
    const bank = body.patterns as Record<string, string>
    expect(bank.PATH).toBe('(?:%{UNIXPATH}|%{WINPATH})')
    expect(Object.keys(bank).slice(0, 3)).toEqual(['USERNAME', 'USER', 'EMAILLOCALPART'])
    expect(bank.ISO8601_HOUR).toBe('(?:2[0123]|[01][0-9])')
    const sorted = Object.keys((await patterns('?s')).body.patterns as Record<string, string>)
    expect(sorted.slice(0, 3)).toEqual(['BASE10NUM', 'BASE16FLOAT', 'BASE16NUM'])
    expect(sorted).toEqual([...sorted].sort())
  })

  it('lists the ECS bank with ecs_compatibility=v1 and refuses another mode', async () => {
    const bank = (await patterns('?ecs_compatibility=v1')).body.patterns as Record<string, string>
    expect(bank.ISO8601_HOUR).toBeUndefined()
    expect(bank.SYSLOGPROG).toBe('%{PROG:process.name}(?:\\[%{POSINT:process.pid:int}\\])?')
    const refused = await patterns('?ecs_compatibility=v9')
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('unsupported ECS compatibility mode [v9]')
  })
})
