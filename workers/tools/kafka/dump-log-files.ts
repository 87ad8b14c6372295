/**
 * The files kafka-dump-log opens, read through HostFiles: java.io.File's view of a path (normalised: no
 * repeated or trailing '/'; getName, getParent), a segment's base offset from its name
 * (`Long.parseLong(name.split("\\.")[0])`), and FileRecords.open(...).slice(0, maxBytes).batches(): the
 * whole batches that fit, each decoded alone so an invalid one ends the iteration (its bytes then count as
 * trailing bytes). A missing file throws java.nio.file.NoSuchFileException with the path as message.
 */
import type { DecodedBatch } from '../../../engine-wasm/src/log/types.ts'
import type { HostFiles } from '../tool.ts'
import { JavaException } from './java-exception.ts'
import { noSuchFile } from './tool-errors.ts'

/** RecordBatch.LOG_OVERHEAD: baseOffset int64 and batchLength int32 precede what batchLength counts. */
const LOG_OVERHEAD = 12
/** Records.HEADER_SIZE_UP_TO_MAGIC: a batch needs at least these bytes to be read. */
const HEADER_SIZE_UP_TO_MAGIC = 17
const BATCH_LENGTH_AT = 8

/** new File(path).toString(): repeated separators collapse and a trailing one goes. */
export function javaFilePath(path: string): string {
  const collapsed = path.replace(/\/+/g, '/')
  return collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed
}

export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** The sibling of `path` with the same base name and another suffix (new File(getParent, base + suffix)). */
export function siblingFile(path: string, suffix: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1) + fileName(path).split('.')[0] + suffix
}

/** Long.parseLong of the name up to its first dot; throws NumberFormatException as Java does. */
export function baseOffsetOf(path: string): number {
  const text = fileName(path).split('.')[0] ?? ''
  if (!/^[+-]?\d+$/.test(text) || BigInt(text) > 2n ** 63n - 1n || BigInt(text) < -(2n ** 63n)) {
    throw new JavaException(
      'java.lang.NumberFormatException',
      text === '' ? 'For input string: ""' : `For input string: "${text}"`,
    )
  }
  return Number(text)
}

export async function readFile(files: HostFiles, path: string): Promise<Uint8Array> {
  const bytes = await files.read(path)
  if (bytes === null) throw noSuchFile(path)
  return bytes
}

export interface FileBatches {
  batches: DecodedBatch[]
  /** Bytes of the slice read (the file, or its first maxBytes). */
  sizeInBytes: number
}

/** The whole valid batches within the first `maxBytes` of the .log bytes, positions relative to the file. */
export function fileBatches(files: HostFiles, bytes: Uint8Array, maxBytes: number): FileBatches {
  const end = Math.min(bytes.length, maxBytes)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const batches: DecodedBatch[] = []
  for (let position = 0; end - position >= HEADER_SIZE_UP_TO_MAGIC;) {
    const size = view.getInt32(position + BATCH_LENGTH_AT) + LOG_OVERHEAD
    if (position + size > end) break
    let decoded: DecodedBatch[]
    try {
      decoded = files.decodeBatches(bytes.subarray(position, position + size))
    } catch {
      break
    }
    for (const batch of decoded) batches.push({ ...batch, position: position + batch.position })
    position += size
  }
  return { batches, sizeInBytes: end }
}
