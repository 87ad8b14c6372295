/**
 * The deserializers DefaultMessageFormatter instantiates from its key.deserializer, value.deserializer and
 * headers.deserializer properties (Class.forName + newInstance), each turning bytes into the text of the
 * deserialized object (its toString()): StringDeserializer (UTF-8), LongDeserializer, IntegerDeserializer and
 * ShortDeserializer (big-endian, refusing another length with SerializationException `Size of data received by
 * <class> is not <n>`). A name that is no class is a ClassNotFoundException, which the formatter logs at ERROR
 * and then prints the bytes as they are; Kafka's other serialization classes are known but not modelled.
 */
import { JavaException } from './java-exception.ts'

const PACKAGE = 'org.apache.kafka.common.serialization.'
const decoder = new TextDecoder()

export type MessageDeserializer = (bytes: Uint8Array) => string

function fixedSize(
  simpleName: string,
  size: number,
  read: (view: DataView) => bigint | number,
): MessageDeserializer {
  return (bytes) => {
    if (bytes.length !== size) {
      throw new JavaException(
        'org.apache.kafka.common.errors.SerializationException',
        `Size of data received by ${simpleName} is not ${size}`,
      )
    }
    return read(new DataView(bytes.buffer, bytes.byteOffset, size)).toString()
  }
}

const DESERIALIZERS: ReadonlyMap<string, MessageDeserializer> = new Map([
  ['StringDeserializer', (bytes: Uint8Array) => decoder.decode(bytes)],
  ['LongDeserializer', fixedSize('LongDeserializer', 8, (view) => view.getBigInt64(0))],
  ['IntegerDeserializer', fixedSize('IntegerDeserializer', 4, (view) => view.getInt32(0))],
  ['ShortDeserializer', fixedSize('ShortDeserializer', 2, (view) => view.getInt16(0))],
])

/** Kafka's deserializer classes the playground does not model (their objects' text is not reproduced). */
const UNMODELLED = new Set([
  'BooleanDeserializer',
  'ByteArrayDeserializer',
  'ByteBufferDeserializer',
  'BytesDeserializer',
  'DoubleDeserializer',
  'FloatDeserializer',
  'ListDeserializer',
  'UUIDDeserializer',
  'VoidDeserializer',
])

/** The named deserializer; 'unmodelled' for a Kafka class the playground lacks; a ClassNotFoundException else. */
export function messageDeserializer(className: string): MessageDeserializer | 'unmodelled' {
  const simpleName = className.startsWith(PACKAGE) ? className.slice(PACKAGE.length) : null
  const found = simpleName === null ? undefined : DESERIALIZERS.get(simpleName)
  if (found !== undefined) return found
  if (simpleName !== null && UNMODELLED.has(simpleName)) return 'unmodelled'
  throw new JavaException('java.lang.ClassNotFoundException', className)
}
