/**
 * parseNdjson: the newline-delimited bodies of `_bulk` and `_msearch`, split as BulkRequestParser and
 * MultiSearchRequest split them, each line parsed on its own (so a line's errors carry line 1 and a column
 * within that line, as Elasticsearch's per-slice parsers report them).
 *
 * - Lines end at `\n`; a trailing `\r` is not part of the line (sliceTrimmingCarriageReturn).
 * - A body whose last line has no `\n` is refused before anything is parsed, with Elasticsearch's
 *   IllegalArgumentException text: bulk says `[\\n]` (a backslash and an n, as BulkRequestParser's Java
 *   literal `"[\\n]"` spells it), msearch says `[` newline `]` (MultiSearchRequest's literal is `"[\n]"`).
 * - Lines with no token (empty, whitespace, comments) are kept as `kind: 'blank'`: the bulk parser skips a blank action line (its parser yields no
 *   token), while a blank source line is a document error that the caller reports for that item.
 * - A line's parse failure does not stop the others: `_bulk` fails only the item it belongs to.
 */

import { ExtraDataError, parseJson } from './json-parser.ts'
import { JsonParseError } from './json-parse-error.ts'
import type { XContentValue } from './x-content-value.ts'

export type NdjsonApi = 'bulk' | 'msearch'

export type NdjsonLine =
  | { kind: 'value'; line: number; text: string; value: XContentValue }
  | { kind: 'error'; line: number; text: string; error: JsonParseError | ExtraDataError }
  | { kind: 'blank'; line: number; text: string }

/** The IllegalArgumentException for a body that does not end with a newline. */
export class NdjsonTerminationError extends Error {
  override readonly name = 'NdjsonTerminationError'

  constructor(api: NdjsonApi) {
    super(`The ${api} request must be terminated by a newline [${api === 'bulk' ? '\\n' : '\n'}]`)
  }
}

export function parseNdjson(body: string, api: NdjsonApi): NdjsonLine[] {
  return splitNdjson(body, api).map((text, i) => parseLine(text, i + 1))
}

/**
 * The lines of a newline-delimited body, unparsed: each a slice of `body` (no copy of its text), a trailing `\r` left
 * out; a body that does not end with `\n` is refused (NdjsonTerminationError).
 */
export function splitNdjson(body: string, api: NdjsonApi): string[] {
  if (body.length > 0 && !body.endsWith('\n')) throw new NdjsonTerminationError(api)
  const lines: string[] = []
  for (let from = 0; from < body.length;) {
    const end = body.indexOf('\n', from)
    lines.push(body.slice(from, end > from && body.charCodeAt(end - 1) === 13 ? end - 1 : end))
    from = end + 1
  }
  return lines
}

function parseLine(text: string, line: number): NdjsonLine {
  try {
    return { kind: 'value', line, text, value: parseJson(text) }
  } catch (error) {
    if (error instanceof JsonParseError && error.exception === 'MismatchedInputException') {
      return { kind: 'blank', line, text }
    }
    if (error instanceof JsonParseError || error instanceof ExtraDataError)
      return { kind: 'error', line, text, error }
    throw error
  }
}
