/**
 * The shell's variable commands, answering as bash 5 and GNU coreutils do: `export [-p] [NAME[=VALUE]...]`
 * (no names, or -p: every exported variable as `declare -x NAME="VALUE"`, sorted), `unset [-v|-f] NAME...`,
 * and `env` / `printenv [NAME...]`, which print the environment a command would get (`NAME=VALUE` lines). A
 * name that is no identifier is `bash: export: `1x': not a valid identifier` (exit 1); an unknown option is
 * bash's `invalid option` and usage (exit 2). `env` runs no command here: the playground runs one command
 * per line, so `env NAME=VALUE` only prints.
 */
import type { ToolOutput } from '../tool.ts'
import { isIdentifier, type ShellVariables } from './shell-variables.ts'

/** `environment` is what the command itself gets: the exported variables plus its own `NAME=value` prefixes. */
export type VariableCommand = (
  args: readonly string[],
  out: ToolOutput,
  variables: ShellVariables,
  environment: readonly (readonly [string, string])[],
) => number

const EXPORT_USAGE = 'export: usage: export [-fn] [name[=value] ...] or export -p\n'
const UNSET_USAGE = 'unset: usage: unset [-f] [-v] [-n] [name ...]\n'

/** bash's `declare -x` quoting of a value: inside "...", with `\`, `"`, `$` and backquote escaped. */
function declareQuoted(value: string): string {
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`
}

function invalidOption(command: string, option: string, usage: string, out: ToolOutput): number {
  out.stderr(`bash: ${command}: ${option.slice(0, 2)}: invalid option\n${usage}`)
  return 2
}

const exportCommand: VariableCommand = (args, out, variables) => {
  const options = args.filter((arg) => arg.startsWith('-') && arg !== '-')
  const bad = options.find((option) => option !== '-p')
  if (bad !== undefined) return invalidOption('export', bad, EXPORT_USAGE, out)
  const names = args.filter((arg) => !options.includes(arg))
  if (names.length === 0) {
    for (const [name, value] of variables.exports()) {
      out.stdout(`declare -x ${name}${value === null ? '' : `=${declareQuoted(value)}`}\n`)
    }
    return 0
  }
  let status = 0
  for (const arg of names) {
    const equals = arg.indexOf('=')
    const name = equals < 0 ? arg : arg.slice(0, equals)
    if (!isIdentifier(name)) {
      out.stderr(`bash: export: \`${arg}': not a valid identifier\n`)
      status = 1
    } else variables.export(name, equals < 0 ? undefined : arg.slice(equals + 1))
  }
  return status
}

const unsetCommand: VariableCommand = (args, out, variables) => {
  let status = 0
  let options = true
  for (const arg of args) {
    if (options && arg.startsWith('-') && arg !== '-') {
      if (arg === '--') options = false
      else if (!/^-[fvn]+$/.test(arg)) return invalidOption('unset', arg, UNSET_USAGE, out)
      continue
    }
    options = false
    if (!isIdentifier(arg)) {
      out.stderr(`bash: unset: \`${arg}': not a valid identifier\n`)
      status = 1
    } else variables.unset(arg)
  }
  return status
}

const envCommand: VariableCommand = (args, out, _variables, environment) => {
  const added: [string, string][] = []
  for (const arg of args) {
    const equals = arg.indexOf('=')
    if (equals <= 0) {
      out.stderr(`[playground] env runs no command here: run ${arg} on a line of its own.\n`)
      return 125
    }
    added.push([arg.slice(0, equals), arg.slice(equals + 1)])
  }
  const names = new Set(added.map(([name]) => name))
  const lines = [...environment.filter(([name]) => !names.has(name)), ...added]
  out.stdout(lines.map(([name, value]) => `${name}=${value}\n`).join(''))
  return 0
}

const printenvCommand: VariableCommand = (args, out, _variables, environment) => {
  const values = new Map(environment)
  if (args.length === 0) {
    out.stdout(environment.map(([name, value]) => `${name}=${value}\n`).join(''))
    return 0
  }
  let status = 0
  for (const name of args) {
    const value = values.get(name)
    if (value === undefined) status = 1
    else out.stdout(`${value}\n`)
  }
  return status
}

export const VARIABLE_COMMANDS: ReadonlyMap<string, VariableCommand> = new Map([
  ['export', exportCommand],
  ['unset', unsetCommand],
  ['env', envCommand],
  ['printenv', printenvCommand],
])
