// kafka-console-consumer against a fake Consumer on a virtual clock. Texts from Kafka 4.1's
// ConsoleConsumer, ConsoleConsumerOptions and DefaultMessageFormatter sources and a real 4.0 transcript
// (`CreateTime:1745911428936\tPartition:0\tnull\tHello World!`, `Processed a total of 2 messages`).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { encodeGroupRecord } from '../../../../workers/kafka/group/group-record-codec.ts'
import { kafkaConsoleConsumer } from '../../../../workers/tools/kafka/console-consumer.ts'
import { DefaultMessageFormatter } from '../../../../workers/tools/kafka/default-message-formatter.ts'
import { T0, harness, record } from './fakes.ts'

const HELP = readFileSync(new URL('./fixtures/kafka-console-consumer-help.txt', import.meta.url), 'utf8')
const BS = ['--bootstrap-server', 'localhost:9092', '--topic', 'demo']

async function run(argv: string[], setup: (h: ReturnType<typeof harness>) => void = () => undefined) {
  const h = harness()
  const original = h.context.kafka.consumer
  h.context.kafka = {
    ...h.context.kafka,
    consumer: (servers, config) => {
      const consumer = original(servers, config)
      setup(h)
      return consumer
    },
  }
  const code = await kafkaConsoleConsumer(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), h }
}

const twoRecords = (h: ReturnType<typeof harness>) => {
  const consumer = h.consumers[0]
  if (consumer !== undefined) {
    consumer.batches = [[record({ value: 'Hello World!' }), record({ value: 'This is a test.', offset: 1 })]]
  }
}

describe('kafka-console-consumer', () => {
  it('prints values and, at --max-messages, the count', async () => {
    const result = await run([...BS, '--from-beginning', '--max-messages', '2'], twoRecords)
    expect([result.code, result.stdout, result.stderr]).toEqual([
      0,
      'Hello World!\nThis is a test.\n',
      'Processed a total of 2 messages\n',
    ])
    const consumer = result.h.consumers[0]
    expect(consumer?.calls).toEqual(['subscribe demo', 'close'])
    expect(consumer?.config).toMatchObject({
      'auto.offset.reset': 'earliest',
      'group.id': `console-consumer-${T0 % 100000}`,
      'enable.auto.commit': 'false',
      'client.id': 'console-consumer',
      'isolation.level': 'read_uncommitted',
    })
  })

  it('logs the TimeoutException when --timeout-ms passes without a record (after one empty poll)', async () => {
    const result = await run([...BS, '--timeout-ms', '1000'], twoRecords)
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('Hello World!\nThis is a test.\n')
    expect(result.stderr).toBe(
      `[2024-05-01 10:00:01,123] ERROR Error processing message, terminating consumer process:  (org.apache.kafka.tools.consumer.ConsoleConsumer)\n` +
        'org.apache.kafka.common.errors.TimeoutException\n' +
        'Processed a total of 2 messages\n',
    )
  })

  it('stops on interrupt with the count and exit code 130', async () => {
    const result = await run(BS, (h) => {
      const consumer = h.consumers[0]
      if (consumer === undefined) return
      consumer.batches = [[record({ value: 'one' })]]
      const poll = consumer.poll.bind(consumer)
      consumer.poll = async (ms) => {
        const records = await poll(ms)
        if (records.length === 0) h.interrupt()
        return records
      }
    })
    expect([result.code, result.stdout, result.stderr]).toEqual([
      130,
      'one\n',
      'Processed a total of 1 messages\n',
    ])
  })

  it('assigns --partition and seeks to --offset, rewinding what it did not print', async () => {
    const result = await run([...BS, '--partition', '0', '--offset', '5', '--max-messages', '1'], (h) => {
      const consumer = h.consumers[0]
      if (consumer !== undefined)
        consumer.batches = [[record({ value: 'a', offset: 5 }), record({ value: 'b', offset: 6 })]]
    })
    expect(result.h.consumers[0]?.calls).toEqual(['assign demo-0', 'seek demo-0 5', 'seek demo-0 6', 'close'])
    expect(result.stdout).toBe('a\n')
  })

  it('uses --group as group.id', async () => {
    const result = await run([...BS, '--group', 'g1', '--max-messages', '2'], twoRecords)
    expect(result.h.consumers[0]?.config['group.id']).toBe('g1')
  })

  it.each([
    [['--bootstrap-server', 'h:1'], 'Exactly one of --include/--topic is required. '],
    [[...BS, '--offset', '3'], 'The partition is required when offset is specified.'],
    [
      [...BS, '--partition', '0', '--offset', '1', '--from-beginning'],
      'Options from-beginning and offset cannot be specified together.',
    ],
    [
      ['--bootstrap-server', 'h:1', '--include', 'x', '--partition', '0'],
      'The topic is required when partition is specified.',
    ],
    [['--topic', 'demo'], 'Missing required argument "[bootstrap-server]"'],
    [
      [...BS, '--partition', '0', '--group', 'g'],
      'Options group and partition cannot be specified together.',
    ],
    [
      [...BS, '--partition', '0', '--offset', 'soon'],
      "The provided offset value 'soon' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.",
    ],
    [
      [...BS, '--group', 'a', '--consumer-property', 'group.id=b'],
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'a', 'b'",
    ],
    [[], 'This tool helps to read data from Kafka topics and outputs it to standard output.'],
    [['--zookeeper', 'x'], 'zookeeper is not a recognized option'],
  ])('%j prints the usage error with the help table', async (argv, message) => {
    const result = await run(argv)
    const hint =
      argv[0] === '--zookeeper'
        ? '[playground] Kafka 4.x runs in KRaft mode without ZooKeeper: use --bootstrap-server localhost:9092 instead of --zookeeper.\n'
        : ''
    expect([result.code, result.stdout, result.stderr]).toEqual([1, '', `${message}\n${HELP}${hint}`])
  })

  it('refuses --from-beginning against auto.offset.reset=latest without the help table', async () => {
    const result = await run([...BS, '--from-beginning', '--consumer-property', 'auto.offset.reset=latest'])
    expect([result.code, result.stderr]).toEqual([
      1,
      "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option\n",
    ])
  })
})

