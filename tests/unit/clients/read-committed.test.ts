// Transactions as the consumer sees them: control batches never come out (the position moves past them) at
// both isolation levels; read_committed drops the batches of aborted transactions named in the fetch answer,
// keeps committed ones and a producer's writes after its ABORT marker, and stops at the last stable offset.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { ConsumerRecord } from '../../../workers/clients/kafka/api.ts'
import { CompletedFetch } from '../../../workers/clients/kafka/consumer/completed-fetch.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import { endTxnMarkerBatch, type TransactionResult } from '../../../workers/kafka/log/end-txn-marker.ts'
import type { AbortedTransaction, IsolationLevel } from '../../../workers/protocol/kafka.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, text } from './client-fixtures.ts'
import { record } from '../kafka/kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const at = (bytes: Uint8Array, baseOffset: number): Uint8Array => {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setBigInt64(0, BigInt(baseOffset))
  return bytes
}
const data = (pid: number, seq: number, values: string[]): Uint8Array =>
  engine.encodeBatch(
    values.map((v) => record(v)),
    { producerId: pid, producerEpoch: 0, baseSequence: seq, isTransactional: true },
  )
const marker = (pid: number, type: TransactionResult): Uint8Array =>
  endTxnMarkerBatch({ type, coordinatorEpoch: 0 }, { producerId: pid, producerEpoch: 0, timestamp: 9 }, (b) =>
    engine.crc32c(b),
  )

function fetched(
  level: IsolationLevel,
  aborted: AbortedTransaction[] | null,
  ...batches: Uint8Array[]
): CompletedFetch {
  const records = new Uint8Array(batches.reduce((size, b) => size + b.length, 0))
  batches.reduce((offset, b) => (records.set(b, offset), offset + b.length), 0)
  const response = {
    topic: 't',
    partition: 0,
    error: null,
    highWatermark: 20,
    lastStableOffset: 20,
    logStartOffset: 0,
    abortedTransactions: aborted,
    records,
  }
  return new CompletedFetch(engine, response, 0, level)
}

const take = (fetch: CompletedFetch): Array<[number, string | null]> => {
  const out: ConsumerRecord[] = []
  fetch.fetchRecords(100, out)
  return out.map((r) => [r.offset, text(r.value)])
}

// Producer 1 aborts a, b (0-1, marker 2); producer 2 commits c (3, marker 4); producer 1 writes d (5), commits (6).
const log = (): Uint8Array[] => [
  at(data(1, 0, ['a', 'b']), 0),
  at(marker(1, 'ABORT'), 2),
  at(data(2, 0, ['c']), 3),
  at(marker(2, 'COMMIT'), 4),
  at(data(1, 2, ['d']), 5),
  at(marker(1, 'COMMIT'), 6),
]

describe('CompletedFetch with transactions', () => {
  it('read_uncommitted returns every data record and skips the markers, ending past the last one', () => {
    const fetch = fetched('READ_UNCOMMITTED', null, ...log())
    expect(take(fetch)).toEqual([
      [0, 'a'],
      [1, 'b'],
      [3, 'c'],
      [5, 'd'],
    ])
    expect([fetch.nextFetchOffset, fetch.isConsumed]).toEqual([7, true])
  })

  it('read_committed drops the aborted transaction and keeps what its producer writes after the abort', () => {
    const fetch = fetched('READ_COMMITTED', [{ producerId: 1, firstOffset: 0 }], ...log())
    expect(take(fetch)).toEqual([
      [3, 'c'],
      [5, 'd'],
    ])
    expect(fetch.nextFetchOffset).toBe(7)
  })

  it('moves the position past a fetch of markers only, keeping the leader epoch of the last record returned', () => {
    const skipped = at(marker(2, 'COMMIT'), 4)
    new DataView(skipped.buffer, skipped.byteOffset).setInt32(12, 7)
    const fetch = fetched('READ_COMMITTED', [], skipped)
    expect([take(fetch), fetch.nextFetchOffset, fetch.lastEpoch]).toEqual([[], 5, -1])
  })
})

describe('KafkaConsumer around a hand-appended aborted transaction', () => {
  it('reads it with read_uncommitted, skips it with read_committed, and waits at an open transaction', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const replicaManager = cluster.server(1).replicaManager
    const topicId = cluster.server(1).metadata.topicIdsByName.get('t')!
    const append = async (records: Uint8Array, origin: 'client' | 'coordinator' = 'client') => {
      const [result] = await cluster.run(
        replicaManager.appendRecords(-1, 1000, [{ topicId, partition: 0, records }], origin),
      )
      expect(result?.error).toBeNull()
    }
    await append(data(1, 0, ['a', 'b']))
    await append(marker(1, 'ABORT'), 'coordinator')
    await append(data(2, 0, ['c']))
    await append(marker(2, 'COMMIT'), 'coordinator')
    await append(data(3, 0, ['open']))
    const consumer = async (level: string) => {
      const c = new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, {
        'auto.offset.reset': 'earliest',
        'isolation.level': level,
      })
      await cluster.run(c.assign([{ topic: 't', partition: 0 }]))
      return c
    }
    /** Every record the consumer returns in five polls (a fetch of skipped batches returns none). */
    const poll = async (c: KafkaConsumer) => {
      const seen: Array<[number, string | null]> = []
      for (let i = 0; i < 5; i++) {
        const records = await cluster.run(c.poll(100))
        seen.push(...records.map((r): [number, string | null] => [r.offset, text(r.value)]))
      }
      return seen
    }
    const uncommitted = await consumer('read_uncommitted')
    expect(await poll(uncommitted)).toEqual([
      [0, 'a'],
      [1, 'b'],
      [3, 'c'],
      [5, 'open'],
    ])
    const committed = await consumer('read_committed')
    expect(await poll(committed)).toEqual([[3, 'c']])
    await append(marker(3, 'COMMIT'), 'coordinator')
    expect(await poll(committed)).toEqual([[5, 'open']])
    expect(
      () => new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, { 'isolation.level': 'READ' }),
    ).toThrow(
      'Invalid value READ for configuration isolation.level: String must be one of: read_committed, read_uncommitted',
    )
  })
})
