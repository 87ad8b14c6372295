// kafka-dump-log against segment bytes built by log.wasm and served by a fake HostFiles. Texts and layout
// from Kafka 4.1's kafka.tools.DumpLogSegments (printBatchLevel, the record loop, dumpIndex, dumpTimeIndex).
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine, RecordInput } from '../../../../engine-wasm/src/log/index.ts'
import {
  encodeTransactionLogKey,
  encodeTransactionLogValue,
} from '../../../../workers/kafka/transaction/transaction-log.ts'
import { encodeGroupRecord } from '../../../../workers/kafka/group/group-record-codec.ts'
import { kafkaDumpLog } from '../../../../workers/tools/kafka/dump-log-segments.ts'
import type { HostFiles } from '../../../../workers/tools/tool.ts'
import { loadLogEngine, utf8 } from '../../kafka/kafka-fixtures.ts'
import { harness } from './fakes.ts'

const DIR = '/tmp/kraft-combined-logs/demo-0'
const LOG = `${DIR}/00000000000000000000.log`
const INDEX = `${DIR}/00000000000000000000.index`
const TIME_INDEX = `${DIR}/00000000000000000000.timeindex`
let engine: LogEngine

beforeAll(async () => {
  engine = await loadLogEngine()
})

function input(
  value: string | null,
  key: string | null,
  headers: string[] = [],
  timestamp = 1_700_000_000_000,
) {
  return {
    key: key === null ? null : utf8(key),
    value: value === null ? null : utf8(value),
    timestamp,
    headers: headers.map((name) => ({ key: name, value: utf8('v') })),
  } satisfies RecordInput
}

/** A segment of these batches, appended one by one as a leader appends produce requests. */
function segment(batches: RecordInput[][], baseOffset = 0) {
  const built = engine.newSegment(baseOffset)
  for (const records of batches) built.append(engine.encodeBatch(records, { partitionLeaderEpoch: 0 }))
  const files = { log: built.logBytes(), index: built.offsetIndexBytes(), timeIndex: built.timeIndexBytes() }
  built.free()
  return files
}

async function dump(argv: string[], files: Record<string, Uint8Array>) {
  const h = harness()
  const hostFiles: HostFiles = {
    read: (path) => Promise.resolve(files[path] ?? null),
    decodeBatches: (bytes) => engine.decodeBatches(bytes),
  }
  const code = await kafkaDumpLog(argv, { ...h.context, hostFiles })
  return { code, stdout: h.stdout(), stderr: h.stderr() }
}

function crcOf(bytes: Uint8Array, position: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(position + 17)
}

