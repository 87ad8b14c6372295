// seq, head, tail, wc, sort, uniq, cut and tr: exact outputs and errors as GNU coreutils 9 prints them.
import { describe, expect, it } from 'vitest'
import { ShellFiles } from '../../../../../workers/tools/shell/shell-files.ts'
import { FILE_COMMANDS } from '../../../../../workers/tools/shell/file-commands.ts'
import { Pipe } from '../../../../../workers/tools/shell/pipe.ts'
import { InputLines } from '../../../../../workers/tools/line-input.ts'
import { lines, runCommand } from './run-command.ts'

const TRY = (program: string) => `Try '${program} --help' for more information.\n`

function files(): ShellFiles {
  const shell = new ShellFiles()
  shell.write('a.txt', 'hello world\nfoo bar baz\n')
  shell.write('b.txt', 'x\n')
  shell.write('nums.txt', Array.from({ length: 15 }, (_, i) => `${i + 1}\n`).join(''))
  return shell
}

type Case = [line: string[], stdin: string[], code: number, stdout: string, stderr?: string]

async function check([line, stdin, code, stdout, stderr = '']: Case): Promise<void> {
  expect(await runCommand(line, stdin, files())).toEqual({ code, stdout, stderr })
}

describe('seq', () => {
  it.each<Case>([
    [['seq', '3'], [], 0, '1\n2\n3\n'],
    [['seq', '2', '4'], [], 0, '2\n3\n4\n'],
    [['seq', '10', '-3', '1'], [], 0, '10\n7\n4\n1\n'],
    [['seq', '-1', '1'], [], 0, '-1\n0\n1\n'],
    [['seq', '5', '1'], [], 0, ''],
    [['seq', '0', '0.25', '1'], [], 0, '0.00\n0.25\n0.50\n0.75\n1.00\n'],
    [['seq', '0', '0.1', '0.3'], [], 0, '0.0\n0.1\n0.2\n0.3\n'],
    [['seq', '1', '0.5', '2'], [], 0, '1.0\n1.5\n2.0\n'],
    [['seq', '-w', '8', '10'], [], 0, '08\n09\n10\n'],
    [['seq', '-w', '-1', '1'], [], 0, '-1\n00\n01\n'],
    [['seq', '-s', ',', '3'], [], 0, '1,2,3\n'],
    [['seq', '-s', ', ', '1', '3'], [], 0, '1, 2, 3\n'],
    [['seq', '-f', 'item-%g', '2'], [], 0, 'item-1\nitem-2\n'],
    [['seq', '-f', '%03.0f', '9', '10'], [], 0, '009\n010\n'],
    [['seq', '-f', '%e', '1'], [], 0, '1.000000e+00\n'],
    [['seq', '1e1', '1e1'], [], 0, '10\n'],
    [['seq'], [], 1, '', `seq: missing operand\n${TRY('seq')}`],
    [['seq', '1', '2', '3', '4'], [], 1, '', `seq: extra operand ‘4’\n${TRY('seq')}`],
    [['seq', 'x'], [], 1, '', `seq: invalid floating point argument: ‘x’\n${TRY('seq')}`],
    [['seq', '1', '0', '3'], [], 1, '', `seq: invalid Zero increment value: ‘0’\n${TRY('seq')}`],
    [['seq', '-f', '%d', '3'], [], 1, '', 'seq: format ‘%d’ has unknown %d directive\n'],
    [['seq', '-f', 'x', '3'], [], 1, '', 'seq: format ‘x’ has no % directive\n'],
    [['seq', '-f', '%g%g', '3'], [], 1, '', 'seq: format ‘%g%g’ has too many % directives\n'],
    [['seq', '-q', '3'], [], 1, '', `seq: invalid option -- 'q'\n${TRY('seq')}`],
    [['seq', 'nan'], [], 1, '', `seq: invalid ‘not-a-number’ argument: ‘nan’\n${TRY('seq')}`],
    [['seq', '-w', '-f', '%d', '3'], [], 1, '', 'seq: format ‘%d’ has unknown %d directive\n'],
    [
      ['seq', '-w', '-f', '%g', '3'],
      [],
      1,
      '',
      `seq: format string may not be specified when printing equal width strings\n${TRY('seq')}`,
    ],
    [['seq', '-f', 'n=%.1f;', '0', '0.1', '0.2'], [], 0, 'n=0.0;\nn=0.1;\nn=0.2;\n'],
    [['seq', '-w', '.5', '1.5'], [], 0, '0.5\n1.5\n'],
    [['seq', '-w', '1e1', '11'], [], 0, '10\n11\n'],
    [['seq', '1', '5', '-s,'], [], 1, '', `seq: invalid floating point argument: ‘-s,’\n${TRY('seq')}`],
  ])('%j', (...c) => check(c))

  it('ends 0 0.1 1 at 1.0, as seq prints the number just past LAST that prints as LAST', async () => {
    expect((await runCommand(['seq', '0', '0.1', '1'])).stdout.split('\n').slice(-3)).toEqual([
      '0.9',
      '1.0',
      '',
    ])
  })
})

