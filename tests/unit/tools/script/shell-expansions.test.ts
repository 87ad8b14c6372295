// How the console's parser reads bash's expansions and assignments: `$NAME`, `${NAME}`, `$?`, `$(...)` and
// backquotes become parts of their word (quoted inside "..."), a lone `$` is text, and a line of
// `NAME=value` words is an assignment command whose range is exact.
import { describe, expect, it } from 'vitest'
import {
  assignmentName,
  assignmentValue,
  leadingAssignments,
  readShellLine,
  readShellWords,
} from '../../../../workers/tools/script/shell-words.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { commandAt } from '../../../../workers/tools/script/command-at.ts'

describe('readShellWords', () => {
  it('reads parameters, quoted or not, and keeps a lone $ as text', () => {
    expect(readShellWords('echo $A "${B}x" $? a$ $1', 0).words).toEqual([
      [{ kind: 'text', text: 'echo', quoted: false }],
      [{ kind: 'parameter', name: 'A', quoted: false, source: '$A' }],
      [
        { kind: 'parameter', name: 'B', quoted: true, source: '${B}' },
        { kind: 'text', text: 'x', quoted: true },
      ],
      [{ kind: 'parameter', name: '?', quoted: false, source: '$?' }],
      [{ kind: 'text', text: 'a$', quoted: false }],
      [{ kind: 'text', text: '$1', quoted: false }],
    ])
  })

  it('reads $(...) with nested parentheses and quotes, and backquotes with their escapes', () => {
    const line = readShellWords('X="$(echo "(a)" \')\')" `echo \\`b\\``', 0)
    expect(line.error).toBeNull()
    expect(line.words).toEqual([
      [
        { kind: 'text', text: 'X=', quoted: false },
        { kind: 'command', script: `echo "(a)" ')'`, quoted: true, source: `$(echo "(a)" ')')` },
      ],
      [{ kind: 'command', script: 'echo `b`', quoted: false, source: '`echo \\`b\\``' }],
    ])
  })

  it('keeps escaped and single-quoted dollars as text', () => {
    expect(readShellWords(`\\$A '$B' "\\$C"`, 0).words).toEqual([
      [
        { kind: 'text', text: '$', quoted: true },
        { kind: 'text', text: 'A', quoted: false },
      ],
      [{ kind: 'text', text: '$B', quoted: true }],
      [{ kind: 'text', text: '$C', quoted: true }],
    ])
  })

  it('gives the literal words the parser classifies commands by', () => {
    expect(readShellLine('KAFKA_CLUSTER_ID="$(bin/kafka-storage.sh random-uuid)"', 0)).toEqual({
      words: ['KAFKA_CLUSTER_ID=$(bin/kafka-storage.sh random-uuid)'],
      end: 54,
      error: null,
    })
  })

  it.each<[string, string]>([
    ['echo $(date', "bash: unexpected EOF while looking for matching `)'"],
    ['echo ${A', "bash: unexpected EOF while looking for matching `}'"],
    ['echo `date', "bash: unexpected EOF while looking for matching ``'"],
    ['echo "$(date"', "bash: unexpected EOF while looking for matching `)'"],
  ])('reports the unclosed expansion in %j as bash does', (input, error) => {
    expect(readShellWords(input, 0).error).toBe(error)
  })

  it('reports a bad substitution', () => {
    expect(readShellWords('echo ${A B} ${1x}', 0).error).toBe('${A B}: bad substitution')
  })

  it('recognises assignments by an unquoted name and =', () => {
    const words = readShellWords(`A=1 B="x y" 'C=2' d=3 D`, 0).words
    expect(words.map(assignmentName)).toEqual(['A', 'B', null, 'd', null])
    expect(leadingAssignments(words)).toBe(2)
    expect(assignmentValue(words[1] ?? [], 'B')).toEqual([{ kind: 'text', text: 'x y', quoted: true }])
  })
})

describe('parseScript with assignments', () => {
  it('makes a line of assignments a command of its own, and a prefixed command keeps its tool', () => {
    const text = 'X="$(kafka-storage.sh random-uuid)"\nFOO=1 kafka-topics.sh --list\nGET /\nY=2\n'
    const commands = parseScript(text)
    expect(commands.map((c) => [c.kind, c.range.line, c.command])).toEqual([
      ['playground', 1, 'X="$(kafka-storage.sh random-uuid)"'],
      ['kafka', 2, 'FOO=1 kafka-topics.sh --list'],
      ['es', 3, 'GET /'],
      ['playground', 4, 'Y=2'],
    ])
    expect(commands[0]).toMatchObject({ name: '', args: [] })
    expect(commands[1]).toMatchObject({ tool: 'kafka-topics', argv: ['--list'] })
    expect(commandAt(commands, text.indexOf('random'))).toBe(commands[0])
  })

  it('no longer takes the ( of $( for an operator', () => {
    expect(parseScript('echo $(echo a)')[0]?.kind).toBe('playground')
    expect(parseScript('echo (a)')[0]).toMatchObject({ kind: 'error' })
  })
})
