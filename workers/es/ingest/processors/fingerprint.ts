/**
 * The `fingerprint` processor (FingerprintProcessor, ES 8): `fields` (required, at least one: `[fields] must specify
 * at least one field`), `target_field` (`fingerprint`), `salt` (`""`; only a salt with a non-whitespace character
 * is hashed), `method` (`SHA-1`; one of `MD5`, `SHA-1`, `SHA-256`, `SHA-512`, `MurmurHash3`: `[method] [x] must be
 * one of the supported hash methods [MD5,SHA-1,SHA-256,SHA-512,MurmurHash3]`), `ignore_missing`.
 *
 * The hash input is the salt's UTF-8 bytes, then the fields in natural (String.compareTo) order, each walked
 * depth-first: a list's elements in order, a map's entries by key, each entry as a 0 byte and the key's UTF-8
 * bytes before its value, every other value as a 0 byte and its bytes: a String's UTF-8, an Integer as 4 and a
 * Long or Double as 8 little-endian bytes, true as 1, false as 2, null as nothing. A BigInteger fails with
 * `cannot convert object of type [java.math.BigInteger] to bytes`. A missing or null field fails with `missing
 * field [x] when calculating fingerprint` unless `ignore_missing` skips it; when every field is skipped the
 * target is not set. The target is the digest in Base64 (MurmurHash3: x64 128-bit, seed 0, h1 then h2, each
 * big-endian).
 */
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { messageDigest, type DigestAlgorithm } from '../../common/hash/message-digest.ts'
import { isJavaBlank } from '../../common/java-whitespace.ts'
import { encodeBase64 } from '../../index/mapper/binary-field.ts'
import { murmur3X64128 } from '../../search/aggregations/metrics/murmur3-x64-128.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import { javaClassName, javaNumberClass, javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

const METHODS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'MurmurHash3'] as const
type Method = (typeof METHODS)[number]

const utf8 = (text: string) => new TextEncoder().encode(text)
/** Java's natural String order: UTF-16 code units. */
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function littleEndian(bytes: number, write: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(bytes)
  write(new DataView(out.buffer))
  return out
}

/** FingerprintProcessor.toBytes. */
function toBytes(value: XContentValue): Uint8Array {
  if (value === null) return new Uint8Array(0)
  if (typeof value === 'string') return utf8(value)
  if (typeof value === 'boolean') return Uint8Array.of(value ? 1 : 2)
  if (value instanceof XNumber) {
    const kind = javaNumberClass(value)
    if (kind === 'Integer') return littleEndian(4, (v) => v.setInt32(0, Number(value.text), true))
    if (kind === 'Long') return littleEndian(8, (v) => v.setBigInt64(0, BigInt(value.text), true))
    if (kind === 'Double') return littleEndian(8, (v) => v.setFloat64(0, value.value, true))
  }
  throw illegalArgumentException(`cannot convert object of type [${javaClassName(value)}] to bytes`)
}

/** The value's bytes in the order FingerprintProcessor feeds them to the hasher. */
function collect(value: XContentValue, out: Uint8Array[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out)
  } else if (value instanceof Map) {
    for (const key of [...value.keys()].sort(compareStrings)) {
      out.push(Uint8Array.of(0), utf8(key))
      collect(value.get(key) ?? null, out)
    }
  } else out.push(Uint8Array.of(0), toBytes(value))
}

function digest(method: Method, parts: readonly Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    message.set(part, offset)
    offset += part.length
  }
  if (method !== 'MurmurHash3') return messageDigest(method satisfies DigestAlgorithm, message)
  const [h1, h2] = murmur3X64128(message, 0n)
  const out = new Uint8Array(16)
  const view = new DataView(out.buffer)
  view.setBigUint64(0, h1, false)
  view.setBigUint64(8, h2, false)
  return out
}

export function createFingerprint(config: ProcessorConfig): Processor {
  const fields = config
    .list('fields')
    .map((f) => javaToString(f))
    .sort(compareStrings)
  if (fields.length < 1) throw config.error('fields', 'must specify at least one field')
  const targetField = config.optionalString('target_field') ?? 'fingerprint'
  const salt = config.optionalString('salt') ?? ''
  const saltBytes = isJavaBlank(salt) ? new Uint8Array(0) : utf8(salt)
  const methodName = config.optionalString('method') ?? 'SHA-1'
  const method = METHODS.find((m) => m === methodName)
  if (method === undefined) {
    throw config.error(
      'method',
      `[${methodName}] must be one of the supported hash methods [${METHODS.join(',')}]`,
    )
  }
  const ignoreMissing = config.boolean('ignore_missing', false)
  return {
    type: 'fingerprint',
    execute(doc: IngestDocument) {
      // ES reads the fields from the last to the first, so a missing field is reported from the end.
      const values: XContentValue[] = []
      for (const field of [...fields].reverse()) {
        const value = doc.getFieldValue(field, true) ?? null
        if (value !== null) values.unshift(value)
        else if (!ignoreMissing) {
          throw illegalArgumentException(`missing field [${field}] when calculating fingerprint`)
        }
      }
      if (values.length === 0) return doc
      const parts: Uint8Array[] = [saltBytes]
      for (const value of values) collect(value, parts)
      doc.setFieldValue(targetField, encodeBase64(digest(method, parts)))
      return doc
    },
  }
}
