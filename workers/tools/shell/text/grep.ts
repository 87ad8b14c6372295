/**
 * `grep [OPTION]... PATTERNS [FILE]...` as GNU grep 3 prints it: BRE by default, `-E`, `-F` (`-G`), `-e`/`-f`
 * patterns, `-i -v -w -x`, `-c -l -L -q -o -n -b -h -H -Z -s -m NUM`, context `-A -B -C NUM` with `--`
 * between groups, `--color=never|auto` (output is never a terminal). The file name prefixes lines when
 * several FILEs are named (`-H`/`-h` force it), `(standard input)` for the pipe; context lines are separated
 * by `-` where matches have `:`. Exit 0 when a line is selected, 1 when none, 2 on an error (`grep: x: No
 * such file or directory`, a pattern's error such as `grep: Unmatched ( or \(`, usage errors with `Usage:
 * grep [OPTION]... PATTERNS [FILE]...`), unless -q selected a line. The matcher never backtracks
 * (grep-matcher.ts). `-P`, `-r` and `--color=always` are refused with a `[playground]` line.
 */
import type { FileCommand } from '../file-commands.ts'
import type { LineInput } from '../../line-input.ts'
import { getopt, tryHelp } from './getopt.ts'
import { compileMatcher, type Matcher, type MatcherOptions } from './grep-matcher.ts'
import { splitLines, utf8 } from './inputs.ts'

type Writable<T> = { -readonly [K in keyof T]: T[K] }

const USAGE = `Usage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`

const flag = (name: string, key: string) => ({ name, argument: false, key })
const withArgument = (name: string, key: string) => ({ name, argument: true, key })

const SPEC = {
  short: 'A:B:C:D:EFGHIPRTUVZabcd:e:f:hiLlm:noqRrsuvwxyz',
  long: [
    flag('extended-regexp', 'E'),
    flag('fixed-strings', 'F'),
    flag('basic-regexp', 'G'),
    flag('perl-regexp', 'P'),
    withArgument('regexp', 'e'),
    withArgument('file', 'f'),
    flag('ignore-case', 'i'),
    flag('no-ignore-case', 'no-ignore-case'),
    flag('word-regexp', 'w'),
    flag('line-regexp', 'x'),
    flag('no-messages', 's'),
    flag('invert-match', 'v'),
    flag('version', 'V'),
    flag('help', 'help'),
    withArgument('max-count', 'm'),
    flag('byte-offset', 'b'),
    flag('line-number', 'n'),
    flag('with-filename', 'H'),
    flag('no-filename', 'h'),
    withArgument('label', 'label'),
    flag('only-matching', 'o'),
    flag('quiet', 'q'),
    flag('silent', 'q'),
    flag('files-without-match', 'L'),
    flag('files-with-matches', 'l'),
    flag('count', 'c'),
    flag('text', 'a'),
    flag('recursive', 'r'),
    flag('dereference-recursive', 'R'),
    withArgument('after-context', 'A'),
    withArgument('before-context', 'B'),
    withArgument('context', 'C'),
    { name: 'color', argument: false, key: 'color' },
    { name: 'colour', argument: false, key: 'color' },
    withArgument('binary-files', 'binary-files'),
    flag('null', 'Z'),
    flag('initial-tab', 'T'),
  ],
}

/** `--color=WHEN` takes an optional argument, which getopt.ts does not model: split it off first. */
function colorArguments(args: readonly string[]): { rest: string[]; color: string | null } {
  let color: string | null = null
  const rest = args.filter((arg) => {
    const match = /^--colou?r(?:=(.*))?$/.exec(arg)
    if (match) color = match[1] ?? 'auto'
    return !match
  })
  return { rest, color }
}

/** grep's settings, filled in option by option. */
interface Options extends Writable<MatcherOptions> {
  invert: boolean
  count: boolean
  filesWith: boolean
  filesWithout: boolean
  quiet: boolean
  onlyMatching: boolean
  lineNumber: boolean
  byteOffset: boolean
  filename: boolean | null
  noMessages: boolean
  maxCount: number
  after: number
  before: number
  label: string
  nullAfterName: boolean
}

