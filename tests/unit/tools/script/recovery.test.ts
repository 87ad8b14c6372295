// Errors and recovery: each error covers the text that caused it and parsing resumes at the next line
// that can start a command (Kibana's console parser contract). Fuzzed: parseScript never throws and its
// ranges always keep their invariants.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import type { ScriptCommand } from '../../../../workers/tools/script/types.ts'

const BLANKS = [' ', '\t', '\r', '\n']
const UNEXPECTED = 'Expected a command or one of GET/POST/PUT/DELETE/HEAD/PATCH'
type Summary = [kind: ScriptCommand['kind'], start: number, end: number, detail: string]

const summary = (text: string): Summary[] =>
  parseScript(text).map((c) => [
    c.kind,
    c.range.start,
    c.range.end,
    c.kind === 'error' ? c.message : c.kind === 'playground' ? c.name : c.command,
  ])

describe('parseScript error recovery', () => {
  it.each<[string, string, Summary[]]>([
    [
      'an unclosed triple quote on a line that reads as a tool path is one error, and parsing moves on',
      '"""//*/kafka-topics.sh\nhelp',
      [
        ['error', 0, 22, UNEXPECTED],
        ['playground', 23, 27, 'help'],
      ],
    ],
    [
      'a method line without url takes its body into the error',
      'GET\n{ "a": 1 }\nhelp',
      [
        ['error', 0, 14, 'Missing url'],
        ['playground', 15, 19, 'help'],
      ],
    ],
    [
      'an unclosed """ stops at the next request line, not at prose',
      'POST _query\n{\n  "script": """\n  some content\nhelp\nGET _search',
      [
        ['error', 0, 49, `failed to find closing '"""'`],
        ['es', 50, 61, 'GET _search'],
      ],
    ],
    [
      'an unclosed block comment in a body',
      'PUT x\n{ /* unclosed\n"a": 1 }\ncurl localhost:9200',
      [
        ['error', 0, 28, "failed to find closing '*/'"],
        ['es', 29, 48, 'curl localhost:9200'],
      ],
    ],
    [
      'an unterminated shell quote covers its first line only',
      "kafka-topics.sh --topic 'unterminated\nhelp",
      [
        ['error', 0, 37, "bash: unexpected EOF while looking for matching `''"],
        ['playground', 38, 42, 'help'],
      ],
    ],
    [
      'a shell operator error keeps the stdin lines that follow',
      'kafka-console-producer.sh --topic t | (cat)\n> a\nhelp',
      [
        ['error', 0, 47, "shell operator '(' is not supported in the playground"],
        ['playground', 48, 52, 'help'],
      ],
    ],
    [
      'stdin lines without a tool',
      '> orphan\n> two\nhelp me',
      [
        [
          'error',
          0,
          14,
          'A `>` line is the stdin of the Kafka tool command just above it, and there is none',
        ],
        ['playground', 15, 22, 'help'],
      ],
    ],
    [
      'a stray body takes the lines up to the next command',
      '{ "a": 1 }\n"b"\n\nstop-broker 1',
      [
        ['error', 0, 14, UNEXPECTED],
        ['playground', 16, 29, 'stop-broker'],
      ],
    ],
    [
      'a first word that is no command',
      '--topic x\n123',
      [
        ['error', 0, 9, UNEXPECTED],
        ['error', 10, 13, UNEXPECTED],
      ],
    ],
    [
      'a bad curl line',
      'curl localhost:9209/\nGET _search',
      [
        [
          'error',
          0,
          20,
          "curl: (7) Failed to connect to localhost port 9209 after 0 ms: Couldn't connect to server",
        ],
        ['es', 21, 32, 'GET _search'],
      ],
    ],
    [
      'a method prefix without a blank is a command name, not a request',
      'GETT _search\nPOST _bulk',
      [
        ['playground', 0, 12, 'GETT'],
        ['es', 13, 23, 'POST _bulk'],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(summary(text)).toEqual(expected)
  })

  it('names the failing first line in `command`', () => {
    const [stray] = parseScript('{ "a": 1,\n  "b": 2 }')
    expect(stray).toEqual({
      kind: 'error',
      range: { start: 0, end: 20, line: 1, endLine: 2 },
      command: '{ "a": 1,',
      message: UNEXPECTED,
    })
  })
})

describe('parseScript invariants under fuzzing', () => {
  const pieces = fc.constantFrom(
    'GET ',
    'get _search',
    'PUT i/_doc/1',
    'curl ',
    "-d '",
    'localhost:9200/x',
    'kafka-topics.sh',
    '> ',
    '"""',
    '"',
    "'",
    '\\',
    '/*',
    '*/',
    '//',
    '#',
    '{',
    '}',
    '|',
    ' ',
    '\n',
    '\r\n',
    'help',
    'x',
  )
  const scripts = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')),
  )

  it('never throws and keeps ranges sorted, disjoint, on distinct lines and inside the text', () => {
    fc.assert(
      fc.property(scripts, (text) => {
        const commands = parseScript(text)
        let previous: ScriptCommand | undefined
        for (const command of commands) {
          const { start, end, line, endLine } = command.range
          expect(0 <= start && start < end && end <= text.length).toBe(true)
          expect(line).toBe(text.slice(0, start).split('\n').length)
          expect(endLine).toBe(text.slice(0, end - 1).split('\n').length)
          expect(BLANKS).not.toContain(text.charAt(start))
          expect(BLANKS).not.toContain(text.charAt(end - 1))
          if (previous !== undefined) expect(previous.range.endLine).toBeLessThan(line)
          previous = command
        }
      }),
      { numRuns: 500 },
    )
  })
})
