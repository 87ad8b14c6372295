/**
 * Token locations of a parsed request body, for the `[line:col]` ES's parse errors carry (Jackson's
 * getTokenLocation: 1-based line, 1-based column counted in UTF-8 bytes). parseJson records them when asked
 * (`locations: true`, request bodies only): for each object, where each key's name starts, where the value after
 * it starts (a container's `{` or `[`), and where the object's closing `}` is. The parsed values stay plain
 * XContentValues; the locations hang off their objects in a WeakMap and die with them.
 */
import { locate } from './json-parse-error.ts'
import type { XContentObject } from './x-content-value.ts'

export interface ContentLocation {
  readonly line: number
  readonly col: number
}

/** One object's token offsets (UTF-16 offsets into `text`). */
export interface ObjectOffsets {
  readonly text: string
  readonly keys: Map<string, number>
  readonly values: Map<string, number>
  end: number
}

const OFFSETS = new WeakMap<XContentObject, ObjectOffsets>()

export function recordOffsets(object: XContentObject, offsets: ObjectOffsets): void {
  OFFSETS.set(object, offsets)
}

function at(text: string, offset: number): ContentLocation {
  const { line, column } = locate(text, offset)
  return { line, col: column }
}

/** Where `key`'s name, or the value after it, starts in `object`; null when the object's text was not located. */
export function locationOf(
  object: XContentObject,
  key: string,
  token: 'key' | 'value',
): ContentLocation | null {
  const offsets = OFFSETS.get(object)
  const offset = (token === 'key' ? offsets?.keys : offsets?.values)?.get(key)
  return offsets === undefined || offset === undefined ? null : at(offsets.text, offset)
}

/** Where `object`'s closing `}` is; null when the object's text was not located. */
export function endLocationOf(object: XContentObject): ContentLocation | null {
  const offsets = OFFSETS.get(object)
  return offsets === undefined ? null : at(offsets.text, offsets.end)
}

/**
 * The `[line, col]` of `key`'s name or of its value in a request body's object (XContentParser.getTokenLocation at
 * that token); [1, 1] for an object that was not parsed from a request's text.
 */
export function tokenLocation(object: XContentObject, key: string, token: 'key' | 'value'): [number, number] {
  const location = locationOf(object, key, token)
  return location === null ? [1, 1] : [location.line, location.col]
}
