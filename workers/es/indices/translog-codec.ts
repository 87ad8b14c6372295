/**
 * The translog's binary batch (envelope version 3, translog.ts): the operations of one shard write request, written
 * without JSON (a `_source` is copied as UTF-8 bytes, not escaped into a JSON string and encoded again).
 * Byte layout, little-endian, no padding:
 *   u32 operation count, then per operation a u8 kind:
 *   0 (index): text _id, text _source, u8 has routing (0 or 1) [text _routing], f64 version, f64 seq_no,
 *     f64 primary term
 *   1 (delete): text _id, f64 version, f64 seq_no, f64 primary term
 *   text: u8 form, u32 byte length, the bytes; form 0 is the string's UTF-8, form 1 its JSON string literal (for a
 *   string with an unpaired surrogate, which UTF-8 cannot hold and a JSON escape keeps exactly).
 * Numbers are f64, so every value a JavaScript number holds comes back exactly, as it did through JSON.
 * Invariant: decoding reads exactly the payload; anything else (a shorter or longer payload, an unknown kind or
 * form) throws StorageFormatError, as a damaged record must fail closed.
 */
import { ByteWriter } from '../../../engine-wasm/src/index/byte-writer.ts'
import { StorageFormatError } from '../../storage/envelope.ts'
import type { ShardOperation } from '../index/shard/index-shard.ts'

const INDEX = 0
const DELETE = 1
const UTF8 = 0
const JSON_STRING = 1

const decoder = new TextDecoder()

/**
 * The layout above of `operations` after `headroom` zero bytes (room for the envelope's header: a view of its
 * writer's buffer, which is exactly that long when every text is ASCII).
 */
export function encodeTranslogOperations(operations: readonly ShardOperation[], headroom = 0): Uint8Array {
  const writer = new ByteWriter(headroom + asciiSize(operations))
  for (let i = 0; i < headroom; i++) writer.u8(0)
  const text = (value: string): void => {
    // No unpaired surrogate: its UTF-8 is exact (V8 answers a one-byte string without reading it).
    const wellFormed = value.isWellFormed()
    writer.u8(wellFormed ? UTF8 : JSON_STRING)
    writer.string(wellFormed ? value : JSON.stringify(value))
  }
  const numbers = (version: number, seqNo: number, primaryTerm: number): void => {
    writer.f64(version)
    writer.f64(seqNo)
    writer.f64(primaryTerm)
  }
  writer.u32(operations.length)
  for (const operation of operations) {
    if (operation.op === 'index') {
      const { id, source, routing, version, seqNo, primaryTerm } = operation.doc
      writer.u8(INDEX)
      text(id)
      text(source)
      writer.u8(routing === null ? 0 : 1)
      if (routing !== null) text(routing)
      numbers(version, seqNo, primaryTerm)
    } else {
      writer.u8(DELETE)
      text(operation.id)
      numbers(operation.version, operation.seqNo, operation.primaryTerm)
    }
  }
  return writer.finish()
}

/** The layout's size for operations whose texts are ASCII: the writer's capacity, so that it never regrows for them. */
function asciiSize(operations: readonly ShardOperation[]): number {
  // a text is its form, its length and its bytes; the numbers are three f64
  const TEXT = 5
  const NUMBERS = 24
  let size = 4
  for (const operation of operations) {
    if (operation.op === 'index') {
      const { id, source, routing } = operation.doc
      size += 1 + TEXT + id.length + TEXT + source.length + 1 + NUMBERS
      if (routing !== null) size += TEXT + routing.length
    } else {
      size += 1 + TEXT + operation.id.length + NUMBERS
    }
  }
  return size
}

export function decodeTranslogOperations(payload: Uint8Array, what: string): ShardOperation[] {
  const reader = new OperationReader(payload, what)
  const count = reader.u32()
  const operations: ShardOperation[] = []
  for (let i = 0; i < count; i++) {
    const kind = reader.u8()
    if (kind === INDEX) {
      const id = reader.text()
      const source = reader.text()
      const routing = reader.u8() === 0 ? null : reader.text()
      const version = reader.f64()
      const seqNo = reader.f64()
      const primaryTerm = reader.f64()
      operations.push({ op: 'index', doc: { id, source, routing, version, seqNo, primaryTerm } })
    } else if (kind === DELETE) {
      const id = reader.text()
      const version = reader.f64()
      const seqNo = reader.f64()
      const primaryTerm = reader.f64()
      operations.push({ op: 'delete', id, version, seqNo, primaryTerm })
    } else throw reader.error(`unknown operation kind ${kind}`)
  }
  if (reader.at !== payload.length)
    throw reader.error(`${payload.length - reader.at} bytes after the operations`)
  return operations
}

/** Reads the layout above from a payload, failing closed past its end. */
class OperationReader {
  at = 0
  private readonly view: DataView

  constructor(
    private readonly payload: Uint8Array,
    private readonly what: string,
  ) {
    this.view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength)
  }

  u8(): number {
    this.need(1)
    return this.payload[this.at++]!
  }

  u32(): number {
    this.need(4)
    const value = this.view.getUint32(this.at, true)
    this.at += 4
    return value
  }

  f64(): number {
    this.need(8)
    const value = this.view.getFloat64(this.at, true)
    this.at += 8
    return value
  }

  text(): string {
    const form = this.u8()
    const length = this.u32()
    this.need(length)
    const value = decoder.decode(this.payload.subarray(this.at, this.at + length))
    this.at += length
    if (form === UTF8) return value
    if (form === JSON_STRING) return JSON.parse(value) as string
    throw this.error(`unknown text form ${form}`)
  }

  error(reason: string): StorageFormatError {
    return new StorageFormatError(`${this.what}: ${reason}`)
  }

  private need(bytes: number): void {
    if (this.at + bytes > this.payload.length) throw this.error('truncated translog batch')
  }
}
