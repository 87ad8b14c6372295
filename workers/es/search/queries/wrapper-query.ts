/**
 * ES's WrapperQueryBuilder (`wrapper`): `{ "query": "<base64>" }`, the bytes of another query, which the rewrite
 * parses as a top-level query (parseTopLevelQuery) and runs in its place; so `_validate/query`, the profile and the
 * explanations show the wrapped query.
 *
 * fromXContent reads one key, `query`, whose string Jackson decodes as base64 (MIME-NO-LINEFEEDS: padding required,
 * white space skipped): no key `[wrapper] query malformed` (at the closing brace); another key `[wrapper] query
 * malformed, expected \`query\` but was k` (at it); a value that is no string Jackson's "Current token (T) not
 * VALUE_STRING or VALUE_EMBEDDED_OBJECT, can not access as binary"; empty bytes "query source text cannot be null or
 * empty"; a key after `query`: parseInnerQueryBuilder's "[wrapper] malformed query, expected [END_OBJECT] but found
 * [FIELD_NAME]" (so a wrapper takes no boost or _name from JSON). The bytes must be a content type XContentFactory recognises (JSON: `{` first, or after a BOM and white
 * space), else "Failed to derive xcontent"; they are parsed as the request's JSON is, errors located in them.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import {
  EsException,
  illegalArgumentException,
  xContentParseExceptionFromJackson,
} from '../../errors/index.ts'
import {
  byteArraySource,
  JsonParseError,
  parseJson,
  STREAM_SOURCE,
  tokenLocation,
  XNumber,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { parseInnerQuery } from '../query-builder.ts'
import { parsingErrorAt, parsingErrorAtEnd, type QueryContext } from './query-parsing.ts'

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const VARIANT = 'MIME-NO-LINEFEEDS'

/** Jackson's name of the token a parsed value started with. */
function jacksonToken(value: XContentValue): string {
  if (value === null) return 'VALUE_NULL'
  if (value === true) return 'VALUE_TRUE'
  if (value === false) return 'VALUE_FALSE'
  if (value instanceof XNumber) return value.isInteger ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT'
  return Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT'
}

/** A JsonParseException about the `query` value, as JsonXContentParser rethrows it (located at the value). */
function binaryFailure(body: XContentObject, reason: string): EsException {
  const [line, col] = tokenLocation(body, 'query', 'value')
  return xContentParseExceptionFromJackson(
    new JsonParseError(reason, line, col, 'JsonParseException', STREAM_SOURCE),
  )
}

/** Jackson's getBinaryValue of a string with the MIME-NO-LINEFEEDS variant. */
function decodeBase64(body: XContentObject, text: string): Uint8Array {
  const bytes: number[] = []
  let bits = 0
  let count = 0
  let padded = false
  for (const c of text) {
    if (c <= ' ') continue
    const digit = BASE64.indexOf(c)
    if (c === '=' && count >= 2 && !padded) {
      padded = true
      continue
    }
    if (digit < 0 || padded) {
      const code = c.codePointAt(0)!.toString(16)
      const reason = `Illegal character '${c}' (code 0x${code}) in base64 content`
      throw binaryFailure(body, `Failed to decode VALUE_STRING as base64 (${VARIANT}): ${reason}`)
    }
    bits = (bits << 6) | digit
    count++
    if (count === 4) {
      bytes.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff)
      bits = 0
      count = 0
    }
  }
  if (count === 1 || (count > 1 && !padded)) {
    const reason =
      `Unexpected end of base64-encoded String: base64 variant '${VARIANT}' expects padding (one or more '=' ` +
      'characters) at the end'
    throw binaryFailure(body, `Failed to decode VALUE_STRING as base64 (${VARIANT}): ${reason}`)
  }
  if (count === 2) bytes.push((bits >> 4) & 0xff)
  if (count === 3) bytes.push((bits >> 10) & 0xff, (bits >> 2) & 0xff)
  return new Uint8Array(bytes)
}

/** XContentFactory.xContentType: JSON when `{` comes first, or after a UTF-8 BOM and white space. */
function isJson(bytes: Uint8Array): boolean {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && bytes.length > 3 ? 3 : 0
  while (at < bytes.length && (bytes[at] === 0x20 || (bytes[at]! >= 0x09 && bytes[at]! <= 0x0d))) at++
  return bytes[at] === 0x7b
}

/** The wrapped query's JSON, parsed as a request body's is (locations in it), Jackson's errors rethrown. */
function parseSource(bytes: Uint8Array): XContentValue {
  const text = new TextDecoder().decode(bytes)
  try {
    return parseJson(text, { trailing: 'ignore', locations: true, source: byteArraySource(text) })
  } catch (error) {
    if (error instanceof JsonParseError) throw xContentParseExceptionFromJackson(error)
    throw error
  }
}

export function wrapperQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const [key] = [...body.keys()]
  if (key === undefined) throw parsingErrorAtEnd(body, '[wrapper] query malformed')
  if (key !== 'query')
    throw parsingErrorAt(body, key, 'key', `[wrapper] query malformed, expected \`query\` but was ${key}`)
  const value = body.get('query')!
  if (typeof value !== 'string') {
    const token = jacksonToken(value)
    throw binaryFailure(
      body,
      `Current token (${token}) not VALUE_STRING or VALUE_EMBEDDED_OBJECT, can not access as binary`,
    )
  }
  const bytes = decodeBase64(body, value)
  if (bytes.length === 0) throw illegalArgumentException('query source text cannot be null or empty')
  // parseInnerQueryBuilder's check that the query's object ends after the one key fromXContent read
  const [, second] = [...body.keys()]
  if (second !== undefined) {
    const reason = '[wrapper] malformed query, expected [END_OBJECT] but found [FIELD_NAME]'
    throw parsingErrorAt(body, second, 'key', reason)
  }
  if (!isJson(bytes)) {
    throw new EsException({
      type: 'x_content_parse_exception',
      reason: 'Failed to derive xcontent',
      status: 400,
    })
  }
  return parseInnerQuery(parseSource(bytes), context)
}
