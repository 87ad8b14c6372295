/**
 * One command-line option as a Kafka tool declares it to joptsimple (`parser.accepts(name, description)`,
 * then `.withRequiredArg()` / `.withOptionalArg()`, `.describedAs(...)`, `.ofType(...)`, `.defaultsTo(...)`,
 * `.required()`).
 * The help table and the parser are both driven by these declarations.
 */
export type ArgumentKind = 'none' | 'required' | 'optional'

/**
 * joptsimple's type indicator: the simple name of the class given to `ofType`, or the valuePattern of a
 * converter given to `withValuesConvertedBy` (an EnumConverter's is `[A,B]`; a tool's own converter may
 * print its values as `A|B`).
 */
export type ArgumentType = 'String' | 'Integer' | 'Long' | `[${string}]` | `${string}|${string}`

export interface OptionSpec {
  readonly name: string
  readonly description: string
  readonly argument: ArgumentKind
  readonly type: ArgumentType
  /** The `describedAs` text; empty when the tool gave none. */
  readonly argumentDescription: string
  /** `defaultsTo` values, already as Java's toString renders them. */
  readonly defaults: readonly string[]
  /** `.required()`: the parser refuses a command line without it (unless --help or --version is given). */
  readonly required?: boolean
}

/** `parser.accepts(name, description)`: a flag without argument. */
export function flag(name: string, description: string): OptionSpec {
  return { name, description, argument: 'none', type: 'String', argumentDescription: '', defaults: [] }
}

/** `parser.accepts(name, description).withRequiredArg()` (or withOptionalArg) with its details. */
export function withArgument(
  name: string,
  description: string,
  details: {
    argumentDescription?: string
    type?: ArgumentType
    defaultsTo?: string
    optional?: boolean
    required?: boolean
  } = {},
): OptionSpec {
  return {
    name,
    description,
    argument: details.optional === true ? 'optional' : 'required',
    type: details.type ?? 'String',
    argumentDescription: details.argumentDescription ?? '',
    defaults: details.defaultsTo === undefined ? [] : [details.defaultsTo],
    ...(details.required === true ? { required: true } : {}),
  }
}

/** The two options every Kafka tool gets from CommandDefaultOptions. */
export const HELP_AND_VERSION: readonly OptionSpec[] = [
  flag('help', 'Print usage information.'),
  flag('version', 'Display Kafka version.'),
]

/** How joptsimple's OptionSpec.toString shows an option inside Kafka's messages: `[name]`. */
export function specText(name: string): string {
  return `[${name}]`
}
