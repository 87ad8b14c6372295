/**
 * What a Lucene commit of one shard copy holds (segments_N and the files it names), as IndexShard takes it and
 * restores it; workers/es/indices/shard-store.ts stores it.
 * - CommitPoint: the segment list in index order, each with its live docs (the local ids deleted since it was
 *   written: Lucene's .liv, rewritten per commit), SegmentInfos.counter, ES's commit user data
 *   (`local_checkpoint`, `max_seq_no`, and the translog generation: the first translog batch the commit does not
 *   hold) and the version map's tombstones (ES keeps deletes as soft-deleted documents in Lucene).
 * - SegmentFiles: a segment's image (engine-wasm/assembly/index/segment-codec.ts) and stored fields
 *   (stored-fields.ts), written once per generation; SegmentReads: the same files being read back, each arriving
 *   when its read completes (a restore loads one segment's image while the next files are still being read), the
 *   image as the parts it was stored in (views into its chunks, in order: the index copies them into WASM memory).
 */
export interface CommitSegment {
  generation: number
  maxDoc: number
  /** Local doc ids deleted, ascending. */
  deleted: number[]
}

export interface CommitTombstone {
  id: string
  seqNo: number
  version: number
  deletedAt: number
}

export interface CommitUserData {
  local_checkpoint: number
  max_seq_no: number
  /** The first translog batch number this commit does not hold; batches below it are trimmed. */
  translog_generation: number
}

export interface CommitPoint {
  /** N of segments_N. */
  generation: number
  counter: number
  segments: CommitSegment[]
  userData: CommitUserData
  tombstones: CommitTombstone[]
}

export interface SegmentFiles {
  generation: number
  image: Uint8Array
  storedFields: Uint8Array
}

export interface SegmentReads {
  image: Promise<readonly Uint8Array[]>
  storedFields: Promise<Uint8Array>
}

/** A commit as a shard takes it: all but what the store numbers (segments_N, translog generation). */
export interface ShardCommit {
  counter: number
  segments: CommitSegment[]
  localCheckpoint: number
  maxSeqNo: number
  tombstones: CommitTombstone[]
  /** The files of the segments the store does not hold yet. */
  files: SegmentFiles[]
  /** The segments as the segments APIs show them, marked committed once the commit is stored. */
  onStored: () => void
}
