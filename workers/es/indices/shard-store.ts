/**
 * ShardStore: the Lucene commits of one shard copy in the `es` store (ES's Store over the shard's index
 * directory), under indices/<uuid>/shards/<n>/index/:
 * - `_<generation, base 36>.cfs`: a segment image, sealFile v2 (engine-wasm/assembly/index/segment-codec.ts);
 * - `_<generation, base 36>.fdt`: the segment's stored fields, sealFile v2 (index/shard/stored-fields.ts);
 * - `segments_<N, base 36>`: a commit point, sealEnvelope v1 JSON (index/shard/shard-commit.ts CommitPoint).
 * Segment files of version 1 (sealBytes, no length; stored fields in stored-fields-v1.ts's layout) are still read,
 * checksum verified, and their stored fields converted to version 2 on reading; they are never written.
 * A segment file is stored as chunks of FILE_CHUNK_BYTES of its sealed bytes, under `<file>.<chunk, 4 digits>`
 * (IndexedDB reads big values several times slower than 1 MiB ones); the chunks in key order are the file.
 * A segment's files are written once, by the first commit that names the segment (over any chunks a torn commit
 * left under its name). A commit is two storage writes: the new segments' files, then the commit point with the
 * deletion of every other key under index/ that it does not reference (the previous point, merged-away segments,
 * a torn commit's files: Lucene's IndexFileDeleter) and of the translog batches it holds. The point is written
 * last, so a crash before it leaves the previous commit whole.
 * At start-up the commit is the highest segments_N; without one the copy replays its whole translog, as stores of
 * the versions before commits do. Opening a commit checks each file's structure and length (a torn or missing
 * chunk fails it), not its whole checksum unless asked (envelope.ts openFile).
 */
import {
  openBytes,
  openEnvelope,
  openFile,
  openFileParts,
  sealEnvelope,
  sealFile,
  storedVersion,
  StorageFormatError,
} from '../../storage/envelope.ts'
import type { Storage, StorageOp } from '../../storage/storage.ts'
import type { CommitPoint, SegmentFiles, SegmentReads } from '../index/shard/shard-commit.ts'
import { upgradeStoredFieldsV1 } from '../index/shard/stored-fields-v1.ts'
import { concatBytes } from '../../../engine-wasm/src/log/compression/bytes.ts'
import type { StoredFieldsCompressor } from '../../../engine-wasm/src/index/index.ts'

const SEGMENT_VERSION = 2
const SEGMENT_VERSION_V1 = 1
const COMMIT_VERSION = 1
const COMMIT_PREFIX = 'segments_'
/** The size of a segment file's chunks: the value size IndexedDB reads and writes fastest (DESIGN.md). */
const FILE_CHUNK_BYTES = 1 << 20
const CHUNK_DIGITS = 4
const SEGMENT_FILE = /^_([0-9a-z]+)\.(cfs|fdt)\.\d+$/

export const indexPrefix = (uuid: string, shard: number): string => `indices/${uuid}/shards/${shard}/index/`

const segmentFileKey = (prefix: string, generation: number, extension: 'cfs' | 'fdt'): string =>
  `${prefix}_${generation.toString(36)}.${extension}`

export function commitPointKey(prefix: string, generation: number): string {
  return prefix + COMMIT_PREFIX + generation.toString(36)
}

/** The generation of the segment a key (under `prefix`) holds a file chunk of; null for any other key. */
export function segmentOfKey(prefix: string, key: string): number | null {
  const match = SEGMENT_FILE.exec(key.slice(prefix.length))
  return match ? parseInt(match[1]!, 36) : null
}

/** The storage writes of new segments' files, chunk by chunk. */
export function segmentFileOps(prefix: string, files: readonly SegmentFiles[]): StorageOp[] {
  return files.flatMap(({ generation, image, storedFields }) => [
    ...chunkOps(segmentFileKey(prefix, generation, 'cfs'), sealFile(SEGMENT_VERSION, image)),
    ...chunkOps(segmentFileKey(prefix, generation, 'fdt'), sealFile(SEGMENT_VERSION, storedFields)),
  ])
}

function chunkOps(key: string, sealed: Uint8Array): StorageOp[] {
  const ops: StorageOp[] = []
  for (let at = 0, chunk = 0; at === 0 || at < sealed.length; at += FILE_CHUNK_BYTES, chunk++) {
    // a copy: a stored view would carry its whole buffer (structured clone copies the buffer, not the view)
    const value = sealed.slice(at, at + FILE_CHUNK_BYTES)
    ops.push({ store: 'es', key: `${key}.${String(chunk).padStart(CHUNK_DIGITS, '0')}`, value })
  }
  return ops
}

export function commitPointOp(prefix: string, point: CommitPoint): StorageOp {
  return {
    store: 'es',
    key: commitPointKey(prefix, point.generation),
    value: sealEnvelope(COMMIT_VERSION, point),
  }
}

