// UnifiedLog's producer-state hooks: a leader's duplicate append changes nothing and answers the first
// offsets; follower appends feed the state; a truncation rebuilds it from what is left, so a batch the
// truncation removed is appended again rather than taken for a duplicate.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import { ProducerStateError } from '../../../../workers/kafka/log/producer-append-info.ts'
import { loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const stamped = (baseSequence: number, ...values: string[]): Uint8Array =>
  engine.encodeBatch(
    values.map((v) => record(v)),
    { producerId: 3, producerEpoch: 0, baseSequence },
  )

describe('UnifiedLog producer state', () => {
  it('answers a duplicate with the first offsets, appending nothing', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    const first = stamped(0, 'a', 'b', 'c')
    expect(log.appendAsLeader(first.slice(), 0, 't-0')).toMatchObject({ firstOffset: 0, lastOffset: 2 })
    expect(log.appendAsLeader(first.slice(), 0, 't-0')).toMatchObject({
      firstOffset: 0,
      lastOffset: 2,
      batchCount: 0,
    })
    expect(log.logEndOffset).toBe(3)
    expect(() => log.appendAsLeader(stamped(4, 'x'), 0, 't-0')).toThrow(ProducerStateError)
    expect(log.logEndOffset).toBe(3)
  })

  it('forgets what a truncation removed, rebuilding the state from the log', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    log.appendAsLeader(stamped(0, 'a', 'b', 'c'), 0)
    const second = stamped(3, 'd', 'e')
    log.appendAsLeader(second.slice(), 0)
    log.truncateTo(3)
    expect(log.appendAsLeader(second.slice(), 1)).toMatchObject({ firstOffset: 3, batchCount: 1 })
    expect(log.logEndOffset).toBe(5)
    expect(log.appendAsLeader(stamped(0, 'a', 'b', 'c'), 1)).toMatchObject({ firstOffset: 0, batchCount: 0 })
  })

  it("takes a follower's batches into the state at the leader's offsets", () => {
    const leader = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    leader.appendAsLeader(engine.encodeBatch([record('plain')]), 0)
    leader.appendAsLeader(stamped(7, 'a', 'b'), 0)
    const follower = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    follower.appendAsFollower(leader.read(0, 1 << 20, leader.logEndOffset))
    expect(follower.producerState.lastEntry(3)?.batchMetadata).toEqual([
      { firstSeq: 7, lastSeq: 8, firstOffset: 1, lastOffset: 2, timestamp: 1000 },
    ])
    expect(follower.appendAsLeader(stamped(7, 'a', 'b'), 1)).toMatchObject({ firstOffset: 1, batchCount: 0 })
  })
})
