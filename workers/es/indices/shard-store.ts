/**
 * ShardStore: the Lucene commits of one shard copy in the `es` store (ES's Store over the shard's index
 * directory), under indices/<uuid>/shards/<n>/index/:
 * - `_<generation, base 36>.cfs`: a segment image, sealBytes v1 (engine-wasm/assembly/index/segment-codec.ts);
 * - `_<generation, base 36>.fdt`: the segment's stored fields, sealBytes v1 (index/shard/stored-fields.ts);
 * - `segments_<N, base 36>`: a commit point, sealEnvelope v1 JSON (index/shard/shard-commit.ts CommitPoint).
 * A segment file is stored as chunks of FILE_CHUNK_BYTES of its sealed bytes, under `<file>.<chunk, 4 digits>`
 * (IndexedDB reads big values several times slower than 1 MiB ones); the chunks in key order are the file.
 * A segment's files are written once, by the first commit that names the segment (over any chunks a torn commit
 * left under its name). A commit is two storage writes: the new segments' files, then the commit point with the
 * deletion of every other key under index/ that it does not reference (the previous point, merged-away segments,
 * a torn commit's files: Lucene's IndexFileDeleter) and of the translog batches it holds. The point is written
 * last, so a crash before it leaves the previous commit whole.
 * At start-up the commit is the highest segments_N; without one the copy replays its whole translog, as stores of
 * the versions before commits do.
 */
import {
  openBytes,
  openEnvelope,
  sealBytes,
  sealEnvelope,
  StorageFormatError,
} from '../../storage/envelope.ts'
import type { StorageOp } from '../../storage/storage.ts'
import type { CommitPoint, SegmentFiles } from '../index/shard/shard-commit.ts'
import { concatBytes } from '../../../engine-wasm/src/log/compression/bytes.ts'

const SEGMENT_VERSION = 1
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
    ...chunkOps(segmentFileKey(prefix, generation, 'cfs'), sealBytes(SEGMENT_VERSION, image)),
    ...chunkOps(segmentFileKey(prefix, generation, 'fdt'), sealBytes(SEGMENT_VERSION, storedFields)),
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
  files: Map<number, SegmentFiles>
}

/**
 * The last commit among a copy's index entries (key, value; keys under `prefix`, ascending), or null when there
 * is none. Storage writes are atomic, so a commit point is there with every file it names or not at all: a point
 * that does not open, or names a file that is not there, is a corrupt store and fails closed (StorageFormatError).
 */
export function readLastCommit(
  entries: ReadonlyArray<readonly [string, Uint8Array]>,
  prefix: string,
): StoredCommit | null {
  let last: { key: string; generation: number; value: Uint8Array } | null = null
  const chunks = new Map<string, Uint8Array[]>()
  for (const [key, value] of entries) {
    if (key.startsWith(prefix + COMMIT_PREFIX)) {
      const generation = parseInt(key.slice(prefix.length + COMMIT_PREFIX.length), 36)
      if (!last || generation > last.generation) last = { key, generation, value }
    } else if (segmentOfKey(prefix, key) !== null) {
      const file = key.slice(0, key.lastIndexOf('.'))
      const parts = chunks.get(file)
      if (parts) parts.push(value)
      else chunks.set(file, [value])
    }
  }
  if (!last) return null
  const point = openEnvelope(last.value, COMMIT_VERSION, `commit point ${last.key}`) as CommitPoint
  const open = (generation: number, extension: 'cfs' | 'fdt'): Uint8Array => {
    const file = segmentFileKey(prefix, generation, extension)
    const parts = chunks.get(file)
    if (!parts) throw new StorageFormatError(`commit point ${last.key}: ${file} is missing`)
    return openBytes(parts.length === 1 ? parts[0]! : concatBytes(parts), SEGMENT_VERSION, file)
  }
  const files = new Map<number, SegmentFiles>()
  for (const { generation } of point.segments) {
    files.set(generation, {
      generation,
      image: open(generation, 'cfs'),
      storedFields: open(generation, 'fdt'),
    })
  }
  return { point, files }
}