describe('head and tail', () => {
  it.each<Case>([
    [['head', '-n', '2'], lines('a\nb\nc'), 0, 'a\nb\n'],
    [['head', '-2'], lines('a\nb\nc'), 0, 'a\nb\n'],
    [['head', '-n2'], lines('a\nb\nc'), 0, 'a\nb\n'],
    [['head', '--lines=1'], lines('a\nb'), 0, 'a\n'],
    [['head', '-n', '-1'], lines('a\nb\nc'), 0, 'a\nb\n'],
    [['head', '-c', '3'], lines('abcdef'), 0, 'abc'],
    [['head'], [], 0, ''],
    [['head', 'nums.txt'], [], 0, '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n'],
    [['head', '-n', '1', 'a.txt', 'b.txt'], [], 0, '==> a.txt <==\nhello world\n\n==> b.txt <==\nx\n'],
    [['head', '-q', '-n', '1', 'a.txt', 'b.txt'], [], 0, 'hello world\nx\n'],
    [['head', '-v', '-n', '1', '-'], ['in'], 0, '==> standard input <==\nin\n'],
    [['head', '-n', 'x'], [], 1, '', 'head: invalid number of lines: ‘x’\n'],
    [['head', '-c', '1x'], [], 1, '', 'head: invalid number of bytes: ‘1x’\n'],
    [['head', '-n'], [], 1, '', `head: option requires an argument -- 'n'\n${TRY('head')}`],
    [['head', '--nope'], [], 1, '', `head: unrecognized option '--nope'\n${TRY('head')}`],
    [
      ['head', '-n', '1', 'no.txt', 'b.txt'],
      [],
      1,
      '==> b.txt <==\nx\n',
      "head: cannot open 'no.txt' for reading: No such file or directory\n",
    ],
    [['tail', '-n', '2'], lines('a\nb\nc'), 0, 'b\nc\n'],
    [['tail', '-1'], lines('a\nb\nc'), 0, 'c\n'],
    [['tail', '-n', '+2'], lines('a\nb\nc'), 0, 'b\nc\n'],
    [['tail', '+3', 'nums.txt'], [], 0, '3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n'],
    [['tail', 'nums.txt'], [], 0, '6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n'],
    [['tail', '-c', '4'], lines('abcdef'), 0, 'def\n'],
    [['tail', '-n', '1', 'a.txt', 'b.txt'], [], 0, '==> a.txt <==\nfoo bar baz\n\n==> b.txt <==\nx\n'],
    [['tail', '-n', 'z'], [], 1, '', 'tail: invalid number of lines: ‘z’\n'],
    [['tail', 'no.txt'], [], 1, '', "tail: cannot open 'no.txt' for reading: No such file or directory\n"],
    [
      ['tail', '-f', 'a.txt'],
      [],
      1,
      '',
      '[playground] tail: following a file (-f, -F, --follow) is not supported\n',
    ],
  ])('%j', (...c) => check(c))
})

describe('wc', () => {
  it.each<Case>([
    [['wc'], lines('a b\nc'), 0, '      2       3       6\n'],
    [['wc', '-l'], lines('a\nb\nc'), 0, '3\n'],
    [['wc', '-w'], lines('one two  three'), 0, '3\n'],
    [['wc', '-c'], ['héllo'], 0, '7\n'],
    [['wc', '-m'], ['héllo'], 0, '6\n'],
    [['wc', '-lc'], lines('a\nb'), 0, '      2       4\n'],
    [['wc', '-L'], lines('ab\nabcd'), 0, '4\n'],
    [['wc', 'a.txt'], [], 0, ' 2  5 24 a.txt\n'],
    [['wc', '-l', 'a.txt'], [], 0, '2 a.txt\n'],
    [['wc', 'a.txt', 'b.txt'], [], 0, ' 2  5 24 a.txt\n 1  1  2 b.txt\n 3  6 26 total\n'],
    [['wc', '-l', 'a.txt', '-'], ['x'], 0, '      2 a.txt\n      1 -\n      3 total\n'],
    [['wc', 'no.txt'], [], 1, '', 'wc: no.txt: No such file or directory\n'],
    [['wc', '-l', 'no.txt', 'b.txt'], [], 1, '1 b.txt\n1 total\n', 'wc: no.txt: No such file or directory\n'],
    [['wc', '-x'], [], 1, '', `wc: invalid option -- 'x'\n${TRY('wc')}`],
  ])('%j', (...c) => check(c))
})

