/**
 * TieredMergePolicy as Lucene 9 runs it inside Elasticsearch 8 (MergePolicyConfig's defaults): which segments to
 * merge, given each segment's name, byte size, maxDoc and deleted documents. Pure; the shard runs what it answers.
 *   - findMerges (natural merges after a refresh): segments sorted by size pro-rated by deletes (descending, then
 *     name), a budget of allowed segments (levels of segments_per_tier from floor_segment up) and of deletes
 *     (deletes_pct_allowed of maxDoc); over budget, the least-cost run of up to max_merge_at_once segments wins:
 *     skew (floored largest / floored total) x totalBytes^0.05 x (bytesAfter / bytesBefore)^2.
 *   - findForcedMerges (forcemerge max_num_segments=n): down to one segment, every segment in size order; down to
 *     n > 1, the smallest segments, smallest first, until n remain; a segment with deletes is always merged.
 *     (The max_merged_segment bin limit of a forced merge is left out: it needs gigabytes of segments.)
 *   - findForcedDeletesMerges (only_expunge_deletes): every segment over expunge_deletes_allowed percent deleted.
 * A merge is a list of segment names in the order their documents go into the merged segment.
 */

export interface MergeSegment {
  name: string
  /** The segment's size in bytes, deleted documents included. */
  sizeInBytes: number
  maxDoc: number
  delCount: number
}

export interface TieredMergePolicyConfig {
  segmentsPerTier: number
  maxMergeAtOnce: number
  floorSegmentBytes: number
  maxMergedSegmentBytes: number
  deletesPctAllowed: number
  forceMergeDeletesPctAllowed: number
}

/** Elasticsearch 8's MergePolicyConfig defaults (index.merge.policy.*). */
export const ES_MERGE_POLICY_DEFAULTS: TieredMergePolicyConfig = {
  segmentsPerTier: 10,
  maxMergeAtOnce: 10,
  floorSegmentBytes: 2 * 1024 * 1024,
  maxMergedSegmentBytes: 5 * 1024 * 1024 * 1024,
  deletesPctAllowed: 20,
  forceMergeDeletesPctAllowed: 10,
}

interface Sized extends MergeSegment {
  /** MergePolicy.size: the byte size pro-rated by the share of live documents. */
  size: number
}

type MergeType = 'natural' | 'forceMergeDeletes'

