/**
 * The `[line:col]` of a document's parse failure (DocumentParsingException, StrictDynamicMappingException), which
 * ES takes from XContentParser.getTokenLocation at the token its parser is on when the mapper fails: 1-based line
 * and column, the column counted in UTF-8 bytes (json-parse-error.ts `locate`).
 *
 * The document walk keeps no positions (it is the indexing hot path). A failure is thrown as an EsException built at
 * XContentLocation.UNKNOWN (`[-1:-1]`) and registered here with how to build it again and which part of its token it
 * is reported at; as it unwinds through the walk, each object and array it leaves adds the key or index of the value
 * it was in (`failedIn`, from catch blocks that cost nothing while nothing throws). The primary, which has the
 * document's text, finds that value's token in the text (token-at-path.ts) and builds the failure there
 * (`locateDocumentFailure`).
 *
 * Parts of a token: `start` (getTokenLocation at a value; most failures), `end` (an object's closing `}`:
 * FieldMapper's preview reads an object given to a leaf field to its end before the location is taken), `after`
 * (the position after a number or literal: Jackson's current location, which its coercion exceptions carry), `name`
 * (the field name the value is under: where DotExpandingXContentParser reports the objects it makes of a dotted name,
 * and the name's own refusal).
 *
 * A failure whose cause carries locations of its own (a percolator field's query, percolator-field.ts) is built from
 * the value parsed again from the text with its token locations (`located`): only a failure pays for that parse.
 */
import { locate } from '../../xcontent/json-parse-error.ts'
import { tokenAtPath, type PathStep, type TokenOffsets } from '../../xcontent/token-at-path.ts'
import { EsException, xContentParseException } from '../../errors/index.ts'
import { parseJson, type XContentValue } from '../../xcontent/index.ts'

export type TokenPart = keyof TokenOffsets

export interface TokenLocation {
  readonly line: number
  readonly col: number
}

/** A value's token, each part located. */
export type LocatedToken = Readonly<Record<TokenPart, TokenLocation>>

/**
 * Builds a failure at its location; `token` also locates a registered cause (`rebuildAt`); `located` parses the
 * value again from the document's text with its token locations, for a failure whose cause carries its own.
 */
type Build = (at: TokenLocation, token: LocatedToken, located?: () => XContentValue) => EsException

interface Pending {
  readonly part: TokenPart
  readonly build: Build
  /** The keys and indices of the values the failure is in, innermost first. */
  readonly steps: PathStep[]
}

const UNKNOWN: TokenLocation = { line: -1, col: -1 }
const UNKNOWN_TOKEN: LocatedToken = { start: UNKNOWN, end: UNKNOWN, after: UNKNOWN, name: UNKNOWN }

const PENDING = new WeakMap<EsException, Pending>()

/** A failure at the value the walk is on, reported at `part` of its token once located. */
export function documentFailure(part: TokenPart, build: Build): EsException {
  const error = build(UNKNOWN, UNKNOWN_TOKEN)
  PENDING.set(error, { part, build, steps: [] })
  return error
}

/** Records that the failure happened inside the value at `step` (a key or an array index) of the enclosing value. */
export function failedIn(error: unknown, step: PathStep): unknown {
  if (error instanceof EsException) PENDING.get(error)?.steps.push(step)
  return error
}

/**
 * A failure met while a value is parsed again elsewhere (copy_to: DocumentParserContext's copy-to parser reads the
 * same token): it is reported at the value being copied, whatever path it was copied to.
 */
export function failedInCopy(error: unknown): unknown {
  if (error instanceof EsException) PENDING.get(error)?.steps.splice(0)
  return error
}

/** `error` built at its part of `token` when it is a registered failure (a cause of one), else as it is. */
export function rebuildAt(error: EsException, token: LocatedToken): EsException {
  const pending = PENDING.get(error)
  return pending === undefined ? error : pending.build(token[pending.part], token)
}

/** The value at `path` (keys and indices, outermost first) inside `value`, which holds it. */
function valueAtPath(value: XContentValue, path: readonly PathStep[]): XContentValue {
  let at = value
  for (const step of path)
    at = (at instanceof Map ? at.get(String(step)) : (at as XContentValue[])[step as number]) as XContentValue
  return at
}

/** `error` (when a registered failure) built at its value's token in the document's `text`. */
export function locateDocumentFailure(error: unknown, text: string): unknown {
  if (!(error instanceof EsException)) return error
  const pending = PENDING.get(error)
  if (pending === undefined) return error
  const path = [...pending.steps].reverse()
  const offsets = tokenAtPath(text, path)
  if (offsets === null) return error
  const at = (offset: number): TokenLocation => {
    const { line, column } = locate(text, offset)
    return { line, col: column }
  }
  const token: LocatedToken = {
    start: at(offsets.start),
    end: at(offsets.end),
    after: at(offsets.after),
    name: at(offsets.name),
  }
  return pending.build(token[pending.part], token, () =>
    valueAtPath(parseJson(text, { locations: true }), path),
  )
}

/**
 * Jackson's InputCoercionException / JsonParseException as JsonXContentParser rethrows it: at the location Jackson's
 * exception carries, its current one (StreamReadException), just after the value's token.
 */
export function jacksonCoercion(message: string): EsException {
  return documentFailure('after', (at) => xContentParseException(at.line, at.col, message))
}
