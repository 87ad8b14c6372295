// The __cluster_metadata segment is built from the raft log's stored batches when it is read, so a store
// written before the segment existed (chunks of JSON batches under `<prefix>log/`) serves it unchanged.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import {
  metadataLogBatches,
  metadataLogSegment,
} from '../../../../workers/kafka/metadata/metadata-log-segment.ts'
import { readMetadataRecord } from '../../../../workers/kafka/metadata/metadata-record-serde.ts'
import type { MetadataRecord } from '../../../../workers/kafka/metadata/metadata-records.ts'
import { RaftLog } from '../../../../workers/kafka/raft/raft-log.ts'
import { sealEnvelope } from '../../../../workers/storage/envelope.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { loadLogEngine } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const TOPIC_ID = 'AAECAwQFBgcICQoLDA0ODw'

describe('the metadata log segment', () => {
  it('reads a stored raft log chunk (envelope v1 of JSON batches) back into RecordBatch v2', async () => {
    const storage = new MemoryStorage()
    const chunk = {
      baseOffset: 0,
      batches: [
        {
          kind: 'control',
          baseOffset: 0,
          epoch: 1,
          appendTimestamp: 10,
          leaderChange: { leaderId: 3, voters: [1, 2, 3], grantingVoters: [3, 1] },
        },
        {
          kind: 'data',
          baseOffset: 1,
          epoch: 1,
          appendTimestamp: 20,
          records: [
            { type: 'TopicRecord', name: 'old', topicId: TOPIC_ID },
            { type: 'ConfigRecord', resourceType: 'broker', resourceName: '1', name: 'x', value: 'y' },
          ],
        },
      ],
    }
    await storage.write([{ store: 'kafka', key: 'n1/log/0000000000000000', value: sealEnvelope(1, chunk) }])
    const log = await RaftLog.recover<MetadataRecord>(storage, 'n1/')
    const bytes = metadataLogSegment(metadataLogBatches(log), (b) => engine.crc32c(b))
    const batches = engine.decodeBatches(bytes)
    expect(batches.map((b) => [b.baseOffset, b.lastOffset, b.isControlBatch, b.maxTimestamp])).toEqual([
      [0, 0, true, 10],
      [1, 2, false, 20],
    ])
    expect(batches[1]!.records.map((r) => readMetadataRecord(r.value!).data)).toEqual([
      { name: 'old', topicId: TOPIC_ID },
      { resourceType: 4, resourceName: '1', name: 'x', value: 'y' },
    ])
  })

  it('is empty for an empty log', async () => {
    const log = await RaftLog.recover<MetadataRecord>(new MemoryStorage(), 'n1/')
    expect(metadataLogSegment(metadataLogBatches(log), (b) => engine.crc32c(b))).toEqual(new Uint8Array(0))
  })
})