describe('sort and uniq', () => {
  it.each<Case>([
    [['sort'], lines('b\nB\na\n_\n10\n9'), 0, '10\n9\nB\n_\na\nb\n'],
    [['sort', '-r'], lines('a\nc\nb'), 0, 'c\nb\na\n'],
    [['sort', '-n'], lines('10\n9\n-1\nx\n1.5'), 0, '-1\nx\n1.5\n9\n10\n'],
    [['sort', '-rn'], lines('1\n3\n2'), 0, '3\n2\n1\n'],
    [['sort', '-f'], lines('b\nA\na\nB'), 0, 'A\na\nB\nb\n'],
    [['sort', '-u'], lines('b\na\nb'), 0, 'a\nb\n'],
    [['sort', '-h'], lines('1G\n10K\n2M\n5'), 0, '5\n10K\n2M\n1G\n'],
    [['sort', '-t', ',', '-k', '2'], lines('x,b\ny,a'), 0, 'y,a\nx,b\n'],
    [['sort', '-t:', '-k2,2n'], lines('a:3\nb:10\nc:1'), 0, 'c:1\na:3\nb:10\n'],
    [['sort', '-k2nr', '-k1,1'], lines('b 1\na 2\nc 1'), 0, 'a 2\nb 1\nc 1\n'],
    [['sort', '-k', '2'], lines('x  b\ny a'), 0, 'x  b\ny a\n'],
    [['sort', '-b', '-k', '2'], lines('x  b\ny a'), 0, 'y a\nx  b\n'],
    [['sort', '-s', '-k1,1'], lines('b 2\na 9\nb 1'), 0, 'a 9\nb 2\nb 1\n'],
    [['sort', '-k1,1'], lines('b 2\na 9\nb 1'), 0, 'a 9\nb 1\nb 2\n'],
    [['sort', '-c'], lines('a\nc\nb'), 1, '', 'sort: -:3: disorder: b\n'],
    [['sort', '-C'], lines('a\nc\nb'), 1, ''],
    [['sort', 'no.txt'], [], 2, '', 'sort: cannot read: no.txt: No such file or directory\n'],
    [['sort', '-k', '0'], [], 2, '', 'sort: field number is zero: invalid field specification ‘0’\n'],
    [['sort', '-k', '1.0'], [], 2, '', 'sort: character offset is zero: invalid field specification ‘1.0’\n'],
    [['sort', '-t', 'ab'], [], 2, '', 'sort: multi-character tab ‘ab’\n'],
    [['sort', '-y'], [], 2, '', `sort: invalid option -- 'y'\n${TRY('sort')}`],
    [['uniq'], lines('a\na\nb\na'), 0, 'a\nb\na\n'],
    [['uniq', '-c'], lines('a\na\nb'), 0, '      2 a\n      1 b\n'],
    [['uniq', '-d'], lines('a\na\nb'), 0, 'a\n'],
    [['uniq', '-u'], lines('a\na\nb'), 0, 'b\n'],
    [['uniq', '-i'], lines('a\nA\nb'), 0, 'a\nb\n'],
    [['uniq', '-f', '1'], lines('1 a\n2 a\n3 b'), 0, '1 a\n3 b\n'],
    [['uniq', '-c', 'a.txt'], [], 0, '      1 hello world\n      1 foo bar baz\n'],
    [['uniq', 'no.txt'], [], 1, '', 'uniq: no.txt: No such file or directory\n'],
    [['uniq', '-f', 'x'], [], 1, '', 'uniq: x: invalid number of fields to skip\n'],
    [['uniq', 'a', 'b', 'c'], [], 1, '', `uniq: extra operand ‘c’\n${TRY('uniq')}`],
  ])('%j', (...c) => check(c))

  it('uniq OUTPUT and sort -o write the shell file', async () => {
    const shell = files()
    expect((await runCommand(['sort', '-o', 'sorted.txt'], ['b', 'a'], shell)).code).toBe(0)
    expect(shell.read('sorted.txt')).toBe('a\nb\n')
    expect((await runCommand(['uniq', '-', 'u.txt'], ['a', 'a'], shell)).code).toBe(0)
    expect(shell.read('u.txt')).toBe('a\n')
  })
})

