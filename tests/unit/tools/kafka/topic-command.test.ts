// kafka-topics against a fake Admin. Expected texts come from Kafka 4.1's TopicCommand and
// CommandLineUtils sources and from real 4.x transcripts (`Created topic`, the TopicExists error pair,
// the --zookeeper trace, the missing --bootstrap-server trace of 4.0.0).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { kafkaTopics } from '../../../../workers/tools/kafka/topic-command.ts'
import { TS, harness } from './fakes.ts'

const HELP = readFileSync(new URL('./fixtures/kafka-topics-help.txt', import.meta.url), 'utf8')
const BS = ['--bootstrap-server', 'localhost:9092']

async function run(argv: string[], setup: (h: ReturnType<typeof harness>) => void = () => undefined) {
  const h = harness()
  setup(h)
  const code = await kafkaTopics(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), h }
}

describe('kafka-topics --create', () => {
  it('creates a topic and says so', async () => {
    const { code, stdout, stderr, h } = await run([
      ...BS,
      '--create',
      '--topic',
      'demo',
      '--partitions',
      '2',
      '--replication-factor',
      '1',
      '--config',
      'retention.ms = 1000',
    ])
    expect([code, stdout, stderr]).toEqual([0, 'Created topic demo.\n', ''])
    expect(h.admin.created).toEqual([
      { name: 'demo', numPartitions: 2, replicationFactor: 1, configs: { 'retention.ms': '1000' } },
    ])
    expect(h.admin.closed).toBe(true)
  })

  it('warns about metric name collisions before creating', async () => {
    const { stdout } = await run([...BS, '--create', '--topic', 'my.topic'])
    expect(stdout).toBe(
      "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\nCreated topic my.topic.\n",
    )
  })

  it('prints an existing topic as the error pair: stdout line and ERROR log on stderr', async () => {
    const { code, stdout, stderr } = await run([...BS, '--create', '--topic', 'demo'], (h) => {
      h.admin.createError = new KafkaError(
        'org.apache.kafka.common.errors.TopicExistsException',
        "Topic 'demo' already exists.",
      )
    })
    expect(code).toBe(1)
    expect(stdout).toBe("Error while executing topic command : Topic 'demo' already exists.\n")
    expect(stderr).toBe(
      `${TS} ERROR org.apache.kafka.common.errors.TopicExistsException: Topic 'demo' already exists.\n (org.apache.kafka.tools.TopicCommand)\n`,
    )
  })

  it('is silent for an existing topic under --if-not-exists', async () => {
    const result = await run([...BS, '--create', '--topic', 'demo', '--if-not-exists'], (h) => {
      h.admin.createError = new KafkaError(
        'org.apache.kafka.common.errors.TopicExistsException',
        "Topic 'demo' already exists.",
      )
    })
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '', ''])
  })

  it.each([
    [['--replication-factor', '0'], 'The replication factor must be between 1 and 32767 inclusive'],
    [['--partitions', '0'], 'The partitions must be greater than 0'],
    [['--partitions', 'abc'], "Cannot parse argument 'abc' of option partitions"],
    [
      ['--config', 'retention.ms'],
      'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".',
    ],
    [['--config', 'retention.mss=1'], 'Unknown topic config name: retention.mss'],
    [['--replica-assignment', '1:1'], 'Partition replica lists may not contain duplicate entries: 1'],
    [['--replica-assignment', '1:2,3'], 'Partition 1 has different replication factor: [3]'],
  ])('reports %j as an execution error', async (extra, message) => {
    const { code, stdout } = await run([...BS, '--create', '--topic', 'demo', ...extra])
    expect([code, stdout]).toEqual([1, `Error while executing topic command : ${message}\n`])
  })

  it('passes the broker messages through, such as a replication factor above the broker count', async () => {
    const message =
      'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.'
    const { stdout, stderr } = await run(
      [...BS, '--create', '--topic', 'demo', '--replication-factor', '3'],
      (h) => {
        h.admin.createError = new KafkaError(
          'org.apache.kafka.common.errors.InvalidReplicationFactorException',
          message,
        )
      },
    )
    expect(stdout).toBe(`Error while executing topic command : ${message}\n`)
    expect(stderr).toBe(
      `${TS} ERROR org.apache.kafka.common.errors.InvalidReplicationFactorException: ${message}\n (org.apache.kafka.tools.TopicCommand)\n`,
    )
  })

  it('sends a replica assignment as the manual assignments of the topic, without counts', async () => {
    const { h } = await run([...BS, '--create', '--topic', 'demo', '--replica-assignment', '1:2, 2:3 ,3:1'])
    expect(h.admin.created[0]).toEqual({
      name: 'demo',
      configs: {},
      replicasAssignments: [
        [1, 2],
        [2, 3],
        [3, 1],
      ],
    })
  })
})

