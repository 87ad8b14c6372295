// grep's options, output prefixes, context, exit codes and error texts as GNU grep 3 prints them.
import { describe, expect, it } from 'vitest'
import { ShellFiles } from '../../../../../workers/tools/shell/shell-files.ts'
import { lines, runCommand } from './run-command.ts'

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"
const TOPICS = lines('__consumer_offsets\norders\norders-dlq\npayments')

function files(): ShellFiles {
  const shell = new ShellFiles()
  shell.write('a.txt', 'hello world\nfoo bar baz\n')
  shell.write('b.txt', 'Hello again\n')
  shell.write('patterns.txt', 'foo\nagain\n')
  return shell
}

type Case = [line: string[], stdin: string[], code: number, stdout: string, stderr?: string]

describe('grep', () => {
  it.each<Case>([
    [['grep', 'orders'], TOPICS, 0, 'orders\norders-dlq\n'],
    [['grep', '-v', 'orders'], TOPICS, 0, '__consumer_offsets\npayments\n'],
    [['grep', '-c', 'orders'], TOPICS, 0, '2\n'],
    [['grep', '-c', 'nothing'], TOPICS, 1, '0\n'],
    [['grep', 'nothing'], TOPICS, 1, ''],
    [['grep', '-x', 'orders'], TOPICS, 0, 'orders\n'],
    [['grep', '-w', 'orders'], TOPICS, 0, 'orders\norders-dlq\n'],
    [['grep', '-w', 'order'], TOPICS, 1, ''],
    [['grep', '-n', 'pay'], TOPICS, 0, '4:payments\n'],
    [['grep', '-i', 'ORDERS$'], TOPICS, 0, 'orders\n'],
    [['grep', '-E', '^(orders|payments)$'], TOPICS, 0, 'orders\npayments\n'],
    [['grep', '^\\(orders\\|payments\\)$'], TOPICS, 0, 'orders\npayments\n'],
    [['grep', '-e', 'dlq', '-e', 'pay'], TOPICS, 0, 'orders-dlq\npayments\n'],
    [['grep', 'dlq\npay'], TOPICS, 0, 'orders-dlq\npayments\n'],
    [['grep', '-F', 'a.c'], lines('abc\na.c'), 0, 'a.c\n'],
    [['grep', 'a.c'], lines('abc\na.c'), 0, 'abc\na.c\n'],
    [['grep', '-o', '[0-9]\\+'], lines('offset 12 lag 345'), 0, '12\n345\n'],
    [['grep', '-o', '-b', 'lag'], lines('x\noffset lag'), 0, '9:lag\n'],
    [
      ['grep', '-oE', '"[a-z_]+":'],
      lines('{"index":"orders","docs_count":3}'),
      0,
      '"index":\n"docs_count":\n',
    ],
    [['grep', '-q', 'orders'], TOPICS, 0, ''],
    [['grep', '-q', 'nope'], TOPICS, 1, ''],
    [['grep', '-m', '1', 'orders'], TOPICS, 0, 'orders\n'],
    [['grep', '-l', 'o'], TOPICS, 0, '(standard input)\n'],
    [['grep', 'foo', 'a.txt'], [], 0, 'foo bar baz\n'],
    [['grep', '-i', 'hello', 'a.txt', 'b.txt'], [], 0, 'a.txt:hello world\nb.txt:Hello again\n'],
    [['grep', '-h', '-i', 'hello', 'a.txt', 'b.txt'], [], 0, 'hello world\nHello again\n'],
    [['grep', '-H', 'foo', 'a.txt'], [], 0, 'a.txt:foo bar baz\n'],
    [['grep', '-c', 'z', 'a.txt', 'b.txt'], [], 0, 'a.txt:1\nb.txt:0\n'],
    [['grep', '-l', 'foo', 'a.txt', 'b.txt'], [], 0, 'a.txt\n'],
    [['grep', '-L', 'foo', 'a.txt', 'b.txt'], [], 0, 'b.txt\n'],
    [
      ['grep', '-n', '-f', 'patterns.txt', 'a.txt', 'b.txt'],
      [],
      0,
      'a.txt:2:foo bar baz\nb.txt:1:Hello again\n',
    ],
    [['grep', 'x', '-', 'b.txt'], ['x'], 0, '(standard input):x\n'],
    [['grep', '--label=in', '-H', 'x'], ['x'], 0, 'in:x\n'],
    [['grep', '--color=never', 'x'], ['x'], 0, 'x\n'],
    [['grep', '-Z', '-H', 'x'], ['x'], 0, '(standard input)\0x\n'],
    [['grep', '-lZ', 'foo', 'a.txt', 'b.txt'], [], 0, 'a.txt\0'],
    [['grep', '-A', '1', 'b'], lines('a\nb\nc\nd\nb\nc'), 0, 'b\nc\n--\nb\nc\n'],
    [['grep', '-B1', '-n', 'c'], lines('a\nb\nc\nd'), 0, '2-b\n3:c\n'],
    [['grep', '-C', '1', 'x'], lines('1\nx\n2\n3\n4\nx'), 0, '1\nx\n2\n--\n4\nx\n'],
    [
      ['grep', 'foo', 'no.txt', 'a.txt'],
      [],
      2,
      'a.txt:foo bar baz\n',
      'grep: no.txt: No such file or directory\n',
    ],
    [['grep', '-s', 'foo', 'no.txt'], [], 2, ''],
    [['grep', '-q', 'foo', 'no.txt', 'a.txt'], [], 0, '', 'grep: no.txt: No such file or directory\n'],
    [['grep'], [], 2, '', USAGE],
    [['grep', '-k', 'x'], [], 2, '', `grep: invalid option -- 'k'\n${USAGE}`],
    [['grep', '-E', '-F', 'x'], [], 2, '', 'grep: conflicting matchers specified\n'],
    // grep 3.8 on Debian 12: a `[` that ends the pattern is glibc's REG_BADPAT, one left open REG_EBRACK.
    [['grep', '['], [], 2, '', 'grep: Invalid regular expression\n'],
    [['grep', 'x[ab'], [], 2, '', 'grep: Unmatched [, [^, [:, [., or [=\n'],
    [['grep', '\\('], [], 2, '', 'grep: Unmatched ( or \\(\n'],
    [['grep', 'a\\{1'], [], 2, '', 'grep: Unmatched \\{\n'],
    [['grep', '-E', ')'], lines(')\nx'), 0, ')\n'],
    [['grep', '\\{1'], lines('{1\nx'), 0, '{1\n'],
    [['grep', '-E', 'a{1,2'], lines('a{1,2'), 0, 'a{1,2\n'],
    [['grep', '-A', 'x', 'y'], [], 2, '', 'grep: x: invalid context length argument\n'],
    [['grep', '-m', 'x', 'y'], [], 2, '', 'grep: invalid max count\n'],
    [['grep', '\\d'], ['d1'], 0, 'd1\n', 'grep: warning: stray \\ before d\n'],
    [['grep', '-P', '\\d'], [], 2, '', '[playground] grep: -P (Perl regular expressions) is not supported\n'],
  ])('%j', async (line, stdin, code, stdout, stderr = '') => {
    expect(await runCommand(line, stdin, files())).toEqual({ code, stdout, stderr })
  })

  it('answers a pathological pattern on a long line without freezing', async () => {
    const started = performance.now()
    const result = await runCommand(['grep', '-E', '(a|aa)*(a*)*b'], [`${'a'.repeat(20000)}c`])
    expect(result.code).toBe(1)
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
