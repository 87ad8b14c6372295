/**
 * The error the JSON parser throws, shaped like the Jackson exception Elasticsearch would have caught.
 *
 * - `reason` is Jackson's message without its location suffix (what `JsonProcessingException.getOriginalMessage`
 *   returns); `message` is `getMessage()`: the reason plus `\n at [Source: <source>; line: L, column: C]`,
 *   except for StreamConstraintsException, which Jackson throws without a location.
 * - `line` and `column` follow UTF8StreamJsonParser: 1-based, the column counted in UTF-8 bytes from the start of
 *   the line, and a line ends at `\n`, `\r\n` or a lone `\r`.
 * - `exception` is the Java class Elasticsearch would see, so the REST layer can name the type
 *   (`json_parse_exception`, `json_e_o_f_exception`, `stream_constraints_exception`).
 */

import { utf8Length } from './jackson-chars.ts'

export type JacksonException =
  'JsonParseException' | 'JsonEOFException' | 'StreamConstraintsException' | 'MismatchedInputException'

/** Elasticsearch feeds REST bodies to Jackson as a stream; Jackson names the source by its class. */
export const STREAM_SOURCE = '(org.elasticsearch.common.io.stream.ByteBufferStreamInput)'

const MAX_RAW_CONTENT_LENGTH = 500

/** How Jackson names a `byte[]` source: the content, cut at 500 bytes (ErrorReportConfiguration default). */
export function byteArraySource(text: string): string {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length <= MAX_RAW_CONTENT_LENGTH) return `(byte[])"${text}"`
  const head = new TextDecoder().decode(bytes.subarray(0, MAX_RAW_CONTENT_LENGTH))
  return `(byte[])"${head}"[truncated ${bytes.length - MAX_RAW_CONTENT_LENGTH} bytes]`
}

export class JsonParseError extends Error {
  override readonly name = 'JsonParseError'

  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly exception: JacksonException,
    readonly source: string,
  ) {
    super(
      exception === 'StreamConstraintsException'
        ? reason
        : reason + '\n at ' + formatLocation(source, line, column),
    )
  }
}

/** JsonLocation.toString: `[Source: <source>; line: 1, column: 12]`. */
export function formatLocation(source: string, line: number, column: number): string {
  return `[Source: ${source}; line: ${line}, column: ${column}]`
}

/** Jackson's line and byte column of the character at `offset` (or of end-of-input when offset = length). */
export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let rowStart = 0
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || c === 13) {
      if (c === 13 && i + 1 < offset && text.charCodeAt(i + 1) === 10) i++
      line++
      rowStart = i + 1
    }
  }
  return { line, column: utf8Length(text, rowStart, offset) + 1 }
}
