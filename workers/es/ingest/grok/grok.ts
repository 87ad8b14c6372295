/**
 * Grok (ES 8 libs/grok): a grok expression expanded into an Oniguruma regex and its typed named captures.
 * - toRegex: repeatedly finds the first `%{PATTERN}`, `%{PATTERN:field}` or `%{PATTERN:field:type}` (found
 *   with ES's own GROK_PATTERN regex) and replaces it by `(?<PATTERN:field:type>definition)`, or
 *   `(?:definition)` without a field, then continues inside the replacement, so nested references expand.
 *   An unknown name: `Unable to find pattern [X] in Grok's pattern dictionary`.
 * - captures (GrokCaptureConfig / GrokCaptureType / MapExtracter): a group name `PATTERN:field:type` gives
 *   field `field` (a name without `:` is the field itself) and type int / long / float / double / boolean
 *   (anything else is a string). Every group of the same name that took part yields a value; a field that
 *   gets several values becomes a list. Numbers parse as Java's Integer.parseInt, Long.parseLong,
 *   Float.parseFloat, Double.parseDouble (a failure is a number_format_exception `For input string: "x"`),
 *   booleans as Boolean.parseBoolean.
 * - a match runs under the step budget standing in for MatcherWatchdog; past it: `grok pattern matching was
 *   interrupted after [1000] ms`, a runtime_exception (500).
 */
import { parseJavaDouble } from '../../../net/java-double.ts'
import { EsException } from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { INT_RANGE, LONG_RANGE, parseJavaInteger } from '../../../net/java-integer.ts'
import { javaFloatingValue } from '../processors/java-numbers.ts'
import { OnigInterrupted, OnigRegex, type OnigMatch } from './onig-matcher.ts'
import { parseOnig } from './onig-parser.ts'
import type { PatternBank } from './pattern-bank.ts'

/** ES's default `ingest.grok.watchdog.max_execution_time`, named in the interruption message. */
export const MAX_EXECUTION_TIME_MILLIS = 1000

const GROK_PATTERN = new OnigRegex(
  parseOnig(
    '%\\{(?<name>(?<pattern>[A-z0-9]+)(?::(?<subname>[[:alnum:]@\\[\\]_:.-]+))?)(?:=(?<definition>(?:[^{}]+|\\.+)+))?\\}',
  ),
)
const MAX_TO_REGEX_ITERATIONS = 100_000

export type CaptureType = 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean'

interface CaptureConfig {
  readonly field: string
  readonly type: CaptureType
  readonly groups: readonly number[]
}

export class Grok {
  private readonly regex: OnigRegex
  private readonly captureConfig: CaptureConfig[]

  /** Throws an Error with ES's message for an unknown pattern or a regex syntax error. */
  constructor(bank: PatternBank, expression: string) {
    this.regex = new OnigRegex(parseOnig(toRegex(bank, expression)))
    this.captureConfig = [...this.regex.program.names].map(([name, groups]) => {
      const parts = name.split(':')
      const type = parts.length === 3 ? captureType(parts[2]!) : 'string'
      return { field: parts.length >= 2 ? parts[1]! : parts[0]!, type, groups }
    })
  }

  /** The fields a match can set and their capture types, in capture order. */
  fields(): { name: string; type: CaptureType }[] {
    const out = new Map<string, CaptureType>()
    for (const { field, type } of this.captureConfig) if (!out.has(field)) out.set(field, type)
    return [...out].map(([name, type]) => ({ name, type }))
  }

  /** The captured fields in capture order (a field twice holds a list), or null when nothing matches. */
  captures(text: string): Map<string, XContentValue> | null {
    const chars = [...text]
    const match = search(this.regex, chars)
    if (match === null) return null
    const result = new Map<string, XContentValue>()
    for (const config of this.captureConfig) {
      for (const group of config.groups) {
        const start = match.starts[group]!
        if (start < 0) continue
        const value = parse(config.type, chars.slice(start, match.ends[group]).join(''))
        const existing = result.get(config.field)
        if (existing === undefined) result.set(config.field, value)
        else if (Array.isArray(existing)) existing.push(value)
        else result.set(config.field, [existing, value])
      }
    }
    return result
  }
}

function codePoints(chars: readonly string[]): Int32Array {
  return Int32Array.from(chars, (c) => c.codePointAt(0)!)
}

/** A search under the watchdog's budget; an interrupted one is ES's runtime_exception. */
function search(regex: OnigRegex, chars: readonly string[]): OnigMatch | null {
  try {
    return regex.search(codePoints(chars))
  } catch (error) {
    if (!(error instanceof OnigInterrupted)) throw error
    throw new EsException({
      type: 'runtime_exception',
      reason: `grok pattern matching was interrupted after [${MAX_EXECUTION_TIME_MILLIS}] ms`,
      status: 500,
    })
  }
}

function toRegex(bank: PatternBank, expression: string): string {
  let rest = expression
  let result = ''
  for (let i = 0; i < MAX_TO_REGEX_ITERATIONS; i++) {
    const chars = [...rest]
    let match
    try {
      match = GROK_PATTERN.search(codePoints(chars))
    } catch (error) {
      // The watchdog interrupting this search leaves the expression as it is, as ES's result < 0 does.
      if (!(error instanceof OnigInterrupted)) throw error
      match = null
    }
    if (match === null) return result + rest
    const group = (name: string): string | null => {
      const number = GROK_PATTERN.program.names.get(name)![0]!
      const start = match.starts[number]!
      return start < 0 ? null : chars.slice(start, match.ends[number]).join('')
    }
    const patternName = group('pattern')!
    const definition = bank.get(patternName)
    if (definition === undefined) {
      throw new Error(`Unable to find pattern [${patternName}] in Grok's pattern dictionary`)
    }
    if (definition.includes(`%{${patternName}}`) || definition.includes(`%{${patternName}:`)) {
      throw new Error(`circular reference in pattern back [${patternName}]`)
    }
    const part = group('subname') === null ? `(?:${definition})` : `(?<${group('name')!}>${definition})`
    result += chars.slice(0, match.starts[0]).join('')
    rest = part + chars.slice(match.ends[0]).join('')
  }
  throw new Error('Can not convert grok patterns to regular expression')
}

function captureType(name: string): CaptureType {
  return name === 'int' || name === 'long' || name === 'float' || name === 'double' || name === 'boolean'
    ? name
    : 'string'
}

function numberFormat(text: string): EsException {
  return new EsException({
    type: 'number_format_exception',
    reason: `For input string: "${text}"`,
    status: 400,
  })
}

function parse(type: CaptureType, text: string): XContentValue {
  switch (type) {
    case 'string':
      return text
    case 'boolean':
      return text.toLowerCase() === 'true'
    case 'int':
    case 'long': {
      // parseInt / parseLong take no hex (unlike decode).
      const n = /^[+-]?\d+$/.test(text)
        ? parseJavaInteger(text, type === 'int' ? INT_RANGE : LONG_RANGE)
        : null
      if (n === null) throw numberFormat(text)
      return new XNumber(n.toString())
    }
    case 'float':
    case 'double': {
      const n = parseJavaDouble(text)
      if (n === null) throw numberFormat(text)
      return javaFloatingValue(n, type)
    }
  }
}
