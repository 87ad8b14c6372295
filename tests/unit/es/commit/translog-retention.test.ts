// TranslogRetention: a commit trims only the translog batches whose every operation is at or below its safe
// seq_no (the lower of its local checkpoint and the global checkpoint), so an operation a rollback may undo
// stays replayable; batch numbers never go back.
import { describe, expect, it } from 'vitest'
import { TranslogRetention } from '../../../../workers/es/indices/translog-retention.ts'

describe('TranslogRetention', () => {
  it('keeps every batch from the first one holding an operation above the safe seq_no', () => {
    const translog = new TranslogRetention()
    expect([translog.add(3), translog.add(7), translog.add(5), translog.add(9)]).toEqual([0, 1, 2, 3])
    expect(translog.generationFor(2)).toBe(0)
    expect(translog.generationFor(6)).toBe(1)
    expect(translog.generationFor(8)).toBe(3)
    expect(translog.generationFor(9)).toBe(4)
  })

  it('forgets the trimmed batches and keeps numbering after them', () => {
    const translog = new TranslogRetention()
    translog.add(1)
    translog.add(4)
    translog.trimmed(translog.generationFor(2))
    expect(translog.generationFor(0)).toBe(1)
    expect(translog.add(5)).toBe(2)
    translog.trimmed(translog.generationFor(5))
    expect(translog.generationFor(0)).toBe(3)
    expect(translog.next).toBe(3)
  })

  it('holds the batches read back from a store until their highest operation is safe', () => {
    const translog = new TranslogRetention()
    translog.skipTo(12)
    translog.recovered(8, 40)
    expect(translog.next).toBe(12)
    expect(translog.generationFor(39)).toBe(8)
    expect(translog.add(41)).toBe(12)
    expect(translog.generationFor(40)).toBe(12)
    expect(translog.generationFor(41)).toBe(13)
  })

  it('never numbers a batch below one a store or a commit named', () => {
    const translog = new TranslogRetention()
    translog.skipTo(5)
    translog.skipTo(3)
    expect(translog.add(0)).toBe(5)
  })
})
