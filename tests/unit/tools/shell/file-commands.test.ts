// The shell's file commands and redirections, answering as bash and GNU coreutils do.
import { describe, expect, it } from 'vitest'
import { FILE_COMMANDS } from '../../../../workers/tools/shell/file-commands.ts'
import { applyRedirects } from '../../../../workers/tools/shell/redirections.ts'
import { ShellFiles } from '../../../../workers/tools/shell/shell-files.ts'

function shell() {
  const files = new ShellFiles()
  let stdout = ''
  let stderr = ''
  const out = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) }
  const run = async (name: string, args: string[], stdin: string[] = []): Promise<number> => {
    stdout = ''
    stderr = ''
    return await FILE_COMMANDS.get(name)!(args, stdin, out, files)
  }
  return { files, out, run, stdout: () => stdout, stderr: () => stderr }
}

describe('file commands', () => {
  it('cat > f <<EOF writes the here-document, cat prints it, ls lists, rm removes', async () => {
    const s = shell()
    const io = applyRedirects([{ op: '>', path: './reassign.json' }], s.files, s.out)
    if (typeof io === 'string') throw new Error(io)
    expect(await FILE_COMMANDS.get('cat')!([], ['{"version":1,', '"partitions":[]}'], io.out, s.files)).toBe(
      0,
    )
    expect(s.files.read('reassign.json')).toBe('{"version":1,\n"partitions":[]}\n')
    expect(await s.run('cat', ['~/reassign.json'])).toBe(0)
    expect(s.stdout()).toBe('{"version":1,\n"partitions":[]}\n')
    s.files.write('b.txt', 'x')
    expect(await s.run('ls', [])).toBe(0)
    expect(s.stdout()).toBe('b.txt\nreassign.json\n')
    expect(await s.run('rm', ['b.txt'])).toBe(0)
    expect(s.files.list()).toEqual(['reassign.json'])
  })

  it.each<[string, string[], number, string]>([
    ['cat', ['x.json'], 1, 'cat: x.json: No such file or directory\n'],
    ['ls', ['x.json'], 2, "ls: cannot access 'x.json': No such file or directory\n"],
    ['rm', ['x.json'], 1, "rm: cannot remove 'x.json': No such file or directory\n"],
    ['rm', [], 1, "rm: missing operand\nTry 'rm --help' for more information.\n"],
    ['rm', ['-f', 'x.json'], 0, ''],
  ])('%s %j fails as coreutils does', async (name, args, code, stderr) => {
    const s = shell()
    expect(await s.run(name, args)).toBe(code)
    expect(s.stderr()).toBe(stderr)
  })

  it('echo joins its words, -n drops the newline, >> appends', async () => {
    const s = shell()
    expect(await s.run('echo', ['a', 'b c'])).toBe(0)
    expect(s.stdout()).toBe('a b c\n')
    s.files.write('log', 'one\n')
    const io = applyRedirects([{ op: '>>', path: 'log' }], s.files, s.out)
    if (typeof io === 'string') throw new Error(io)
    await FILE_COMMANDS.get('echo')!(['-n', 'two'], [], io.out, s.files)
    expect(s.files.read('log')).toBe('one\ntwo')
  })

  it.each<[string[], string]>([
    [['-e', 'foo\\nbar'], 'foo\nbar\n'],
    [['foo\\nbar'], 'foo\\nbar\n'],
    [['-e', '-E', 'a\\tb'], 'a\\tb\n'],
    [['-ne', 'a\\tb'], 'a\tb'],
    [['-en', 'x\\cy', 'z'], 'x'],
    [['-e', '\\x41\\0102\\u00e9\\q\\x', '\\\\'], 'AB\u00e9\\q\\x \\\n'],
    [['-x', 'a'], '-x a\n'],
    [['-n'], ''],
  ])('echo %j prints as bash does', async (args, stdout) => {
    const s = shell()
    expect(await s.run('echo', args)).toBe(0)
    expect(s.stdout()).toBe(stdout)
  })

  it('more copies files out as util-linux more does when not on a terminal', async () => {
    const s = shell()
    s.files.write('test.sink.txt', 'foo\nbar\n')
    s.files.write('b', 'x\n')
    expect(await s.run('more', ['test.sink.txt'])).toBe(0)
    expect(s.stdout()).toBe('foo\nbar\n')
    expect(await s.run('more', ['test.sink.txt', 'nope', 'b'])).toBe(1)
    expect(s.stdout()).toBe(
      '::::::::::::::\ntest.sink.txt\n::::::::::::::\nfoo\nbar\n::::::::::::::\nb\n::::::::::::::\nx\n',
    )
    expect(s.stderr()).toBe('more: cannot open nope: No such file or directory\n')
    expect(await s.run('more', [], ['typed'])).toBe(0)
    expect(s.stdout()).toBe('typed\n')
  })

  it('< f gives the file lines as stdin, and a missing one is bash error', async () => {
    const s = shell()
    s.files.write('in.txt', 'k1\nk2\n')
    expect(applyRedirects([{ op: '<', path: 'in.txt' }], s.files, s.out)).toMatchObject({
      stdin: ['k1', 'k2'],
    })
    expect(applyRedirects([{ op: '<', path: 'no.txt' }], s.files, s.out)).toBe(
      'bash: no.txt: No such file or directory',
    )
  })

  it('> truncates before the command runs, as bash opens it first', async () => {
    const s = shell()
    s.files.write('f', 'old')
    applyRedirects([{ op: '>', path: 'f' }], s.files, s.out)
    expect(s.files.read('f')).toBe('')
  })
})
