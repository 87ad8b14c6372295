// The idempotent producer's state on a partition (Kafka 4.1's ProducerStateManager, ProducerAppendInfo and
// ProducerStateEntry): duplicates of the last 5 batches, sequence gaps, epochs, the sequence wrap, and a
// property test against a naive oracle that keeps every batch a producer ever appended.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProducerStateError } from '../../../../workers/kafka/log/producer-append-info.ts'
import {
  ProducerStateManager,
  type ProducerBatch,
} from '../../../../workers/kafka/log/producer-state-manager.ts'
import { ProducerStateEntry } from '../../../../workers/kafka/log/producer-state-entry.ts'
import { incrementSequence } from '../../../../workers/protocol/kafka.ts'

const TP = 'orders-0'

/** A batch of `count` records from sequence `firstSeq`, at `firstOffset`. */
function batch(producerId: number, epoch: number, firstSeq: number, count: number, firstOffset: number) {
  return {
    producerId,
    producerEpoch: epoch,
    firstSeq,
    lastSeq: incrementSequence(firstSeq, count - 1),
    firstOffset,
    lastOffset: firstOffset + count - 1,
    timestamp: 1000 + firstOffset,
    isTransactional: false,
    marker: null,
  } satisfies ProducerBatch
}

/** Appends as a leader would: validate, then apply; returns the duplicate found, if any. */
function append(state: ProducerStateManager, b: ProducerBatch) {
  const analysis = state.analyze([b], 'client', TP)
  if (!analysis.duplicate) state.update(analysis.updated)
  return analysis.duplicate
}

function refusal(action: () => unknown): { error: string; message: string } {
  try {
    action()
  } catch (error) {
    if (error instanceof ProducerStateError) return { error: error.error, message: error.message }
    throw error
  }
  throw new Error('expected a ProducerStateError')
}

describe('ProducerStateEntry', () => {
  it('keeps the last 5 batches of the current epoch, oldest first, and a new epoch forgets them', () => {
    const entry = new ProducerStateEntry(7)
    for (let i = 0; i < 6; i++) entry.addBatch(0, batch(7, 0, i * 2, 2, i * 2))
    expect(entry.batchMetadata.map((b) => b.firstSeq)).toEqual([2, 4, 6, 8, 10])
    expect(entry.findDuplicateBatch(0, 0, 1)).toBeNull()
    expect(entry.findDuplicateBatch(0, 2, 3)?.firstOffset).toBe(2)
    expect(entry.findDuplicateBatch(1, 2, 3)).toBeNull()
    entry.addBatch(1, batch(7, 1, 0, 1, 12))
    expect(entry.batchMetadata.map((b) => b.firstSeq)).toEqual([0])
    expect(entry.producerEpoch).toBe(1)
  })

  it('wraps sequences past Integer.MAX_VALUE to 0 (DefaultRecordBatch.incrementSequence)', () => {
    expect(incrementSequence(2147483646, 1)).toBe(2147483647)
    expect(incrementSequence(2147483647, 1)).toBe(0)
    expect(incrementSequence(2147483645, 4)).toBe(1)
  })
})

