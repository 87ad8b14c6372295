/**
 * A flexible-version message described by its fields, as Kafka's message JSON files describe them, and the
 * three things Kafka's generator makes of such a description: write (Message.write), read (the Readable
 * constructor) and the JsonConverter's write. Only flexible versions are handled: every metadata record,
 * control record and consumer group record (group/consumer-group-record-schemas.ts) the playground writes is
 * flexible at the version it is written.
 *
 * Layout at a version: the fields present at it (`since` on) and not tagged, in order, each in the flexible
 * encoding of its type (flexible-accessor.ts; a struct array's elements each end with their own tagged-field
 * section), then the tagged-field section: an unsigned varint count, then for each tagged field whose value
 * differs from its default, in ascending tag order, the tag, the size in bytes and the field's bytes.
 * Reading skips tagged fields it does not know. A field absent at the version reads as its default.
 *
 * JSON (the generated JsonConverter.write): an object with the fields present at the version, in order,
 * named in camelCase; a tagged field only when its value differs from its default; int8 to int64, uint16
 * and float64 as numbers (a float64 is written as a JavaScript number, so 1024.0 prints as 1024), uuid as its text, null for a null nullable field.
 */
import { FlexibleReader, FlexibleWriter } from './flexible-accessor.ts'
import { uuidBytes, uuidText } from './uuid.ts'

export type ScalarType =
  'int8' | 'int16' | 'uint16' | 'int32' | 'int64' | 'float64' | 'bool' | 'string' | 'uuid'

export type FieldType =
  ScalarType | '[]int32' | '[]uuid' | '[]string' | { readonly struct: readonly FieldSpec[] }

export interface FieldSpec {
  /** The field's name in camelCase, as the JSON names it. */
  readonly name: string
  readonly type: FieldType
  /** The first version that has the field (0 when left out). */
  readonly since?: number
  /** Whether null is allowed (at every version that has the field). */
  readonly nullable?: boolean
  /** The tag of a tagged field (tagged at every version that has it). */
  readonly tag?: number
  /** Kafka's default: what a field absent at a version holds, and what a tagged field is left out at. */
  readonly default: FieldValue
}

export type FieldValue =
  number | boolean | string | null | readonly number[] | readonly string[] | readonly MessageData[]

export interface MessageData {
  readonly [name: string]: FieldValue
}

export type JsonValue = number | boolean | string | null | readonly JsonValue[] | JsonObject

export interface JsonObject {
  readonly [name: string]: JsonValue
}

function present(field: FieldSpec, version: number): boolean {
  return version >= (field.since ?? 0)
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i])
  return a === b
}

function valueOf(data: MessageData, field: FieldSpec): FieldValue {
  const value = data[field.name]
  return value === undefined ? field.default : value
}

export function writeMessage(
  writer: FlexibleWriter,
  fields: readonly FieldSpec[],
  version: number,
  data: MessageData,
): void {
  const tagged: { tag: number; bytes: Uint8Array }[] = []
  for (const field of fields) {
    if (!present(field, version)) continue
    const value = valueOf(data, field)
    if (field.tag === undefined) {
      writeField(writer, field.type, value, version)
    } else if (!sameValue(value, field.default)) {
      const fieldWriter = new FlexibleWriter()
      writeField(fieldWriter, field.type, value, version)
      tagged.push({ tag: field.tag, bytes: fieldWriter.toBytes() })
    }
  }
  tagged.sort((a, b) => a.tag - b.tag)
  writer.unsignedVarint(tagged.length)
  for (const { tag, bytes } of tagged) {
    writer.unsignedVarint(tag)
    writer.unsignedVarint(bytes.length)
    writer.raw(bytes)
  }
}