describe('DefaultMessageFormatter', () => {
  const format = (props: Record<string, string>, partial: Parameters<typeof record>[0]) =>
    new DefaultMessageFormatter(new Map(Object.entries(props))).format(record(partial))

  it('prints the fields of the real 4.0 transcript', () => {
    expect(
      format(
        { 'print.timestamp': 'true', 'print.key': 'true', 'print.value': 'true', 'print.partition': 'true' },
        { value: 'Hello World!', timestamp: 1745911428936 },
      ),
    ).toBe('CreateTime:1745911428936\tPartition:0\tnull\tHello World!\n')
  })

  it('prints offset, headers and custom separators, and ends a line without value on the last field', () => {
    const key = new TextEncoder().encode('k')
    expect(
      format(
        {
          'print.offset': 'true',
          'print.headers': 'true',
          'print.key': 'true',
          'key.separator': ' | ',
          'line.separator': ';',
        },
        {
          value: 'v',
          offset: 7,
          key,
          headers: [
            { key: 'h', value: null },
            { key: 'i', value: key },
          ],
        },
      ),
    ).toBe('Offset:7 | h:null,i:k | k | v;')
    expect(format({ 'print.key': 'true', 'print.value': 'false' }, { value: 'v', key })).toBe('k\n')
    expect(format({ 'print.headers': 'TRUE ', 'print.value': 'false' }, { value: 'v' })).toBe('NO_HEADERS\n')
  })

  it('prints keys and values through their deserializers, a null as the null literal given to them', () => {
    const long = new Uint8Array([0, 0, 0, 0, 0, 0, 1, 2])
    const props = {
      'print.key': 'true',
      'key.deserializer': 'org.apache.kafka.common.serialization.StringDeserializer',
      'value.deserializer': 'org.apache.kafka.common.serialization.LongDeserializer',
    }
    const counted = record({ value: null, key: new TextEncoder().encode('kafka') })
    expect(
      new DefaultMessageFormatter(new Map(Object.entries(props))).format({ ...counted, value: long }),
    ).toBe('kafka\t258\n')
    expect(() => new DefaultMessageFormatter(new Map(Object.entries(props))).format(counted)).toThrow(
      'Size of data received by LongDeserializer is not 8',
    )
    const ints = { 'value.deserializer': 'org.apache.kafka.common.serialization.IntegerDeserializer' }
    expect(
      new DefaultMessageFormatter(new Map(Object.entries(ints))).format({
        ...counted,
        value: new Uint8Array([255, 255, 255, 254]),
      }),
    ).toBe('-2\n')
  })
})

describe('kafka-console-consumer deserializers', () => {
  const counts = (h: ReturnType<typeof harness>) => {
    const consumer = h.consumers[0]
    if (consumer !== undefined) {
      consumer.batches = [
        [
          {
            ...record({ value: null, key: new TextEncoder().encode('all') }),
            value: new Uint8Array(8).fill(0, 0, 7).fill(3, 7),
          },
        ],
      ]
    }
  }

  it('takes --value-deserializer, which a --property of the same name overrides', async () => {
    const long = 'org.apache.kafka.common.serialization.LongDeserializer'
    const flags = [...BS, '--max-messages', '1', '--property', 'print.key=true']
    const result = await run([...flags, '--value-deserializer', long], counts)
    expect(result.stdout).toBe('all\t3\n')
    const overridden = await run(
      [
        ...flags,
        '--value-deserializer',
        long,
        '--property',
        'value.deserializer=org.apache.kafka.common.serialization.StringDeserializer',
      ],
      counts,
    )
    expect(overridden.stdout).toBe('all\t\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0003\n')
  })

  it('logs a deserializer class it cannot load and prints the bytes as they are', async () => {
    const result = await run(
      [...BS, '--max-messages', '1', '--property', 'value.deserializer=com.example.Missing'],
      twoRecords,
    )
    expect(result.stdout).toBe('Hello World!\n')
    expect(result.stderr).toBe(
      '[2024-05-01 10:00:00,123] ERROR Unable to instantiate a deserializer from com.example.Missing (org.apache.kafka.tools.consumer.DefaultMessageFormatter)\n' +
        'java.lang.ClassNotFoundException: com.example.Missing\n' +
        'Processed a total of 1 messages\n',
    )
  })
})

