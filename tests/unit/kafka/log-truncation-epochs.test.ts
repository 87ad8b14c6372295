/**
 * Truncating at or beyond the log end still truncates the leader epoch cache, as Kafka's UnifiedLog.truncateTo
 * does: a broker elected leader (its epoch assigned at the log end, with no records in it) and then demoted
 * fetches from the new leader with that epoch as its last fetched one; the leader answers with a diverging
 * epoch ending at the follower's log end, and unless the stray entry goes, every fetch diverges again at once.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../workers/kafka/log/log-manager.ts'
import { truncationOffset } from '../../../workers/kafka/replication/replica-fetcher.ts'
import { MemoryStorage } from '../../../workers/storage/memory-storage.ts'
import { loadLogEngine, record } from './kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

describe('truncation and the leader epoch cache', () => {
  it('drops an epoch assigned at the log end when truncating to the log end, so the next fetch does not diverge', () => {
    const manager = new LogManager(engine, new MemoryStorage())
    const log = manager.createLog('T', 0, { segmentBytes: 1 << 20 })
    log.appendAsLeader(engine.encodeBatch([record('a'), record('b'), record('c')]), 1)
    expect(log.logEndOffset).toBe(3)
    log.assignEpochStartOffset(2, 3)
    expect(log.latestEpoch).toBe(2)
    // The new leader (epoch 3) never had epoch 2: it answers that epoch 1 ends at 3.
    const offset = truncationOffset(log, { epoch: 1, endOffset: 3 })
    expect(offset).toBe(3)
    log.truncateTo(offset)
    expect(log.logEndOffset).toBe(3)
    expect(log.latestEpoch).toBe(1)
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 3 })
  })
})
