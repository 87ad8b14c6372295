/**
 * argparse4j as Kafka's argparse tools use it (kafka-storage, kafka-cluster, kafka-features): a program with
 * optional arguments of its own, then one subcommand (`addSubparsers().dest("command")`) with its arguments;
 * or a program of options only (TransactionalMessageCopier: `parseFlatArgs`).
 * An argument is `--name value`, `--name=value`, or its short form (`-c value`); `store` keeps the last value,
 * `storeTrue` is a flag, `append` collects every value; a mutually exclusive group allows one of its
 * arguments (and, when required, needs one). What argparse4j rejects ends the tool with the usage of the
 * parser that failed (`usage: kafka-storage format [-h] ...`, wrapped at 80 columns) and
 * `<prog>: error: <message>` on stderr, exit 1, in argparse4j's words: `too few arguments`,
 * `invalid choice: 'x' (choose from 'a', 'b')`, `unrecognized arguments: '--x'`,
 * `argument --config/-c: expected one argument`, `argument --config/-c is required`,
 * `argument --a: not allowed with argument --b`, `one of the arguments --a --b is required`,
 * `argument --partition: could not convert 'x' to Integer (For input string: "x")` for a typed argument.
 * The usage shows an argument's metavar (its dest in upper case unless set) and the subcommands as
 * `{a,b} ...`, or as `<metavar> ...` when the program sets one (`COMMAND ...`).
 */
import { INT_RANGE, LONG_RANGE, parseJavaInteger } from '../../net/java-integer.ts'

export interface ArgumentSpec {
  /** The long flag first, then the short one: `['--config', '-c']`. */
  flags: readonly string[]
  action: 'store' | 'storeTrue' | 'append'
  required?: boolean
  /** The mutually exclusive group the argument belongs to. */
  group?: string
  /** The usage's name for the value (`FILE`); the dest in upper case when left out. */
  metavar?: string
  /** argparse4j's `.type(Integer.class)` and the like: the value must parse as one. */
  type?: 'Short' | 'Integer' | 'Long'
}

export interface ParserSpec {
  arguments: readonly ArgumentSpec[]
  /** The groups whose arguments need one given. */
  requiredGroups?: readonly string[]
}

export interface ProgramSpec extends ParserSpec {
  prog: string
  subcommands: ReadonlyMap<string, ParserSpec>
  /** The subparsers' metavar (`COMMAND`); their names in braces when left out. */
  subcommandMetavar?: string
}

export type Value = string | true | string[]

export interface Namespace {
  command: string
  /** By dest: the long flag without its dashes, `-` as `_` (`cluster_id`). */
  values: ReadonlyMap<string, Value>
}

/** The usage and message argparse4j prints for a rejected command line. */
export class ArgumentParserError extends Error {
  constructor(
    readonly usage: string,
    readonly prog: string,
    message: string,
  ) {
    super(message)
  }

  /** handleError: the usage, then `<prog>: error: <message>`. */
  text(): string {
    return `${this.usage}${this.prog}: error: ${this.message}\n`
  }
}

const FORMAT_WIDTH = 80

/** argparse4j's usage: units joined by spaces, a unit that would pass column 80 starting a new indented line. */
export function argparseUsage(prog: string, units: readonly string[]): string {
  const head = `usage: ${prog}`
  const indent = ' '.repeat(head.length + 1)
  let out = head
  let width = head.length
  for (const unit of units) {
    if (width + 1 + unit.length > FORMAT_WIDTH) {
      out += '\n' + indent
      width = indent.length
    } else {
      out += ' '
      width++
    }
    out += unit
    width += unit.length
  }
  return out + '\n'
}

export function dest(spec: ArgumentSpec): string {
  return (spec.flags[0] ?? '').replace(/^-+/, '').replaceAll('-', '_')
}

function textualName(spec: ArgumentSpec): string {
  return spec.flags.join('/')
}

function unitOf(spec: ArgumentSpec): string {
  const flag = spec.flags[0] ?? ''
  return spec.action === 'storeTrue' ? flag : `${flag} ${spec.metavar ?? dest(spec).toUpperCase()}`
}

const SHORT_RANGE = [-32768n, 32767n] as const
const RANGES = { Short: SHORT_RANGE, Integer: INT_RANGE, Long: LONG_RANGE } as const

/** ReflectArgumentType.convert: the type's valueOf must read the value (decimal, in range). */
function checkType(spec: ArgumentSpec, value: string, fail: (message: string) => Error): void {
  if (spec.type === undefined) return
  if (/^[+-]?\d+$/.test(value) && parseJavaInteger(value, RANGES[spec.type]) !== null) return
  throw fail(
    `argument ${textualName(spec)}: could not convert '${value}' to ${spec.type} (For input string: "${value}")`,
  )
}

/** The usage units of a parser: `[-h]`, required arguments bare, optional ones bracketed, a group in `[a | b]`. */
function usageUnits(parser: ParserSpec): string[] {
  const units = ['[-h]']
  const groupsDone = new Set<string>()
  for (const spec of parser.arguments) {
    if (spec.group === undefined) {
      units.push(spec.required === true ? unitOf(spec) : `[${unitOf(spec)}]`)
      continue
    }
    if (groupsDone.has(spec.group)) continue
    groupsDone.add(spec.group)
    const members = parser.arguments.filter((other) => other.group === spec.group).map(unitOf)
    const [open, close] = parser.requiredGroups?.includes(spec.group) === true ? ['(', ')'] : ['[', ']']
    members.forEach((member, i) => {
      const first = i === 0 ? open : ''
      units.push(i === members.length - 1 ? `${first}${member}${close}` : `${first}${member} |`)
    })
  }
  return units
}

