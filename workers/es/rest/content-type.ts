/**
 * A request's Content-Type header as ES 8 reads it. ParsedMediaType.parseMediaType splits the lower-cased value at
 * `;` and its first element at `/` (Java's String.split: trailing empty pieces dropped): exactly a type and a
 * subtype, each (trimmed) made of RFC 7230 tchars, then `key=value` parameters, blank ones skipped, with no blank
 * on either side of the `=`. A value that breaks these rules throws, and RestRequest turns that into a
 * MediaTypeHeaderException answered with 400 (dispatchBadRequest) whatever the path; a media range (a value with
 * a comma) or `* / *` counts as no type at all. A parsed type is an XContent media type when XContentType's
 * MediaTypeRegistry has it: application/json, application/x-ndjson and application/* (JSON), application/smile,
 * application/cbor and application/yaml, and each as application/vnd.elasticsearch+<type>; a registered parameter
 * must match its pattern (compatible-with: digits), others are let through (elastic/elasticsearch#63080). The
 * playground reads every accepted body as JSON.
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'

const TYPES = new Set(['json', 'x-ndjson', 'smile', 'cbor', 'yaml'])
const VENDOR = 'vnd.elasticsearch+'
// ParsedMediaType.TCHAR_PATTERN (RFC 7230 section 3.2.6)
const TCHAR = /^[a-zA-Z0-9!#$%&'*+\-.^_`|~]+$/

export interface ParsedMediaType {
  readonly type: string
  readonly subtype: string
  readonly parameters: ReadonlyMap<string, string>
}

/** Java's String.split at a literal: no separator gives the whole text; trailing empty pieces are dropped. */
function javaSplit(text: string, separator: string): string[] {
  if (!text.includes(separator)) return [text]
  const pieces = text.split(separator)
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop()
  return pieces
}

/** Java's String.trim: every character up to U+0020 off both ends. */
function javaTrim(text: string): string {
  return text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
}

/** RestRequest.MediaTypeHeaderException over ParsedMediaType's IllegalArgumentException (a plain Java exception). */
function mediaTypeHeaderException(message: string): EsException {
  return new EsException({
    type: 'media_type_header_exception',
    reason: 'Invalid media-type value on headers [Content-Type]',
    status: 400,
    causedBy: illegalArgumentException(message),
    rootCause: false,
  })
}

/**
 * ParsedMediaType.parseMediaType over a Content-Type header: null for a media range or `* / *`; throws ES's
 * media_type_header_exception for a malformed value.
 */
export function parseContentType(header: string): ParsedMediaType | null {
  if (header.includes(',') || header === '*/*') return null
  const elements = javaSplit(header.toLowerCase(), ';')
  const mediaType = javaSplit(elements[0] ?? '', '/').map(javaTrim)
  if (mediaType.length !== 2 || !mediaType.every((part) => TCHAR.test(part)))
    throw mediaTypeHeaderException(`invalid media-type [${header}]`)
  const parameters = new Map<string, string>()
  for (const element of elements.slice(1)) {
    const parameter = javaTrim(element)
    if (parameter === '') continue
    const [key = '', value = '', ...rest] = javaSplit(parameter, '=')
    // blanks are allowed between parameters, not around the `=`
    if (rest.length > 0 || key === '' || value === '' || /\s$/.test(key) || /^\s/.test(value))
      throw mediaTypeHeaderException(`invalid parameters for header [${header}]`)
    parameters.set(javaTrim(key), javaTrim(value))
  }
  return { type: mediaType[0]!, subtype: mediaType[1]!, parameters }
}

/** ParsedMediaType.toMediaType over XContentType's registry: whether ES reads a body of this type. */
export function isXContentMediaType(mediaType: ParsedMediaType | null): boolean {
  if (mediaType === null || mediaType.type !== 'application') return false
  const { subtype, parameters } = mediaType
  if (subtype === '*' || TYPES.has(subtype)) return true
  if (!subtype.startsWith(VENDOR) || !TYPES.has(subtype.slice(VENDOR.length))) return false
  const compatibleWith = parameters.get('compatible-with')
  return compatibleWith === undefined || /^\d+$/.test(compatibleWith)
}
