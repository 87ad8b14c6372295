/**
 * The envelope every persisted record is stored in, so that a reader can tell a valid record of a known
 * version from a torn, corrupt or future one.
 *
 * Byte format: magic "KEP1" (4 bytes) | format version u16 BE | Adler-32 of the payload u32 BE | payload:
 * UTF-8 JSON for sealEnvelope / openEnvelope, raw bytes for sealBytes / openBytes (binary formats such as a
 * segment image, which document their own layout). Opening fails closed: an unknown version or a checksum
 * mismatch throws StorageFormatError with a message that says what was found.
 *
 * A big file (sealFile / openFile, read back in parts) also holds its payload's length, right after the checksum
 * (u32 BE): opening checks the magic, the version and that the parts hold exactly that many bytes (a truncated,
 * missing or surplus chunk fails), without reading the payload, as Lucene's CodecUtil.retrieveChecksum(in,
 * expectedLength) checks a file's length and footer when it opens it; the whole checksum is verified only when the
 * reader asks (CodecUtil.checksumEntireFile: Lucene's checkIntegrity, ES's index.shard.check_on_startup).
 */
const MAGIC = [0x4b, 0x45, 0x50, 0x31]
const HEADER_BYTES = 10
const FILE_HEADER_BYTES = HEADER_BYTES + 4

export class StorageFormatError extends Error {
  override name = 'StorageFormatError'
}

export function sealEnvelope(version: number, value: unknown): Uint8Array {
  return sealBytes(version, new TextEncoder().encode(JSON.stringify(value)))
}

/** A binary payload in the envelope. */
export function sealBytes(version: number, payload: Uint8Array): Uint8Array {
  return seal(version, payload, HEADER_BYTES)
}

/** A big file's payload in the envelope, with its length (opened by openFile). */
export function sealFile(version: number, payload: Uint8Array): Uint8Array {
  const out = seal(version, payload, FILE_HEADER_BYTES)
  new DataView(out.buffer).setUint32(HEADER_BYTES, payload.length)
  return out
}

/** The bytes sealInPlace needs before the payload. */
export const SEAL_HEADROOM = HEADER_BYTES

/**
 * sealBytes without a copy: `bytes` holds SEAL_HEADROOM bytes of room and then the payload; the header is written
 * into the room and `bytes` answered.
 */
export function sealInPlace(version: number, bytes: Uint8Array): Uint8Array {
  writeHeader(bytes, version, bytes.subarray(HEADER_BYTES))
  return bytes
}

/** The magic, the version and the payload's checksum, then the payload at `payloadAt`. */
function seal(version: number, payload: Uint8Array, payloadAt: number): Uint8Array {
  const out = new Uint8Array(payloadAt + payload.length)
  writeHeader(out, version, payload)
  out.set(payload, payloadAt)
  return out
}

/** The magic, the version and `payload`'s checksum at the start of `out`. */
function writeHeader(out: Uint8Array, version: number, payload: Uint8Array): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  out.set(MAGIC, 0)
  view.setUint16(4, version)
  view.setUint32(6, adler32([payload]))
}

/** The format version a record or file says it has (its first part's header); null without the magic. */
export function storedVersion(bytes: Uint8Array): number | null {
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) return null
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(4)
}

/**
 * The payload of a file sealed by sealFile at `expectedVersion`, stored as `parts` (in order): its structure and
 * length checked, its checksum too when `verify`; throws StorageFormatError otherwise. One part's payload is a
 * view into it; several are joined into one copy.
 */
export function openFile(
  parts: readonly Uint8Array[],
  expectedVersion: number,
  what: string,
  verify: boolean,
): Uint8Array {
  const payload = openFileParts(parts, expectedVersion, what, verify)
  if (payload.length === 1) return payload[0]!
  const joined = new Uint8Array(payload.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of payload) {
    joined.set(part, at)
    at += part.length
  }
  return joined
}