/** An option flag, as argparse4j tells one from a value: a leading `-` not followed by a digit. */
function isOption(arg: string): boolean {
  return /^-[^0-9]/.test(arg)
}

interface Parsed {
  values: Map<string, Value>
  /** The first argument that is not one of this parser's options, and everything after it. */
  rest: string[]
}

function parseOptions(parser: ParserSpec, argv: readonly string[], fail: (message: string) => Error): Parsed {
  const values = new Map<string, Value>()
  const given = new Map<string, ArgumentSpec>()
  let i = 0
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (!isOption(arg)) break
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1
    const flag = equals > 0 ? arg.slice(0, equals) : arg
    const spec = parser.arguments.find((candidate) => candidate.flags.includes(flag))
    if (spec === undefined) throw fail(`unrecognized arguments: '${arg}'`)
    const rival =
      spec.group === undefined
        ? undefined
        : [...given.values()].find((g) => g.group === spec.group && g !== spec)
    if (rival !== undefined) {
      throw fail(`argument ${textualName(spec)}: not allowed with argument ${textualName(rival)}`)
    }
    given.set(dest(spec), spec)
    if (spec.action === 'storeTrue') {
      values.set(dest(spec), true)
      continue
    }
    let value: string
    if (equals > 0) value = arg.slice(equals + 1)
    else if (i + 1 < argv.length && !isOption(argv[i + 1] ?? '')) value = argv[++i] ?? ''
    else throw fail(`argument ${textualName(spec)}: expected one argument`)
    checkType(spec, value, fail)
    const previous = values.get(dest(spec))
    values.set(
      dest(spec),
      spec.action === 'append' ? [...(Array.isArray(previous) ? previous : []), value] : value,
    )
  }
  return { values, rest: argv.slice(i) }
}

function checkRequired(
  parser: ParserSpec,
  values: ReadonlyMap<string, Value>,
  fail: (message: string) => Error,
): void {
  for (const spec of parser.arguments) {
    if (spec.required === true && !values.has(dest(spec)))
      throw fail(`argument ${textualName(spec)} is required`)
  }
  for (const group of parser.requiredGroups ?? []) {
    const members = parser.arguments.filter((spec) => spec.group === group)
    if (!members.some((spec) => values.has(dest(spec)))) {
      throw fail(`one of the arguments ${members.map(textualName).join(' ')} is required`)
    }
  }
}

/** The program's usage line (its subcommands as `{a,b} ...`). */
export function programUsage(program: ProgramSpec): string {
  return argparseUsage(program.prog, [
    ...usageUnits(program),
    program.subcommandMetavar ?? `{${[...program.subcommands.keys()].join(',')}}`,
    '...',
  ])
}

/** The usage line of one subcommand's parser (`usage: <prog> <command> [-h] ...`). */
export function subcommandUsage(program: ProgramSpec, command: string): string {
  const subcommand = program.subcommands.get(command)
  return argparseUsage(`${program.prog} ${command}`, subcommand ? usageUnits(subcommand) : ['[-h]'])
}

/** Parses argv as argparse4j's parseArgs does; throws ArgumentParserError. */
export function parseArgs(program: ProgramSpec, argv: readonly string[]): Namespace {
  const usage = programUsage(program)
  const failTop = (message: string): Error => new ArgumentParserError(usage, program.prog, message)
  const top = parseOptions(program, argv, failTop)
  const [command, ...afterCommand] = top.rest
  if (command === undefined) throw failTop('too few arguments')
  const subcommand = program.subcommands.get(command)
  if (subcommand === undefined) {
    const choices = [...program.subcommands.keys()].map((name) => `'${name}'`).join(', ')
    throw failTop(`invalid choice: '${command}' (choose from ${choices})`)
  }
  const prog = `${program.prog} ${command}`
  const subUsage = subcommandUsage(program, command)
  const failSub = (message: string): Error => new ArgumentParserError(subUsage, prog, message)
  const sub = parseOptions(subcommand, afterCommand, failSub)
  if (sub.rest.length > 0) throw failSub(`unrecognized arguments: '${sub.rest.join(' ')}'`)
  checkRequired(program, top.values, failTop)
  checkRequired(subcommand, sub.values, failSub)
  return { command, values: new Map([...top.values, ...sub.values]) }
}

/** The usage line of a program without subcommands. */
export function parserUsage(prog: string, parser: ParserSpec): string {
  return argparseUsage(prog, usageUnits(parser))
}

/** Parses argv for a program without subcommands (argparse4j's parseArgs); throws ArgumentParserError. */
export function parseFlatArgs(prog: string, parser: ParserSpec, argv: readonly string[]): Namespace {
  const fail = (message: string): Error => new ArgumentParserError(parserUsage(prog, parser), prog, message)
  const { values, rest } = parseOptions(parser, argv, fail)
  if (rest.length > 0) throw fail(`unrecognized arguments: '${rest.join(' ')}'`)
  checkRequired(parser, values, fail)
  return { command: prog, values }
}

/** A stored value, or null when the argument was not given. */
export function stringValue(namespace: Namespace, name: string): string | null {
  const value = namespace.values.get(name)
  return typeof value === 'string' ? value : null
}
