/**
 * Connect's converters between Connect data and a record's key or value bytes, for the classes the worker
 * config may name: org.apache.kafka.connect.json.JsonConverter (with `schemas.enable`, default true: the
 * value travels in an envelope `{"schema":{...},"payload":...}`; without it the bare JSON) and
 * org.apache.kafka.connect.storage.StringConverter (UTF-8 text). The connectors here produce string values
 * (the schema `{"type":"string","optional":false}`) and null keys: a null value with no schema converts to a
 * null byte array, as JsonConverter.fromConnectData does, so the record's key is null.
 *
 * Read back (toConnectData), a value becomes what FileStreamSinkTask prints with String.valueOf: strings as
 * they are, numbers and booleans as Java prints a Long, Double or Boolean, null as `null`, arrays as
 * `[a, b]` and schemaless objects as a java.util.HashMap's `{k=v, ...}` in its iteration order. JSON that does
 * not parse, or an envelope-less value under schemas.enable, is Connect's DataException.
 */
import { JavaException } from '../java-exception.ts'
import { javaHashMapOrder } from '../java-hash-map.ts'

export const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter'
export const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter'
export const CONVERTER_CLASSES: readonly string[] = [JSON_CONVERTER, STRING_CONVERTER]

const DATA_EXCEPTION = 'org.apache.kafka.connect.errors.DataException'
const STRING_SCHEMA = { type: 'string', optional: false }
const HASH_MAP_CAPACITY = 16

export interface Converter {
  /** The bytes of a string value (null: a null value without a schema). */
  fromConnectData(value: string | null): Uint8Array | null
  /** The value as FileStreamSinkTask prints it (String.valueOf of the Connect value). */
  toConnectData(topic: string, bytes: Uint8Array | null): string
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Jackson's JSON text of a value: JSON.stringify, with Jackson's upper-case \u escapes. */
function jacksonJson(value: unknown): string {
  return JSON.stringify(value).replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`)
}

/** String.valueOf of the Java value JsonConverter reads from this JSON value. */
function javaString(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`
  const map = value as Record<string, unknown>
  const keys = javaHashMapOrder(Object.keys(map), HASH_MAP_CAPACITY)
  return `{${keys.map((key) => `${key}=${javaString(map[key])}`).join(', ')}}`
}

/**
 * Jackson's JsonParseException text for a value that is not JSON. A value starting with a bare word is
 * Jackson's `Unrecognized token` (the word as far as it is a Java identifier, the column after it); other
 * malformed JSON keeps the JavaScript parser's message (docs/DEVIATIONS.md).
 */
function jsonParseError(text: string, error: unknown): string {
  const token = /^\s*([A-Za-z_$][\w$]*)/.exec(text)
  if (token?.[1] === undefined) return error instanceof Error ? error.message : String(error)
  return (
    `com.fasterxml.jackson.core.JsonParseException: Unrecognized token '${token[1]}': was expecting ` +
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n" +
    ' at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: ' +
    `${token[0].length + 1}]`
  )
}

/** JsonDeserializer then JsonConverter: bytes that do not parse are a DataException caused by SerializationException. */
function parseJson(bytes: Uint8Array): unknown {
  const text = decoder.decode(bytes)
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const cause = new JavaException(
      'org.apache.kafka.common.errors.SerializationException',
      jsonParseError(text, error),
    )
    throw new JavaException(
      DATA_EXCEPTION,
      'Converting byte[] to Kafka Connect data failed due to serialization error: ',
      [],
      cause,
    )
  }
}

class JsonConverter implements Converter {
  constructor(private readonly schemasEnable: boolean) {}

  fromConnectData(value: string | null): Uint8Array | null {
    if (value === null) return null
    return encoder.encode(jacksonJson(this.schemasEnable ? { schema: STRING_SCHEMA, payload: value } : value))
  }

  toConnectData(_topic: string, bytes: Uint8Array | null): string {
    if (bytes === null) return 'null'
    const json = parseJson(bytes)
    if (!this.schemasEnable) return javaString(json)
    const envelope = json as Record<string, unknown> | null
    const keys = envelope !== null && typeof envelope === 'object' ? Object.keys(envelope) : []
    if (Array.isArray(json) || keys.length !== 2 || !keys.includes('schema') || !keys.includes('payload')) {
      throw new JavaException(
        DATA_EXCEPTION,
        'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional ' +
          'fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter ' +
          'configuration.',
      )
    }
    return javaString(envelope?.['payload'] ?? null)
  }
}

class StringConverter implements Converter {
  fromConnectData(value: string | null): Uint8Array | null {
    return value === null ? null : encoder.encode(value)
  }

  toConnectData(_topic: string, bytes: Uint8Array | null): string {
    return bytes === null ? 'null' : decoder.decode(bytes)
  }
}

/** The converter of a class the worker accepts, configured with its `<prefix>.` settings. */
export function newConverter(className: string, settings: ReadonlyMap<string, string>): Converter {
  if (className === STRING_CONVERTER) return new StringConverter()
  return new JsonConverter((settings.get('schemas.enable') ?? 'true').trim().toLowerCase() !== 'false')
}
