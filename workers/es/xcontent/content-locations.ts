/**
 * Token locations of a parsed request body, for the `[line:col]` ES's parse errors carry (Jackson's
 * getTokenLocation: 1-based line, 1-based column counted in UTF-8 bytes). parseJson records them when asked
 * (`locations: true`, request bodies only): for each object, where each key's name starts, where the value after
 * it starts (a container's `{` or `[`), and where the object's closing `}` is. The parsed values stay plain
 * XContentValues; the locations hang off their objects (a symbol-keyed property, which neither Map iteration nor
 * JSON sees) and die with them. The same offsets give the span of an object value in its text (objectValueSpan),
 * for a rewrite that replaces that value in the text, and of an object's content (objectContentSpan).
 */
import { locate } from './json-parse-error.ts'
import { JsonTokenizer } from './json-tokenizer.ts'
import { Token } from './json-token.ts'
import type { XContentObject } from './x-content-value.ts'

export interface ContentLocation {
  readonly line: number
  readonly col: number
}

/**
 * One object's token offsets (UTF-16 offsets into `text`): for each key in the object's order, where its name and the
 * value after it start, and where the object's closing `}` is. Two flat arrays, as the parse of every request body
 * fills one per object while a lookup (an error's location) is rare.
 */
export class ObjectOffsets {
  private readonly keys: string[] = []
  /** Per key: where its name starts, then where its value starts (-1 until the value is read). */
  private readonly starts: number[] = []
  end: number

  constructor(readonly text: string) {
    this.end = text.length
  }

  /** A key's name, read at `start`. */
  key(key: string, start: number): void {
    this.keys.push(key)
    this.starts.push(start, -1)
  }

  /** The value of the key read last, read at `start`. */
  value(start: number): void {
    this.starts[this.starts.length - 1] = start
  }

  offsetOf(key: string, token: 'key' | 'value'): number | undefined {
    const i = this.keys.indexOf(key)
    const offset = i < 0 ? -1 : this.starts[2 * i + (token === 'key' ? 0 : 1)]!
    return offset < 0 ? undefined : offset
  }
}

/** Where an object's offsets hang: a property of its own (a WeakMap entry per object slows every parse and GC). */
const OFFSETS = Symbol('offsets')
type Located = XContentObject & { [OFFSETS]?: ObjectOffsets }

export function recordOffsets(object: XContentObject, offsets: ObjectOffsets): void {
  ;(object as Located)[OFFSETS] = offsets
}

const offsetsOf = (object: XContentObject): ObjectOffsets | undefined => (object as Located)[OFFSETS]

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
  const offsets = offsetsOf(object)
  const offset = offsets?.offsetOf(key, token)
  return offsets === undefined || offset === undefined ? null : at(offsets.text, offset)
}

/** Where `object`'s closing `}` is; null when the object's text was not located. */
export function endLocationOf(object: XContentObject): ContentLocation | null {
  const offsets = offsetsOf(object)
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

/** The request text `object` was parsed from, for parsers that locate their errors in it; '' when not located. */
export function sourceTextOf(object: XContentObject): string {
  return offsetsOf(object)?.text ?? ''
}

/**
 * Where the parser stands once it has read `key`'s value in `object` (ObjectParser.parseValue's getTokenLocation
 * when the field's parser, or the builder it completes, fails after reading the whole value): a container's closing
 * bracket, a scalar's own token; [1, 1] for an object that was not parsed from a request's text.
 */
export function valueEndLocation(object: XContentObject, key: string): [number, number] {
  const value = object.get(key)
  if (value instanceof Map) {
    const end = endLocationOf(value)
    if (end !== null) return [end.line, end.col]
  }
  const offsets = offsetsOf(object)
  const start = offsets?.offsetOf(key, 'value')
  if (offsets === undefined || start === undefined) return [1, 1]
  const offset = Array.isArray(value) ? arrayToken(offsets.text, start, Infinity) : start
  return pair(at(offsets.text, offset))
}

/**
 * Where element `index` of the array at `key` starts (the token parseArray's element parser stands on when it
 * fails); the value's own start when it is not an array; [1, 1] for an object not parsed from a request's text.
 */
export function elementLocation(object: XContentObject, key: string, index: number): [number, number] {
  const offsets = offsetsOf(object)
  const start = offsets?.offsetOf(key, 'value')
  if (offsets === undefined || start === undefined) return [1, 1]
  const offset = Array.isArray(object.get(key)) ? arrayToken(offsets.text, start, index) : start
  return pair(at(offsets.text, offset))
}

/** In the array whose `[` is at `start`: where element `index` starts, or its closing `]` past its last element. */
function arrayToken(text: string, start: number, index: number): number {
  const tokenizer = new JsonTokenizer(text.slice(start))
  tokenizer.next()
  let element = 0
  for (let depth = 0; ;) {
    const kind = tokenizer.next()
    if (kind === Token.EOF) return start
    if (depth === 0 && kind === Token.END_ARRAY) return start + tokenizer.tokenStart
    if (depth === 0 && element++ === index) return start + tokenizer.tokenStart
    if (kind === Token.START_OBJECT || kind === Token.START_ARRAY) depth++
    else if (kind === Token.END_OBJECT || kind === Token.END_ARRAY) depth--
  }
}

const pair = (location: ContentLocation): [number, number] => [location.line, location.col]

/**
 * The text `object`'s value at `key` spans when that value is an object parsed with locations: the UTF-16 offsets
 * of its `{` and just past its `}` in `text`, the body both were parsed from; null otherwise.
 */
export function objectValueSpan(
  object: XContentObject,
  key: string,
): { text: string; start: number; end: number } | null {
  const offsets = offsetsOf(object)
  const value = object.get(key)
  const start = offsets?.offsetOf(key, 'value')
  const inner = value instanceof Map ? offsetsOf(value) : undefined
  if (offsets === undefined || start === undefined || inner === undefined) return null
  return { text: offsets.text, start, end: inner.end + 1 }
}

/**
 * The text between `object`'s braces when it was parsed with locations and has a key: the UTF-16 offsets of its
 * first key's name and of its closing `}` in `text`, the body it was parsed from; null otherwise.
 */
export function objectContentSpan(
  object: XContentObject,
): { text: string; start: number; end: number } | null {
  const offsets = offsetsOf(object)
  const first = object.keys().next()
  const start = first.done === true ? undefined : offsets?.offsetOf(first.value, 'key')
  if (offsets === undefined || start === undefined) return null
  return { text: offsets.text, start, end: offsets.end }
}