describe('kafka-topics --list and --describe', () => {
  const setup = (h: ReturnType<typeof harness>) => {
    h.admin.addTopic('orders', 2, [1, 2])
    h.admin.addTopic('audit', 1)
    h.admin.addTopic('__consumer_offsets', 1, [1], true)
    h.admin.configs.set('orders', [
      { name: 'cleanup.policy', value: 'delete', isDefault: true, isSensitive: false, readOnly: false },
      { name: 'retention.ms', value: '1000', isDefault: false, isSensitive: false, readOnly: false },
      { name: 'segment.bytes', value: '1073741824', isDefault: false, isSensitive: false, readOnly: false },
    ])
  }

  it('lists sorted names, internal ones unless excluded', async () => {
    expect((await run([...BS, '--list'], setup)).stdout).toBe('__consumer_offsets\naudit\norders\n')
    expect((await run([...BS, '--list', '--exclude-internal'], setup)).stdout).toBe('audit\norders\n')
    expect((await run([...BS, '--list', '--topic', 'or.*,audit'], setup)).stdout).toBe('audit\norders\n')
  })

  it('prints an empty line when there is no topic', async () => {
    expect((await run([...BS, '--list'])).stdout).toBe('\n')
  })

  it('describes a topic with non-default configs and one line per partition', async () => {
    const { stdout, code } = await run([...BS, '--describe', '--topic', 'orders'], (h) => {
      setup(h)
      const partition = h.admin.topics.get('orders')?.partitions[1]
      if (partition !== undefined) Object.assign(partition, { leader: -1, isr: [] })
    })
    expect(code).toBe(0)
    expect(stdout).toBe(
      'Topic: orders\tTopicId: id-orders\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: retention.ms=1000,segment.bytes=1073741824\n' +
        '\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1,2\tElr: \tLastKnownElr: \n' +
        '\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 1,2\tIsr: \tElr: \tLastKnownElr: \n',
    )
  })

  it('lists described topics in java.util.HashMap order, as Kafka does', async () => {
    const { stdout } = await run(
      [...BS, '--describe', '--exclude-internal', '--unavailable-partitions'],
      (h) => {
        setup(h)
        for (const name of ['orders', 'audit']) {
          for (const partition of h.admin.topics.get(name)?.partitions ?? []) partition.leader = -1
        }
      },
    )
    // "audit".hashCode() lands in bucket 0 of a 4-slot table, "orders" in bucket 1.
    expect(stdout.split('\n').map((line) => line.split('\t')[1])).toEqual([
      'Topic: audit',
      'Topic: orders',
      'Topic: orders',
      undefined,
    ])
  })

  it('fails for a topic that does not exist, unless --if-exists', async () => {
    const { code, stdout, stderr } = await run([...BS, '--describe', '--topic', 'nope'], setup)
    expect([code, stdout]).toEqual([
      1,
      "Error while executing topic command : Topic 'nope' does not exist as expected\n",
    ])
    expect(stderr).toBe(
      `${TS} ERROR java.lang.IllegalArgumentException: Topic 'nope' does not exist as expected\n (org.apache.kafka.tools.TopicCommand)\n`,
    )
    expect((await run([...BS, '--describe', '--topic', 'nope', '--if-exists'], setup)).code).toBe(0)
  })

  it('deletes the matching topics silently', async () => {
    const { code, stdout, h } = await run([...BS, '--delete', '--topic', 'orders'], setup)
    expect([code, stdout, h.admin.deleted]).toEqual([0, '', [['orders']]])
  })
})

describe('kafka-topics usage errors', () => {
  it.each([
    [[], 'Create, delete, describe, or change a topic.'],
    [['--help'], 'This tool helps to create, delete, describe, or change a topic.'],
    [[...BS], 'Command must include exactly one action: --list, --describe, --create, --alter or --delete'],
    [
      [...BS, '--list', '--create'],
      'Command must include exactly one action: --list, --describe, --create, --alter or --delete',
    ],
    [[...BS, '--create'], 'Missing required argument "[topic]"'],
    [[...BS, '--list', '--partitions', '3'], 'Option "[partitions]" can\'t be used with option "[list]"'],
    [
      [...BS, '--create', '--topic', 't', '--if-exists'],
      'Option "[if-exists]" can\'t be used with option "[create]"',
    ],
    [[...BS, '--alter', '--topic', 't'], 'Missing required argument "[partitions]"'],
    [[...BS, '--describe', '--if-exists'], '--topic or --topic-id is required to describe a topic'],
  ])('%j prints the message and the help table on stderr, exit 1', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv)
    expect([code, stdout, stderr]).toEqual([1, '', `${message}\n${HELP}`])
  })

  it('prints the version for --version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: '4.1.0\n', stderr: '' })
  })

  it('prints the missing --bootstrap-server trace of Kafka 4.0.0', async () => {
    const { code, stderr } = await run(['--list'])
    expect(code).toBe(1)
    expect(stderr).toBe(
      '--bootstrap-server must be specified\n' +
        'java.lang.IllegalArgumentException: --bootstrap-server must be specified\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicCommandOptions.checkRequiredArgs(TopicCommand.java:975)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicCommandOptions.checkArgs(TopicCommand.java:968)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicCommandOptions.<init>(TopicCommand.java:828)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:100)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.mainNoExit(TopicCommand.java:90)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)\n\n',
    )
  })

  it('answers --zookeeper as an unrecognized option, then the playground hint', async () => {
    const { code, stdout, stderr } = await run(['--zookeeper', 'localhost:2181', '--list'])
    expect([code, stdout]).toEqual([1, ''])
    expect(stderr).toBe(
      'zookeeper is not a recognized option\n' +
        'joptsimple.UnrecognizedOptionException: zookeeper is not a recognized option\n' +
        '\tat joptsimple.OptionException.unrecognizedOption(OptionException.java:108)\n' +
        '\tat joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)\n' +
        '\tat joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)\n' +
        '\tat joptsimple.OptionParser.parse(OptionParser.java:396)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicCommandOptions.<init>(TopicCommand.java:823)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:100)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.mainNoExit(TopicCommand.java:90)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)\n\n' +
        '[playground] Kafka 4.x runs in KRaft mode without ZooKeeper: use --bootstrap-server localhost:9092 instead of --zookeeper.\n',
    )
  })
})
