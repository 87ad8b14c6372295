// The follower's side of returned fetch buffers (returned-fetch-buffers.ts): once it has appended an answer's
// records, a follower gives their buffers back with its next fetch request, each buffer once and listed for
// transfer, and keeps no view into them: the leader writes its next answers into them (and between workers they
// are detached on the follower's side), so the follower's log must hold its own copy of every record.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import type {
  ReplicaFetchRequest,
  ReplicaFetchResponse,
} from '../../../../workers/kafka/replication/replica-messages.ts'
import { transferListOf } from '../../../../workers/net/transfer-list.ts'
import { loadLogEngine } from '../kafka-fixtures.ts'
import { installInvariants } from './invariants.ts'
import { SimCluster, TOPIC_ID } from './sim-cluster.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

interface Round {
  request: ReplicaFetchRequest
  transfer: ArrayBuffer[]
  answerBuffers: ArrayBuffer[]
}

/** Records every fetch round broker `id` sends; each request's returned buffers are overwritten once it is sent. */
function watchFollower(sim: SimCluster, id: number): Round[] {
  const rounds: Round[] = []
  const transport = sim.brokers.get(id)!.transport
  const send = transport.request.bind(transport)
  transport.request = (to: number, request: ReplicaFetchRequest, timeoutMs: number) => {
    const round: Round = { request, transfer: transferListOf(request), answerBuffers: [] }
    rounds.push(round)
    const answer = send(to, request, timeoutMs)
    // What the leader does with a given-back buffer: writes its next answer over it.
    for (const buffer of request.returnedBuffers) new Uint8Array(buffer).fill(0xff)
    return answer.then((response: ReplicaFetchResponse) => {
      for (const { records } of response.partitions)
        if (records.byteLength > 0) round.answerBuffers.push(records.buffer as ArrayBuffer)
      return response
    })
  }
  return rounds
}

describe('a follower giving fetch buffers back', () => {
  it('returns each answer buffer once with its next request, listed for transfer, and keeps its records', async () => {
    const sim = new SimCluster(engine, 1, 2)
    installInvariants(sim)
    await sim.step(1_000)
    const rounds = watchFollower(sim, 2)
    const values = ['a', 'bb', 'ccc', 'dddd', 'eeeee']
    for (const value of values) {
      const [result] = await sim.settle(
        sim
          .manager(1)
          .appendRecords(-1, 30_000, [{ topicId: TOPIC_ID, partition: 0, records: sim.encode([value]) }]),
      )
      expect(result).toMatchObject({ error: null })
    }
    await sim.step(1_000)

    // The first record's answer may come to a request sent before the watch began.
    const answered = rounds.filter((r) => r.answerBuffers.length > 0)
    expect(answered.length).toBeGreaterThanOrEqual(values.length - 1)
    for (const round of answered) {
      const next = rounds[rounds.indexOf(round) + 1]!
      expect(next.request.returnedBuffers).toEqual(round.answerBuffers)
      expect(next.transfer).toEqual(round.answerBuffers)
    }
    // Every buffer given back was overwritten after its request left: the follower's log still reads its records.
    expect(sim.values(2)).toEqual(values)
    expect(sim.values(3)).toEqual(values)
  })
})
