// DelayedFetch: the read that finds a waiting fetch ready is the one it answers with (the partitions are read
// once per completion, not once to check and again to answer); a fetch still short of min.bytes keeps
// waiting; one that times out reads afresh when it answers.
import { describe, expect, it } from 'vitest'
import { DelayedFetch } from '../../../../workers/kafka/replication/delayed-fetch.ts'
import { DelayedOperationPurgatory } from '../../../../workers/kafka/replication/delayed-operation.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'

function setUp(minBytes: number) {
  const queue = new DeterministicTaskQueue(0)
  const purgatory = new DelayedOperationPurgatory(queue)
  let available = 0
  const reads: number[] = []
  const answers: number[] = []
  const fetch = new DelayedFetch(
    ['t/0'],
    minBytes,
    () => {
      reads.push(available)
      return available
    },
    (bytes) => ({ bytes, changed: false }),
    (bytes) => answers.push(bytes),
  )
  purgatory.tryCompleteElseWatch(fetch, 500)
  const arrive = (bytes: number): void => {
    available += bytes
    purgatory.checkAndComplete('t/0')
  }
  return { queue, reads, answers, arrive }
}

describe('DelayedFetch', () => {
  it('answers with the read that found it ready, reading once per check', () => {
    const { reads, answers, arrive } = setUp(10)
    expect([reads, answers]).toEqual([[0], []])
    arrive(4)
    expect([reads, answers]).toEqual([[0, 4], []])
    arrive(8)
    expect([reads, answers]).toEqual([[0, 4, 12], [12]])
    arrive(1)
    expect([reads, answers]).toEqual([[0, 4, 12], [12]])
  })

  it('reads afresh when it answers at its timeout', async () => {
    const { queue, reads, answers, arrive } = setUp(10)
    arrive(3)
    await queue.advance(500, () => Promise.resolve())
    expect([reads, answers]).toEqual([[0, 3, 3], [3]])
  })
})
