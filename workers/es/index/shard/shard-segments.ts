/**
 * ShardSegments: the Lucene segments of one shard copy as IndexWriter manages them here, and what the segments
 * APIs show of them. It runs the merge policy (workers/es/index/merge/tiered-merge-policy.ts) right after each
 * flush, merging until the policy asks for nothing more (as merges finishing call maybeMerge again), and on
 * request (forcemerge); a merged segment is searchable at once. A stored commit records the segments of the
 * searcher when it was taken as committed; a committed segment merged away since is still listed, committed and
 * not searched, until the next commit, as Engine.getSegmentInfo lists the last commit's segments.
 * Natural merges see no deletes to merge: ES 8 keeps soft-deleted documents while its retention leases retain
 * their operations (SoftDeletesRetentionMergePolicy.numDeletesToMerge leaves them out), which for recent
 * updates and deletes is all of them; forced merges (and expunge deletes) reclaim every deleted document.
 * Segment size model (a playground deviation): the UTF-8 bytes of the `_id` and `_source` of every document in
 * the segment, deleted ones included, until a merge drops them.
 */
import type { InvertedIndex, SegmentInfo } from '../../../../engine-wasm/src/index/index.ts'
import {
  findForcedDeletesMerges,
  findForcedMerges,
  findMerges,
  type MergeSegment,
} from '../merge/tiered-merge-policy.ts'
import type { SearcherDocs } from './searcher-docs.ts'
import type { ShardCounters } from './shard-counters.ts'

/** The Lucene version ES 8.17 writes segments with. */
export const LUCENE_VERSION = '9.12.0'

/** One segment as IndicesSegmentResponse shows it (ES's engine Segment). */
export interface SegmentStats {
  name: string
  generation: number
  numDocs: number
  deletedDocs: number
  sizeInBytes: number
  committed: boolean
  search: boolean
  version: string
  compound: boolean
  attributes: Record<string, string>
}

/** Lucene90StoredFieldsFormat's segment attribute under ES 8's default codec. */
const ATTRIBUTES = { 'Lucene90StoredFieldsFormat.mode': 'BEST_SPEED' } as const

export class ShardSegments {
  /** The segments of the last commit, as they were then. */
  private committed = new Map<string, SegmentStats>()

  constructor(
    private readonly index: InvertedIndex,
    private readonly docs: SearcherDocs,
    private readonly counters: ShardCounters,
  ) {}

  /** After a flush of new segments: drops fully deleted segments, then runs natural merges. */
  afterFlush(): void {
    this.docs.remap(this.index.dropFullyDeletedSegments())
    for (let merges = findMerges(this.mergeSegments(false)); merges.length > 0;) {
      for (const merge of merges) this.merge(merge)
      merges = findMerges(this.mergeSegments(false))
    }
  }

  /**
   * IndexWriter.forceMerge(maxNumSegments) / forceMergeDeletes / maybeMerge (max_num_segments unset), each
   * repeated until the policy has nothing more to merge.
   */
  forceMerge(maxNumSegments: number | null, onlyExpungeDeletes: boolean): void {
    if (onlyExpungeDeletes) {
      for (const merge of findForcedDeletesMerges(this.mergeSegments(true))) this.merge(merge)
      return
    }
    if (maxNumSegments === null) {
      this.afterFlush()
      return
    }
    const original = new Set(this.index.segments().map((s) => s.name))
    for (
      let merges = findForcedMerges(this.mergeSegments(true), maxNumSegments, original);
      merges.length > 0;
    ) {
      for (const merge of merges) {
        this.merge(merge)
        for (const name of merge) original.delete(name)
      }
      merges = findForcedMerges(this.mergeSegments(true), maxNumSegments, original)
    }
  }

  /** A Lucene commit stored: these segments (the searcher's when the commit was taken) are the committed ones. */
  commit(segments: readonly SegmentStats[]): void {
    this.committed = new Map(segments.map((s) => [s.name, { ...s, committed: true }]))
  }

  /** The searcher's segments and the committed ones merged away since, in generation order. */
  list(): SegmentStats[] {
    const searched = this.searched()
    const names = new Set(searched.map((s) => s.name))
    const stale = [...this.committed.values()]
      .filter((s) => !names.has(s.name))
      .map((s) => ({ ...s, search: false }))
    return [...searched, ...stale].sort((a, b) => a.generation - b.generation)
  }

  /** Deleted documents of the searcher's segments (Lucene counts them until a merge drops them). */
  get deletedDocs(): number {
    return this.index.segments().reduce((sum, s) => sum + s.delCount, 0)
  }

  /** The searcher's segments' sizes summed. */
  get sizeInBytes(): number {
    return this.index.segments().reduce((sum, s) => sum + this.docs.sizeInBytes(s.docBase, s.maxDoc), 0)
  }

  /** The searcher's segments now. */
  searched(): SegmentStats[] {
    return this.index.segments().map((s) => this.stats(s))
  }

  private stats(segment: SegmentInfo): SegmentStats {
    return {
      name: segment.name,
      generation: segment.generation,
      numDocs: segment.maxDoc - segment.delCount,
      deletedDocs: segment.delCount,
      sizeInBytes: this.docs.sizeInBytes(segment.docBase, segment.maxDoc),
      committed: this.committed.has(segment.name),
      search: true,
      version: LUCENE_VERSION,
      compound: true,
      attributes: { ...ATTRIBUTES },
    }
  }

  /** The segments as the merge policy sees them; deletes counted only when they are to be merged. */
  private mergeSegments(countDeletes: boolean): MergeSegment[] {
    return this.index.segments().map((s) => ({
      name: s.name,
      sizeInBytes: this.docs.sizeInBytes(s.docBase, s.maxDoc),
      maxDoc: s.maxDoc,
      delCount: countDeletes ? s.delCount : 0,
    }))
  }

  /** Runs one merge of the named segments, in that order. */
  private merge(names: readonly string[]): void {
    const segments = this.index.segments()
    const ordinals = names.map((name) => segments.findIndex((s) => s.name === name))
    this.counters.mergeTotal++
    for (const ordinal of ordinals) {
      const merged = segments[ordinal]!
      this.counters.mergeDocs += merged.maxDoc
      this.counters.mergeSizeInBytes += this.docs.sizeInBytes(merged.docBase, merged.maxDoc)
    }
    this.docs.remap(this.index.merge(ordinals))
  }
}
