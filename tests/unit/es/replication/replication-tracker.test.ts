// The global checkpoint (index/seqno/replication-tracker.ts): on the primary the minimum of its own local
// checkpoint and those its replication group answered with, held where it is while a copy has not answered, and
// never lower than before; on a replica the highest a request carried. LocalCheckpointTracker's gap filling and
// rollback, which a new primary and a rolled-back replica use.
import { describe, expect, it } from 'vitest'
import { LocalCheckpointTracker } from '../../../../workers/es/index/shard/local-checkpoint-tracker.ts'
import { ReplicationTracker } from '../../../../workers/es/index/seqno/replication-tracker.ts'

describe('ReplicationTracker', () => {
  it('is the minimum over the group, held while a copy has not answered, and never decreases', () => {
    const tracker = new ReplicationTracker()
    tracker.updateLocalCheckpoint('r1', 4)
    expect(tracker.updateGlobalCheckpointOnPrimary(['r1', 'r2'], 9)).toBe(-1)
    tracker.updateLocalCheckpoint('r2', 7)
    expect(tracker.updateGlobalCheckpointOnPrimary(['r1', 'r2'], 9)).toBe(4)
    tracker.updateLocalCheckpoint('r1', 2)
    expect(tracker.updateGlobalCheckpointOnPrimary(['r1', 'r2'], 9)).toBe(4)
    tracker.updateLocalCheckpoint('r1', 12)
    expect(tracker.updateGlobalCheckpointOnPrimary(['r1', 'r2'], 9)).toBe(7)
    tracker.activatePrimaryMode()
    expect(tracker.updateGlobalCheckpointOnPrimary(['r1'], 20)).toBe(7)
  })

  it('takes the highest global checkpoint a replica is sent', () => {
    const tracker = new ReplicationTracker()
    tracker.updateGlobalCheckpointOnReplica(5)
    tracker.updateGlobalCheckpointOnReplica(3)
    expect(tracker.globalCheckpoint).toBe(5)
  })
})

describe('LocalCheckpointTracker', () => {
  it('fills gaps up to a sequence number and rolls back above one', () => {
    const tracker = new LocalCheckpointTracker()
    for (const seqNo of [0, 1, 3, 6]) tracker.markProcessed(seqNo)
    expect(tracker.checkpoint).toBe(1)
    tracker.fillUpTo(4)
    expect(tracker.checkpoint).toBe(4)
    tracker.markProcessed(5)
    expect(tracker.checkpoint).toBe(6)
    tracker.markProcessed(9)
    tracker.rollbackTo(3)
    expect(tracker.checkpoint).toBe(3)
    expect(tracker.hasProcessed(3)).toBe(true)
    expect(tracker.hasProcessed(9)).toBe(false)
    tracker.markProcessed(4)
    expect(tracker.checkpoint).toBe(4)
  })
})
