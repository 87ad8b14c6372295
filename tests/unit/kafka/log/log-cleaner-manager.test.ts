// Which logs LogCleanerManager takes and how far, on hand-made segment summaries: the dirty ratio against
// min.cleanable.dirty.ratio (strictly above), the high watermark and the active segment as bounds moved down
// to a segment boundary, min.compaction.lag.ms holding back young segments, max.compaction.lag.ms forcing a
// round below the ratio, and a checkpoint past the log end reset to the log start offset.
import { describe, expect, it } from 'vitest'
import { DEFAULT_COMPACTION } from '../../../../workers/kafka/log/log-cleaner-config.ts'
import {
  cleanableOffsets,
  logToClean,
  shouldClean,
  type CleanableLog,
} from '../../../../workers/kafka/log/log-cleaner-manager.ts'

/** Segments at 0, 10, 20, ... with the given sizes and largest timestamps; the last one is active. */
function log(sizes: number[], stamps: number[], overrides: Partial<CleanableLog> = {}): CleanableLog {
  const segments = sizes.map((size, i) => ({
    baseOffset: i * 10,
    size,
    largestTimestamp: stamps[i] ?? 0,
    firstBatchTimestamp: stamps[i] ?? 0,
  }))
  return {
    segments,
    logStartOffset: 0,
    logEndOffset: sizes.length * 10 - 5,
    lastStableOffset: sizes.length * 10 - 5,
    compaction: { ...DEFAULT_COMPACTION, compact: true },
    ...overrides,
  }
}

describe('LogCleanerManager', () => {
  it('computes the dirty ratio from the checkpoint to the active segment', () => {
    const view = log([100, 100, 100, 50], [1, 2, 3, 4])
    const offsets = cleanableOffsets(view, 10, 1_000)
    expect(offsets).toEqual({
      firstDirtyOffset: 10,
      firstUncleanableDirtyOffset: 30,
      forceUpdateCheckpoint: false,
    })
    const toClean = logToClean(view, offsets, 1_000)
    expect([toClean.cleanBytes, toClean.cleanableBytes, toClean.firstUncleanableOffset]).toEqual([
      100, 200, 30,
    ])
    expect(toClean.cleanableRatio).toBeCloseTo(2 / 3, 12)
    expect(shouldClean(toClean, 0.5)).toBe(true)
    expect(shouldClean(toClean, 2 / 3)).toBe(false)
    expect(shouldClean(toClean, 0.7)).toBe(false)
  })

  it('stops at the segment holding the last stable offset', () => {
    const view = log([100, 100, 100, 50], [1, 2, 3, 4], { lastStableOffset: 25 })
    const toClean = logToClean(view, cleanableOffsets(view, undefined, 1_000), 1_000)
    expect([toClean.firstDirtyOffset, toClean.firstUncleanableOffset, toClean.cleanableBytes]).toEqual([
      0, 20, 200,
    ])
  })

  it('holds back segments newer than min.compaction.lag.ms', () => {
    const compaction = { ...DEFAULT_COMPACTION, compact: true, minCompactionLagMs: 3_000 }
    const view = log([100, 100, 100, 50], [5_000, 7_001, 6_000, 9_000], { compaction })
    expect(cleanableOffsets(view, 0, 10_000).firstUncleanableDirtyOffset).toBe(10)
    expect(cleanableOffsets(view, 0, 10_001).firstUncleanableDirtyOffset).toBe(30)
  })

  it('cleans below the ratio once a dirty batch is older than max.compaction.lag.ms', () => {
    const compaction = {
      ...DEFAULT_COMPACTION,
      compact: true,
      maxCompactionLagMs: 1_000,
      minCleanableRatio: 0.9,
    }
    const view = log([100, 100, 50], [5_000, 8_000, 9_500], { compaction })
    const at = (now: number) => logToClean(view, cleanableOffsets(view, 10, now), now)
    expect(at(9_000).needCompactionNow).toBe(false)
    expect(shouldClean(at(9_000), 0.9)).toBe(false)
    expect(at(9_001).needCompactionNow).toBe(true)
    expect(shouldClean(at(9_001), 0.9)).toBe(true)
  })

  it('resets a checkpoint past the log end offset or below the log start offset', () => {
    const view = log([100, 100, 50], [1, 2, 3], { logStartOffset: 10 })
    expect(cleanableOffsets(view, 99, 0)).toEqual({
      firstDirtyOffset: 10,
      firstUncleanableDirtyOffset: 20,
      forceUpdateCheckpoint: true,
    })
    expect(cleanableOffsets(view, 5, 0).forceUpdateCheckpoint).toBe(true)
    expect(cleanableOffsets(view, 20, 0).forceUpdateCheckpoint).toBe(false)
  })

  it('has nothing to clean when the checkpoint reached the active segment', () => {
    const view = log([100, 100, 50], [1, 2, 3])
    const toClean = logToClean(view, cleanableOffsets(view, 20, 0), 0)
    expect([toClean.cleanableBytes, toClean.cleanableRatio, shouldClean(toClean, 0)]).toEqual([0, 0, false])
  })
})
