// Bash lists in the console parser: `|` joins simple commands into pipelines, `&&`, `||` and `;` join
// pipelines; a line ending with `|`, `&&` or `||` goes on at the next command line; the `>` lines go to the
// console producer that no pipe feeds; syntax errors are bash's; exact offsets.
import { describe, expect, it } from 'vitest'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { readShellList } from '../../../../workers/tools/script/shell-list.ts'
import type { PipelineCommand, ScriptCommand } from '../../../../workers/tools/script/types.ts'

/** Each pipeline as its `after` operator and its commands' text. */
function shape(command: ScriptCommand | undefined): [string | null, string[]][] {
  if (command?.kind !== 'list') throw new Error(`not a list: ${JSON.stringify(command)}`)
  return command.pipelines.map((p) => [p.after, p.commands.map((c: PipelineCommand) => c.command)])
}

describe('readShellList', () => {
  it('reads every command with the operator before it, and ends at the newline', () => {
    const text = 'a x | b && c || d ; e\nnext'
    const list = readShellList(text, 0)
    expect(list.error).toBeNull()
    expect(list.end).toBe(21)
    expect(list.commands.map((c) => [c.after, c.start, c.read.end])).toEqual([
      [null, 0, 4],
      ['|', 6, 8],
      ['&&', 11, 13],
      ['||', 16, 18],
      [';', 20, 21],
    ])
  })

  it('goes on at the next command line after a trailing |, && or ||, skipping blanks and comments', () => {
    const text = 'a |  # pipe\n\n  # more\n  b &&\nc\nd'
    const list = readShellList(text, 0)
    expect(list.commands.map((c) => [c.after, text.slice(c.start, c.read.end).trim()])).toEqual([
      [null, 'a'],
      ['|', 'b'],
      ['&&', 'c'],
    ])
    expect(list.end).toBe(text.indexOf('\nd'))
  })

  it('ends the list at a trailing ;', () => {
    const list = readShellList('a ; # done\nb', 0)
    expect(list.commands).toHaveLength(1)
    expect(list.end).toBe(10)
  })

  it.each<[string, string]>([
    ['a |', 'bash: syntax error: unexpected end of file'],
    ['a &&\n\n# nothing', 'bash: syntax error: unexpected end of file'],
    ['a | | b', "bash: syntax error near unexpected token `|'"],
    ['a && ; b', "bash: syntax error near unexpected token `;'"],
    ['a ;; b', "bash: syntax error near unexpected token `;;'"],
    ['a | (b)', "shell operator '(' is not supported in the playground"],
    ['a & b', "shell operator '&' is not supported in the playground"],
    ["a | b 'c", "bash: unexpected EOF while looking for matching `''"],
  ])('answers %j with %s', (text, error) => {
    expect(readShellList(text, 0).error).toBe(error)
  })
})

