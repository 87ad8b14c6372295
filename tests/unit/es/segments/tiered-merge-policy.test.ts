// TieredMergePolicy's choices on small inputs, worked out by hand from Lucene 9's TieredMergePolicy (findMerges,
// doFindMerges, score, findForcedMerges, findForcedDeletesMerges) with ES 8's MergePolicyConfig defaults: every
// segment here is under floor_segment (2mb), so the budget is segments_per_tier (10) segments and
// deletes_pct_allowed (20%) of maxDoc deleted.
import { describe, expect, it } from 'vitest'
import {
  ES_MERGE_POLICY_DEFAULTS,
  findForcedDeletesMerges,
  findForcedMerges,
  findMerges,
  type MergeSegment,
} from '../../../../workers/es/index/merge/tiered-merge-policy.ts'

const seg = (generation: number, sizeInBytes: number, maxDoc = 10, delCount = 0): MergeSegment => ({
  name: `_${generation.toString(36)}`,
  sizeInBytes,
  maxDoc,
  delCount,
})

describe('findMerges (natural merges)', () => {
  it('leaves up to segments_per_tier small segments alone', () => {
    expect(findMerges(Array.from({ length: 10 }, (_, i) => seg(i, 1000)))).toEqual([])
  })

  it('merges the ten largest of eleven equal segments, by name among equals; the lowest-skew run wins', () => {
    const segments = Array.from({ length: 11 }, (_, i) => seg(i, 1000))
    expect(findMerges(segments)).toEqual([['_0', '_1', '_2', '_3', '_4', '_5', '_6', '_7', '_8', '_9']])
  })

  it('orders a merge by size, largest first, and prefers the smaller of two runs of equal floored skew', () => {
    const segments = [seg(0, 9000), ...Array.from({ length: 10 }, (_, i) => seg(i + 1, 500 + i))]
    // [_0 + nine small] (13545 bytes) and the ten small ones (5045) both have skew 2mb / 20mb: the smaller wins
    expect(findMerges(segments)).toEqual([['_a', '_9', '_8', '_7', '_6', '_5', '_4', '_3', '_2', '_1']])
  })

  it('merges when deletes pass deletes_pct_allowed of maxDoc, pro-rating sizes by live documents', () => {
    expect(findMerges([seg(0, 10_000, 100, 40), seg(1, 10_000, 100, 0)])).toEqual([])
    // 41 deleted of 200 > 40 allowed: _1 (10000) sorts before _0 (10000 x 59% = 5900)
    expect(findMerges([seg(0, 10_000, 100, 41), seg(1, 10_000, 100, 0)])).toEqual([['_1', '_0']])
  })

  it('keeps segments over half max_merged_segment out while deletes are few', () => {
    const big = ES_MERGE_POLICY_DEFAULTS.maxMergedSegmentBytes
    const segments = [seg(0, big * 0.6, 100), ...Array.from({ length: 10 }, (_, i) => seg(i + 1, 1000))]
    expect(findMerges(segments)).toEqual([])
  })
})

describe('findForcedMerges (forcemerge max_num_segments)', () => {
  const four = [seg(0, 4000), seg(1, 3000), seg(2, 2000), seg(3, 1000)]
  const original = new Set(four.map((s) => s.name))

  it('merges everything into one segment, largest first', () => {
    expect(findForcedMerges(four, 1, original)).toEqual([['_0', '_1', '_2', '_3']])
  })

  it('merges the smallest segments, smallest first, until max_num_segments remain', () => {
    expect(findForcedMerges(four, 2, original)).toEqual([['_3', '_2', '_1']])
    expect(findForcedMerges(four, 4, original)).toEqual([])
  })

  it('rewrites a lone segment only when it has deletes', () => {
    expect(findForcedMerges([seg(0, 4000)], 1, new Set(['_0']))).toEqual([])
    expect(findForcedMerges([seg(0, 4000, 10, 1)], 1, new Set(['_0']))).toEqual([['_0']])
  })
})

describe('findForcedDeletesMerges (only_expunge_deletes)', () => {
  it('merges every segment over expunge_deletes_allowed (10%) deleted, in one merge by size', () => {
    const segments = [seg(0, 5000, 100, 10), seg(1, 5000, 100, 20), seg(2, 1000, 10, 2), seg(3, 100, 10, 0)]
    expect(findForcedDeletesMerges(segments)).toEqual([['_1', '_2']])
    expect(findForcedDeletesMerges([seg(0, 5000, 100, 10)])).toEqual([])
  })
})
