/**
 * IndexDiskUsageAnalyzer for the playground's store: how many bytes each field takes in the files a commit of one
 * shard copy stores, per structure, read from the files themselves. A segment's files are its image
 * (engine-wasm/assembly/index/segment-codec.ts, format 3) and its stored fields block (stored-fields.ts):
 * - per field of the image: the terms, postings and positions, with the field's name and statistics, are its
 *   `inverted_index`; its one-byte norms are `norms` (a field whose norms are all 0 has none); its numeric column is
 *   `doc_values`, except a dense_vector's, which is its `knn_vectors`. A section that holds nothing counts nothing.
 * - the stored fields: the `_id`s (the block's uncompressed `_id` section) are `_id`'s `stored_fields`; the version,
 *   seq_no and primary_term columns are the `doc_values` of `_version`, `_seq_no` and `_primary_term` (as ES keeps
 *   them); everything else (header, the other columns, dictionary, compressed `_routing` and `_source` records) is
 *   `_source`'s `stored_fields`.
 * The playground indexes no points (numeric queries read the column) and stores no term vectors: those are 0.
 * The store size is the bytes of every file. Invariant: the fields' bytes sum to at most the store size.
 */
import type { SegmentFiles } from './shard-commit.ts'
import { openStoredFields } from './stored-fields.ts'
import { columnBytes } from './stored-fields-columns.ts'

/** One field's bytes per structure (IndexDiskUsageStats.PerFieldDiskUsage). */
export interface PerFieldDiskUsage {
  invertedIndex: number
  storedFields: number
  docValues: number
  points: number
  norms: number
  termVectors: number
  knnVectors: number
}

export interface IndexDiskUsageStats {
  /** Per field name, in the order met. */
  fields: Map<string, PerFieldDiskUsage>
  storeSizeInBytes: number
}

export function emptyUsage(): PerFieldDiskUsage {
  return {
    invertedIndex: 0,
    storedFields: 0,
    docValues: 0,
    points: 0,
    norms: 0,
    termVectors: 0,
    knnVectors: 0,
  }
}

/** IndexDiskUsageStats.add: another shard's usage summed into `into`. */
export function addUsage(into: IndexDiskUsageStats, other: IndexDiskUsageStats): void {
  into.storeSizeInBytes += other.storeSizeInBytes
  for (const [name, usage] of other.fields) {
    const sum = into.fields.get(name) ?? emptyUsage()
    for (const key of Object.keys(sum) as Array<keyof PerFieldDiskUsage>) sum[key] += usage[key]
    into.fields.set(name, sum)
  }
}

/** Analyzes a commit's segment files; `isVector(field)` tells the dense_vector fields. */
export function analyzeDiskUsage(
  files: readonly SegmentFiles[],
  isVector: (field: string) => boolean,
): IndexDiskUsageStats {
  const stats: IndexDiskUsageStats = { fields: new Map(), storeSizeInBytes: 0 }
  const field = (name: string): PerFieldDiskUsage => {
    let usage = stats.fields.get(name)
    if (usage === undefined) stats.fields.set(name, (usage = emptyUsage()))
    return usage
  }
  for (const { image, storedFields } of files) {
    stats.storeSizeInBytes += image.length + storedFields.length
    analyzeImage(image, isVector, field)
    analyzeStoredFields(storedFields, field)
  }
  return stats
}

const IMAGE_MAGIC = 0x4745534c
const IMAGE_VERSION = 3

/** Walks a format 3 segment image field by field (segment-codec.ts's layout). */
function analyzeImage(
  image: Uint8Array,
  isVector: (field: string) => boolean,
  field: (name: string) => PerFieldDiskUsage,
): void {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength)
  if (view.getUint32(0, true) !== IMAGE_MAGIC || view.getUint32(4, true) !== IMAGE_VERSION) {
    throw new RangeError('segment image: not a format 3 image')
  }
  const maxDoc = view.getInt32(12, true)
  const fieldCount = view.getUint32(16, true)
  let at = 20
  const u32 = (): number => {
    const value = view.getUint32(at, true)
    at += 4
    return value
  }
  const decoder = new TextDecoder()
  for (let f = 0; f < fieldCount; f++) {
    const start = at
    const nameLength = u32()
    const name = decoder.decode(image.subarray(at, at + nameLength))
    at += nameLength + 4 + 8 + 8
    const header = at - start
    // a hidden index field `<field>\0<part>` (a rank feature's, a version's decoded values) is its field's bytes
    const usage = field(name.split('\u0000')[0]!)
    let norms = false
    for (let d = 0; d < maxDoc && !norms; d++) norms = image[at + d] !== 0
    if (norms) usage.norms += maxDoc
    at += maxDoc
    const columnStart = at
    const docs = u32()
    const valueCount = u32()
    const dense = u32() === 1
    at += valueCount * 8 + (dense ? 0 : docs * 4 + (docs + 1) * 4)
    if (valueCount > 0) {
      if (isVector(name)) usage.knnVectors += at - columnStart
      else usage.docValues += at - columnStart
    }
    const termsStart = at
    const termCount = u32()
    const termBytes = u32()
    const entryCount = u32()
    const positionCount = u32()
    const docWidth = u32()
    const positionShift = u32()
    const extras = u32()
    at += termBytes + 3 * (termCount + 1) * 4 + termCount * 4 + entryCount * docWidth + extras
    at += positionCount << positionShift
    if (termCount > 0) usage.invertedIndex += at - termsStart + header
  }
}

/** Splits a segment's stored fields block between `_id`, `_source` and the metadata columns. */
function analyzeStoredFields(bytes: Uint8Array, field: (name: string) => PerFieldDiskUsage): void {
  const reader = openStoredFields(bytes)
  const count = reader.maxDoc
  const encoder = new TextEncoder()
  let ids = 0
  const versions: number[] = []
  const seqNos: number[] = []
  const terms: number[] = []
  for (let d = 0; d < count; d++) {
    ids += encoder.encode(reader.id(d) ?? '').length
    versions.push(reader.version(d))
    seqNos.push(reader.seqNo(d))
    terms.push(reader.primaryTerm(d))
  }
  const columns = [
    ['_version', columnBytes(versions)],
    ['_seq_no', columnBytes(seqNos)],
    ['_primary_term', columnBytes(terms)],
  ] as const
  field('_id').storedFields += ids
  let rest = bytes.length - ids
  for (const [name, size] of columns) {
    field(name).docValues += size
    rest -= size
  }
  field('_source').storedFields += Math.max(0, rest)
}
