// The TransactionCoordinator (transactions V2) over stub deps: every __transaction_state write and marker
// send is recorded and answered by the test. InitProducerId on an Ongoing transaction answers only once the
// fencing abort is written (TransactionCoordinator.handleInitProducerId's callback), and the abort bumps the
// epoch once (KAFKA-19367), also at the Short.MAX_VALUE - 1 boundary of the timeout abort, where Kafka 4.1
// reaches Short.MAX_VALUE without a new producer id and then throws on the next fence or bump.
import { describe, expect, it } from 'vitest'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import type { KafkaErrorName } from '../../../../workers/protocol/kafka-errors.ts'
import type { WritableTxnMarker } from '../../../../workers/protocol/kafka-transactions.ts'
import { TransactionCoordinator } from '../../../../workers/kafka/transaction/transaction-coordinator.ts'
import type { TransactionLogValue } from '../../../../workers/kafka/transaction/transaction-log.ts'

interface PendingWrite {
  value: TransactionLogValue
  answer: (error: KafkaErrorName | null) => void
}

/** A coordinator whose writes wait for the test unless `autoWrite` answers them at once. */
function harness() {
  const scheduler = new DeterministicTaskQueue()
  const writes: TransactionLogValue[] = []
  const held: PendingWrite[] = []
  const markers: WritableTxnMarker[] = []
  const state = { autoWrite: true, nextProducerId: 1000, generated: 0 }
  const coordinator = new TransactionCoordinator({
    scheduler,
    generateProducerId: () => {
      state.generated++
      return state.nextProducerId++
    },
    coordinatorEpochOf: () => 0,
    appendToLog: (_id, value) => {
      writes.push(value)
      if (state.autoWrite) return Promise.resolve(null)
      return new Promise((answer) => held.push({ value, answer }))
    },
    sendMarkers: (_id, marker) => {
      markers.push(marker)
      return Promise.resolve(true)
    },
  })
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await Promise.resolve()
  }
  const init = (transactionalId = 'tx') =>
    coordinator.handleInitProducerId({
      transactionalId,
      transactionTimeoutMs: 60_000,
      producerId: -1,
      producerEpoch: -1,
    })
  return { scheduler, coordinator, writes, held, markers, state, settle, init }
}

/** An Ongoing transaction of `producerId` at `epoch` on t-0, as loading its partition finds it. */
function ongoing(transactionalId: string, producerId: number, epoch: number, startMs: number) {
  return {
    transactionalId,
    value: {
      producerId,
      previousProducerId: -1,
      nextProducerId: -1,
      producerEpoch: epoch,
      transactionTimeoutMs: 60_000,
      state: 'Ongoing',
      partitions: [{ topic: 't', partitionIds: [0] }],
      lastUpdateTimestampMs: startMs,
      startTimestampMs: startMs,
      clientTransactionVersion: 2,
    } satisfies TransactionLogValue,
  }
}

const summary = (v: TransactionLogValue) => [v.state, v.producerId, v.producerEpoch, v.nextProducerId]