describe('parseScript lists', () => {
  it('groups simple commands into pipelines, each with its own range and kind', () => {
    const text = 'echo hi | kafka-console-producer.sh --topic t && curl -s localhost:9200 || ls; false'
    const [list] = parseScript(text)
    expect(shape(list)).toEqual([
      [null, ['echo hi', 'kafka-console-producer.sh --topic t']],
      ['&&', ['curl -s localhost:9200']],
      ['||', ['ls']],
      [';', ['false']],
    ])
    expect(list).toMatchObject({
      kind: 'list',
      range: { start: 0, end: text.length, line: 1, endLine: 1 },
      command: text,
      stdin: [],
    })
    const commands = list?.kind === 'list' ? list.pipelines.flatMap((p) => p.commands) : []
    expect(commands.map((c) => [c.kind, c.range.start, c.range.end])).toEqual([
      ['playground', 0, 7],
      ['kafka', 10, 45],
      ['es', 49, 71],
      ['playground', 75, 77],
      ['playground', 79, 84],
    ])
    expect(commands[1]).toMatchObject({ tool: 'kafka-console-producer', argv: ['--topic', 't'], stdin: [] })
  })

  it('gives the > lines to the console producer that no pipe feeds, and ends the range with them', () => {
    const text = 'kafka-topics.sh --create --topic t && kafka-console-producer.sh --topic t\n> a\n> b\nls'
    const [list, ls] = parseScript(text)
    const producer = list?.kind === 'list' ? list.pipelines[1]?.commands[0] : undefined
    expect(producer).toMatchObject({ kind: 'kafka', tool: 'kafka-console-producer', stdin: ['a', 'b'] })
    expect(list).toMatchObject({ stdin: ['a', 'b'], range: { end: text.indexOf('\nls'), endLine: 3 } })
    expect(ls).toMatchObject({ kind: 'playground', name: 'ls' })
  })

  it('leaves > lines after a piped producer to nobody', () => {
    const [list, orphan] = parseScript('echo x | kafka-console-producer.sh --topic t\n> a')
    expect(list).toMatchObject({ kind: 'list', stdin: [] })
    expect(orphan).toMatchObject({ kind: 'error', command: '> a' })
  })

  it('reads a here-document after the line for the command that has it', () => {
    const text = 'cat <<EOF | kafka-console-producer.sh --topic t\none\ntwo\nEOF\nls'
    const [list, ls] = parseScript(text)
    expect(list).toMatchObject({
      kind: 'list',
      stdin: [],
      typedHereDocuments: ['one', 'two', 'EOF'],
      range: { endLine: 4 },
    })
    const [cat, producer] = list?.kind === 'list' ? (list.pipelines[0]?.commands ?? []) : []
    expect(cat).toMatchObject({ kind: 'playground', name: 'cat', stdin: ['one', 'two'] })
    expect(producer).toMatchObject({ kind: 'kafka', stdin: [] })
    expect(ls).toMatchObject({ kind: 'playground', name: 'ls', range: { line: 5 } })
  })

  it('reads a here-document right after its physical line when the list goes on after |, && or ||', () => {
    // bash 5.2: `cat <<EOF |` + body + `EOF` + `grep x` pipes the body into grep.
    const text = 'cat <<EOF |\nhello x\nbye\nEOF\ngrep x &&\ncat <<A <<B\na\nA\nb\nB\nls'
    const [list, ls] = parseScript(text)
    expect(shape(list)).toEqual([
      [null, ['cat <<EOF', 'grep x']],
      ['&&', ['cat <<A <<B']],
    ])
    expect(list).toMatchObject({
      kind: 'list',
      command: 'cat <<EOF |\nhello x\nbye\nEOF\ngrep x &&\ncat <<A <<B',
      stdin: [],
      typedHereDocuments: ['a', 'A', 'b', 'B'],
      range: { start: 0, end: text.indexOf('\nls'), line: 1, endLine: 10 },
    })
    const [cat, grep, second] = list?.kind === 'list' ? list.pipelines.flatMap((p) => p.commands) : []
    expect(cat).toMatchObject({ name: 'cat', stdin: ['hello x', 'bye'], range: { line: 1, endLine: 1 } })
    expect(grep).toMatchObject({ name: 'grep', args: ['x'], range: { line: 5 } })
    expect(grep).not.toHaveProperty('stdin')
    expect(second).toMatchObject({ name: 'cat', stdin: ['b'], range: { line: 6 } })
    expect(ls).toMatchObject({ kind: 'playground', name: 'ls', range: { line: 11 } })
  })

  it('reads the here-documents of several commands on one line in the order of their operators', () => {
    const text = 'cat <<A | cat - <<B\nfromA\nA\nfromB\nB'
    const [list] = parseScript(text)
    const [first, second] = list?.kind === 'list' ? (list.pipelines[0]?.commands ?? []) : []
    expect(first).toMatchObject({ name: 'cat', stdin: ['fromA'] })
    expect(second).toMatchObject({ name: 'cat', args: ['-'], stdin: ['fromB'] })
    expect(list).toMatchObject({ typedHereDocuments: ['fromA', 'A', 'fromB', 'B'], range: { endLine: 5 } })
  })

  it('reads the > lines of a list after its here-documents', () => {
    const text = 'cat <<EOF; kafka-console-producer.sh --topic t\nbody\nEOF\n> typed'
    const [list] = parseScript(text)
    expect(list).toMatchObject({
      stdin: ['typed'],
      typedHereDocuments: ['body', 'EOF'],
      range: { endLine: 4 },
    })
  })

  it('marks the whole list as the background job when the line ends with &', () => {
    const [list] = parseScript('sleep 1 && echo done &')
    expect(list).toMatchObject({ kind: 'list', background: true })
    const commands = list?.kind === 'list' ? list.pipelines.flatMap((p) => p.commands) : []
    expect(commands.some((c) => 'background' in c)).toBe(false)
  })

  it('keeps a bad curl as an error command inside the list (bash runs the rest)', () => {
    const [list] = parseScript('curl -o out localhost:9200 || echo failed')
    const [curl] = list?.kind === 'list' ? (list.pipelines[0]?.commands ?? []) : []
    expect(curl).toMatchObject({
      kind: 'error',
      message: 'curl: option -o: is not supported in the playground',
    })
  })

  it('makes a syntax error one error command covering the whole list', () => {
    expect(parseScript('echo x | | cat\nls')).toMatchObject([
      { kind: 'error', command: 'echo x | | cat', message: "bash: syntax error near unexpected token `|'" },
      { kind: 'playground', name: 'ls' },
    ])
  })

  it('still parses a single command as before (true and false are commands)', () => {
    expect(parseScript('false')).toMatchObject([{ kind: 'playground', name: 'false', args: [] }])
    expect(parseScript('kafka-topics.sh --list ;')).toMatchObject([{ kind: 'kafka', argv: ['--list'] }])
  })
})
