/**
 * parseJson: a request body to XContentValues, with Jackson's acceptance rules and errors (see JsonTokenizer).
 *
 * - Duplicate keys fail with `Duplicate field 'x'` at the position after the second name, as Jackson's
 *   STRICT_DUPLICATE_DETECTION (enabled by JsonXContentImpl) does; with `duplicateKeys: 'lastWins'`
 *   (XContentParser.allowDuplicateKeys) the last value is kept, where the first one stood.
 * - Iterative: containers live on an explicit stack, so nesting costs no JS stack.
 * - After the first root value, `trailing: 'reject'` (the default) reads one more token the way
 *   DocumentParser.validateEnd does and throws ExtraDataError (`Malformed content, found extra data after
 *   parsing: START_OBJECT`) if there is one; a malformed tail fails as Jackson would. `trailing: 'ignore'`
 *   stops after the root value, as the search and other body parsers do.
 * - An empty or blank body has no root value. Elasticsearch's REST layer answers those before parsing
 *   ("request body is required"); here it is a JsonParseError with jackson-databind's
 *   `No content to map due to end-of-input` (MismatchedInputException).
 */

import { JsonParseError, STREAM_SOURCE, locate } from './json-parse-error.ts'
import { Token, xContentTokenName } from './json-token.ts'
import { JsonTokenizer } from './json-tokenizer.ts'
import { XNumber, type XContentObject, type XContentValue } from './x-content-value.ts'
import { ObjectOffsets, recordOffsets } from './content-locations.ts'

export interface ParseJsonOptions {
  /** Jackson's source description used in error locations. */
  source?: string
  trailing?: 'reject' | 'ignore'
  duplicateKeys?: 'reject' | 'lastWins'
  /** Record each object's token locations (content-locations.ts), for a request body's parse errors. */
  locations?: boolean
}

/** DocumentParser.validateEnd's IllegalArgumentException: a token follows the root value. */
export class ExtraDataError extends Error {
  override readonly name = 'ExtraDataError'

  constructor(readonly token: string) {
    super(`Malformed content, found extra data after parsing: ${token}`)
  }
}

type Container = XContentObject | XContentValue[]

export function parseJson(text: string, options: ParseJsonOptions = {}): XContentValue {
  const source = options.source ?? STREAM_SOURCE
  const tokenizer = new JsonTokenizer(text, { source })
  const rejectDuplicates = options.duplicateKeys !== 'lastWins'
  const root = readRoot(tokenizer, source, options.locations === true, rejectDuplicates)
  if (options.trailing !== 'ignore') {
    const extra = tokenizer.next()
    if (extra !== Token.EOF) throw new ExtraDataError(xContentTokenName(extra))
  }
  return root
}

function readRoot(
  tokenizer: JsonTokenizer,
  source: string,
  locations: boolean,
  rejectDuplicates: boolean,
): XContentValue {
  const stack: Container[] = []
  const offsets: Array<ObjectOffsets | null> = []
  let top: Container | undefined
  let key = ''
  for (;;) {
    const kind = tokenizer.next()
    let value: XContentValue
    switch (kind) {
      case Token.FIELD_NAME:
        key = tokenizer.value
        if (rejectDuplicates && (top as XContentObject).has(key)) tokenizer.fail(`Duplicate field '${key}'`)
        if (locations) offsets[offsets.length - 1]?.key(key, tokenizer.tokenStart)
        continue
      case Token.START_OBJECT:
      case Token.START_ARRAY: {
        const container: Container = kind === Token.START_OBJECT ? new Map() : []
        if (top !== undefined) attach(top, key, container)
        if (locations) {
          valueAt(offsets, top, key, tokenizer.tokenStart)
          offsets.push(container instanceof Map ? objectOffsets(container, tokenizer.text) : null)
        }
        stack.push(container)
        top = container
        continue
      }
      case Token.END_OBJECT:
      case Token.END_ARRAY: {
        const done = stack.pop() as Container
        if (locations) {
          const closed = offsets.pop()
          if (closed) closed.end = tokenizer.tokenStart
        }
        top = stack[stack.length - 1]
        if (top === undefined) return done
        continue
      }
      case Token.VALUE_STRING:
        value = tokenizer.value
        break
      case Token.VALUE_NUMBER_INT:
      case Token.VALUE_NUMBER_FLOAT:
        value = new XNumber(tokenizer.value)
        break
      case Token.VALUE_TRUE:
        value = true
        break
      case Token.VALUE_FALSE:
        value = false
        break
      case Token.VALUE_NULL:
        value = null
        break
      default:
        return noContent(tokenizer.text, source)
    }
    if (top === undefined) return value
    if (locations) valueAt(offsets, top, key, tokenizer.tokenStart)
    attach(top, key, value)
  }
}

function objectOffsets(object: XContentObject, text: string): ObjectOffsets {
  const offsets = new ObjectOffsets(text)
  recordOffsets(object, offsets)
  return offsets
}

/** Records where the value of `key` starts when the enclosing container is an object. */
function valueAt(
  offsets: ReadonlyArray<ObjectOffsets | null>,
  top: Container | undefined,
  key: string,
  start: number,
): void {
  if (top instanceof Map) offsets[offsets.length - 1]?.value(start)
}

function attach(top: Container, key: string, value: XContentValue): void {
  if (Array.isArray(top)) top.push(value)
  else top.set(key, value)
}

function noContent(text: string, source: string): never {
  const { line, column } = locate(text, text.length)
  throw new JsonParseError(
    'No content to map due to end-of-input',
    line,
    column,
    'MismatchedInputException',
    source,
  )
}
