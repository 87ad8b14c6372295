/**
 * BinaryFieldMapper (ES 8.17): a field of base64-encoded bytes, never searched. Mapping: `meta`, `store` (false) and
 * `doc_values` (false) in the Builder's order, kept when given with a value other than their default
 * (field-parameters.ts); any other parameter is unknown. A document's value is read only when the field keeps it
 * (`store` or `doc_values`): null is nothing, a string is decoded as Jackson's getBinaryValue decodes it (the
 * MIME-NO-LINEFEEDS variant: whitespace between four-character units, `=` padding required), and any other token, or
 * text that does not decode, fails the document with Jackson's text (an x_content_parse_exception). The value kept is
 * the text as sent (the `fields` option prints it so: SourceValueFetcher.identity); its doc values are the decoded
 * bytes, sorted as unsigned bytes, without repeats, printed in base64 (DocValueFormat.BINARY; doc-values.ts).
 */
import type { XNumber } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './doc-fields.ts'
import { jacksonCoercion } from './document-failure.ts'
import { valuePreview } from './number-field.ts'
import { fieldParsingException, typedParameters, type ParameterSpec } from './field-parameters.ts'

export const BINARY = 'binary'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['meta', { kind: 'value', shown: {} }],
  ['store', { kind: 'boolean', default: false }],
  ['doc_values', { kind: 'boolean', default: false }],
])

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const VARIANT = 'MIME-NO-LINEFEEDS'

/** A binary field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function binaryMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  return typedParameters(name, BINARY, definition, PARAMETERS) as unknown as FieldMapping
}

/**
 * Whether the field keeps its values at all (BinaryFieldMapper.parseCreateField reads nothing otherwise): only then
 * are they indexed, as the terms an `exists` query finds (field-indexer.ts; no other query reaches them).
 */
export function keepsBinaryValues(field: FieldMapping): boolean {
  return field.store === true || field.doc_values === true
}

/**
 * The value one `_source` leaf of binary field `path` keeps (null: nothing), or the document's failure (`id` null
 * where the document is parsed again after its primary took it: nothing is checked).
 */
export function binaryFieldValue(
  path: string,
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
): LeafValue | null {
  if (leaf === null || !keepsBinaryValues(field) || id === null) return leaf
  if (typeof leaf !== 'string') {
    const current =
      token !== null
        ? token.isInteger
          ? 'VALUE_NUMBER_INT'
          : 'VALUE_NUMBER_FLOAT'
        : leaf
          ? 'VALUE_TRUE'
          : 'VALUE_FALSE'
    const reason = `Current token (${current}) not VALUE_STRING or VALUE_EMBEDDED_OBJECT, can not access as binary`
    throw fieldParsingException(path, BINARY, valuePreview(token ?? leaf), id, jacksonCoercion(reason))
  }
  try {
    decodeBase64(leaf)
  } catch (error) {
    if (!(error instanceof Base64Error)) throw error
    throw fieldParsingException(path, BINARY, leaf, id, jacksonCoercion(error.message))
  }
  return leaf
}

/** Jackson's refusal of a text it cannot decode. */
class Base64Error extends Error {}

/**
 * Jackson's streaming base64 decode (UTF8StreamJsonParser._decodeBase64) of a string's text into bytes. Characters
 * are seen as the UTF-8 bytes the parser reads, so a non-ASCII character is reported as its first byte.
 */
export function decodeBase64(text: string): Uint8Array {
  const input = new TextEncoder().encode(text)
  const out: number[] = []
  let ptr = 0
  const next = (): number => (ptr < input.length ? input[ptr++]! : END)
  for (;;) {
    let ch: number
    do ch = next()
    while (ch !== END && ch <= SPACE)
    if (ch === END) return Uint8Array.from(out)
    let data = unitBits(ch, 0)
    data = (data << 6) | unitBits(next(), 1)
    ch = next()
    if (ch === END) throw missingPadding()
    if (ch === PADDING) {
      const fourth = next()
      if (fourth !== PADDING) throw invalidChar(fourth, 3)
      out.push(data >> 4)
      continue
    }
    data = (data << 6) | unitBits(ch, 2)
    ch = next()
    if (ch === END) throw missingPadding()
    if (ch === PADDING) {
      out.push((data >> 10) & 0xff, (data >> 2) & 0xff)
      continue
    }
    data = (data << 6) | unitBits(ch, 3)
    out.push((data >> 16) & 0xff, (data >> 8) & 0xff, data & 0xff)
  }
}

/** The end of the string: the closing quote the parser meets (a quote within the text comes escaped). */
const END = -1
const QUOTE = 0x22
const SPACE = 0x20
const PADDING = 0x3d

/** A base64 character's six bits, else Jackson's refusal of the character at `index` in its unit. */
function unitBits(ch: number, index: number): number {
  const bits = ch < 128 ? ALPHABET.indexOf(String.fromCharCode(ch)) : -1
  if (bits < 0) throw invalidChar(ch, index)
  return bits
}

/** ParserBase.reportInvalidBase64Char (the end of the string is its closing quote), wrapped as getBinaryValue wraps it. */
function invalidChar(byte: number, index: number): Base64Error {
  const ch = byte === END ? QUOTE : byte
  const hex = ch.toString(16)
  let base: string
  if (ch <= SPACE)
    base = `Illegal white space character (code 0x${hex}) as character #${index + 1} of 4-char base64 unit: can only used between units`
  else if (ch === PADDING)
    base = `Unexpected padding character ('=') as character #${index + 1} of 4-char base64 unit: padding only legal as 3rd or 4th character`
  else if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f))
    base = `Illegal character (code 0x${hex}) in base64 content`
  else base = `Illegal character '${String.fromCharCode(ch)}' (code 0x${hex}) in base64 content`
  return new Base64Error(`Failed to decode VALUE_STRING as base64 (${VARIANT}): ${base}`)
}

/** Base64Variant.missingPaddingMessage, which Jackson throws as it is. */
function missingPadding(): Base64Error {
  return new Base64Error(
    `Unexpected end of base64-encoded String: base64 variant '${VARIANT}' expects padding (one or more '=' ` +
      `characters) at the end. This Base64Variant might have been incorrectly configured`,
  )
}

/** Base64.getEncoder().encodeToString. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '='
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '='
  }
  return out
}

/** Arrays.compareUnsigned of two byte arrays. */
function compareUnsigned(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/**
 * A binary field's doc values (CustomBinaryDocValuesField): none without `doc_values`, else each kept value's bytes,
 * sorted unsigned and without repeats, as base64 text. A value that does not decode (kept where nothing was checked)
 * is left out.
 */
export function binaryDocValues(field: FieldMapping, values: readonly LeafValue[]): string[] {
  if (field.doc_values !== true) return []
  const decoded: Uint8Array[] = []
  for (const value of values) {
    try {
      decoded.push(decodeBase64(String(value)))
    } catch (error) {
      if (!(error instanceof Base64Error)) throw error
    }
  }
  decoded.sort(compareUnsigned)
  return decoded
    .filter((bytes, i) => i === 0 || compareUnsigned(bytes, decoded[i - 1]!) !== 0)
    .map(encodeBase64)
}