/**
 * The payload of a file as openFile checks it, left in its parts: views into them, in order, no copy (a reader
 * that copies the payload somewhere anyway, e.g. into WASM memory, saves joining it first).
 */
export function openFileParts(
  parts: readonly Uint8Array[],
  expectedVersion: number,
  what: string,
  verify: boolean,
): Uint8Array[] {
  const first = parts[0] ?? new Uint8Array(0)
  const version = storedVersion(first)
  if (version === null || first.length < FILE_HEADER_BYTES)
    throw new StorageFormatError(`${what}: not a playground record (bad magic)`)
  if (version !== expectedVersion)
    throw new StorageFormatError(
      `${what}: stored format version ${version} is not the supported version ${expectedVersion}`,
    )
  const view = new DataView(first.buffer, first.byteOffset, first.byteLength)
  const expected = FILE_HEADER_BYTES + view.getUint32(HEADER_BYTES)
  const length = parts.reduce((sum, part) => sum + part.length, 0)
  if (length < expected)
    throw new StorageFormatError(`${what}: truncated file: length=${length} but expectedLength=${expected}`)
  if (length > expected)
    throw new StorageFormatError(`${what}: file too long: length=${length} but expectedLength=${expected}`)
  const payload = [first.subarray(FILE_HEADER_BYTES), ...parts.slice(1)]
  if (verify && adler32(payload) !== view.getUint32(6))
    throw new StorageFormatError(`${what}: checksum mismatch`)
  return payload
}

/** Returns the payload of a record whose version is `expectedVersion`; throws StorageFormatError otherwise. */
export function openEnvelope(bytes: Uint8Array, expectedVersion: number, what: string): unknown {
  return jsonPayload(openBytes(bytes, expectedVersion, what))
}

/** The value of a JSON payload (what sealEnvelope sealed). */
export function jsonPayload(payload: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(payload)) as unknown
}

/** The binary payload (a view into `bytes`) of a record of version `expectedVersion`; throws as openEnvelope. */
export function openBytes(bytes: Uint8Array, expectedVersion: number, what: string): Uint8Array {
  return openVersionedBytes(bytes, [expectedVersion], what).payload
}

/**
 * The version and binary payload (a view into `bytes`) of a record whose version is one of `versions` (a reader of
 * layouts of one kind of record, some JSON (jsonPayload), some binary); throws as openEnvelope.
 */
export function openVersionedBytes(
  bytes: Uint8Array,
  versions: readonly number[],
  what: string,
): { version: number; payload: Uint8Array } {
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new StorageFormatError(`${what}: not a playground record (bad magic)`)
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint16(4)
  if (!versions.includes(version)) {
    const supported =
      versions.length === 1
        ? `the supported version ${versions[0]}`
        : `a supported version (${versions.join(', ')})`
    throw new StorageFormatError(`${what}: stored format version ${version} is not ${supported}`)
  }
  const payload = bytes.subarray(HEADER_BYTES)
  if (adler32([payload]) !== view.getUint32(6)) throw new StorageFormatError(`${what}: checksum mismatch`)
  return { version, payload }
}

/** The Adler-32 of `parts` one after another. */
function adler32(parts: readonly Uint8Array[]): number {
  let a = 1
  let b = 0
  const MOD = 65521
  for (const bytes of parts) {
    for (let i = 0; i < bytes.length;) {
      const end = Math.min(i + 3800, bytes.length)
      // Four bytes a step: the four steps' sums of `a` added to `b` at once (a shorter chain of dependent adds).
      for (; i + 4 <= end; i += 4) {
        const x0 = bytes[i]!
        const x1 = bytes[i + 1]!
        const x2 = bytes[i + 2]!
        const x3 = bytes[i + 3]!
        b += 4 * a + 4 * x0 + 3 * x1 + 2 * x2 + x3
        a += x0 + x1 + x2 + x3
      }
      for (; i < end; i++) {
        a += bytes[i]!
        b += a
      }
      a %= MOD
      b %= MOD
    }
  }
  return ((b << 16) | a) >>> 0
}
