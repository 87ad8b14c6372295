// Compression on the broker's log: a topic's compression.type read as LogConfig.compression, the leader
// append validating compressed batches and keeping them in place under `producer` or recompressing them to
// the topic's codec (LogValidator.validateMessagesAndAssignOffsetsCompressed), corrupt compressed records
// refused with nothing appended, and the cleaner rewriting a compressed batch with its original codec.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CompressionType,
  CorruptRecordError,
  type LogEngine,
  type RecordInput,
} from '../../../../engine-wasm/src/log/index.ts'
import { compressionConfigOf } from '../../../../workers/kafka/log/log-compression-config.ts'
import { RecordValidationError } from '../../../../workers/kafka/log/log-validator.ts'
import { UnifiedLog, type LogConfig } from '../../../../workers/kafka/log/unified-log.ts'
import { loadLogEngine, text, utf8 } from '../kafka-fixtures.ts'
import { cleanOnce, compactedLog, consume, keyed } from './compaction-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const records = (...values: string[]): RecordInput[] =>
  values.map((value, i) => ({ key: utf8(`k${i}`), value: utf8(value), timestamp: 1_000 + i, headers: [] }))
const batch = (type: CompressionType, ...values: string[]): Uint8Array =>
  engine.encodeBatch(records(...values), { compression: { type } })
const log = (config: Partial<LogConfig> = {}) => new UnifiedLog(engine, { segmentBytes: 1 << 20, ...config })
const stored = (l: UnifiedLog) => engine.decodeBatches(l.read(0, 1 << 20, l.logEndOffset))

describe('compressionConfigOf', () => {
  it('maps compression.type and the codec level configs', () => {
    const of = (type: string, extra: Record<string, string> = {}) =>
      compressionConfigOf({ 'compression.type': type, ...extra }).compression
    expect(of('producer')).toBe('producer')
    expect(of('uncompressed')).toEqual({ type: 0 })
    expect(of('gzip')).toEqual({ type: 1, level: -1 })
    expect(of('gzip', { 'compression.gzip.level': '9' })).toEqual({ type: 1, level: 9 })
    expect(of('snappy')).toEqual({ type: 2 })
    expect(of('lz4', { 'compression.lz4.level': '12' })).toEqual({ type: 3, level: 12 })
    expect(of('zstd')).toEqual({ type: 4, level: 3 })
    expect(compressionConfigOf({}).compression).toBe('producer')
  })
})

describe('UnifiedLog.appendAsLeader with compression', () => {
  it('keeps every producer codec in place under compression.type=producer', () => {
    const l = log({ compression: 'producer' })
    const sent = [0, 1, 2, 3, 4].map((type) => batch(type as CompressionType, `v${type}`, 'same same same'))
    for (const bytes of sent) l.appendAsLeader(bytes.slice(), 0)
    const batches = stored(l)
    expect(batches.map((b) => [b.baseOffset, b.compressionType])).toEqual([
      [0, 0],
      [2, 1],
      [4, 2],
      [6, 3],
      [8, 4],
    ])
    // In place: the stored batch is the producer's; only baseOffset and leader epoch (outside the CRC) differ.
    expect(batches.map((b) => b.crc)).toEqual(sent.map((bytes) => new DataView(bytes.buffer).getUint32(17)))
  })

  it('recompresses every batch to the topic codec, and inflates for uncompressed', () => {
    const gzipTopic = log({ compression: { type: CompressionType.GZIP, level: -1 } })
    gzipTopic.appendAsLeader(batch(CompressionType.SNAPPY, 'a', 'b'))
    gzipTopic.appendAsLeader(batch(CompressionType.NONE, 'c'))
    gzipTopic.appendAsLeader(batch(CompressionType.GZIP, 'd'))
    expect(stored(gzipTopic).map((b) => b.compressionType)).toEqual([1, 1, 1])
    expect(stored(gzipTopic).flatMap((b) => b.records.map((r) => [r.offset, text(r.value)]))).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
    ])
    const plainTopic = log({ compression: { type: CompressionType.NONE } })
    const info = plainTopic.appendAsLeader(batch(CompressionType.ZSTD, 'x', 'y', 'z'))
    expect([info.firstOffset, info.lastOffset, info.recordCount]).toEqual([0, 2, 3])
    expect(stored(plainTopic).map((b) => [b.compressionType, b.records.length])).toEqual([[0, 3]])
  })

  it('refuses a compressed batch whose records are corrupt, appending nothing', () => {
    const l = log()
    const bad = batch(CompressionType.SNAPPY, 'hello')
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff // in the compressed stream; then a fresh CRC
    new DataView(bad.buffer).setUint32(17, engine.crc32c(bad.subarray(21)))
    expect(() => l.appendAsLeader(bad)).toThrow(CorruptRecordError)
    expect(l.logEndOffset).toBe(0)
  })

  it('finds a keyless record inside a compressed batch of a compacted topic', () => {
    const l = compactedLog(engine)
    const keyless = engine.encodeBatch([{ key: null, value: utf8('v'), timestamp: 1, headers: [] }], {
      compression: { type: CompressionType.LZ4 },
    })
    expect(() => l.appendAsLeader(keyless, 0, 't-0')).toThrow(RecordValidationError)
  })
})

describe('Cleaner with compressed batches', () => {
  it('rewrites a batch that loses records with its original codec', () => {
    const l = compactedLog(engine)
    const first = engine.encodeBatch(
      ['a=1', 'b=1', 'a=2'].map((s) => keyed(s)),
      {
        compression: { type: CompressionType.ZSTD },
      },
    )
    l.appendAsLeader(first)
    l.appendAsLeader(engine.encodeBatch([keyed('b=2')], { compression: { type: CompressionType.GZIP } }))
    l.appendAsLeader(engine.encodeBatch([keyed('z=1')]))
    l.highWatermark = l.logEndOffset
    cleanOnce(engine, l, 10_000)
    expect(consume(engine, l)).toEqual([
      [2, 'a', '2'],
      [3, 'b', '2'],
      [4, 'z', '1'],
    ])
    const batchAt = (offset: number) => engine.decodeBatches(l.read(offset, 1 << 20, l.logEndOffset))[0]
    expect(
      [2, 3, 4].map((offset) => [batchAt(offset)?.baseOffset, batchAt(offset)?.compressionType]),
    ).toEqual([
      [2, 4],
      [3, 1],
      [4, 0],
    ])
  })
})