export const grep: FileCommand = async (args, stdin, out, files) => {
  const fail = (message: string) => (out.stderr(`grep: ${message}\n`), 2)
  const { rest, color } = colorArguments(args)
  if (color !== null && !['never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(color)) {
    if (['always', 'yes', 'force'].includes(color)) {
      return (
        out.stderr('[playground] grep: --color=always is not supported (the console shows no colors)\n'),
        2
      )
    }
    return (out.stderr(`grep: invalid argument '${color}' for '--color'\n`), 2)
  }
  const parsed = getopt('grep', rest, SPEC)
  if (typeof parsed === 'string') return (out.stderr(`${parsed}\n${USAGE}`), 2)
  const options: Options = {
    syntax: 'basic',
    ignoreCase: false,
    wholeLine: false,
    wholeWord: false,
    invert: false,
    count: false,
    filesWith: false,
    filesWithout: false,
    quiet: false,
    onlyMatching: false,
    lineNumber: false,
    byteOffset: false,
    filename: null,
    noMessages: false,
    maxCount: Infinity,
    after: 0,
    before: 0,
    label: '(standard input)',
    nullAfterName: false,
  }
  const patterns: string[] = []
  let patternsGiven = false
  let matcherChosen: string | null = null
  for (const { key, value } of parsed.options) {
    switch (key) {
      case 'E':
      case 'F':
      case 'G':
        if (matcherChosen !== null && matcherChosen !== key) return fail('conflicting matchers specified')
        matcherChosen = key
        options.syntax = key === 'E' ? 'extended' : key === 'F' ? 'fixed' : 'basic'
        break
      case 'P':
        return (out.stderr('[playground] grep: -P (Perl regular expressions) is not supported\n'), 2)
      case 'r':
      case 'R':
        return (out.stderr('[playground] grep: -r is not supported (the shell has no directories)\n'), 2)
      case 'e':
        patterns.push(...value.split('\n'))
        patternsGiven = true
        break
      case 'f': {
        const text = files.read(value)
        if (text === null) return fail(`${value}: No such file or directory`)
        patterns.push(...splitLines(text))
        patternsGiven = true
        break
      }
      case 'i':
      case 'y':
        options.ignoreCase = true
        break
      case 'no-ignore-case':
        options.ignoreCase = false
        break
      case 'w':
        options.wholeWord = true
        break
      case 'x':
        options.wholeLine = true
        break
      case 'v':
        options.invert = true
        break
      case 'c':
        options.count = true
        break
      case 'l':
        options.filesWith = true
        options.filesWithout = false
        break
      case 'L':
        options.filesWithout = true
        options.filesWith = false
        break
      case 'q':
        options.quiet = true
        break
      case 'o':
        options.onlyMatching = true
        break
      case 'n':
        options.lineNumber = true
        break
      case 'b':
        options.byteOffset = true
        break
      case 'H':
        options.filename = true
        break
      case 'h':
        options.filename = false
        break
      case 's':
        options.noMessages = true
        break
      case 'label':
        options.label = value
        break
      case 'Z':
        options.nullAfterName = true
        break
      case 'm':
        if (!/^\s*-?\d+$/.test(value)) return fail('invalid max count')
        options.maxCount = Number(value) < 0 ? Infinity : Number(value)
        break
      case 'A':
      case 'B':
      case 'C':
        if (!/^\d+$/.test(value)) return fail(`${value}: invalid context length argument`)
        if (key !== 'B') options.after = Number(value)
        if (key !== 'A') options.before = Number(value)
        break
      case 'V':
      case 'help':
        return (out.stderr(`[playground] grep: --${key === 'V' ? 'version' : 'help'} is not available\n`), 2)
      default:
        break
    }
  }
  const operands = [...parsed.operands]
  if (!patternsGiven) {
    const pattern = operands.shift()
    if (pattern === undefined) return (out.stderr(USAGE), 2)
    patterns.push(...pattern.split('\n'))
  }
  const compiled = compileMatcher(patterns, options)
  if ('error' in compiled) return fail(compiled.error)
  for (const warning of compiled.warnings) out.stderr(`grep: warning: ${warning}\n`)
  const { matcher } = compiled
  const showName = options.filename ?? operands.length > 1
  let selectedAny = false
  let error = false
  for (const operand of operands.length === 0 ? ['-'] : operands) {
    const name = operand === '-' ? options.label : operand
    const text = operand === '-' ? null : files.read(operand)
    if (operand !== '-' && text === null) {
      if (!options.noMessages) out.stderr(`grep: ${operand}: No such file or directory\n`)
      error = true
      continue
    }
    // Standard input is read line by line as it arrives: `consumer | grep x` prints each match at once.
    const source = text === null ? stdin : splitLines(text)
    const selected = await grepLines(source, name, showName, options, matcher, out.stdout.bind(out))
    if (selected > 0) selectedAny = true
    if (options.quiet && selectedAny) return 0
  }
  if (error && !(options.quiet && selectedAny)) return 2
  return selectedAny ? 0 : 1
}

/**
 * Prints what grep prints for one input, reading its lines as they come; returns the number of selected lines
 * (for -L: 1 when listed). It stops reading once the answer is known (-q, -l, -L, -m), as grep does.
 */
async function grepLines(
  source: LineInput,
  name: string,
  showName: boolean,
  options: Options,
  matcher: Matcher,
  print: (text: string) => void,
): Promise<number> {
  // The lines -B may still print, with their byte offsets: the current line and the `before` ones above it
  // (a pipe is never kept whole: `consumer | grep x` reads without end).
  const recent: { line: string; offset: number }[] = []
  let nextOffset = 0
  let i = -1
  const recentAt = (j: number) => recent[recent.length - 1 - (i - j)]
  const isSelected = (line: string) =>
    matcher.test(Array.from(line, (char) => char.codePointAt(0)!)) !== options.invert
  // -Z: a NUL after the file name instead of its `:`, `-` or newline.
  const nameEnd = (separator: string) => (options.nullAfterName ? '\0' : separator)
  const prefix = (j: number, separator: string, byteOffset = recentAt(j)?.offset) =>
    `${showName ? `${name}${nameEnd(separator)}` : ''}${options.lineNumber ? `${j + 1}${separator}` : ''}${options.byteOffset ? `${byteOffset}${separator}` : ''}`
  let count = 0
  if (options.count || options.filesWith || options.filesWithout || options.quiet) {
    if (count < options.maxCount) {
      for await (const line of source) {
        if (!isSelected(line)) continue
        count++
        if (options.quiet || options.filesWith || options.filesWithout || count >= options.maxCount) break
      }
    }
    if (options.quiet) return count
    if (options.count && !options.filesWith && !options.filesWithout)
      print(`${showName ? `${name}${nameEnd(':')}` : ''}${count}\n`)
    if (options.filesWith && count > 0) print(`${name}${nameEnd('\n')}`)
    if (options.filesWithout) {
      if (count === 0) print(`${name}${nameEnd('\n')}`)
      return count === 0 ? 1 : 0
    }
    return count
  }
  const context = !options.onlyMatching && (options.before > 0 || options.after > 0)
  let lastPrinted = -1
  let afterLeft = 0
  for await (const line of source) {
    i++
    recent.push({ line, offset: nextOffset })
    if (recent.length > options.before + 1) recent.shift()
    if (options.byteOffset) nextOffset += utf8(line).length + 1
    if (count >= options.maxCount) {
      // The context after the last selected line is still printed.
      if (afterLeft > 0 && !isSelected(line)) {
        print(`${prefix(i, '-')}${line}\n`)
        lastPrinted = i
        afterLeft--
        continue
      }
      break
    }
    if (!isSelected(line)) {
      if (context && afterLeft > 0) {
        print(`${prefix(i, '-')}${line}\n`)
        lastPrinted = i
        afterLeft--
      }
      continue
    }
    count++
    if (context) {
      const from = Math.max(lastPrinted + 1, i - options.before)
      if (lastPrinted >= 0 && from > lastPrinted + 1) print('--\n')
      for (let j = from; j < i; j++) print(`${prefix(j, '-')}${recentAt(j)?.line ?? ''}\n`)
      afterLeft = options.after
    }
    lastPrinted = i
    if (!options.onlyMatching) {
      print(`${prefix(i, ':')}${line}\n`)
      continue
    }
    if (options.invert) continue
    const chars = Array.from(line)
    const codes = chars.map((char) => char.codePointAt(0)!)
    for (let at = 0; at <= codes.length;) {
      const match = matcher.find(codes, at)
      if (match === null) break
      if (match.end === match.start) {
        at = match.start + 1
        continue
      }
      const before = options.byteOffset ? utf8(chars.slice(0, match.start).join('')).length : 0
      print(
        `${prefix(i, ':', (recentAt(i)?.offset ?? 0) + before)}${chars.slice(match.start, match.end).join('')}\n`,
      )
      at = match.end
    }
  }
  return count
}