export interface StoredCommit {
  point: CommitPoint
  /** Every segment the point names, its files being read (all reads start at once, images first). */
  files: Map<number, SegmentReads>
}

/**
 * The last commit of a copy whose index keys are under `prefix`, or null when there is none: its point read and
 * opened, then every file it names read, each chunk its own get (so a restore loads a segment's image while the
 * other files are still being read); an image comes as its payload's parts, a view into each chunk. Storage writes are atomic, so a commit point is there with every
 * file it names or not at all: a point that does not open, or names a file that is not there, is a corrupt store
 * and fails closed (StorageFormatError), as does a file that does not open (its read rejects).
 * `checkIntegrity` verifies every file's whole checksum too (Lucene's checkIntegrity).
 */
export async function readLastCommit(
  storage: Storage,
  prefix: string,
  checkIntegrity: boolean,
  compressor: StoredFieldsCompressor,
): Promise<StoredCommit | null> {
  let last: { key: string; generation: number } | null = null
  /** Each segment file's chunk keys, in order. */
  const chunks = new Map<string, string[]>()
  for (const key of await storage.keys('es', prefix)) {
    if (key.startsWith(prefix + COMMIT_PREFIX)) {
      const generation = parseInt(key.slice(prefix.length + COMMIT_PREFIX.length), 36)
      if (!last || generation > last.generation) last = { key, generation }
    } else if (segmentOfKey(prefix, key) !== null) {
      const file = key.slice(0, key.lastIndexOf('.'))
      const keys = chunks.get(file)
      if (keys) keys.push(key)
      else chunks.set(file, [key])
    }
  }
  if (!last) return null
  const { key } = last
  const bytes = await storage.get('es', key)
  if (!bytes) throw new StorageFormatError(`commit point ${key} is missing`)
  const point = openEnvelope(bytes, COMMIT_VERSION, `commit point ${key}`) as CommitPoint
  const extensions = ['cfs', 'fdt'] as const
  for (const { generation } of point.segments) {
    for (const file of extensions.map((extension) => segmentFileKey(prefix, generation, extension)))
      if (!chunks.has(file)) throw new StorageFormatError(`commit point ${key}: ${file} is missing`)
  }
  // every chunk its own get, all started at once in the order restoreCommit takes the files: the worker takes each
  // chunk in as it comes while the database reads the next ones, and a file opens once its last chunk is in (a chunk
  // gone since the listing leaves the file short, which opening reports)
  const read = <T>(
    generation: number,
    extension: 'cfs' | 'fdt',
    open: (parts: Uint8Array[], file: string) => T,
  ): Promise<T> => {
    const file = segmentFileKey(prefix, generation, extension)
    const gets = chunks.get(file)!.map((chunk) => storage.get('es', chunk))
    const reading = Promise.all(gets).then((values) =>
      open(
        values.filter((value) => value !== undefined),
        file,
      ),
    )
    // a restore that stops early (a failed file, a closed copy) leaves the other reads unawaited
    reading.catch(() => undefined)
    return reading
  }
  const files = new Map<number, SegmentReads>()
  for (const { generation } of point.segments)
    files.set(generation, {
      image: read(generation, 'cfs', (parts, file) => openImage(parts, file, checkIntegrity)),
      storedFields: read(generation, 'fdt', (parts, file) =>
        openStoredFields(parts, file, checkIntegrity, compressor),
      ),
    })
  return { point, files }
}

/** A segment image's payload in parts (views into its chunks): version 2 as sealFile wrote it, 1 as sealBytes did. */
function openImage(parts: readonly Uint8Array[], file: string, checkIntegrity: boolean): Uint8Array[] {
  const first = parts[0]
  if (!first || storedVersion(first) !== SEGMENT_VERSION_V1)
    return openFileParts(parts, SEGMENT_VERSION, file, checkIntegrity)
  return [openFileV1(parts, file)]
}

/** Stored fields' payload: version 2 as sealFile wrote it, version 1 (sealBytes, the v1 layout) converted. */
function openStoredFields(
  parts: readonly Uint8Array[],
  file: string,
  checkIntegrity: boolean,
  compressor: StoredFieldsCompressor,
): Uint8Array {
  const first = parts[0]
  if (!first || storedVersion(first) !== SEGMENT_VERSION_V1)
    return openFile(parts, SEGMENT_VERSION, file, checkIntegrity)
  return upgradeStoredFieldsV1(openFileV1(parts, file), compressor)
}

/** The payload of a version 1 segment file (sealBytes: one value, whatever its parts), checksum verified. */
function openFileV1(parts: readonly Uint8Array[], file: string): Uint8Array {
  return openBytes(parts.length === 1 ? parts[0]! : concatBytes(parts), SEGMENT_VERSION_V1, file)
}
