// Here-documents and file redirections in the console parser: the body lines belong to their command
// (they are never parsed as commands), ranges end with the delimiter line, exact offsets as bash reads them.
import { describe, expect, it } from 'vitest'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'

describe('parseScript here-documents', () => {
  it('takes the lines up to the delimiter as the stdin of cat > file', () => {
    const text = 'cat > reassign.json <<EOF\n{"version":1,\n"partitions":[]}\nEOF\nkafka-topics.sh --list'
    expect(parseScript(text)).toEqual([
      {
        kind: 'playground',
        range: { start: 0, end: 60, line: 1, endLine: 4 },
        command: 'cat > reassign.json <<EOF',
        name: 'cat',
        args: [],
        stdin: ['{"version":1,', '"partitions":[]}'],
        redirects: [{ op: '>', path: 'reassign.json' }],
        typedHereDocuments: ['{"version":1,', '"partitions":[]}', 'EOF'],
      },
      {
        kind: 'kafka',
        range: { start: 61, end: 83, line: 5, endLine: 5 },
        command: 'kafka-topics.sh --list',
        tool: 'kafka-topics',
        argv: ['--list'],
        stdin: [],
      },
    ])
  })

  it('never reads body lines as commands, even when they look like ones', () => {
    const text = "cat > notes.txt <<'END'\nGET _search\nkafka-topics.sh --list\n# not a comment\n\nEND\nls"
    const [cat, ls] = parseScript(text)
    expect(cat).toMatchObject({
      kind: 'playground',
      range: { start: 0, end: 79, line: 1, endLine: 6 },
      stdin: ['GET _search', 'kafka-topics.sh --list', '# not a comment', ''],
    })
    expect(ls).toMatchObject({ kind: 'playground', name: 'ls', range: { start: 80, end: 82, line: 7 } })
  })

  it('strips leading tabs with <<- and keeps other indentation', () => {
    const text = 'cat > f <<-EOF\n\t\t a\n  b\n\tEOF'
    expect(parseScript(text)).toMatchObject([
      { kind: 'playground', range: { start: 0, end: 28, line: 1, endLine: 4 }, stdin: [' a', '  b'] },
    ])
  })

  it('feeds a Kafka tool from a here-document', () => {
    const text = 'kafka-console-producer.sh --topic t <<EOF\nk1\nk2\nEOF'
    expect(parseScript(text)).toMatchObject([
      { kind: 'kafka', range: { start: 0, end: 51, line: 1, endLine: 4 }, stdin: ['k1', 'k2'] },
    ])
  })

  it('runs a here-document never closed to the end of the buffer, with the warning bash 5.2 prints', () => {
    const text = 'help\ncat > f <<EOF\na\nb'
    expect(parseScript(text)).toEqual([
      {
        kind: 'playground',
        range: { start: 0, end: 4, line: 1, endLine: 1 },
        command: 'help',
        name: 'help',
        args: [],
      },
      {
        kind: 'playground',
        range: { start: 5, end: 22, line: 2, endLine: 4 },
        command: 'cat > f <<EOF',
        name: 'cat',
        args: [],
        stdin: ['a', 'b'],
        redirects: [{ op: '>', path: 'f' }],
        typedHereDocuments: ['a', 'b'],
        warnings: ["bash: warning: here-document at line 2 delimited by end-of-file (wanted `EOF')"],
      },
    ])
  })

  // Each line number and body checked against `bash script.sh` (5.2.15): the line bash had read last when it
  // began the body, and no line after the newline that ends the text.
  it.each([
    ['cat <<EOF\nbody\n', ['body'], ['1 EOF']],
    ['cat <<EOF\nbody', ['body'], ['1 EOF']],
    ['echo hi\ncat <<EOF\n', [], ['2 EOF']],
    ['cat <<EOF\n\n\n', ['', ''], ['1 EOF']],
    ['cat <<A <<B\none\nA\ntwo\n', ['two'], ['3 B']],
    ['cat <<A <<B\none\n', [], ['1 A', '2 B']],
    ['cat <<A <<B\none', [], ['1 A', '2 B']],
    ["cat <<-'E O'\n\tx\n", ['x'], ['1 E O']],
    ['cat \\\n  <<EOF\nx', ['x'], ['2 EOF']],
  ])('reads %j to the end with its warnings', (text, stdin, warned) => {
    const command = parseScript(text).at(-1)
    expect(command?.range.end).toBe(text.trimEnd().length)
    expect(command).toMatchObject({ kind: 'playground', name: 'cat', stdin })
    const warnings = warned.map((w) => {
      const [line, delimiter] = [w.slice(0, w.indexOf(' ')), w.slice(w.indexOf(' ') + 1)]
      return `bash: warning: here-document at line ${line} delimited by end-of-file (wanted \`${delimiter}')`
    })
    expect(command).toHaveProperty('warnings', warnings)
  })

  it('warns before the syntax error of a list the text ends in, but not after a syntax error within the line', () => {
    expect(parseScript('cat <<EOF |\na\n')).toEqual([
      {
        kind: 'error',
        range: { start: 0, end: 13, line: 1, endLine: 2 },
        command: 'cat <<EOF |\na',
        message: 'bash: syntax error: unexpected end of file',
        warnings: ["bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')"],
      },
    ])
    const [refused] = parseScript('cat <<EOF | | wc\na')
    expect(refused).toMatchObject({ kind: 'error', message: "bash: syntax error near unexpected token `|'" })
    expect(refused).not.toHaveProperty('warnings')
  })

  it('keeps file redirections of one-line commands', () => {
    const text = 'echo \'{"topics":[{"topic":"t"}]}\' > topics.json\nkafka-topics.sh --list >> out.txt'
    expect(parseScript(text)).toMatchObject([
      {
        kind: 'playground',
        range: { start: 0, end: 47, line: 1, endLine: 1 },
        name: 'echo',
        args: ['{"topics":[{"topic":"t"}]}'],
        redirects: [{ op: '>', path: 'topics.json' }],
      },
      { kind: 'kafka', range: { start: 48, end: 81 }, redirects: [{ op: '>>', path: 'out.txt' }] },
    ])
  })

  it('refuses output redirections on curl', () => {
    expect(parseScript('curl localhost:9200 > out.json')).toMatchObject([
      { kind: 'error', message: 'curl: redirections are not supported in the playground' },
    ])
  })

  it("gives curl a < file as its stdin, or the here-document when that comes last, as bash's order does", () => {
    const [file, here] = parseScript(
      'curl -d @- localhost:9200/i/_doc < a.json <<EOF\n{}\nEOF\ncurl -d @- localhost:9200 <<EOF < a.json\nx\nEOF',
    )
    expect(file).toMatchObject({
      kind: 'es',
      via: 'curl',
      stdin: ['{}'],
      redirects: [{ op: '<', path: 'a.json' }],
    })
    expect(here).toMatchObject({ kind: 'es', via: 'curl', redirects: [{ op: '<', path: 'a.json' }] })
    expect(here).not.toHaveProperty('stdin')
    expect(here).toHaveProperty('typedHereDocuments', ['x', 'EOF'])
  })

  it('reads every here-document of a command in order; the last one is its stdin', () => {
    const text = 'cat <<A <<-B\nfromA\nA\n\tfromB\n\tB\nls'
    const [cat, ls] = parseScript(text)
    expect(cat).toEqual({
      kind: 'playground',
      range: { start: 0, end: text.indexOf('\nls'), line: 1, endLine: 5 },
      command: 'cat <<A <<-B',
      name: 'cat',
      args: [],
      stdin: ['fromB'],
      typedHereDocuments: ['fromA', 'A', '\tfromB', '\tB'],
    })
    expect(ls).toMatchObject({ kind: 'playground', name: 'ls', range: { line: 6 } })
  })

  it('reads a here-string as a redirection: its command reads no > lines, curl takes the word as written', () => {
    const text =
      "kafka-console-producer.sh --topic t <<< 'k:v'\n> typed\ncurl -d @- localhost:9200/i/_search <<< '{}'"
    expect(parseScript(text)).toMatchObject([
      { kind: 'kafka', argv: ['--topic', 't'], stdin: [], range: { endLine: 1 } },
      { kind: 'error', command: '> typed' },
      { kind: 'es', via: 'curl', stdin: ['{}'] },
    ])
  })

  it('names the here-document never closed when an earlier one of the command was, and the list carries it', () => {
    expect(parseScript('cat <<A <<B | wc -l\na\nA\nb')).toMatchObject([
      {
        kind: 'list',
        pipelines: [{ commands: [{ name: 'cat', stdin: ['b'] }, { name: 'wc' }] }],
        typedHereDocuments: ['a', 'A', 'b'],
        warnings: ["bash: warning: here-document at line 3 delimited by end-of-file (wanted `B')"],
      },
    ])
    const [list] = parseScript('cat <<A <<B | wc -l\na\nA\nb')
    expect(list).toMatchObject({ kind: 'list' })
    if (list?.kind !== 'list') return
    for (const command of list.pipelines.flatMap((pipeline) => pipeline.commands))
      expect(command).not.toHaveProperty('warnings')
  })
})
