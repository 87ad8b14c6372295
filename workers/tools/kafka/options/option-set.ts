/**
 * joptsimple's OptionSet: which options were given, with their arguments in order. Values are converted
 * on access, as joptsimple does (`valueOf` on an Integer option parses then, so a bad number fails when the
 * tool reads it, not when it parses argv). Integer and Long follow Integer.valueOf / Long.valueOf: an
 * optional sign, ASCII digits, no spaces, within the type's range.
 */
import { OptionException } from '../java-exception.ts'
import type { OptionSpec } from './option-spec.ts'

const RANGES = {
  Integer: [-(2n ** 31n), 2n ** 31n - 1n],
  Long: [-(2n ** 63n), 2n ** 63n - 1n],
} as const

export class OptionSet {
  private readonly values = new Map<string, (string | null)[]>()
  private readonly nonOptions: string[] = []
  private readonly occurrences: string[] = []

  constructor(private readonly specs: readonly OptionSpec[]) {}

  add(name: string, value: string | null): void {
    const list = this.values.get(name) ?? []
    list.push(value)
    this.values.set(name, list)
    this.occurrences.push(name)
  }

  addNonOptions(words: readonly string[]): void {
    this.nonOptions.push(...words)
  }

  has(name: string): boolean {
    return this.values.has(name)
  }

  /** OptionSet.specs: the names of the options given, in the order they first appear. */
  givenNames(): string[] {
    return [...this.values.keys()]
  }

  /** OptionSet.specs as joptsimple keeps it: one name per occurrence on the command line, in order. */
  occurrenceNames(): readonly string[] {
    return this.occurrences
  }

  nonOptionArguments(): readonly string[] {
    return this.nonOptions
  }

  /** OptionSet.valuesOf: the given arguments, or the defaults when the option is absent. */
  valuesOf(name: string): string[] {
    const given = this.values.get(name)
    if (given === undefined) return [...this.spec(name).defaults]
    return given.filter((value): value is string => value !== null)
  }

  /** OptionSet.valueOf: null when absent without default; throws when given more than once. */
  valueOf(name: string): string | null {
    const values = this.valuesOf(name)
    if (values.length > 1) {
      throw new OptionException(
        'joptsimple.MultipleArgumentsForOptionException',
        `Found multiple arguments for option ${name}, but you asked for only one`,
      )
    }
    return values[0] ?? null
  }

  /** valueOf for an Integer or Long option, converted as Java's valueOf does. */
  numberOf(name: string): number | null {
    const text = this.valueOf(name)
    if (text === null) return null
    const range = RANGES[this.spec(name).type === 'Long' ? 'Long' : 'Integer']
    if (/^[+-]?[0-9]+$/.test(text)) {
      const value = BigInt(text)
      if (value >= range[0] && value <= range[1]) return Number(value)
    }
    throw new OptionException(
      'joptsimple.OptionArgumentConversionException',
      `Cannot parse argument '${text}' of option ${name}`,
    )
  }

  private spec(name: string): OptionSpec {
    const spec = this.specs.find((each) => each.name === name)
    if (spec === undefined) throw new Error(`option ${name} is not declared`)
    return spec
  }
}