function writeField(writer: FlexibleWriter, type: FieldType, value: FieldValue, version: number): void {
  if (typeof type !== 'string') {
    const items = value as readonly MessageData[] | null
    writer.compactLength(items === null ? null : items.length)
    for (const item of items ?? []) writeMessage(writer, type.struct, version, item)
    return
  }
  switch (type) {
    case 'int8':
      return writer.int8(value as number)
    case 'int16':
      return writer.int16(value as number)
    case 'uint16':
      return writer.uint16(value as number)
    case 'int32':
      return writer.int32(value as number)
    case 'int64':
      return writer.int64(value as number)
    case 'float64':
      return writer.float64(value as number)
    case 'bool':
      return writer.bool(value as boolean)
    case 'string':
      return writer.compactString(value as string | null)
    case 'uuid':
      return writer.raw(uuidBytes(value as string))
    case '[]int32':
    case '[]uuid':
    case '[]string': {
      const items = value as readonly (number | string)[] | null
      writer.compactLength(items === null ? null : items.length)
      for (const item of items ?? []) writeField(writer, elementType(type), item, version)
    }
  }
}

export function readMessage(
  reader: FlexibleReader,
  fields: readonly FieldSpec[],
  version: number,
): MessageData {
  const data: Record<string, FieldValue> = {}
  for (const field of fields) {
    data[field.name] =
      present(field, version) && field.tag === undefined ? readField(reader, field, version) : field.default
  }
  const count = reader.unsignedVarint()
  for (let i = 0; i < count; i++) {
    const tag = reader.unsignedVarint()
    const size = reader.unsignedVarint()
    const field = fields.find((f) => f.tag === tag && present(f, version))
    if (field === undefined) reader.bytesOf(size)
    else data[field.name] = readField(new FlexibleReader(reader.bytesOf(size)), field, version)
  }
  return data
}

type ArrayType = '[]int32' | '[]uuid' | '[]string'

function elementType(type: ArrayType): ScalarType {
  return type === '[]int32' ? 'int32' : type === '[]uuid' ? 'uuid' : 'string'
}

function readElement(reader: FlexibleReader, type: ArrayType, name: string): number | string {
  if (type === '[]int32') return reader.int32()
  if (type === '[]uuid') return uuidText(reader.bytesOf(16))
  const value = reader.compactString()
  if (value === null) throw new Error(`non-nullable field ${name} was serialized as null`)
  return value
}

function readField(reader: FlexibleReader, field: FieldSpec, version: number): FieldValue {
  const { type } = field
  if (typeof type !== 'string' || type === '[]int32' || type === '[]uuid' || type === '[]string') {
    const count = reader.compactLength()
    if (count === null) {
      if (!field.nullable) throw new Error(`non-nullable field ${field.name} was serialized as null`)
      return null
    }
    const items: (number | string | MessageData)[] = []
    for (let i = 0; i < count; i++) {
      if (typeof type !== 'string') items.push(readMessage(reader, type.struct, version))
      else items.push(readElement(reader, type, field.name))
    }
    return items as FieldValue
  }
  switch (type) {
    case 'int8':
      return reader.int8()
    case 'int16':
      return reader.int16()
    case 'uint16':
      return reader.uint16()
    case 'int32':
      return reader.int32()
    case 'int64':
      return reader.int64()
    case 'float64':
      return reader.float64()
    case 'bool':
      return reader.bool()
    case 'uuid':
      return uuidText(reader.bytesOf(16))
    case 'string': {
      const value = reader.compactString()
      if (value === null && !field.nullable) {
        throw new Error(`non-nullable field ${field.name} was serialized as null`)
      }
      return value
    }
  }
}

export function messageJson(fields: readonly FieldSpec[], version: number, data: MessageData): JsonObject {
  const json: Record<string, JsonValue> = {}
  for (const field of fields) {
    if (!present(field, version)) continue
    const value = valueOf(data, field)
    if (field.tag !== undefined && sameValue(value, field.default)) continue
    const { type } = field
    json[field.name] =
      typeof type !== 'string' && value !== null
        ? (value as readonly MessageData[]).map((item) => messageJson(type.struct, version, item))
        : value
  }
  return json
}
