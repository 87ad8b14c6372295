/**
 * Kafka's server-common JSON helpers as the tools use them: Json.tryParseFull (Jackson's ObjectMapper.readTree:
 * an empty text fails with `The input string shouldn't be empty`, a blank one is a MissingNode, a malformed
 * one throws Jackson's JsonParseException), JsonValue.asJsonObject / asJsonArray, JsonObject.apply / get, and
 * DecodeJson's Integer, Long, String and list decoders, each failing with the JsonMappingException text Kafka
 * prints (`Expected \`Integer\` value, received "1"`, `No such field exists: \`replicas\``), where a node is
 * shown as Jackson's JsonNode.toString renders it (compact JSON). Parsing is the Jackson-faithful tokenizer of
 * workers/es/xcontent with the source redacted, as jackson-core 2.16+ reports it by default.
 * Known gaps: comments are accepted and duplicate keys rejected (Kafka's ObjectMapper does neither).
 */
import { parseJson } from '../../es/xcontent/json-parser.ts'
import { JsonParseError } from '../../es/xcontent/json-parse-error.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../es/xcontent/x-content-value.ts'
import { JavaException } from './java-exception.ts'

/** A parsed node; undefined is Jackson's MissingNode (a blank text). */
export type JsonNode = XContentValue | undefined

const REDACTED = 'REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)'
const JACKSON_CLASSES: Record<JsonParseError['exception'], string> = {
  JsonParseException: 'com.fasterxml.jackson.core.JsonParseException',
  JsonEOFException: 'com.fasterxml.jackson.core.io.JsonEOFException',
  StreamConstraintsException: 'com.fasterxml.jackson.core.exc.StreamConstraintsException',
  MismatchedInputException: 'com.fasterxml.jackson.databind.exc.MismatchedInputException',
}

/** Json.tryParseFull; throws the Jackson exception as a JavaException. */
export function tryParseFull(text: string): JsonNode {
  if (text === '') {
    throw new JavaException(
      'com.fasterxml.jackson.core.JsonParseException',
      "The input string shouldn't be empty",
    )
  }
  if (text.trim() === '') return undefined
  try {
    return parseJson(text, { source: REDACTED, trailing: 'ignore' })
  } catch (error) {
    if (!(error instanceof JsonParseError)) throw error
    throw new JavaException(JACKSON_CLASSES[error.exception], error.message)
  }
}

export function mappingError(message: string): JavaException {
  return new JavaException('com.fasterxml.jackson.databind.JsonMappingException', message)
}

/** JsonNode.toString: compact JSON ('' for a MissingNode). */
export function nodeText(node: JsonNode): string {
  if (node === undefined) return ''
  if (node === null || typeof node === 'boolean') return String(node)
  if (typeof node === 'string') return JSON.stringify(node)
  if (node instanceof XNumber) return node.isInteger ? BigInt(node.text).toString() : javaDouble(node.value)
  if (Array.isArray(node)) return `[${node.map(nodeText).join(',')}]`
  return `{${[...node].map(([key, value]) => `${JSON.stringify(key)}:${nodeText(value)}`).join(',')}}`
}

function javaDouble(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e7 ? `${value}.0` : String(value)
}

export function asJsonObject(node: JsonNode): XContentObject {
  if (node instanceof Map) return node
  throw mappingError(`Expected JSON object, received ${nodeText(node)}`)
}

export function asJsonArray(node: JsonNode): XContentValue[] {
  if (Array.isArray(node)) return node
  throw mappingError(`Expected JSON array, received ${nodeText(node)}`)
}

/** JsonObject.apply: the field, or `No such field exists`. */
export function field(object: XContentObject, name: string): XContentValue {
  if (!object.has(name)) throw mappingError(`No such field exists: \`${name}\``)
  return object.get(name) ?? null
}

/** DecodeJson.DecodeInteger: an int-sized integer node only. */
export function toInt(node: JsonNode): number {
  if (node instanceof XNumber && node.isInteger) {
    const value = BigInt(node.text)
    if (value >= -(2n ** 31n) && value < 2n ** 31n) return Number(value)
  }
  throw mappingError(`Expected \`Integer\` value, received ${nodeText(node)}`)
}

/** DecodeJson.DecodeLong: an int- or long-sized integer node only (Jackson's isInt / isLong). */
export function toLong(node: JsonNode): number {
  if (node instanceof XNumber && node.isInteger) {
    const value = BigInt(node.text)
    if (value >= -(2n ** 63n) && value < 2n ** 63n) return Number(value)
  }
  throw mappingError(`Expected \`Long\` value, received ${nodeText(node)}`)
}

export function toStringValue(node: JsonNode): string {
  if (typeof node === 'string') return node
  throw mappingError(`Expected \`String\` value, received ${nodeText(node)}`)
}

/** DecodeJson.decodeList(decoder). */
export function toList<T>(node: JsonNode, decode: (element: XContentValue) => T): T[] {
  if (!Array.isArray(node)) throw mappingError(`Expected \`JSON array\` value, received ${nodeText(node)}`)
  return node.map(decode)
}