describe('cut and tr', () => {
  it.each<Case>([
    [['cut', '-d', ',', '-f', '2'], lines('a,b,c\nnone'), 0, 'b\nnone\n'],
    [['cut', '-d,', '-f1,3'], lines('a,b,c'), 0, 'a,c\n'],
    [['cut', '-d,', '-f', '3,1'], lines('a,b,c'), 0, 'a,c\n'],
    [['cut', '-d,', '-f2-'], lines('a,b,c'), 0, 'b,c\n'],
    [['cut', '-d,', '-s', '-f1'], lines('a,b\nnone'), 0, 'a\n'],
    [['cut', '-f', '2'], lines('a\tb'), 0, 'b\n'],
    [['cut', '-f1', '-c1'], [], 1, '', `cut: only one type of list may be specified\n${TRY('cut')}`],
    [['cut', '-d,', '--complement', '-f2'], lines('a,b,c'), 0, 'a,c\n'],
    [['cut', '-d,', '-f1,2', '--output-delimiter= | '], lines('a,b,c'), 0, 'a | b\n'],
    [['cut', '-c', '2-3'], lines('hello'), 0, 'el\n'],
    [['cut', '-c', '1-2,3-4', '--output-delimiter=:'], lines('abcdef'), 0, 'ab:cd\n'],
    [['cut', '-c', '1-3,2-4', '--output-delimiter=:'], lines('abcdef'), 0, 'abcd\n'],
    [['cut', '-f', '1,x2'], [], 1, '', `cut: invalid field value ‘x2’\n${TRY('cut')}`],
    [['cut', '-b', '1,,3'], [], 1, '', `cut: byte/character positions are numbered from 1\n${TRY('cut')}`],
    [['cut', '-f', '1--3'], [], 1, '', `cut: invalid field range\n${TRY('cut')}`],
    [['cut', '-b', '-2'], lines('hello'), 0, 'he\n'],
    [['cut'], [], 1, '', `cut: you must specify a list of bytes, characters, or fields\n${TRY('cut')}`],
    [['cut', '-f', '0'], [], 1, '', `cut: fields are numbered from 1\n${TRY('cut')}`],
    [['cut', '-c', '0'], [], 1, '', `cut: byte/character positions are numbered from 1\n${TRY('cut')}`],
    [['cut', '-f', 'x'], [], 1, '', `cut: invalid field value ‘x’\n${TRY('cut')}`],
    [['cut', '-f', '3-1'], [], 1, '', `cut: invalid decreasing range\n${TRY('cut')}`],
    [['cut', '-d', 'ab', '-f1'], [], 1, '', `cut: the delimiter must be a single character\n${TRY('cut')}`],
    [
      ['cut', '-d', ',', '-c1'],
      [],
      1,
      '',
      `cut: an input delimiter may be specified only when operating on fields\n${TRY('cut')}`,
    ],
    [['cut', '-f1', 'no.txt'], [], 1, '', 'cut: no.txt: No such file or directory\n'],
    [['tr', 'a-z', 'A-Z'], ['hello'], 0, 'HELLO\n'],
    [['tr', '[:lower:]', '[:upper:]'], ['xY'], 0, 'XY\n'],
    [['tr', 'abc', 'x'], ['aabbcc'], 0, 'xxxxxx\n'],
    [['tr', '-t', 'abc', 'x'], ['aabbcc'], 0, 'xxbbcc\n'],
    [['tr', '-d', ' '], ['a b c'], 0, 'abc\n'],
    [['tr', '-d', '[:digit:]'], ['a1b22'], 0, 'ab\n'],
    [['tr', '-s', ' '], ['a   b  c'], 0, 'a b c\n'],
    [['tr', '-s', 'a-z', 'A-Z'], ['aabbc'], 0, 'ABC\n'],
    [['tr', ',', '\\n'], ['a,b'], 0, 'a\nb\n'],
    [['tr', '-c', 'a-z\\n', '_'], ['ab-c d'], 0, 'ab_c_d\n'],
    [['tr', '-cd', '0-9\\n'], ['a1b2'], 0, '12\n'],
    [['tr', 'a', '[x*]'], ['banana'], 0, 'bxnxnx\n'],
    [['tr'], [], 1, '', `tr: missing operand\n${TRY('tr')}`],
    [
      ['tr', 'a'],
      [],
      1,
      '',
      `tr: missing operand after ‘a’\nTwo strings must be given when translating.\n${TRY('tr')}`,
    ],
    [
      ['tr', '-d', 'a', 'b'],
      [],
      1,
      '',
      `tr: extra operand ‘b’\nOnly one string may be given when deleting without squeezing repeats.\n${TRY('tr')}`,
    ],
    [['tr', 'a', 'b', 'c'], [], 1, '', `tr: extra operand ‘c’\n${TRY('tr')}`],
    [['tr', 'z-a', 'x'], [], 1, '', "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n"],
    [['tr', '[:foo:]', 'x'], [], 1, '', 'tr: invalid character class ‘foo’\n'],
    [['tr', '[a*2]', 'x'], [], 1, '', 'tr: the [c*] repeat construct may not appear in string1\n'],
  ])('%j', (...c) => check(c))
})