describe('kafka-dump-log on a .log', () => {
  it('prints each batch as printBatchLevel does, with the unsigned CRC and the batch size', async () => {
    const { log } = segment([[input('hello', null), input('world', null)], [input('again', null)]])
    const first = engine.decodeBatches(log)[0]!
    const size = first.batchLength + 12
    const result = await dump(['--files', LOG], { [LOG]: log })
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout:
        `Dumping ${LOG}\nLog starting offset: 0\n` +
        'baseOffset: 0 lastOffset: 1 count: 2 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1' +
        ' partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty' +
        ` position: 0 CreateTime: 1700000000000 size: ${size} magic: 2 compresscodec: none crc: ${crcOf(log, 0)} isvalid: true\n` +
        'baseOffset: 2 lastOffset: 2 count: 1 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1' +
        ' partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty' +
        ` position: ${size} CreateTime: 1700000000000 size: ${log.length - size} magic: 2 compresscodec: none` +
        ` crc: ${crcOf(log, size)} isvalid: true\n`,
    })
  })

  it('prints records with --print-data-log: sizes, sequence, header keys, key only when present, payload', async () => {
    const { log } = segment([
      [input('hello', 'user1', ['source', 'trace']), input('world', null), input(null, 'k')],
    ])
    const result = await dump(['--files', LOG, '--print-data-log'], { [LOG]: log })
    expect(result.stdout.split('\n').slice(3)).toEqual([
      '| offset: 0 CreateTime: 1700000000000 keySize: 5 valueSize: 5 sequence: -1 headerKeys: [source,trace] key: user1 payload: hello',
      '| offset: 1 CreateTime: 1700000000000 keySize: -1 valueSize: 5 sequence: -1 headerKeys: [] payload: world',
      '| offset: 2 CreateTime: 1700000000000 keySize: 1 valueSize: -1 sequence: -1 headerKeys: [] key: k',
      '',
    ])
  })

  it('prints sequences from the batch base sequence, wrapping at Integer.MAX_VALUE', async () => {
    const batch = engine.encodeBatch([input('a', null), input('b', null)], {
      producerId: 7,
      producerEpoch: 0,
      baseSequence: 2 ** 31 - 1,
      partitionLeaderEpoch: 3,
    })
    const result = await dump(['--files', LOG, '--deep-iteration'], { [LOG]: batch })
    const lines = result.stdout.split('\n')
    expect(lines[2]).toContain(
      'baseSequence: 2147483647 lastSequence: 0 producerId: 7 producerEpoch: 0 partitionLeaderEpoch: 3',
    )
    expect(lines[3]).toContain('sequence: 2147483647 headerKeys: []')
    expect(lines[4]).toContain('sequence: 0 headerKeys: []')
  })

  it('with --skip-record-metadata prints `| key: k payload: v`, and ` payload: v` without a key', async () => {
    const { log } = segment([[input('hello', 'user1'), input('world', null)]])
    const result = await dump(['--files', LOG, '--print-data-log', '--skip-record-metadata'], { [LOG]: log })
    expect(result.stdout.split('\n').slice(3)).toEqual(['| key: user1 payload: hello', ' payload: world', ''])
  })

  it('reports offsets that do not follow one another, newest pair first, after the dump', async () => {
    const log = new Uint8Array([0, 1, 2].flatMap((n) => [...engine.encodeBatch([input(`v${n}`, null)])]))
    const view = new DataView(log.buffer)
    const size = log.length / 3
    view.setBigInt64(size, 5n)
    view.setBigInt64(2 * size, 9n)
    const result = await dump(['--files', LOG, '--deep-iteration'], { [LOG]: log })
    expect(result.stderr).toBe(
      `Non-consecutive offsets in ${LOG}\n  5 is followed by 9\n  0 is followed by 5\n`,
    )
  })

  it('stops at --max-bytes without reporting trailing bytes, and reports them for a torn tail', async () => {
    const { log } = segment([[input('a', null)], [input('b', null)]])
    const size = engine.decodeBatches(log)[0]!.batchLength + 12
    const limited = await dump(['--files', LOG, '--max-bytes', String(size + 5)], { [LOG]: log })
    expect(limited.stdout.split('\n')).toHaveLength(4)
    const torn = await dump(['--files', LOG], { [LOG]: log.subarray(0, size + 5) })
    expect(torn.stdout.endsWith('Found 5 invalid bytes at the end of 00000000000000000000.log\n')).toBe(true)
  })
})

describe('kafka-dump-log on indexes and errors', () => {
  it('prints index and time index entries, stopping at the zero tail of a preallocated index', async () => {
    const big = 'x'.repeat(3000)
    const { log, index, timeIndex } = segment([0, 1, 2, 3].map((n) => [input(big, null, [], 1_000 + n)]))
    expect(index.length).toBe(8)
    const position = engine.decodeBatches(log)[2]!.position
    const withTail = (bytes: Uint8Array, size: number) =>
      new Uint8Array([...bytes, ...new Uint8Array(size * 2)])
    const files = { [LOG]: log, [INDEX]: withTail(index, 8), [TIME_INDEX]: withTail(timeIndex, 12) }
    const result = await dump(['--files', `${INDEX},${TIME_INDEX}`], files)
    expect(result).toEqual({
      code: 0,
      stdout:
        `Dumping ${INDEX}\noffset: 2 position: ${position}\n` +
        `Dumping ${TIME_INDEX}\ntimestamp: 1002 offset: 2\n`,
      stderr: '',
    })
  })

  it('checks the first zero entry of an active index against the first batch, as the real tool does', async () => {
    const { log } = segment([[input('a', null), input('b', null)]])
    const files = { [LOG]: log, [INDEX]: new Uint8Array(16), [TIME_INDEX]: new Uint8Array(24) }
    const result = await dump(['--files', `${INDEX},${TIME_INDEX}`], files)
    expect(result.stdout).toBe(
      `Dumping ${INDEX}\noffset: 0 position: 0\nDumping ${TIME_INDEX}\ntimestamp: 0 offset: 0\n`,
    )
    expect(result.stderr).toBe(
      `Mismatches in :${INDEX}\n  Index offset: 0, log offset: 1\n` +
        'The following indexed offsets are not found in the log.\nIndexed offset: 0, found log offset: 1\n',
    )
  })

  it('says an index without entries is empty, and verify-only prints no entries', async () => {
    const { log } = segment([[input('a', null)]])
    expect((await dump(['--files', INDEX], { [LOG]: log, [INDEX]: new Uint8Array(0) })).stdout).toBe(
      `Dumping ${INDEX}\n${INDEX} is empty.\n`,
    )
    const verified = await dump(['--files', TIME_INDEX, '--verify-index-only'], {
      [LOG]: log,
      [INDEX]: new Uint8Array(0),
      [TIME_INDEX]: segment([[input('a', null)]]).timeIndex,
    })
    expect(verified.stdout).toBe(`Dumping ${TIME_INDEX}\n`)
  })

  it('passes the sanity check of a good index', async () => {
    const { log } = segment([[input('a', null)]])
    const result = await dump(['--files', INDEX, '--index-sanity-check'], {
      [LOG]: log,
      [INDEX]: new Uint8Array(8),
    })
    expect(result.stdout).toBe(`Dumping ${INDEX}\n${INDEX} passed sanity check.\n`)
  })

  it('ends on a missing file as an uncaught NoSuchFileException ends the JVM', async () => {
    const result = await dump(['--files', `${DIR}//00000000000000000005.log/`], {})
    expect(result).toEqual({
      code: 1,
      stdout: `Dumping ${DIR}/00000000000000000005.log\nLog starting offset: 5\n`,
      stderr: `Exception in thread "main" java.nio.file.NoSuchFileException: ${DIR}/00000000000000000005.log\n`,
    })
  })

  it('ignores unknown suffixes, and fails on a name without a dot as String.substring(-1) does', async () => {
    const result = await dump(
      ['--files', `${DIR}/partition.metadata,${DIR}/leader-epoch-checkpoint,${LOG}`],
      {},
    )
    expect(result.stdout).toBe(`Dumping ${DIR}/partition.metadata\nDumping ${DIR}/leader-epoch-checkpoint\n`)
    expect(result.stderr).toBe(
      `Ignoring unknown file ${DIR}/partition.metadata\n` +
        'Exception in thread "main" java.lang.StringIndexOutOfBoundsException: begin -1, end 23, length 23\n',
    )
  })

  it('needs --files, and reads a decoder class it does not know as ClassNotFoundException', async () => {
    const usage = await dump(['--print-data-log'], {})
    expect(usage.code).toBe(1)
    expect(usage.stderr.startsWith('Missing required argument "[files]"\n')).toBe(true)
    const decoder = await dump(['--files', LOG, '--value-decoder-class', 'com.example.Mine'], {})
    expect(decoder.stderr).toBe(
      'Exception in thread "main" java.lang.ClassNotFoundException: com.example.Mine\n',
    )
  })
})