describe('kafka-console-consumer --formatter for __consumer_offsets', () => {
  const OFFSETS = [
    '--bootstrap-server',
    'localhost:9092',
    '--topic',
    '__consumer_offsets',
    '--from-beginning',
  ]
  const commit = encodeGroupRecord({
    type: 'OffsetCommit',
    groupId: 'shop',
    topic: 'orders',
    partition: 1,
    offset: 2,
    leaderEpoch: 0,
    metadata: '',
    commitTimestamp: 1234,
  })
  const group = encodeGroupRecord({
    type: 'GroupMetadata',
    groupId: 'shop',
    protocolType: 'consumer',
    generation: 2,
    protocol: null,
    leader: null,
    currentStateTimestamp: 99,
    members: [],
  })
  const tombstone = encodeGroupRecord({
    type: 'OffsetCommitTombstone',
    groupId: 'shop',
    topic: 'orders',
    partition: 1,
  })
  const offsetsRecords = (h: ReturnType<typeof harness>) => {
    const consumer = h.consumers[0]
    if (consumer === undefined) return
    consumer.batches = [
      [commit, group, tombstone].map(({ key, value }, offset) => ({
        ...record({ value: null }),
        key,
        value,
        offset,
      })),
    ]
  }

  it('OffsetsMessageFormatter prints the OffsetCommit records as JSON with no separator, GroupMetadata ones not', async () => {
    const result = await run(
      [
        ...OFFSETS,
        '--max-messages',
        '3',
        '--formatter',
        'org.apache.kafka.tools.consumer.OffsetsMessageFormatter',
      ],
      offsetsRecords,
    )
    expect([result.code, result.stdout, result.stderr]).toEqual([
      0,
      '{"key":{"type":1,"data":{"group":"shop","topic":"orders","partition":1}},"value":{"version":3,"data":{"offset":2,"leaderEpoch":0,"metadata":"","commitTimestamp":1234}}}' +
        '{"key":{"type":1,"data":{"group":"shop","topic":"orders","partition":1}},"value":null}',
      'Processed a total of 3 messages\n',
    ])
  })

  it('GroupMetadataMessageFormatter prints only the GroupMetadata records', async () => {
    const result = await run(
      [
        ...OFFSETS,
        '--max-messages',
        '3',
        '--formatter',
        'org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter',
      ],
      offsetsRecords,
    )
    expect(result.stdout).toBe(
      '{"key":{"type":2,"data":{"group":"shop"}},"value":{"version":3,"data":{"protocolType":"consumer","generation":2,"protocol":null,"leader":null,"currentStateTimestamp":99,"members":[]}}}',
    )
  })

  it('ends on a record it cannot read unless --skip-message-on-error, which logs it and goes on', async () => {
    const broken = (h: ReturnType<typeof harness>) => {
      const consumer = h.consumers[0]
      if (consumer === undefined) return
      consumer.batches = [
        [
          { ...record({ value: null }), key: commit.key, value: Uint8Array.from([0, 9]) },
          { ...record({ value: null }), key: commit.key, value: commit.value, offset: 1 },
        ],
      ]
    }
    const formatter = ['--formatter', 'org.apache.kafka.tools.consumer.OffsetsMessageFormatter']
    const failed = await run([...OFFSETS, '--max-messages', '2', ...formatter], broken)
    expect(failed.code).toBe(1)
    expect(failed.stdout).toBe('')
    expect(failed.stderr).toBe(
      'Processed a total of 1 messages\n' +
        '[2024-05-01 10:00:00,123] ERROR Unknown error when running consumer:  (org.apache.kafka.tools.consumer.ConsoleConsumer)\n' +
        'java.lang.RuntimeException: Could not read record at offset 0 due to: Found an unknown record version 9 for 1 type\n',
    )
    const skipped = await run(
      [...OFFSETS, '--max-messages', '2', '--skip-message-on-error', ...formatter],
      broken,
    )
    expect(skipped.code).toBe(0)
    expect(skipped.stdout).toContain('"value":{"version":3,')
    expect(skipped.stderr).toContain('ERROR Error processing message, skipping this message:')
  })
})