/** MergePolicy.size, then TieredMergePolicy's order: largest first, ties by name. */
function sortedBySize(segments: readonly MergeSegment[]): Sized[] {
  const sized = segments.map((s) => ({
    ...s,
    size: s.maxDoc <= 0 ? s.sizeInBytes : Math.trunc(s.sizeInBytes * (1 - s.delCount / s.maxDoc)),
  }))
  return sized.sort((a, b) => b.size - a.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

export function findMerges(
  segments: readonly MergeSegment[],
  config: TieredMergePolicyConfig = ES_MERGE_POLICY_DEFAULTS,
): string[][] {
  const sorted = sortedBySize(segments)
  if (sorted.length === 0) return []
  let totIndexBytes = 0
  let minSegmentBytes = Number.MAX_SAFE_INTEGER
  let totalDelDocs = 0
  let totalMaxDoc = 0
  for (const s of sorted) {
    totalDelDocs += s.delCount
    totalMaxDoc += s.maxDoc
    minSegmentBytes = Math.min(minSegmentBytes, s.size)
    totIndexBytes += s.size
  }
  const totalDelPct = (100 * totalDelDocs) / totalMaxDoc
  let allowedDelCount = Math.trunc((config.deletesPctAllowed * totalMaxDoc) / 100)
  const eligible = sorted.filter((s) => {
    const segDelPct = (100 * s.delCount) / s.maxDoc
    const tooBig =
      s.size > config.maxMergedSegmentBytes / 2 &&
      (totalDelPct <= config.deletesPctAllowed || segDelPct <= config.deletesPctAllowed)
    if (tooBig) {
      totIndexBytes -= s.size
      allowedDelCount -= s.delCount
    }
    return !tooBig
  })
  allowedDelCount = Math.max(0, allowedDelCount)
  const mergeFactor = Math.trunc(Math.min(config.maxMergeAtOnce, config.segmentsPerTier))
  let levelSize = Math.max(minSegmentBytes, config.floorSegmentBytes)
  let bytesLeft = totIndexBytes
  let allowedSegCount = 0
  for (;;) {
    const segCountLevel = bytesLeft / levelSize
    if (segCountLevel < config.segmentsPerTier || levelSize === config.maxMergedSegmentBytes) {
      allowedSegCount += Math.ceil(segCountLevel)
      break
    }
    allowedSegCount += config.segmentsPerTier
    bytesLeft -= config.segmentsPerTier * levelSize
    levelSize = Math.min(config.maxMergedSegmentBytes, levelSize * mergeFactor)
  }
  allowedSegCount = Math.trunc(Math.max(allowedSegCount, config.segmentsPerTier))
  return doFindMerges(eligible, config, mergeFactor, allowedSegCount, allowedDelCount, 'natural')
}

export function findForcedDeletesMerges(
  segments: readonly MergeSegment[],
  config: TieredMergePolicyConfig = ES_MERGE_POLICY_DEFAULTS,
): string[][] {
  const eligible = sortedBySize(segments).filter(
    (s) => s.maxDoc > 0 && (100 * s.delCount) / s.maxDoc > config.forceMergeDeletesPctAllowed,
  )
  if (eligible.length === 0) return []
  const unbounded = Number.MAX_SAFE_INTEGER
  return doFindMerges(eligible, config, unbounded, unbounded, 0, 'forceMergeDeletes')
}

/**
 * The merges that take the index down to maxSegmentCount segments; `original` names the segments that existed
 * when the force merge began (a merge's result is not original, and is not merged again on its own).
 */
export function findForcedMerges(
  segments: readonly MergeSegment[],
  maxSegmentCount: number,
  original: ReadonlySet<string>,
): string[][] {
  const sorted = sortedBySize(segments)
  const foundDeletes = sorted.some((s) => s.delCount > 0 && original.has(s.name))
  if (sorted.length === 0) return []
  if (!foundDeletes && (maxSegmentCount > 1 ? sorted.length <= maxSegmentCount : sorted.length === 1))
    return []
  if (maxSegmentCount === 1) return [sorted.map((s) => s.name)]
  const candidate: string[] = []
  for (
    let index = sorted.length - 1, resulting = sorted.length;
    index >= 0 && resulting > maxSegmentCount;
    index--
  ) {
    if (candidate.length > 0) resulting--
    candidate.push(sorted[index]!.name)
  }
  return candidate.length > 1 ? [candidate] : []
}

function doFindMerges(
  sortedEligible: readonly Sized[],
  config: TieredMergePolicyConfig,
  mergeFactor: number,
  allowedSegCount: number,
  allowedDelCount: number,
  mergeType: MergeType,
): string[][] {
  const merges: string[][] = []
  const toBeMerged = new Set<string>()
  let haveOneLargeMerge = false
  const maxBytes = config.maxMergedSegmentBytes
  for (;;) {
    const eligible = sortedEligible.filter((s) => !toBeMerged.has(s.name))
    if (eligible.length === 0) return merges
    const remainingDelCount = eligible.reduce((sum, s) => sum + s.delCount, 0)
    if (mergeType === 'natural' && eligible.length <= allowedSegCount && remainingDelCount <= allowedDelCount)
      return merges
    let best: Sized[] | null = null
    let bestScore = 0
    let bestTooLarge = false
    for (let startIdx = 0; startIdx < eligible.length; startIdx++) {
      const candidate: Sized[] = []
      let hitTooLarge = false
      let bytesThisMerge = 0
      let totAfterMergeBytes = 0
      for (
        let idx = startIdx;
        idx < eligible.length && candidate.length < mergeFactor && bytesThisMerge < maxBytes;
        idx++
      ) {
        const segment = eligible[idx]!
        if (totAfterMergeBytes + segment.size > maxBytes) {
          hitTooLarge = true
          if (candidate.length === 0) {
            candidate.push(segment)
            bytesThisMerge += segment.size
          }
          continue
        }
        candidate.push(segment)
        bytesThisMerge += segment.size
        totAfterMergeBytes += segment.size
      }
      const largest = candidate[0]!
      // a natural merge must grow its largest input by half, unless that input has many deletes
      if (
        !hitTooLarge &&
        mergeType === 'natural' &&
        bytesThisMerge < largest.size * 1.5 &&
        largest.delCount < (largest.maxDoc * config.deletesPctAllowed) / 100
      )
        continue
      if (candidate.length === 1 && largest.delCount === 0) continue
      if (best !== null && !hitTooLarge && candidate.length < mergeFactor) break
      const score = mergeScore(candidate, hitTooLarge, config, mergeFactor)
      if (best === null || score < bestScore) {
        best = candidate
        bestScore = score
        bestTooLarge = hitTooLarge
      }
    }
    if (best === null) return merges
    if (!haveOneLargeMerge || !bestTooLarge || mergeType === 'forceMergeDeletes') {
      haveOneLargeMerge ||= bestTooLarge
      merges.push(best.map((s) => s.name))
    }
    for (const s of best) toBeMerged.add(s.name)
  }
}

/** TieredMergePolicy.score: lower is better. */
function mergeScore(
  candidate: readonly Sized[],
  hitTooLarge: boolean,
  config: TieredMergePolicyConfig,
  mergeFactor: number,
): number {
  const floor = (bytes: number): number => Math.max(config.floorSegmentBytes, bytes)
  let totBeforeMergeBytes = 0
  let totAfterMergeBytes = 0
  let totAfterMergeBytesFloored = 0
  for (const s of candidate) {
    totAfterMergeBytes += s.size
    totAfterMergeBytesFloored += floor(s.size)
    totBeforeMergeBytes += s.sizeInBytes
  }
  const skew = hitTooLarge ? 1 / mergeFactor : floor(candidate[0]!.size) / totAfterMergeBytesFloored
  const nonDelRatio = totAfterMergeBytes / totBeforeMergeBytes
  return skew * Math.pow(totAfterMergeBytes, 0.05) * Math.pow(nonDelRatio, 2)
}