describe('TransactionCoordinator', () => {
  it('answers InitProducerId on an Ongoing transaction once the fencing abort is written', async () => {
    const h = harness()
    expect(await h.init()).toEqual({ error: null, producerId: 1000, producerEpoch: 0 })
    expect(await h.coordinator.handleAddPartitions('tx', 1000, 0, [{ topic: 't', partition: 0 }])).toBe(null)
    h.state.autoWrite = false

    let answer: unknown = null
    void h.init().then((response) => (answer = response))
    await h.settle()
    expect(h.held.map((w) => summary(w.value))).toEqual([['PrepareAbort', 1000, 1, -1]])
    expect(answer).toBe(null)
    h.held.shift()!.answer(null)
    await h.settle()
    expect(answer).toEqual({ error: 'CONCURRENT_TRANSACTIONS', producerId: -1, producerEpoch: -1 })
    expect(h.markers.map((m) => [m.producerEpoch, m.transactionResult])).toEqual([[1, false]])
    h.held.shift()!.answer(null)
    await h.settle()
    h.state.autoWrite = true
    expect(await h.init()).toEqual({ error: null, producerId: 1000, producerEpoch: 2 })
  })

  it("writes the current producer id as every record's previousProducerId, as each TxnTransitMetadata takes it", async () => {
    const h = harness()
    await h.init()
    await h.coordinator.handleAddPartitions('tx', 1000, 0, [{ topic: 't', partition: 0 }])
    const commit = { transactionalId: 'tx', producerId: 1000, producerEpoch: 0, committed: true }
    expect(await h.coordinator.handleEndTransaction(commit)).toEqual({
      error: null,
      producerId: 1000,
      producerEpoch: 1,
    })
    await h.settle()
    expect(h.writes.map((v) => [v.state, v.producerId, v.previousProducerId])).toEqual([
      ['Empty', 1000, 1000],
      ['Ongoing', 1000, 1000],
      ['PrepareCommit', 1000, 1000],
      ['CompleteCommit', 1000, 1000],
    ])
  })

  it("answers the fencing abort's write error, and fences again with one bump on the retry", async () => {
    const h = harness()
    await h.init()
    await h.coordinator.handleAddPartitions('tx', 1000, 0, [{ topic: 't', partition: 0 }])
    h.state.autoWrite = false
    const first = h.init()
    await h.settle()
    h.held.shift()!.answer('COORDINATOR_NOT_AVAILABLE')
    expect(await first).toEqual({ error: 'COORDINATOR_NOT_AVAILABLE', producerId: -1, producerEpoch: -1 })
    h.state.autoWrite = true
    expect(await h.init()).toEqual({ error: 'CONCURRENT_TRANSACTIONS', producerId: -1, producerEpoch: -1 })
    await h.settle()
    expect(h.writes.slice(2).map(summary)).toEqual([
      ['PrepareAbort', 1000, 1, -1],
      ['PrepareAbort', 1000, 1, -1],
      ['CompleteAbort', 1000, 1, -1],
    ])
    expect(await h.init()).toEqual({ error: null, producerId: 1000, producerEpoch: 2 })
  })

  it('aborts a timed-out transaction with one epoch bump', async () => {
    const h = harness()
    h.coordinator.load([ongoing('tx', 7, 3, h.scheduler.now())])
    await h.scheduler.advance(60_001, h.settle)
    h.coordinator.abortTimedOutTransactions()
    await h.settle()
    expect(h.writes.map(summary)).toEqual([
      ['PrepareAbort', 7, 4, -1],
      ['CompleteAbort', 7, 4, -1],
    ])
    expect(h.markers.map((m) => m.producerEpoch)).toEqual([4])
  })

  it('reaches Short.MAX_VALUE at a timeout abort from Short.MAX_VALUE - 1, as Kafka 4.1 does', async () => {
    const h = harness()
    h.coordinator.load([ongoing('tx', 7, 32766, h.scheduler.now())])
    await h.scheduler.advance(60_001, h.settle)
    h.coordinator.abortTimedOutTransactions()
    await h.settle()
    // The fence allocates no next producer id: the abort and its markers carry 32767, the id is kept.
    expect(h.writes.map(summary)).toEqual([
      ['PrepareAbort', 7, 32767, -1],
      ['CompleteAbort', 7, 32767, -1],
    ])
    expect(h.markers.map((m) => m.producerEpoch)).toEqual([32767])
    expect(h.state.generated).toBe(0)
    // The fenced producer's late abort is a retry of a bumped epoch: answered with 32767.
    const abort = { transactionalId: 'tx', producerId: 7, producerEpoch: 32766, committed: false }
    expect(await h.coordinator.handleEndTransaction(abort)).toEqual({
      error: null,
      producerId: 7,
      producerEpoch: 32767,
    })
    // A transaction at 32767: its commit's bump wraps to -32768 (IllegalArgumentException), after a producer
    // id was taken; the timeout scan's fence throws and ends the scan before the other id.
    expect(await h.coordinator.handleAddPartitions('tx', 7, 32767, [{ topic: 't', partition: 0 }])).toBe(null)
    const commit = { ...abort, producerEpoch: 32767, committed: true }
    expect(await h.coordinator.handleEndTransaction(commit)).toEqual({
      error: 'UNKNOWN_SERVER_ERROR',
      producerId: -1,
      producerEpoch: -1,
    })
    expect(h.state.generated).toBe(1)
    h.coordinator.load([ongoing('other', 8, 0, h.scheduler.now())])
    await h.scheduler.advance(60_001, h.settle)
    const written = h.writes.length
    h.coordinator.abortTimedOutTransactions()
    await h.settle()
    expect(h.writes.length).toBe(written)
    expect(h.coordinator.describeTransactions(['tx', 'other']).map((t) => t.transactionState)).toEqual([
      'Ongoing',
      'Ongoing',
    ])
    // A new producer's InitProducerId meets the same fence: UNKNOWN_SERVER_ERROR.
    expect(await h.init()).toEqual({ error: 'UNKNOWN_SERVER_ERROR', producerId: -1, producerEpoch: -1 })
  })
})
