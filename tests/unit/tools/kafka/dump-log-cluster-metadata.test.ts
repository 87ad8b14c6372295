// kafka-dump-log --cluster-metadata-decoder (Kafka 4.1's ClusterMetadataLogMessageParser) and the control
// records of the metadata log (DumpLogSegments' ` LeaderChange: {...}`, KAFKA-19069), against a
// __cluster_metadata segment built as the raft layer writes it.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { metadataLogSegment } from '../../../../workers/kafka/metadata/metadata-log-segment.ts'
import type { MetadataRecord } from '../../../../workers/kafka/metadata/metadata-records.ts'
import type { LogBatch } from '../../../../workers/kafka/raft/raft-messages.ts'
import { kafkaDumpLog } from '../../../../workers/tools/kafka/dump-log-segments.ts'
import type { HostFiles } from '../../../../workers/tools/tool.ts'
import { loadLogEngine, record } from '../../kafka/kafka-fixtures.ts'
import { harness } from './fakes.ts'

const LOG = '/tmp/kraft-combined-logs/__cluster_metadata-0/00000000000000000000.log'
const TOPIC_ID = 'AAECAwQFBgcICQoLDA0ODw'
let engine: LogEngine

beforeAll(async () => {
  engine = await loadLogEngine()
})

const METADATA_LOG: LogBatch<MetadataRecord>[] = [
  {
    kind: 'control',
    baseOffset: 0,
    epoch: 2,
    appendTimestamp: 1_000,
    leaderChange: { leaderId: 1, voters: [1, 2, 3], grantingVoters: [1, 2] },
  },
  {
    kind: 'data',
    baseOffset: 1,
    epoch: 2,
    appendTimestamp: 1_005,
    records: [
      { type: 'TopicRecord', name: 'demo', topicId: TOPIC_ID },
      { type: 'PartitionChangeRecord', topicId: TOPIC_ID, partitionId: 0, isr: [1, 2] },
    ],
  },
]

async function dump(argv: string[], log: Uint8Array) {
  const h = harness()
  const hostFiles: HostFiles = {
    read: (path) => Promise.resolve(path === LOG ? log : null),
    decodeBatches: (bytes) => engine.decodeBatches(bytes),
  }
  const code = await kafkaDumpLog(argv, { ...h.context, hostFiles })
  return { code, stdout: h.stdout().split('\n'), stderr: h.stderr() }
}

describe('kafka-dump-log --cluster-metadata-decoder', () => {
  it('prints the LeaderChange control record as JSON and each metadata record as type, version and data', async () => {
    const log = metadataLogSegment(METADATA_LOG, (bytes) => engine.crc32c(bytes))
    const result = await dump(['--cluster-metadata-decoder', '--files', LOG], log)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout[2]).toMatch(
      /^baseOffset: 0 lastOffset: 0 count: 1 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 2 isTransactional: false isControl: true .* CreateTime: 1000 size: 106 /,
    )
    expect(result.stdout.slice(3)).toEqual([
      '| offset: 0 CreateTime: 1000 keySize: 4 valueSize: 34 sequence: -1 headerKeys: [] ' +
        'LeaderChange: {"version":0,"leaderId":1,"voters":[{"voterId":1},{"voterId":2},{"voterId":3}],"grantingVoters":[{"voterId":1},{"voterId":2}]}',
      expect.stringMatching(
        /^baseOffset: 1 lastOffset: 2 count: 2 .* partitionLeaderEpoch: 2 .* isControl: false /,
      ),
      '| offset: 1 CreateTime: 1005 keySize: -1 valueSize: 25 sequence: -1 headerKeys: [] payload: ' +
        `{"type":"TOPIC_RECORD","version":0,"data":{"name":"demo","topicId":"${TOPIC_ID}"}}`,
      '| offset: 2 CreateTime: 1005 keySize: -1 valueSize: 35 sequence: -1 headerKeys: [] payload: ' +
        `{"type":"PARTITION_CHANGE_RECORD","version":2,"data":{"partitionId":0,"topicId":"${TOPIC_ID}","isr":[1,2]}}`,
      '',
    ])
  })

  it('without a decoder prints the metadata records as text and still prints the LeaderChange message', async () => {
    const log = metadataLogSegment(METADATA_LOG, (bytes) => engine.crc32c(bytes))
    const result = await dump(['--deep-iteration', '--files', LOG], log)
    expect(result.stdout[3]).toBe(
      '| offset: 0 CreateTime: 1000 keySize: 4 valueSize: 34 sequence: -1 headerKeys: [] ' +
        'LeaderChange: {"version":0,"leaderId":1,"voters":[{"voterId":1},{"voterId":2},{"voterId":3}],"grantingVoters":[{"voterId":1},{"voterId":2}]}',
    )
    const skipped = await dump(['--print-data-log', '--skip-record-metadata', '--files', LOG], log)
    expect(skipped.stdout[3]).toBe('')
  })

  it('answers a record that is not a metadata record with `Error at <offset>, skipping.`', async () => {
    const log = engine.encodeBatch([record('hello')])
    const result = await dump(['--cluster-metadata-decoder', '--files', LOG], log)
    expect(result.stdout[3]).toBe(
      '| offset: 0 CreateTime: 1000 keySize: -1 valueSize: 5 sequence: -1 headerKeys: [] payload: Error at 0, skipping.' +
        ' Could not deserialize metadata record due to unknown frame version 104(only frame version 1 is supported)',
    )
  })
})
