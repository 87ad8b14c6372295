// kafka-dump-log on a partition with transactions: a marker's record line ends with
// ` endTxnMarker: ABORT coordinatorEpoch: 0` (DumpLogSegments.printControlRecord), and a .txnindex prints one
// `version: 0 producerId: ... lastStableOffset: ...` line per AbortedTxn (dumpTxnIndex); the files come from a
// UnifiedLog through LogDirFiles, whose .txnindex exists only once the segment holds an aborted transaction.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import { endTxnMarkerBatch } from '../../../../workers/kafka/log/end-txn-marker.ts'
import { LogDirFiles } from '../../../../workers/kafka/server/log-dir-files.ts'
import { kafkaDumpLog } from '../../../../workers/tools/kafka/dump-log-segments.ts'
import type { HostFiles } from '../../../../workers/tools/tool.ts'
import { loadLogEngine, record } from '../../kafka/kafka-fixtures.ts'
import { harness } from './fakes.ts'

const DIR = '/tmp/kraft-combined-logs'
let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

function filesOf(log: UnifiedLog): LogDirFiles {
  const metadataLog = { batchAt: () => undefined }
  return new LogDirFiles(DIR, () => [{ topicName: 'demo', partition: 0, log }], engine, metadataLog)
}

async function dump(argv: string[], files: LogDirFiles) {
  const h = harness()
  const hostFiles: HostFiles = {
    read: (path) => Promise.resolve(files.read(path)),
    decodeBatches: (bytes) => engine.decodeBatches(bytes),
  }
  const code = await kafkaDumpLog(argv, { ...h.context, hostFiles })
  return { code, stdout: h.stdout(), stderr: h.stderr() }
}

describe('kafka-dump-log with transactions', () => {
  it('prints the markers and the .txnindex entries', async () => {
    const log = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    const data = engine.encodeBatch([record('a', null, 5)], {
      producerId: 1000,
      producerEpoch: 0,
      baseSequence: 0,
      isTransactional: true,
    })
    log.appendAsLeader(data, 0, 'demo-0')
    const abort = endTxnMarkerBatch(
      { type: 'ABORT', coordinatorEpoch: 0 },
      { producerId: 1000, producerEpoch: 0, timestamp: 7 },
      (b) => engine.crc32c(b),
    )
    log.appendAsLeader(abort, 0, 'demo-0', 'coordinator')
    const files = filesOf(log)
    const segment = `${DIR}/demo-0/00000000000000000000`
    const logDump = await dump(['--files', `${segment}.log`, '--print-data-log'], files)
    const lines = logDump.stdout.split('\n')
    expect(lines.filter((line) => line.startsWith('| offset'))).toEqual([
      '| offset: 0 CreateTime: 5 keySize: -1 valueSize: 1 sequence: 0 headerKeys: [] payload: a',
      '| offset: 1 CreateTime: 7 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: ABORT coordinatorEpoch: 0',
    ])
    expect(lines.filter((line) => line.startsWith('baseOffset: 1'))[0]).toContain(
      'producerId: 1000 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: true isControl: true',
    )
    expect(await dump(['--files', `${segment}.txnindex`], files)).toEqual({
      code: 0,
      stdout: `Dumping ${segment}.txnindex\nversion: 0 producerId: 1000 firstOffset: 0 lastOffset: 1 lastStableOffset: 2\n`,
      stderr: '',
    })
  })

  it('has no .txnindex before a transaction aborts', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    log.appendAsLeader(engine.encodeBatch([record('a')]), 0, 'demo-0')
    expect(filesOf(log).read(`${DIR}/demo-0/00000000000000000000.txnindex`)).toBeNull()
  })
})
