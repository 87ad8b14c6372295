/**
 * `head` and `tail` as GNU coreutils 9 prints them: `-n [-]N` / `-n [+]N` lines, `-c` bytes (counted in
 * UTF-8), the obsolete `-N` (and tail's `+N`) as the first argument, `==> FILE <==` headers (a blank line
 * before each but the first) for several files or `-v`, none with `-q`. `-` and no FILE read the piped input,
 * named `standard input` in a header, read once (a second `-` reads what the first left); `head -n N` prints a
 * pipe's first N lines as they arrive and reads no more. Errors: `head: invalid number of lines: 'x'`, `head: cannot open 'x'
 * for reading: No such file or directory` (exit 1), getopt's usage errors with the `Try` line (exit 1).
 * tail's `-f` follows nothing in the playground: it is refused with a `[playground]` line.
 */
import type { FileCommand } from '../file-commands.ts'
import type { ToolOutput } from '../../tool.ts'
import { discardBuffered, readAll, type LineInput } from '../../line-input.ts'
import { parseCount } from './counts.ts'
import { getopt, tryHelp, type OptionSpec } from './getopt.ts'
import { fromUtf8, stdinText, utf8 } from './inputs.ts'

const SPEC: OptionSpec = {
  short: 'c:n:qvz',
  long: [
    { name: 'bytes', argument: true, key: 'c' },
    { name: 'lines', argument: true, key: 'n' },
    { name: 'quiet', argument: false, key: 'q' },
    { name: 'silent', argument: false, key: 'q' },
    { name: 'verbose', argument: false, key: 'v' },
    { name: 'zero-terminated', argument: false, key: 'z' },
    { name: 'help', argument: false, key: 'help' },
    { name: 'version', argument: false, key: 'version' },
  ],
}

const TAIL_SPEC: OptionSpec = {
  short: 'c:n:fFqvzs:',
  long: [
    ...SPEC.long,
    { name: 'follow', argument: false, key: 'f' },
    { name: 'retry', argument: false, key: 'retry' },
    { name: 'pid', argument: true, key: 'pid' },
    { name: 'sleep-interval', argument: true, key: 's' },
  ],
}

/** What to print of each input: `count` lines or bytes, from the start, or all but the last ones. */
interface Selection {
  bytes: boolean
  count: number
  /** head: all but the last `count`; tail: from the `count`th on (`+N`). */
  inverted: boolean
  headers: 'auto' | 'always' | 'never'
}

type Selector = (text: string, selection: Selection) => string

function linesOf(text: string): string[] {
  // Each element keeps its newline; a last line without one stays as it is.
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

const headOf: Selector = (text, { bytes, count, inverted }) => {
  if (bytes) {
    const all = utf8(text)
    return fromUtf8(inverted ? all.subarray(0, Math.max(0, all.length - count)) : all.subarray(0, count))
  }
  const lines = linesOf(text)
  return (inverted ? lines.slice(0, Math.max(0, lines.length - count)) : lines.slice(0, count)).join('')
}

const tailOf: Selector = (text, { bytes, count, inverted }) => {
  if (bytes) {
    const all = utf8(text)
    return fromUtf8(
      inverted ? all.subarray(Math.max(0, count - 1)) : all.subarray(Math.max(0, all.length - count)),
    )
  }
  const lines = linesOf(text)
  return (
    inverted ? lines.slice(Math.max(0, count - 1)) : lines.slice(Math.max(0, lines.length - count))
  ).join('')
}

/**
 * `head -n N` on standard input: each of the first N lines as it arrives, then no more reading. head reads a
 * block at a time, so the lines already there past the Nth are read too (a seekable `< file` gets them back).
 */
async function headOfStream(stdin: LineInput, count: number, out: ToolOutput): Promise<void> {
  if (count <= 0) return
  let printed = 0
  for await (const line of stdin) {
    out.stdout(`${line}\n`)
    if (++printed >= count) break
  }
  discardBuffered(stdin)
}

function run(program: 'head' | 'tail', select: Selector): FileCommand {
  return async (args, stdin, out, files) => {
    const selection: Selection = { bytes: false, count: 10, inverted: false, headers: 'auto' }
    let rest = args
    const obsolete = /^([-+])(\d*)([bkm]?)([clqv]*)$/.exec(args[0] ?? '')
    if (obsolete && (obsolete[1] === '-' ? obsolete[2] !== '' : program === 'tail' && args.length <= 2)) {
      selection.count =
        obsolete[2] === '' ? 10 : Number(obsolete[2]) * ({ b: 512, k: 1024, m: 1048576 }[obsolete[3]!] ?? 1)
      selection.inverted = obsolete[1] === '+'
      selection.bytes = obsolete[4]!.includes('c')
      if (obsolete[4]!.includes('q')) selection.headers = 'never'
      if (obsolete[4]!.includes('v')) selection.headers = 'always'
      rest = args.slice(1)
    }
    const parsed = getopt(program, rest, program === 'head' ? SPEC : TAIL_SPEC)
    if (typeof parsed === 'string') {
      out.stderr(`${parsed}\n${tryHelp(program)}`)
      return 1
    }
    for (const { key, value } of parsed.options) {
      if (key === 'c' || key === 'n') {
        const sign = value.trimStart()[0]
        const count = parseCount(sign === '-' || sign === '+' ? value.trimStart().slice(1) : value)
        if (count === null) {
          out.stderr(`${program}: invalid number of ${key === 'c' ? 'bytes' : 'lines'}: ‘${value}’\n`)
          return 1
        }
        selection.bytes = key === 'c'
        selection.count = count
        selection.inverted = program === 'head' ? sign === '-' : sign === '+'
      } else if (key === 'q') selection.headers = 'never'
      else if (key === 'v') selection.headers = 'always'
      else if (key === 'f' || key === 'F' || key === 'retry' || key === 'pid' || key === 's') {
        out.stderr(`[playground] ${program}: following a file (-f, -F, --follow) is not supported\n`)
        return 1
      } else {
        out.stderr(`[playground] ${program}: --${key === 'z' ? 'zero-terminated' : key} is not supported\n`)
        return 1
      }
    }
    const operands = parsed.operands.length === 0 ? ['-'] : parsed.operands
    const headers = selection.headers === 'always' || (selection.headers === 'auto' && operands.length > 1)
    // head's first lines of a pipe print as they come (`consumer | head -3`); anything else needs the whole input.
    const streams = program === 'head' && !selection.bytes && !selection.inverted
    let exitCode = 0
    let first = true
    for (const operand of operands) {
      const text = operand !== '-' ? files.read(operand) : streams ? '' : stdinText(await readAll(stdin))
      if (text === null) {
        out.stderr(`${program}: cannot open '${operand}' for reading: No such file or directory\n`)
        exitCode = 1
        continue
      }
      if (headers) out.stdout(`${first ? '' : '\n'}==> ${operand === '-' ? 'standard input' : operand} <==\n`)
      first = false
      if (operand === '-' && streams) await headOfStream(stdin, selection.count, out)
      else out.stdout(select(text, selection))
    }
    return exitCode
  }
}

export const head: FileCommand = run('head', headOf)
export const tail: FileCommand = run('tail', tailOf)
