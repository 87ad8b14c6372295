/**
 * Reading request bodies as ES's REST layer reads them: JSON through the Jackson-faithful parser, with
 * its errors turned into the exception ES answers with. A request body must be a JSON object; a
 * document body's parse failure is a document_parsing_exception, as DocumentParser reports it.
 */
import {
  ExtraDataError,
  JsonParseError,
  parseJson,
  type XContentObject,
  type XContentValue,
} from '../xcontent/index.ts'
import type { EsException } from '../errors/index.ts'
import {
  documentParsingException,
  elasticsearchParseException,
  jacksonException,
  parsingException,
  xContentParseExceptionFromJackson,
} from '../errors/index.ts'

const NON_BLANK = /\S/

/**
 * True when `text` is empty or only whitespace (String.trim's: a regular expression's \s). A body that starts
 * with a printable ASCII character (`{`, as every JSON object does) is answered from that character alone.
 */
export function isBlank(text: string): boolean {
  const first = text.charCodeAt(0)
  if (first > 0x20 && first < 0x7f) return false
  return !NON_BLANK.test(text)
}

function requireObject(value: XContentValue): XContentObject {
  if (value instanceof Map) return value
  throw parsingException(1, 1, 'request body or source parameter is required')
}

/** A search or index-settings body. */
export function parseRequestBody(text: string): XContentObject {
  try {
    return requireObject(parseJson(text, { trailing: 'reject', locations: true }))
  } catch (error) {
    if (error instanceof JsonParseError) throw xContentParseExceptionFromJackson(error)
    if (error instanceof ExtraDataError) throw parsingException(1, 1, error.message)
    throw error
  }
}

/** A body a request may leave out (the snapshot APIs'): absent or blank reads as an empty object. */
export function parseOptionalBody(text: string | null): XContentObject {
  return text === null || text.trim() === '' ? new Map<string, XContentValue>() : parseRequestBody(text)
}

/**
 * A document's source: the text kept verbatim for `_source`, and its parsed form for the mapper. A blank body is
 * told apart only once the parse failed (a blank text never parses), so a document's text is read once.
 */
export function parseDocumentBody(text: string | null): { text: string; source: XContentObject } {
  if (text === null) throw bodyRequired()
  try {
    const value = parseJson(text, { trailing: 'reject' })
    if (!(value instanceof Map)) {
      throw documentParsingException(1, 1, 'failed to parse, document is empty')
    }
    return { text, source: value }
  } catch (error) {
    if (error instanceof JsonParseError) {
      if (isBlank(text)) throw bodyRequired()
      throw documentParsingException(
        error.line,
        error.column,
        `failed to parse: ${error.reason}`,
        jacksonException(error),
      )
    }
    if (error instanceof ExtraDataError)
      throw documentParsingException(1, 1, `failed to parse: ${error.message}`)
    throw error
  }
}

/**
 * The body RestRequest.contentOrSourceParam reads: a missing or blank one is its ElasticsearchParseException
 * "request body or source parameter is required".
 */
export function requiredContent(text: string | null): string {
  if (text === null || isBlank(text))
    throw elasticsearchParseException('request body or source parameter is required')
  return text
}

/** ElasticsearchParseException of RestRequest.contentParser without a body. */
export function bodyRequired(): EsException {
  return elasticsearchParseException('request body is required')
}
