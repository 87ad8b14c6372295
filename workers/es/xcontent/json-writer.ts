/**
 * toJson: a response built from plain values, serialised compactly the way Elasticsearch's XContentBuilder
 * (Jackson's UTF8JsonGenerator) writes it.
 *
 * - Keys in insertion order; `undefined` properties are skipped. A JavaScript object orders integer-like keys
 *   ("0", "1") first whatever the insertion order, so build such objects as a `Map`.
 * - Strings escape `"`, `\`, and the controls below U+0020 as Jackson does: `\b \t \n \f \r`, otherwise
 *   `\u00XX` with upper-case hex; `/`, DEL and non-ASCII are written as they are.
 * - Numbers: a `number` that is an integer is written as a Java long; any other `number` as a Java double
 *   (`Double.toString`). `JavaFloat` and `JavaDouble` say which Java type a value has (a `_score` is a float,
 *   so `new JavaFloat(0.2876821)`); non-finite ones are written as the strings "NaN", "Infinity", "-Infinity"
 *   (Jackson's WRITE_NAN_AS_STRINGS). An `XNumber` from the parser keeps its lexeme.
 * - `RawJson` is spliced verbatim: Elasticsearch embeds `_source` as the bytes that were sent.
 */

import { javaDoubleToString, javaFloatToString } from './java-number-format.ts'
import { XNumber } from './x-content-value.ts'

export class RawJson {
  constructor(readonly text: string) {}
}

/** A Java `float`: written with Float.toString. */
export class JavaFloat {
  constructor(readonly value: number) {}

  toString(): string {
    return javaFloatToString(this.value)
  }
}

/** A Java `double`: written with Double.toString (`1.0`, not `1`). */
export class JavaDouble {
  constructor(readonly value: number) {}

  toString(): string {
    return javaDoubleToString(this.value)
  }
}

export type JsonOut =
  | string
  | number
  | boolean
  | null
  | RawJson
  | XNumber
  | JavaFloat
  | JavaDouble
  | ReadonlyMap<string, JsonOut>
  | readonly JsonOut[]
  | { readonly [key: string]: JsonOut | undefined }

export function toJson(value: JsonOut): string {
  const out: string[] = []
  write(value, out)
  return out.join('')
}

function write(value: JsonOut, out: string[]): void {
  if (value === null) out.push('null')
  else if (typeof value === 'string') out.push(quoteJson(value))
  else if (typeof value === 'number') out.push(writeNumber(value))
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false')
  else if (value instanceof RawJson) out.push(value.text)
  else if (value instanceof XNumber) out.push(value.text)
  else if (value instanceof JavaFloat || value instanceof JavaDouble) out.push(writeJavaNumber(value))
  else if (isArray(value)) writeArray(value, out)
  else if (value instanceof Map) writeEntries(value.entries(), out)
  else writeEntries(Object.entries(value), out)
}

function isArray(value: JsonOut): value is readonly JsonOut[] {
  return Array.isArray(value)
}

function writeArray(values: readonly JsonOut[], out: string[]): void {
  out.push('[')
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out.push(',')
    write(values[i] ?? null, out)
  }
  out.push(']')
}

function writeEntries(entries: Iterable<[string, JsonOut | undefined]>, out: string[]): void {
  out.push('{')
  let first = true
  for (const [key, value] of entries) {
    if (value === undefined) continue
    out.push(first ? quoteJson(key) + ':' : ',' + quoteJson(key) + ':')
    first = false
    write(value, out)
  }
  out.push('}')
}

function writeNumber(value: number): string {
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString()
  return writeJavaNumber(new JavaDouble(value))
}

function writeJavaNumber(value: JavaFloat | JavaDouble): string {
  const text = value.toString()
  return Number.isFinite(value.value) ? text : '"' + text + '"'
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f]/
const SHORT_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' }

/** A JSON string literal escaped as Jackson's generator escapes it. */
export function quoteJson(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"'
  let out = '"'
  let from = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue
    out += s.slice(from, i)
    from = i + 1
    if (c === 0x22) out += '\\"'
    else if (c === 0x5c) out += '\\\\'
    else out += SHORT_ESCAPES[c] ?? '\\u00' + c.toString(16).toUpperCase().padStart(2, '0')
  }
  return out + s.slice(from) + '"'
}
