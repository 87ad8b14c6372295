/**
 * `jq [OPTIONS] [FILTER] [FILES...]` as jq 1.7 runs it on the piped input (or FILES): the input's JSON values
 * one after another, each run through FILTER (jq/: a subset of jq's language and builtins), every output
 * printed pretty (two-space indent) or with `-c` compact, `-r` strings raw, `-j` without newlines, `-S`
 * sorted keys, `-n` with null as the one input, `-s` with the inputs slurped into one array, `-R` lines as
 * strings, `--tab` / `--indent N`, `-e` exit status from the last output, `--arg` / `--argjson` variables.
 * With no FILTER the filter is `.` (stdin is no terminal); `-C` is refused with a `[playground]` line. Exit
 * codes and texts: a runtime error prints `jq: error (at <stdin>:N): MESSAGE` and jq goes on with the next
 * input, ending with 5; a compile error `jq: error: syntax error, ... at <top-level>, line 1:`, the program
 * and `jq: 1 compile error` (exit 3); bad input `jq: parse error: ... at line L, column C` (exit 2). N is the
 * number of lines of the input, as jq reports for inputs under its 64 KiB read buffer.
 */
import type { LinesCommand } from './inputs.ts'
import { stdinText } from './inputs.ts'
import type { JqAst } from './jq/jq-ast.ts'
import { undefinedNames } from './jq/jq-check.ts'
import { evaluate, JqError } from './jq/jq-eval.ts'
import { JqSyntaxError, parseJq } from './jq/jq-parser.ts'
import { parseJsonValues } from './jq/json-input.ts'
import { COMPACT, dumpJson, isTruthy, type DumpOptions, type Json } from './jq/json-value.ts'

const UNKNOWN_OPTION_HELP =
  'Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n'

const FLAGS: Readonly<Record<string, string>> = {
  '--raw-output': 'r',
  '--join-output': 'j',
  '--compact-output': 'c',
  '--sort-keys': 'S',
  '--null-input': 'n',
  '--slurp': 's',
  '--exit-status': 'e',
  '--monochrome-output': 'M',
  '--ascii-output': 'a',
  '--raw-input': 'R',
}

interface Settings {
  flags: Set<string>
  program: string | null
  files: string[]
  variables: Map<string, Json>
  /** One level of indentation; empty for compact output. */
  indent: string
}

function parseArguments(args: readonly string[]): Settings | string {
  const settings: Settings = {
    flags: new Set(),
    program: null,
    files: [],
    variables: new Map(),
    indent: '  ',
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('-') || arg === '-') {
      if (settings.program === null) settings.program = arg
      else settings.files.push(arg)
    } else if (arg === '--arg' || arg === '--argjson') {
      const [name, value] = [args[i + 1], args[i + 2]]
      if (value === undefined)
        return `jq: error: ${arg} takes two parameters (e.g. ${arg} varname ${arg === '--arg' ? 'value' : 'text'})\n`
      let parsed: Json = value
      if (arg === '--argjson') {
        const values = parseJsonValues(value)
        if (values.error !== null || values.values.length !== 1)
          return `jq: Invalid JSON text passed to --argjson\n`
        parsed = values.values[0]!
      }
      settings.variables.set(name!, parsed)
      i += 2
    } else if (arg === '--indent') {
      const n = Number(args[++i])
      if (!Number.isInteger(n) || n < 0 || n > 7) return 'jq: Cannot indent more than 7 characters\n'
      settings.indent = ' '.repeat(n)
    } else if (arg === '--tab') settings.indent = '\t'
    else if (arg === '--color-output' || /^-[a-zA-Z]*C/.test(arg)) {
      return '[playground] jq: -C (colored output) is not supported: the console shows no colors\n'
    } else if (arg in FLAGS) settings.flags.add(FLAGS[arg]!)
    else if (/^-[rjcSnseMaR]+$/.test(arg)) for (const flag of arg.slice(1)) settings.flags.add(flag)
    else return `jq: Unknown option: ${arg}\n${UNKNOWN_OPTION_HELP}`
  }
  return settings
}

export const jq: LinesCommand = (args, stdin, out, files) => {
  const settings = parseArguments(args)
  if (typeof settings === 'string') return (out.stderr(settings), 2)
  const { flags } = settings
  // No FILTER, or an empty one, is `.`: jq's default when stdin is not a terminal.
  const program = settings.program ?? '.'
  let ast: JqAst
  try {
    ast = program.trim() === '' ? { type: 'identity' } : parseJq(program)
  } catch (error) {
    if (!(error instanceof JqSyntaxError)) throw error
    out.stderr(`jq: error: ${error.message} at <top-level>, line 1:\n${program}\njq: 1 compile error\n`)
    return 3
  }
  const undefinedErrors = undefinedNames(ast, new Set(settings.variables.keys()))
  if (undefinedErrors.length > 0) {
    for (const message of undefinedErrors)
      out.stderr(`jq: error: ${message} at <top-level>, line 1:\n${program}\n`)
    const n = undefinedErrors.length
    out.stderr(`jq: ${n} compile error${n === 1 ? '' : 's'}\n`)
    return 3
  }
  let text = ''
  let source = '<stdin>'
  if (settings.files.length === 0) text = stdinText(stdin)
  for (const file of settings.files) {
    const content = file === '-' ? stdinText(stdin) : files.read(file)
    if (content === null) {
      out.stderr(`jq: error: Could not open ${file}: No such file or directory\n`)
      return 2
    }
    text += content
    source = file === '-' ? '<stdin>' : file
  }
  // -R: each line is a string (with -s, the whole text is one).
  const rawLines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text === '' ? [] : text.split('\n')
  const parsed = flags.has('R')
    ? { values: flags.has('s') ? [text] : rawLines, error: null }
    : parseJsonValues(text)
  const location = flags.has('n') ? '<unknown>' : `${source}:${text.split('\n').length - 1}`
  const dump: DumpOptions = flags.has('c') ? COMPACT : { indent: settings.indent, sortKeys: false }
  const options: DumpOptions = { ...dump, sortKeys: flags.has('S') }
  const raw = flags.has('r') || flags.has('j')
  let exitCode = 0
  let last: Json | undefined
  const slurped = flags.has('s') && !flags.has('R')
  const inputs: Json[] = flags.has('n') ? [null] : slurped ? [parsed.values] : parsed.values
  const variables = new Map<string, Json>([...settings.variables])
  for (const input of inputs) {
    try {
      for (const output of evaluate(ast, input, variables)) {
        last = output
        const printed = raw && typeof output === 'string' ? output : dumpJson(output, options)
        out.stdout(flags.has('j') ? printed : `${printed}\n`)
      }
    } catch (error) {
      if (!(error instanceof JqError)) throw error
      const message =
        typeof error.value === 'string'
          ? `: ${error.value}`
          : ` (not a string): ${dumpJson(error.value, COMPACT)}`
      out.stderr(`jq: error (at ${location})${message}\n`)
      exitCode = 5
    }
  }
  if (parsed.error !== null) {
    out.stderr(`jq: parse error: ${parsed.error}\n`)
    return 2
  }
  if (exitCode === 0 && flags.has('e')) return last === undefined ? 4 : isTruthy(last) ? 0 : 1
  return exitCode
}
