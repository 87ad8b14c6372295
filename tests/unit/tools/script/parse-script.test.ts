// Exact-offset tables for parseScript: every form of command, the ranges Kibana's console parser reports
// for the same Dev Tools text (its parser.test.ts cases), and the full mixed buffer from the brief.
import { describe, expect, it } from 'vitest'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import type { ScriptCommand } from '../../../../workers/tools/script/types.ts'

type Shape = [kind: ScriptCommand['kind'], start: number, end: number, line: number, endLine: number]

const shapes = (text: string): Shape[] =>
  parseScript(text).map((c) => [c.kind, c.range.start, c.range.end, c.range.line, c.range.endLine])

describe('parseScript ranges match Kibana console parser offsets', () => {
  it.each<[string, string, Shape[]]>([
    ['one request', 'GET _search', [['es', 0, 11, 1, 1]]],
    [
      'two requests',
      'GET _search\nPOST _test_index',
      [
        ['es', 0, 11, 1, 1],
        ['es', 12, 28, 2, 2],
      ],
    ],
    [
      'a request with a body',
      'GET _search\n{\n  "query": {\n    "match_all": {}\n  }\n}',
      [['es', 0, 52, 1, 6]],
    ],
    [
      '# and // comment lines between requests',
      '# c\nGET _search\n// c2\nPOST _test',
      [
        ['es', 4, 15, 2, 2],
        ['es', 22, 32, 4, 4],
      ],
    ],
    ['a block comment before a request', '/* c */\nGET _search', [['es', 8, 19, 2, 2]]],
    [
      'lower case methods (but lower case head is the shell command)',
      'get _search\npost _search\npatch _search\nput _search\nHead _search\nhead -n 2 f.txt',
      [
        ['es', 0, 11, 1, 1],
        ['es', 12, 24, 2, 2],
        ['es', 25, 38, 3, 3],
        ['es', 39, 50, 4, 4],
        ['es', 51, 63, 5, 5],
        ['playground', 64, 79, 6, 6],
      ],
    ],
    [
      'a method line without url',
      'GET\nPOST _test',
      [
        ['error', 0, 3, 1, 1],
        ['es', 4, 14, 2, 2],
      ],
    ],
    [
      'a duplicate key (left to the node)',
      'GET _search\n{ "a": 1, "a": 2 }\n\nPOST _test',
      [
        ['es', 0, 30, 1, 2],
        ['es', 32, 42, 4, 4],
      ],
    ],
    [
      'an invalid body still ends at the next request line',
      'POST _query\n{\n  "script": """foo""",\n}\n\nGET _search',
      [
        ['es', 0, 38, 1, 4],
        ['es', 40, 51, 6, 6],
      ],
    ],
    [
      'CRLF line ends',
      'GET _search\r\nPOST _test_index\r\n',
      [
        ['es', 0, 11, 1, 1],
        ['es', 13, 29, 2, 2],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(shapes(text)).toEqual(expected)
  })
})

describe('parseScript command forms', () => {
  it('reads Kafka tools under every spelling, with their argv and stdin', () => {
    const text = [
      'kafka-topics --list',
      'kafka-topics.sh --list',
      'bin/kafka-topics.sh --list',
      './bin/kafka-topics.sh --list',
      '/opt/kafka/bin/kafka-topics.sh --list',
      'zookeeper-server-start.sh config/zookeeper.properties',
    ].join('\n')
    expect(parseScript(text).map((c) => (c.kind === 'kafka' ? [c.tool, c.argv] : c.kind))).toEqual([
      ['kafka-topics', ['--list']],
      ['kafka-topics', ['--list']],
      ['kafka-topics', ['--list']],
      ['kafka-topics', ['--list']],
      ['kafka-topics', ['--list']],
      ['zookeeper-server-start', ['config/zookeeper.properties']],
    ])
  })

  it('takes the `>` lines after a tool as its stdin, without `>` and one optional space', () => {
    const text = 'kafka-console-producer.sh --topic t\n> a\n>b\n>  two spaces\n  > indented\n>\nhelp'
    expect(parseScript(text)).toEqual([
      {
        kind: 'kafka',
        range: { start: 0, end: 71, line: 1, endLine: 6 },
        command: 'kafka-console-producer.sh --topic t',
        tool: 'kafka-console-producer',
        argv: ['--topic', 't'],
        stdin: ['a', 'b', ' two spaces', 'indented', ''],
      },
      {
        kind: 'playground',
        range: { start: 72, end: 76, line: 7, endLine: 7 },
        command: 'help',
        name: 'help',
        args: [],
      },
    ])
  })

  it('joins `\\` continuation lines into one command and keeps them in `command`', () => {
    const text =
      'kafka-console-consumer.sh --topic demo \\\n    --from-beginning \\\n  --max-messages 3\nhelp'
    const [consumer] = parseScript(text)
    expect(consumer).toEqual({
      kind: 'kafka',
      range: { start: 0, end: 82, line: 1, endLine: 3 },
      command: 'kafka-console-consumer.sh --topic demo \\\n    --from-beginning \\\n  --max-messages 3',
      tool: 'kafka-console-consumer',
      argv: ['--topic', 'demo', '--from-beginning', '--max-messages', '3'],
      stdin: [],
    })
  })

  it('marks a Kafka tool or a playground command whose line ends with & as a background job', () => {
    const [consumer, sleep, foreground] = parseScript(
      'kafka-console-consumer.sh --topic t &\nsleep 10 &\njobs',
    )
    expect(consumer).toMatchObject({ kind: 'kafka', argv: ['--topic', 't'], background: true })
    expect(consumer?.command).toBe('kafka-console-consumer.sh --topic t &')
    expect(sleep).toMatchObject({ kind: 'playground', name: 'sleep', args: ['10'], background: true })
    expect(foreground).not.toHaveProperty('background')
  })

  it('refuses curl with &', () => {
    expect(parseScript('curl localhost:9200 &')).toEqual([
      {
        kind: 'error',
        range: { start: 0, end: 21, line: 1, endLine: 1 },
        command: 'curl localhost:9200 &',
        message: 'curl: `&` is not supported in the playground: run curl in the foreground',
      },
    ])
  })

  it('reads playground commands shell-split', () => {
    expect(parseScript('stop-broker 2\nsleep "5 s"')).toEqual([
      {
        kind: 'playground',
        range: { start: 0, end: 13, line: 1, endLine: 1 },
        command: 'stop-broker 2',
        name: 'stop-broker',
        args: ['2'],
      },
      {
        kind: 'playground',
        range: { start: 14, end: 25, line: 2, endLine: 2 },
        command: 'sleep "5 s"',
        name: 'sleep',
        args: ['5 s'],
      },
    ])
  })

  it('reads a Dev Tools request line: method in any case, path made absolute, query split, comment cut', () => {
    expect(parseScript('  pOsT  demo/_search?q=fox&pretty   // find foxes\n')).toEqual([
      {
        kind: 'es',
        range: { start: 2, end: 49, line: 1, endLine: 1 },
        command: 'pOsT  demo/_search?q=fox&pretty   // find foxes',
        request: {
          method: 'POST',
          path: '/demo/_search',
          params: [
            ['q', 'fox'],
            ['pretty', ''],
          ],
          body: null,
        },
        via: 'devtools',
      },
    ])
  })

  it('ends a body at the next command of any kind and leaves trailing comment lines out', () => {
    const text = 'PUT demo/_doc/1\n{ "a": 1 }\n\n# next: a producer\n// and more\nkafka-topics.sh --list'
    expect(shapes(text)).toEqual([
      ['es', 0, 26, 1, 2],
      ['kafka', 59, 81, 6, 6],
    ])
  })

  it('keeps blank and comment lines inside a body', () => {
    const [put] = parseScript('PUT i/_doc/1\n{\n\n  # the text\n  "a": 1\n}')
    expect(put?.range).toEqual({ start: 0, end: 39, line: 1, endLine: 6 })
    expect(put?.kind === 'es' && put.request.body).toBe('{     "a": 1}\n')
  })

  it.each<[string, string, string | null, number]>([
    ['a blank line right after the request line', 'GET _search\n\n{ "size": 1 }', null, 13],
    ['a comment line right after the request line', 'GET _search\n# q\n{ "size": 1 }', null, 16],
    ['a blank line between NDJSON objects', 'POST _bulk\n{"index":{}}\n\n{"a":1}', '{"index":{}}\n', 25],
  ])('ends the body, as Kibana does, at %s: what follows is no body', (_name, text, body, strayStart) => {
    const [request, stray] = parseScript(text)
    expect(request?.kind === 'es' && request.request.body).toBe(body)
    expect(stray).toMatchObject({ kind: 'error', range: { start: strayStart, end: text.length } })
  })

  it('does not end a body at command-like lines inside a """ string', () => {
    const text = 'POST _query\n{\n  "query": """\nFROM logs\nGET _all\nhelp\n"""\n}\nGET _search'
    const commands = parseScript(text)
    expect(shapes(text)).toEqual([
      ['es', 0, 58, 1, 8],
      ['es', 59, 70, 9, 9],
    ])
    expect(commands[0]?.kind === 'es' && commands[0].request.body).toBe(
      '{  "query": "\\nFROM logs\\nGET _all\\nhelp\\n"}\n',
    )
  })

  it('does not end a body at lines inside a block comment', () => {
    expect(shapes('GET _search\n{\n/*\nGET _all\n*/\n"size": 1 }\nhelp')).toEqual([
      ['es', 0, 40, 1, 6],
      ['playground', 41, 45, 7, 7],
    ])
  })

  it('carries the node a curl line goes to beside its request, and none for Dev Tools', () => {
    expect(parseScript('curl -s 127.0.0.1:9202/_cat/nodes\nGET _cat/nodes')).toMatchObject([
      { kind: 'es', via: 'curl', host: '127.0.0.1', port: 9202, request: { path: '/_cat/nodes' } },
      { kind: 'es', via: 'devtools', request: { path: '/_cat/nodes' } },
    ])
    expect(parseScript('GET _cat/nodes')[0]).not.toHaveProperty('port')
  })

  it('reads curl lines, including the multi-line -d form of the Elasticsearch docs', () => {
    const text =
      'curl -X PUT "localhost:9200/i?pretty" -H \'Content-Type: application/json\' -d\'\n{\n  "settings": {}\n}\n\'\nhelp'
    expect(parseScript(text)).toEqual([
      {
        kind: 'es',
        range: { start: 0, end: 100, line: 1, endLine: 5 },
        command: text.slice(0, 100),
        request: {
          method: 'PUT',
          path: '/i',
          params: [['pretty', '']],
          body: '\n{\n  "settings": {}\n}\n',
          contentType: 'application/json',
        },
        via: 'curl',
        host: 'localhost',
        port: 9200,
      },
      {
        kind: 'playground',
        range: { start: 101, end: 105, line: 6, endLine: 6 },
        command: 'help',
        name: 'help',
        args: [],
      },
    ])
  })

  it('returns nothing for blank and comment-only text', () => {
    expect(parseScript('')).toEqual([])
    expect(parseScript('\n  \n# a\n// b\n/* c\n d */\n#!/bin/sh\n')).toEqual([])
  })
})

describe('parseScript on the mixed buffer of the brief', () => {
  const text = `# a comment line
kafka-topics.sh --bootstrap-server localhost:9092 --create --topic demo --partitions 2 --replication-factor 1
bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic demo
> first message
> {"id": 2, "text": "two words"}
./bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 \\
    --topic demo --from-beginning --max-messages 3

PUT demo/_doc/1
{
  "message": "The quick brown fox"
}

GET /demo/_search?q=fox&pretty
POST _bulk
{ "index": { "_index": "demo", "_id": "2" } }
{ "message": "second" }

GET demo/_search
{
  "query": { "match": { "message": """quick "brown" fox""" } }   // a comment Kibana allows
}

curl -XPUT 'localhost:9200/demo/_doc/3?pretty' -H 'Content-Type: application/json' -d '{"a": 1}'
curl -X GET "http://localhost:9200/_cluster/health?pretty"
help
stop-broker 2
`
  const commands = parseScript(text)

  it('finds every command with its exact range', () => {
    expect(shapes(text)).toEqual([
      ['kafka', 17, 126, 2, 2],
      ['kafka', 127, 252, 3, 5],
      ['kafka', 253, 371, 6, 7],
      ['es', 373, 427, 9, 12],
      ['es', 429, 459, 14, 14],
      ['es', 460, 540, 15, 17],
      ['es', 542, 654, 19, 22],
      ['es', 656, 752, 24, 24],
      ['es', 753, 811, 25, 25],
      ['playground', 812, 816, 26, 26],
      ['playground', 817, 830, 27, 27],
    ])
    for (const command of commands) {
      expect(
        text.slice(command.range.start, command.range.end).startsWith(command.command.split('\n')[0] ?? ''),
      ).toBe(true)
    }
  })

  it('builds the requests exactly as Kibana and curl send them', () => {
    expect(commands.flatMap((c) => (c.kind === 'es' ? [c.request] : []))).toEqual([
      { method: 'PUT', path: '/demo/_doc/1', params: [], body: '{  "message": "The quick brown fox"}\n' },
      {
        method: 'GET',
        path: '/demo/_search',
        params: [
          ['q', 'fox'],
          ['pretty', ''],
        ],
        body: null,
      },
      {
        method: 'POST',
        path: '/_bulk',
        params: [],
        body: '{ "index": { "_index": "demo", "_id": "2" } }\n{ "message": "second" }\n',
      },
      {
        method: 'GET',
        path: '/demo/_search',
        params: [],
        body: '{  "query": { "match": { "message": "quick \\"brown\\" fox" } }    }\n',
      },
      {
        method: 'PUT',
        path: '/demo/_doc/3',
        params: [['pretty', '']],
        body: '{"a": 1}',
        contentType: 'application/json',
      },
      { method: 'GET', path: '/_cluster/health', params: [['pretty', '']], body: null, contentType: null },
    ])
  })

  it('gives the producer its stdin', () => {
    expect(commands[1]).toMatchObject({ stdin: ['first message', '{"id": 2, "text": "two words"}'] })
  })
})
