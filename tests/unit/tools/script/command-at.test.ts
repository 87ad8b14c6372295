// The command under the cursor: exact cases, then a property against a brute-force scan of every offset.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commandAt } from '../../../../workers/tools/script/command-at.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import type { ScriptCommand } from '../../../../workers/tools/script/types.ts'

const text = 'help\n\n  GET _search\n{\n  "size": 1\n}   \n# note\nkafka-topics.sh --list'
const commands = parseScript(text)
const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length

describe('commandAt', () => {
  it.each<[string, number, number | null]>([
    ['the start of a command', 0, 0],
    ['just after the end of a command', 4, 0],
    ['a blank line between commands', 5, null],
    ['the indentation before a request line', 6, 1],
    ['inside the body', 25, 1],
    ['the trailing blanks after the body', 37, 1],
    ['a comment line after the body', 40, null],
    ['the last command', text.length, 2],
  ])('%s', (_name, offset, index) => {
    const expected = index === null ? null : commands[index]
    expect(commandAt(commands, offset, lineAt(offset))).toBe(expected)
  })

  it('without a line, matches only by offset', () => {
    expect(commandAt(commands, 6)).toBeNull()
    expect(commandAt(commands, 8)).toBe(commands[1])
    expect(commandAt([], 0, 1)).toBeNull()
  })

  const fragments = [
    'help',
    '  stop-broker 1',
    'GET _search',
    'PUT i/_doc/1\n{\n  "a": 1\n}',
    'kafka-console-producer.sh --topic t\n> x\n> y',
    'curl localhost:9200/',
    '# comment',
    '',
    '   ',
    '{ "stray": 1 }',
    "kafka-topics.sh 'open",
  ]

  it('property: agrees with a brute-force scan at every offset', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), (parts) => {
        const script = parts.join('\n')
        const parsed = parseScript(script)
        const lines = script.split('\n')
        let offset = 0
        for (let line = 1; line <= lines.length; line++) {
          const length = lines[line - 1]?.length ?? 0
          for (let column = 0; column <= length; column++, offset++) {
            expect(commandAt(parsed, offset, line)).toBe(bruteForce(parsed, offset, line))
          }
        }
      }),
    )
  })
})

function bruteForce(parsed: ScriptCommand[], offset: number, line: number): ScriptCommand | null {
  return (
    parsed.find((c) => c.range.start <= offset && offset <= c.range.end) ??
    parsed.find((c) => c.range.line <= line && line <= c.range.endLine) ??
    null
  )
}
