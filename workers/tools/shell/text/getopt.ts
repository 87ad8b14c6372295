/**
 * Command-line options as glibc's getopt_long reads them for GNU coreutils and grep: short options cluster
 * (`-nv`), a short option's argument is the rest of its word or the next word (`-n5`, `-n 5`), long options
 * may be abbreviated to a unique prefix and take `--name=value` or the next word, `--` ends the options, and
 * options and operands may be mixed (getopt permutes them; a lone `-` is an operand). Errors are glibc's
 * texts (`head: invalid option -- 'x'`, `head: unrecognized option '--x'`, `option requires an argument --
 * 'n'`, `option '--lines' requires an argument`, `option '--quiet' doesn't allow an argument`,
 * `option '--s' is ambiguous; possibilities: '--silent' '--spaces'`); the caller adds its `Try` line.
 */

export interface LongOption {
  readonly name: string
  readonly argument: boolean
  /** The short option it stands for, or its own key when there is none. */
  readonly key: string
}

export interface OptionSpec {
  /** getopt's optstring: letters, each followed by `:` when it takes an argument. */
  readonly short: string
  readonly long: readonly LongOption[]
  /** Stops at the first operand that looks like a negative number (seq's `seq -1 1`). */
  readonly negativeOperands?: boolean
}

export interface ParsedOption {
  readonly key: string
  readonly value: string
}

export interface ParsedArguments {
  readonly options: ParsedOption[]
  readonly operands: string[]
}

/** The options in order and the operands, or glibc's error line (without the program's `Try` line). */
export function getopt(program: string, args: readonly string[], spec: OptionSpec): ParsedArguments | string {
  const options: ParsedOption[] = []
  const operands: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      operands.push(...args.slice(i + 1))
      break
    }
    if (!arg.startsWith('-') || arg === '-' || (spec.negativeOperands && /^-[0-9.]/.test(arg))) {
      if (spec.negativeOperands) {
        operands.push(...args.slice(i))
        break
      }
      operands.push(arg)
      continue
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const name = arg.slice(2, eq < 0 ? undefined : eq)
      const exact = spec.long.find((option) => option.name === name)
      const candidates = exact ? [exact] : spec.long.filter((option) => option.name.startsWith(name))
      const keys = new Set(candidates.map((option) => option.key))
      if (candidates.length === 0) return `${program}: unrecognized option '${arg}'`
      if (keys.size > 1) {
        const names = candidates.map((option) => `'--${option.name}'`).join(' ')
        return `${program}: option '--${name}' is ambiguous; possibilities: ${names}`
      }
      const option = candidates[0]!
      if (!option.argument) {
        if (eq >= 0) return `${program}: option '--${option.name}' doesn't allow an argument`
        options.push({ key: option.key, value: '' })
      } else if (eq >= 0) options.push({ key: option.key, value: arg.slice(eq + 1) })
      else if (i + 1 < args.length) options.push({ key: option.key, value: args[++i]! })
      else return `${program}: option '--${option.name}' requires an argument`
      continue
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!
      const at = spec.short.indexOf(letter)
      if (at < 0 || letter === ':') return `${program}: invalid option -- '${letter}'`
      if (spec.short[at + 1] !== ':') {
        options.push({ key: letter, value: '' })
        continue
      }
      if (j + 1 < arg.length) options.push({ key: letter, value: arg.slice(j + 1) })
      else if (i + 1 < args.length) options.push({ key: letter, value: args[++i]! })
      else return `${program}: option requires an argument -- '${letter}'`
      break
    }
  }
  return { options, operands }
}

/** coreutils' usage error tail. */
export function tryHelp(program: string): string {
  return `Try '${program} --help' for more information.\n`
}