describe('every filter', () => {
  it('answers --help and --version with one playground line', async () => {
    expect(await runCommand(['wc', '--help'])).toEqual({
      code: 0,
      stdout: '',
      stderr:
        "[playground] wc --help: not available here; `help` lists the options the playground's wc has\n",
    })
    expect((await runCommand(['grep', '--', '--help'], ['--help'])).stdout).toBe('--help\n')
  })

  it('sort -c takes one input', async () => {
    expect(await runCommand(['sort', '-c', 'a', 'b'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "sort: extra operand 'b' not allowed with -c\nTry 'sort --help' for more information.\n",
    })
  })
})

describe('stdin read as it arrives, and once', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve))

  it.each<[string[], string, string]>([
    [['cut', '-d,', '-f1'], 'a,1\n', 'a\n'],
    [['tr', 'a-z', 'A-Z'], 'abc\n', 'ABC\n'],
  ])('%j prints each piped line before the writer ends', async (line, first, printed) => {
    const [name, ...args] = line
    const pipe = new Pipe()
    let stdout = ''
    const running = FILE_COMMANDS.get(name!)!(
      args,
      pipe,
      { stdout: (t) => (stdout += t), stderr: () => undefined },
      files(),
    )
    pipe.write(first)
    await settle()
    expect(stdout).toBe(printed)
    pipe.write(first)
    pipe.close()
    expect(await running).toBe(0)
    expect(stdout).toBe(printed + printed)
  })

  it('squeezes across piped lines as tr -s does (printf "a\\n\\n\\nb\\n" | tr -s "\\n")', async () => {
    expect(await runCommand(['tr', '-s', '\\n'], lines('a\n\n\nb'))).toEqual({
      code: 0,
      stdout: 'a\nb\n',
      stderr: '',
    })
  })

  // coreutils 9.1 on Debian 12: `head -n1 - - < f` seeks back over what it did not print (a file), while a
  // pipe's or a here-document's block is gone once read: `printf '1\n2\n3\n' | head -n1 - -`.
  it.each<[string, boolean, string]>([
    ['a < file', true, '==> standard input <==\n1\n\n==> standard input <==\n2\n'],
    ['a pipe or here-document', false, '==> standard input <==\n1\n\n==> standard input <==\n'],
  ])('head -n1 - - reads %s once', async (_, seekable, stdout) => {
    const result = await runCommand(['head', '-n1', '-', '-'], new InputLines(['1', '2', '3'], seekable))
    expect(result).toEqual({ code: 0, stdout, stderr: '' })
  })

  it.each<[string[], string]>([
    [['cat', '-', '-'], '1\n2\n'],
    [['grep', '1', '-', '-'], '(standard input):1\n'],
    [['tail', '-n1', '-', '-'], '==> standard input <==\n2\n\n==> standard input <==\n'],
    [['cut', '-c1', '-', '-'], '1\n2\n'],
  ])('%j reads stdin once', async (line, stdout) => {
    expect(await runCommand(line, new InputLines(['1', '2'], false))).toEqual({ code: 0, stdout, stderr: '' })
  })
})
