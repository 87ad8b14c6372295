// POSIX shell word splitting (sh "Quoting" rules), checked against exact tables and against quoting
// oracles: any words, quoted the way a shell user quotes them, must read back unchanged.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { literalWord, readShellLine, readShellWords } from '../../../../workers/tools/script/shell-words.ts'

describe('readShellLine', () => {
  it.each<[string, string, string[]]>([
    ['blanks separate words', 'a  b\tc', ['a', 'b', 'c']],
    ['single and double quotes group', `'a b' "c d"`, ['a b', 'c d']],
    ['adjacent pieces join', `a'b'"c"d`, ['abcd']],
    ['an empty quoted word stays', `x '' ""`, ['x', '', '']],
    ['an unquoted backslash escapes', 'a\\ b \\"c\\\\', ['a b', '"c\\']],
    ['single quotes keep backslashes', `'a\\nb\\'`, ['a\\nb\\']],
    ['double quotes: \\ escapes $ ` " \\ only', '"a\\"b\\\\c\\$d\\`e\\f"', ['a"b\\c$d`e\\f']],
    ['variables stay literal', '--topic $TOPIC "${X}"', ['--topic', '$TOPIC', '${X}']],
    ['a # at a word start is a comment', 'a b # c d', ['a', 'b']],
    ['a # inside a word is text', 'a#b "#c"', ['a#b', '#c']],
    ['JSON in single quotes', `-d '{"a": "b c"}'`, ['-d', '{"a": "b c"}']],
  ])('%s', (_name, input, words) => {
    expect(readShellLine(input, 0)).toEqual({ words, end: input.length, error: null })
  })

  it('stops at the end of the line and starts where told', () => {
    const text = 'skip\nab cd\r\nnext'
    expect(readShellLine(text, 5)).toEqual({ words: ['ab', 'cd'], end: 11, error: null })
  })

  it('joins a backslash-newline continuation, also with CRLF and inside double quotes', () => {
    expect(readShellLine('a \\\n  b\\\r\nc "d\\\ne"\nnext', 0)).toEqual({
      words: ['a', 'bc', 'de'],
      end: 18,
      error: null,
    })
  })

  it('lets quotes span lines', () => {
    expect(readShellLine("-d '\n{\n}\n' x\ny", 0)).toEqual({
      words: ['-d', '\n{\n}\n', 'x'],
      end: 12,
      error: null,
    })
  })

  it('does not continue a comment with a trailing backslash', () => {
    expect(readShellLine('a # b \\\nc', 0)).toEqual({ words: ['a'], end: 7, error: null })
  })

  it.each<[string, string]>([
    [`a 'b`, "bash: unexpected EOF while looking for matching `''"],
    ['a "b\nc', 'bash: unexpected EOF while looking for matching `"\''],
  ])('reports an unterminated quote in %j on the first line only', (input, error) => {
    const newline = input.indexOf('\n')
    expect(readShellLine(input, 0)).toEqual({ words: [], end: newline < 0 ? input.length : newline, error })
  })

  it.each<[string, string]>([
    ['|', '|'],
    ['||', '||'],
    ['&&', '&&'],
    [';', ';'],
    ['|x', '|'],
  ])('ends the command at the control operator in `--list %s x`', (written, operator) => {
    const read = readShellWords(`kafka-topics.sh --list ${written} x`, 0)
    expect(read.operator).toBe(operator)
    expect(read.end).toBe(23)
    expect(read.words.map(literalWord)).toEqual(['kafka-topics.sh', '--list'])
    expect(read.error).toBeNull()
  })

  it.each(['|', '||', '&&', ';', ';;'])('answers %s with no command before it as bash does', (operator) => {
    expect(readShellWords(`${operator} x`, 0).error).toBe(
      `bash: syntax error near unexpected token \`${operator}'`,
    )
    expect(readShellWords(`echo > ${operator} x`, 0).error).toBe(
      `bash: syntax error near unexpected token \`${operator}'`,
    )
  })

  it.each(['&', '(', ')', '|&'])('refuses the unquoted operator %s', (operator) => {
    const line = readShellLine(`kafka-topics.sh --list ${operator} x`, 0)
    expect(line.error).toBe(`shell operator '${operator}' is not supported in the playground`)
    expect(line.end).toBe(25 + operator.length)
    expect(readShellLine(`echo '${operator}' "${operator}"`, 0).error).toBeNull()
  })

  it.each<[string, string[]]>([
    ['kafka-console-consumer.sh --topic t &', ['kafka-console-consumer.sh', '--topic', 't']],
    ['sleep 5&', ['sleep', '5']],
    ['sleep 5 &  # in the background', ['sleep', '5']],
    ['cat > f &', ['cat']],
  ])('reads a trailing & in %j as a background job', (input, words) => {
    const line = readShellLine(input, 0)
    expect(line.words).toEqual(words)
    expect(line.background).toBe(true)
    expect(line.error).toBeNull()
  })

  it.each(['&', '  & # alone', 'cat > &'])('refuses %j as bash does', (input) => {
    expect(readShellLine(input, 0).error).toBe("bash: syntax error near unexpected token `&'")
  })

  it.each(['sleep 1 && sleep 2', 'sleep 1 & sleep 2', "echo '&'", 'echo \\&'])(
    'runs %j in the foreground',
    (input) => {
      expect(readShellLine(input, 0).background).toBeUndefined()
    },
  )

  it.each<[string, string, string[], Array<{ op: string; target: string }>]>([
    ['output to a file', 'cat > reassign.json', ['cat'], [{ op: '>', target: 'reassign.json' }]],
    [
      'a quoted here-document word',
      `cat > f.json <<'EOF'`,
      ['cat'],
      [
        { op: '>', target: 'f.json' },
        { op: '<<', target: 'EOF' },
      ],
    ],
    [
      'attached operators and append',
      `echo '{"a":1}'>>f <<-END`,
      ['echo', '{"a":1}'],
      [
        { op: '>>', target: 'f' },
        { op: '<<-', target: 'END' },
      ],
    ],
    [
      'input from a file',
      'kafka-console-producer.sh --topic t < in.txt',
      ['kafka-console-producer.sh', '--topic', 't'],
      [{ op: '<', target: 'in.txt' }],
    ],
  ])('reads redirections apart from the words: %s', (_name, input, words, redirects) => {
    expect(readShellLine(input, 0)).toEqual({ words, end: input.length, error: null, redirects })
  })

  it.each<[string, string]>([
    ['cat >', "bash: syntax error near unexpected token `newline'"],
    ['cat > > f', "bash: syntax error near unexpected token `>'"],
    ['cat <<', "bash: syntax error near unexpected token `newline'"],
  ])('answers a redirection without target as bash does: %j', (input, error) => {
    expect(readShellLine(input, 0).error).toBe(error)
  })

  const words = fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 6 })

  it('property: single-quoted words read back unchanged', () => {
    const quote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`
    fc.assert(
      fc.property(words, (ws) => {
        const line = ws.map(quote).join(' ')
        expect(readShellLine(line, 0)).toEqual({ words: ws, end: line.length, error: null })
      }),
    )
  })

  it('property: double-quoted words read back unchanged', () => {
    const quote = (w: string): string => `"${w.replace(/[$`"\\]/g, (c) => `\\${c}`)}"`
    fc.assert(
      fc.property(words, (ws) => {
        const line = ws.map(quote).join('\t')
        expect(readShellLine(line, 0)).toEqual({ words: ws, end: line.length, error: null })
      }),
    )
  })

  it('property: backslash-escaped words read back unchanged when they hold no newline', () => {
    const plain = fc.array(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((w) => !w.includes('\n')),
      { minLength: 1, maxLength: 6 },
    )
    const escape = (w: string): string => w.replace(/./gsu, (c) => `\\${c}`)
    fc.assert(
      fc.property(plain, (ws) => {
        const line = ws.map(escape).join(' ')
        expect(readShellLine(line, 0)).toEqual({ words: ws, end: line.length, error: null })
      }),
    )
  })
})
