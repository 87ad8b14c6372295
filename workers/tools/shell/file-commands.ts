/**
 * The shell's file commands on ShellFiles, answering as bash, GNU coreutils and util-linux do: `cat [FILE...]`
 * (stdin when no file is named or for `-`, so `cat > f <<EOF` copies the here-document), bash's builtin
 * `echo [-neE] [WORD...]` (echo-escapes.ts), `more [FILE...]` as util-linux's more behaves when its output is
 * not a terminal (it pages nothing: each file is copied out, preceded by a `::::::::::::::` header with its
 * name when several are named), `ls [FILE...]` (one name per line, as when not on a terminal) and
 * `rm [-f] FILE...`. Missing files print `cat: x: No such file or directory` (exit 1),
 * `more: cannot open x: No such file or directory` (exit 1), `ls: cannot access 'x': No such file or
 * directory` (exit 2) and `rm: cannot remove 'x': No such file or directory` (exit 1). The text filters
 * (grep, head, tail, wc, sort, uniq, cut, tr, seq, jq) are in text/ and merged in here.
 */
import type { ToolOutput } from '../tool.ts'
import type { LineInput } from '../line-input.ts'
import { echoArguments } from './echo-escapes.ts'
import type { ShellFileSystem } from './shell-files.ts'
import { TEXT_COMMANDS } from './text/text-commands.ts'

/** A command of the shell's own: stdin is read only by those that read it (cat and more without a file). */
export type FileCommand = (
  args: readonly string[],
  stdin: LineInput,
  out: ToolOutput,
  files: ShellFileSystem,
) => number | Promise<number>

const cat: FileCommand = async (args, stdin, out, files) => {
  let exitCode = 0
  for (const path of args.length === 0 ? ['-'] : args) {
    // Each line as it arrives: `consumer | cat` prints the messages as the consumer prints them.
    if (path === '-') {
      for await (const line of stdin) out.stdout(`${line}\n`)
      continue
    }
    const text = files.read(path)
    if (text === null) {
      out.stderr(`cat: ${path}: No such file or directory\n`)
      exitCode = 1
    } else out.stdout(text)
  }
  return exitCode
}

const echo: FileCommand = (args, _stdin, out) => {
  out.stdout(echoArguments(args))
  return 0
}

const HEADER_RULE = '::::::::::::::'

const more: FileCommand = (args, stdin, out, files) => {
  if (args.length === 0) return cat(args, stdin, out, files)
  let exitCode = 0
  for (const path of args) {
    const text = files.read(path)
    if (text === null) {
      out.stderr(`more: cannot open ${path}: No such file or directory\n`)
      exitCode = 1
    } else out.stdout((args.length > 1 ? `${HEADER_RULE}\n${path}\n${HEADER_RULE}\n` : '') + text)
  }
  return exitCode
}

const ls: FileCommand = (args, _stdin, out, files) => {
  let exitCode = 0
  const found: string[] = []
  for (const path of args) {
    if (files.read(path) === null) {
      out.stderr(`ls: cannot access '${path}': No such file or directory\n`)
      exitCode = 2
    } else found.push(path)
  }
  const names = args.length === 0 ? files.list() : found.sort()
  out.stdout(names.map((name) => `${name}\n`).join(''))
  return exitCode
}

const rm: FileCommand = (args, _stdin, out, files) => {
  const force = args.includes('-f')
  const paths = args.filter((arg) => arg !== '-f')
  if (paths.length === 0 && !force) {
    out.stderr("rm: missing operand\nTry 'rm --help' for more information.\n")
    return 1
  }
  let exitCode = 0
  for (const path of paths) {
    if (!files.remove(path) && !force) {
      out.stderr(`rm: cannot remove '${path}': No such file or directory\n`)
      exitCode = 1
    }
  }
  return exitCode
}

export const FILE_COMMANDS: ReadonlyMap<string, FileCommand> = new Map([
  ['cat', cat],
  ['echo', echo],
  ['ls', ls],
  ['more', more],
  ['rm', rm],
  ...TEXT_COMMANDS,
])
