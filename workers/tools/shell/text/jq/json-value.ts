/**
 * jq's values: JSON with objects as Maps (insertion order kept, as jq prints them) and numbers that keep
 * their literal text while unchanged (jq 1.7 prints `1.0` and `100000000000000000001` as read). Ordering is
 * jq's jv_cmp: null < false < true < numbers < strings < arrays < objects, strings by code point, arrays
 * element-wise, objects by their sorted keys then values. Printing follows jq 1.7: two-space indent, `-c`
 * compact, `-S` sorted keys, strings with `\uXXXX` for other control characters, numbers in the shortest
 * form with an exponent (`1e+100`, `1e-05`) outside jq's fixed-point range.
 */

export class JsonNumber {
  constructor(
    readonly value: number,
    /** The literal as written in the input or the program. */
    readonly literal: string,
  ) {}
}

export type Json = null | boolean | number | JsonNumber | string | Json[] | JsonObject
export type JsonObject = Map<string, Json>

export type Kind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object'

export function kindOf(value: Json): Kind {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number' || value instanceof JsonNumber) return 'number'
  if (typeof value === 'string') return 'string'
  return Array.isArray(value) ? 'array' : 'object'
}

export function numberOf(value: Json): number {
  return value instanceof JsonNumber ? value.value : (value as number)
}

export function isTruthy(value: Json): boolean {
  return value !== null && value !== false
}

function rank(value: Json): number {
  if (value === null) return 0
  if (value === false) return 1
  if (value === true) return 2
  return { number: 3, string: 4, array: 5, object: 6 }[kindOf(value) as 'number']
}

function compareStrings(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!)
  const y = Array.from(b, (c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}

export function compareJson(a: Json, b: Json): number {
  const r = rank(a) - rank(b)
  if (r !== 0 || rank(a) < 3) return Math.sign(r)
  switch (kindOf(a)) {
    case 'number':
      return Math.sign(numberOf(a) - numberOf(b))
    case 'string':
      return Math.sign(compareStrings(a as string, b as string))
    case 'array': {
      const x = a as Json[]
      const y = b as Json[]
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareJson(x[i]!, y[i]!)
        if (c !== 0) return c
      }
      return Math.sign(x.length - y.length)
    }
    default: {
      const x = a as JsonObject
      const y = b as JsonObject
      const keys = compareJson(sortedKeys(x), sortedKeys(y))
      if (keys !== 0) return keys
      for (const key of sortedKeys(x)) {
        const c = compareJson(x.get(key)!, y.get(key)!)
        if (c !== 0) return c
      }
      return 0
    }
  }
}

export function sortedKeys(object: JsonObject): string[] {
  return [...object.keys()].sort(compareStrings)
}

/** jq's shortest number text. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'null'
  if (!Number.isFinite(value)) return value > 0 ? '1.7976931348623157e+308' : '-1.7976931348623157e+308'
  if (value === 0) return Object.is(value, -0) ? '-0' : '0'
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string]
  const digits = mantissa.replace(/^-/, '').replace('.', '')
  const exponent = Number(exponentText)
  const decimalPoint = exponent + 1
  const sign = value < 0 ? '-' : ''
  if (decimalPoint <= -4 || decimalPoint > digits.length + 15) {
    const e =
      exponent < 0 ? `-${String(-exponent).padStart(2, '0')}` : `+${String(exponent).padStart(2, '0')}`
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${e}`
  }
  if (decimalPoint <= 0) return `${sign}0.${'0'.repeat(-decimalPoint)}${digits}`
  if (decimalPoint >= digits.length) return `${sign}${digits}${'0'.repeat(decimalPoint - digits.length)}`
  return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`
}

export function quoteString(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '"') out += '\\"'
    else if (char === '\\') out += '\\\\'
    else if (char === '\n') out += '\\n'
    else if (char === '\t') out += '\\t'
    else if (char === '\r') out += '\\r'
    else if (char === '\b') out += '\\b'
    else if (char === '\f') out += '\\f'
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`
    else out += char
  }
  return `${out}"`
}

export interface DumpOptions {
  /** One level's indentation (two spaces by default, a tab with --tab); empty: compact. */
  readonly indent: string
  readonly sortKeys: boolean
}

export const COMPACT: DumpOptions = { indent: '', sortKeys: false }

export function dumpJson(value: Json, options: DumpOptions, depth = 0): string {
  switch (kindOf(value)) {
    case 'null':
      return 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return value instanceof JsonNumber ? value.literal : formatNumber(value as number)
    case 'string':
      return quoteString(value as string)
    default:
      break
  }
  const pretty = options.indent !== ''
  const inner = pretty ? `\n${options.indent.repeat(depth + 1)}` : ''
  const outer = pretty ? `\n${options.indent.repeat(depth)}` : ''
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[${value.map((item) => inner + dumpJson(item, options, depth + 1)).join(',')}${outer}]`
  }
  const object = value as JsonObject
  if (object.size === 0) return '{}'
  const keys = options.sortKeys ? sortedKeys(object) : [...object.keys()]
  const colon = pretty ? ': ' : ':'
  const members = keys.map(
    (key) => `${inner}${quoteString(key)}${colon}${dumpJson(object.get(key)!, options, depth + 1)}`,
  )
  return `{${members.join(',')}${outer}}`
}

/** A value as jq quotes it in an error: its kind and its compact text cut to 11 characters and `...`. */
export function describe(value: Json): string {
  const text = dumpJson(value, COMPACT)
  return `${kindOf(value)} (${text.length > 14 ? `${text.slice(0, 11)}...` : text})`
}