describe('ProducerStateManager', () => {
  it('answers a retried batch with the offsets of its first append, and appends nothing for it', () => {
    const state = new ProducerStateManager()
    expect(append(state, batch(7, 0, 0, 3, 0))).toBeNull()
    expect(append(state, batch(7, 0, 3, 2, 3))).toBeNull()
    expect(append(state, batch(7, 0, 0, 3, 99))).toMatchObject({ firstOffset: 0, lastOffset: 2 })
    expect(append(state, batch(7, 0, 3, 2, 99))).toMatchObject({ firstOffset: 3, lastOffset: 4 })
    expect(state.lastEntry(7)?.batchMetadata).toHaveLength(2)
  })

  it('refuses a gap with OUT_OF_ORDER_SEQUENCE_NUMBER and Kafka 4.1 text, changing nothing', () => {
    const state = new ProducerStateManager()
    append(state, batch(7, 0, 0, 3, 0))
    expect(refusal(() => append(state, batch(7, 0, 5, 1, 3)))).toEqual({
      error: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
      message:
        'Out of order sequence number for producer 7 at offset 3 in partition orders-0: 5 (incoming seq. number), 2 (current end sequence number)',
    })
    expect(state.lastEntry(7)?.lastSeq).toBe(2)
    expect(append(state, batch(7, 0, 3, 1, 3))).toBeNull()
  })

  it('refuses an older epoch with INVALID_PRODUCER_EPOCH', () => {
    const state = new ProducerStateManager()
    append(state, batch(7, 2, 0, 1, 0))
    expect(refusal(() => append(state, batch(7, 1, 1, 1, 1)))).toEqual({
      error: 'INVALID_PRODUCER_EPOCH',
      message:
        'Epoch of producer 7 at offset 1 in orders-0 is 1, which is smaller than the last seen epoch 2',
    })
  })

  it('takes a new epoch only from sequence 0, with Kafka text (its missing space included)', () => {
    const state = new ProducerStateManager()
    append(state, batch(7, 0, 0, 4, 0))
    expect(refusal(() => append(state, batch(7, 1, 4, 1, 4)))).toEqual({
      error: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
      message:
        'Invalid sequence number for new epoch of producer 7at offset 4 in partition orders-0: 1 (request epoch), 4 (seq. number), 0 (current producer epoch)',
    })
    expect(append(state, batch(7, 1, 0, 1, 4))).toBeNull()
    expect(state.lastEntry(7)?.producerEpoch).toBe(1)
  })

  it('accepts any first sequence from a producer it does not know (4.x never answers UNKNOWN_PRODUCER_ID)', () => {
    const state = new ProducerStateManager()
    expect(append(state, batch(8, 0, 42, 2, 0))).toBeNull()
    expect(append(state, batch(8, 0, 44, 1, 2))).toBeNull()
  })

  it('continues from Integer.MAX_VALUE to sequence 0', () => {
    const state = new ProducerStateManager()
    append(state, batch(7, 0, 2147483646, 2, 0))
    expect(append(state, batch(7, 0, 0, 1, 2))).toBeNull()
  })

  it('validates several batches of one append against each other', () => {
    const state = new ProducerStateManager()
    const ok = state.analyze([batch(7, 0, 0, 2, 0), batch(7, 0, 2, 2, 2)], 'client', TP)
    state.update(ok.updated)
    expect(state.lastEntry(7)?.lastSeq).toBe(3)
    expect(() => state.analyze([batch(7, 0, 4, 1, 4), batch(7, 0, 6, 1, 5)], 'client', TP)).toThrow(
      ProducerStateError,
    )
  })

  it('takes replicated batches without sequence or epoch checks', () => {
    const state = new ProducerStateManager()
    state.applyReplicated([batch(7, 3, 10, 1, 0), batch(7, 1, 50, 1, 1), batch(9, 0, 5, 1, 2)])
    expect(state.lastEntry(7)).toMatchObject({ producerEpoch: 1, lastSeq: 50 })
    expect(state.lastEntry(9)?.lastSeq).toBe(5)
  })

  it('finds duplicates exactly as an oracle keeping every appended batch does (fast-check)', () => {
    // Each step sends the next batch of a producer, or resends one of its earlier batches.
    const step = fc.record({
      producer: fc.integer({ min: 0, max: 2 }),
      resendBack: fc.integer({ min: 0, max: 7 }),
      count: fc.integer({ min: 1, max: 3 }),
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const state = new ProducerStateManager()
        const sent = new Map<number, ProducerBatch[]>()
        let logEnd = 0
        for (const { producer, resendBack, count } of steps) {
          const history = sent.get(producer) ?? []
          const previous = history[history.length - 1 - resendBack]
          if (resendBack > 0 && previous) {
            const resend = { ...previous, firstOffset: logEnd, lastOffset: logEnd + count - 1 }
            // The oracle: a resend among the producer's last 5 batches is a duplicate answered with the
            // first append's offsets; an older one is out of sequence.
            if (resendBack < 5) {
              const { firstSeq, lastSeq, firstOffset, lastOffset, timestamp } = previous
              expect(append(state, resend)).toEqual({ firstSeq, lastSeq, firstOffset, lastOffset, timestamp })
            } else {
              expect(refusal(() => append(state, resend)).error).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER')
            }
            continue
          }
          const nextSeq =
            history.length === 0 ? 0 : incrementSequence(history[history.length - 1]!.lastSeq, 1)
          const next = batch(producer, 0, nextSeq, count, logEnd)
          expect(append(state, next)).toBeNull()
          history.push(next)
          sent.set(producer, history)
          logEnd += count
        }
      }),
    )
  })
})
