// LogDirFiles: a broker's log dir as files, against the UnifiedLog it reads (Kafka's segment file names,
// the active segment's preallocated index standing as one zero entry).
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import type { MetadataRecord } from '../../../../workers/kafka/metadata/metadata-records.ts'
import { readMetadataRecord } from '../../../../workers/kafka/metadata/metadata-record-serde.ts'
import { batchSize, type LogBatch } from '../../../../workers/kafka/raft/raft-messages.ts'
import { LogDirFiles } from '../../../../workers/kafka/server/log-dir-files.ts'
import { brokerHoldingPath } from '../../../../workers/protocol/log-dirs.ts'
import { concat, loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const DIR = '/tmp/kraft-combined-logs-2'

function filesOver(log: UnifiedLog, metadataLog: LogBatch<MetadataRecord>[] = []): LogDirFiles {
  const batchAt = (offset: number) =>
    metadataLog.find((b) => b.baseOffset <= offset && offset < b.baseOffset + batchSize(b))
  return new LogDirFiles(DIR, () => [{ topicName: 'my-topic', partition: 3, log }], engine, { batchAt })
}

describe('LogDirFiles', () => {
  it('serves each segment under <topic>-<partition>/<20-digit base offset>.log with its exact bytes', () => {
    const batches = [0, 1, 2].map((n) => engine.encodeBatch([record(`v${n}`, null, 1_000 + n)]))
    const log = new UnifiedLog(engine, { segmentBytes: batches[0]!.length * 2 })
    for (const batch of batches) log.appendAsLeader(batch, 0)
    expect(log.segmentCount).toBe(2)
    const files = filesOver(log)
    const first = files.read(`${DIR}/my-topic-3/00000000000000000000.log`)
    const second = files.read(`${DIR}/my-topic-3/00000000000000000002.log`)
    expect(concat([first!, second!]).length).toBe(batches.reduce((sum, b) => sum + b.length, 0))
    expect(engine.decodeBatches(first!).map((b) => b.baseOffset)).toEqual([0, 1])
    expect(engine.decodeBatches(second!).map((b) => b.baseOffset)).toEqual([2])
    expect(files.read(`${DIR}/my-topic-3/00000000000000000001.log`)).toBeNull()
    expect(files.read(`${DIR}/my-topic-2/00000000000000000000.log`)).toBeNull()
    expect(files.read(`/tmp/kraft-combined-logs/my-topic-3/00000000000000000000.log`)).toBeNull()
  })

  it('gives a rolled segment its closing time entry and the active one a zero tail instead', () => {
    const batches = [0, 1, 2].map((n) => engine.encodeBatch([record(`v${n}`, null, 1_000 + n)]))
    const log = new UnifiedLog(engine, { segmentBytes: batches[0]!.length * 2 })
    for (const batch of batches) log.appendAsLeader(batch, 0)
    const files = filesOver(log)
    const rolledTime = files.read(`${DIR}/my-topic-3/00000000000000000000.timeindex`)!
    const view = new DataView(rolledTime.buffer, rolledTime.byteOffset)
    expect([rolledTime.length, Number(view.getBigInt64(0)), view.getInt32(8)]).toEqual([12, 1_001, 1])
    expect(files.read(`${DIR}/my-topic-3/00000000000000000000.index`)).toEqual(new Uint8Array(0))
    expect(files.read(`${DIR}/my-topic-3/00000000000000000002.index`)).toEqual(new Uint8Array(8))
    expect(files.read(`${DIR}/my-topic-3/00000000000000000002.timeindex`)).toEqual(new Uint8Array(12))
  })

  it('keeps the active segment’s time entries made with its index entries', () => {
    const big = 'x'.repeat(3000)
    const log = new UnifiedLog(engine, { segmentBytes: 1 << 30 })
    for (let n = 0; n < 4; n++) log.appendAsLeader(engine.encodeBatch([record(big, null, 1_000 + n)]), 0)
    const files = filesOver(log)
    const index = files.read(`${DIR}/my-topic-3/00000000000000000000.index`)!
    const time = files.read(`${DIR}/my-topic-3/00000000000000000000.timeindex`)!
    const offsets = new DataView(index.buffer, index.byteOffset)
    const times = new DataView(time.buffer, time.byteOffset)
    expect([index.length, offsets.getInt32(0), offsets.getInt32(8)]).toEqual([16, 2, 0])
    expect([time.length, Number(times.getBigInt64(0)), times.getInt32(8), times.getInt32(20)]).toEqual([
      24, 1_002, 2, 0,
    ])
  })

  it('serves the metadata log as __cluster_metadata-0/00000000000000000000.log, as the raft layer writes it', () => {
    const topicId = 'AAECAwQFBgcICQoLDA0ODw'
    const metadataLog: LogBatch<MetadataRecord>[] = [
      {
        kind: 'control',
        baseOffset: 0,
        epoch: 1,
        appendTimestamp: 5_000,
        leaderChange: { leaderId: 2, voters: [1, 2, 3], grantingVoters: [2, 3] },
      },
      {
        kind: 'data',
        baseOffset: 1,
        epoch: 1,
        appendTimestamp: 5_010,
        records: [
          { type: 'TopicRecord', name: 'demo', topicId },
          { type: 'RemoveTopicRecord', topicId },
        ],
      },
    ]
    const files = filesOver(new UnifiedLog(engine, { segmentBytes: 1 << 20 }), metadataLog)
    const bytes = files.read(`${DIR}/__cluster_metadata-0/00000000000000000000.log`)!
    const [control, data] = engine.decodeBatches(bytes)
    expect(control).toMatchObject({
      baseOffset: 0,
      partitionLeaderEpoch: 1,
      isControlBatch: true,
      isTransactional: false,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      maxTimestamp: 5_000,
    })
    expect(Array.from(control!.records[0]!.key!)).toEqual([0, 0, 0, 2])
    expect(data).toMatchObject({
      baseOffset: 1,
      lastOffset: 2,
      partitionLeaderEpoch: 1,
      isControlBatch: false,
    })
    expect(data!.records.map((r) => [r.offset, r.timestamp, r.key])).toEqual([
      [1, 5_010, null],
      [2, 5_010, null],
    ])
    expect(readMetadataRecord(data!.records[0]!.value!)).toEqual({
      apiKey: 2,
      version: 0,
      data: { name: 'demo', topicId },
    })
    expect(files.read(`${DIR}/__cluster_metadata-0/00000000000000000000.index`)).toEqual(new Uint8Array(8))
    expect(files.read(`${DIR}/__cluster_metadata-0/00000000000000000001.log`)).toBeNull()
    expect(files.read(`${DIR}/__cluster_metadata-1/00000000000000000000.log`)).toBeNull()
  })

  it('routes a path to the broker whose log dir holds it, telling -2 from broker 1', () => {
    expect(brokerHoldingPath('/tmp/kraft-combined-logs/a-0/x.log', [1, 2, 3])).toBe(1)
    expect(brokerHoldingPath('/tmp/kraft-combined-logs-2/a-0/x.log', [1, 2, 3])).toBe(2)
    expect(brokerHoldingPath('/tmp/kraft-combined-logs-4/a-0/x.log', [1, 2, 3])).toBeNull()
  })
})
