/**
 * The serdes the example topologies use (org.apache.kafka.common.serialization): StringSerde (UTF-8 bytes,
 * null stays null) and LongSerde (8 bytes, big-endian two's complement; LongDeserializer refuses any other
 * length with `Size of data received by LongDeserializer is not 8`).
 */
import { JavaException } from '../java-exception.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function serializeString(value: string | null): Uint8Array | null {
  return value === null ? null : encoder.encode(value)
}

export function deserializeString(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : decoder.decode(bytes)
}

export function serializeLong(value: bigint | null): Uint8Array | null {
  if (value === null) return null
  const bytes = new Uint8Array(8)
  new DataView(bytes.buffer).setBigInt64(0, value)
  return bytes
}

export function deserializeLong(bytes: Uint8Array | null): bigint | null {
  if (bytes === null) return null
  if (bytes.length !== 8) {
    throw new JavaException(
      'org.apache.kafka.common.errors.SerializationException',
      'Size of data received by LongDeserializer is not 8',
    )
  }
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0)
}