describe('kafka-dump-log --offsets-decoder (OffsetsMessageParser)', () => {
  const OFFSETS_LOG = '/tmp/kraft-combined-logs/__consumer_offsets-12/00000000000000000000.log'
  const raw = (key: Uint8Array | null, value: Uint8Array | null): RecordInput => ({
    key,
    value,
    timestamp: 1_700_000_000_000,
    headers: [],
  })

  async function offsetsDump(records: RecordInput[]) {
    const { log } = segment([records])
    const result = await dump(['--offsets-decoder', '--skip-record-metadata', '--files', OFFSETS_LOG], {
      [OFFSETS_LOG]: log,
    })
    return {
      ...result,
      lines: result.stdout
        .split('\n')
        .filter((line) => line.startsWith('| key:'))
        .map((line) => line.slice(2)),
    }
  }

  it('prints keys as {"type":"N","data":...} and values as {"version":"N","data":...}, tombstones as <DELETE>', async () => {
    const commit = encodeGroupRecord({
      type: 'OffsetCommit',
      groupId: 'shop',
      topic: 'orders',
      partition: 0,
      offset: 2,
      leaderEpoch: 0,
      metadata: '',
      commitTimestamp: 1_700_000_000_000,
    })
    const group = encodeGroupRecord({
      type: 'GroupMetadata',
      groupId: 'shop',
      protocolType: 'consumer',
      generation: 1,
      protocol: 'range',
      leader: 'm',
      currentStateTimestamp: 5,
      members: [
        {
          memberId: 'm',
          groupInstanceId: null,
          clientId: 'c',
          clientHost: '/127.0.0.1',
          rebalanceTimeoutMs: 300000,
          sessionTimeoutMs: 45000,
          subscription: { topics: ['orders'], ownedPartitions: [], generationId: -1, rackId: null },
          assignment: { partitions: [{ topic: 'orders', partition: 0 }] },
        },
      ],
    })
    const tombstone = encodeGroupRecord({ type: 'GroupMetadataTombstone', groupId: 'shop' })
    const result = await offsetsDump([
      raw(commit.key, commit.value),
      raw(group.key, group.value),
      raw(tombstone.key, tombstone.value),
    ])
    expect(result.code).toBe(0)
    expect(result.lines).toEqual([
      'key: {"type":"1","data":{"group":"shop","topic":"orders","partition":0}} payload: {"version":"3","data":{"offset":2,"leaderEpoch":0,"metadata":"","commitTimestamp":1700000000000}}',
      'key: {"type":"2","data":{"group":"shop"}} payload: {"version":"3","data":{"protocolType":"consumer","generation":1,"protocol":"range","leader":"m","currentStateTimestamp":5,"members":[{"memberId":"m","groupInstanceId":null,"clientId":"c","clientHost":"/127.0.0.1","rebalanceTimeout":300000,"sessionTimeout":45000,"subscription":{"topics":["orders"],"userData":null,"ownedPartitions":[],"generationId":-1,"rackId":null},"assignment":{"assignedPartitions":[{"topic":"orders","partitions":[0]}],"userData":null}}]}}',
      'key: {"type":"2","data":{"group":"shop"}} payload: <DELETE>',
    ])
  })

  it('keeps member bytes that are not a consumer protocol as base64, and prints fields by value version', async () => {
    const key = encodeGroupRecord({ type: 'GroupMetadataTombstone', groupId: 'g' }).key
    // GroupMetadataValue v0: protocolType "connect", generation 1, protocol null, leader null, one member
    // (memberId "m", clientId "c", clientHost "h", sessionTimeout 10, subscription "ab", assignment "").
    const value = Uint8Array.from([
      ...[0, 0, 0, 7, ...utf8('connect'), 0, 0, 0, 1, 255, 255, 255, 255, 0, 0, 0, 1],
      ...[0, 1, ...utf8('m'), 0, 1, ...utf8('c'), 0, 1, ...utf8('h'), 0, 0, 0, 10],
      ...[0, 0, 0, 2, ...utf8('ab'), 0, 0, 0, 0],
    ])
    const result = await offsetsDump([raw(key, value)])
    expect(result.lines).toEqual([
      'key: {"type":"2","data":{"group":"g"}} payload: {"version":"0","data":{"protocolType":"connect","generation":1,"protocol":null,"leader":null,"members":[{"memberId":"m","clientId":"c","clientHost":"h","sessionTimeout":10,"subscription":"YWI=","assignment":""}]}}',
    ])
  })

  it('reports unknown record types and unreadable records as keys, and a missing key as an exception', async () => {
    const result = await offsetsDump([
      raw(utf8('{"type":"OffsetCommit"}'), utf8('{}')),
      raw(Uint8Array.from([0, 2, 0, 1, 103]), Uint8Array.from([0, 3, 0, 9])),
    ])
    expect(result.lines).toEqual([
      'key: Unknown record type 31522 at offset 0, skipping.',
      "key: Error at offset 1, skipping. Could not read record with version 3 from value's buffer due to: Error reading 9 byte(s): only 0 byte(s) available.",
    ])
    const missing = await offsetsDump([raw(null, utf8('x'))])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe(
      'Exception in thread "main" java.lang.RuntimeException: Failed to decode message at offset 0 using offset topic decoder (message had a missing key)\n',
    )
  })

  it('answers the decoders the playground has no records for with a [playground] line', async () => {
    const result = await dump(['--remote-log-metadata-decoder', '--files', LOG], {})
    expect(result).toEqual({
      code: 1,
      stdout: `Dumping ${LOG}\n`,
      stderr:
        '[playground] --remote-log-metadata-decoder is not available: the playground keeps no such records in segment files.\n',
    })
  })

  it('reads __transaction_state records with --transaction-log-decoder (TransactionLogMessageParser)', async () => {
    const TXN_LOG = '/tmp/kraft-combined-logs/__transaction_state-5/00000000000000000000.log'
    const key = encodeTransactionLogKey('orders-app')
    const value = encodeTransactionLogValue({
      producerId: 0,
      previousProducerId: -1,
      nextProducerId: -1,
      producerEpoch: 1,
      transactionTimeoutMs: 60_000,
      state: 'PrepareCommit',
      partitions: [{ topic: 'orders', partitionIds: [0, 1] }],
      lastUpdateTimestampMs: 20,
      startTimestampMs: 10,
      clientTransactionVersion: 2,
    })
    const { log } = segment([[raw(key, value), raw(key, null), raw(new Uint8Array([0, 9, 0, 0]), value)]])
    const result = await dump(['--transaction-log-decoder', '--skip-record-metadata', '--files', TXN_LOG], {
      [TXN_LOG]: log,
    })
    expect(result.stdout.split('\n').filter((line) => line.startsWith('| key:'))).toEqual([
      '| key: {"type":"0","data":{"transactionalId":"orders-app"}} payload: {"version":"1","data":{"producerId":0,' +
        '"producerEpoch":1,"transactionTimeoutMs":60000,"transactionStatus":2,"transactionPartitions":[{"topic":' +
        '"orders","partitionIds":[0,1]}],"transactionLastUpdateTimestampMs":20,"transactionStartTimestampMs":10,' +
        '"clientTransactionVersion":2}}',
      '| key: {"type":"0","data":{"transactionalId":"orders-app"}} payload: <DELETE>',
      '| key: Unknown record type 9 at offset 2, skipping.',
    ])
  })
})
