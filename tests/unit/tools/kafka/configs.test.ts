// kafka-configs and kafka-topics --alter --partitions against a fake Admin. Texts from Kafka's ConfigCommand
// (describeResourceConfig, alterConfig, main's error handling) and the KRaft controller's CreatePartitions.
import { describe, expect, it } from 'vitest'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { kafkaConfigs } from '../../../../workers/tools/kafka/config-command.ts'
import { kafkaTopics } from '../../../../workers/tools/kafka/topic-command.ts'
import { harness } from './fakes.ts'

const BS = ['--bootstrap-server', 'localhost:9092']

function setup(h: ReturnType<typeof harness>): void {
  h.admin.addTopic('orders', 3)
  h.admin.resourceConfigs.set('topic:orders', [
    {
      name: 'retention.ms',
      value: '1000',
      source: 'DYNAMIC_TOPIC_CONFIG',
      isSensitive: false,
      isReadOnly: false,
      synonyms: [
        { name: 'retention.ms', value: '1000', source: 'DYNAMIC_TOPIC_CONFIG' },
        { name: 'log.retention.hours', value: '168', source: 'DEFAULT_CONFIG' },
      ],
    },
    {
      name: 'cleanup.policy',
      value: 'delete',
      source: 'DEFAULT_CONFIG',
      isSensitive: false,
      isReadOnly: false,
      synonyms: [{ name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' }],
    },
  ])
}

async function run(argv: string[], extra: (h: ReturnType<typeof harness>) => void = () => undefined) {
  const h = harness()
  setup(h)
  extra(h)
  const code = await kafkaConfigs(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), h }
}

describe('kafka-configs', () => {
  it('describes the dynamic configs of a topic, and all of them with --all', async () => {
    const dynamic = await run([...BS, '--entity-type', 'topics', '--entity-name', 'orders', '--describe'])
    expect([dynamic.code, dynamic.stdout]).toEqual([
      0,
      'Dynamic configs for topic orders are:\n' +
        '  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000, DEFAULT_CONFIG:log.retention.hours=168}\n',
    ])
    const all = await run([...BS, '--topic', 'orders', '--describe', '--all'])
    expect(all.stdout.split('\n').slice(0, 2)).toEqual([
      'All configs for topic orders are:',
      '  cleanup.policy=delete sensitive=false synonyms={DEFAULT_CONFIG:log.cleanup.policy=delete}',
    ])
  })

  it('answers a topic that does not exist', async () => {
    const { code, stdout } = await run([
      ...BS,
      '--entity-type',
      'topics',
      '--entity-name',
      'nope',
      '--describe',
    ])
    expect([code, stdout]).toEqual([0, "The topic 'nope' doesn't exist and doesn't have dynamic config.\n"])
  })

  it('alters a topic with deletes then sets, and says so', async () => {
    const { code, stdout, h } = await run([
      ...BS,
      '--entity-type',
      'topics',
      '--entity-name',
      'orders',
      '--alter',
      '--add-config',
      'min.insync.replicas=2',
      '--delete-config',
      'retention.ms',
    ])
    expect([code, stdout]).toEqual([0, 'Completed updating config for topic orders.\n'])
    expect(h.admin.configChanges).toEqual([
      {
        resource: { type: 'topic', name: 'orders' },
        ops: [
          { op: 'DELETE', name: 'retention.ms' },
          { op: 'SET', name: 'min.insync.replicas', value: '2' },
        ],
      },
    ])
  })

  it('prints the failed future with its trace for an unknown config name', async () => {
    const argv = [
      ...BS,
      '--entity-type',
      'topics',
      '--entity-name',
      'orders',
      '--alter',
      '--add-config',
      'foo=bar',
    ]
    const { code, stderr } = await run(argv, (h) => {
      h.admin.alterConfigsError = new KafkaError(
        'org.apache.kafka.common.errors.InvalidConfigurationException',
        'Unknown topic config name: foo',
      )
    })
    expect([code, stderr]).toEqual([
      1,
      `Error while executing config command with args '${argv.join(' ')}'\n` +
        'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: foo\n' +
        'Caused by: org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: foo\n',
    ])
  })

  it.each([
    [['--delete-config', 'segment.ms'], 'Invalid config(s): segment.ms'],
    [
      ['--add-config', 'a'],
      'Invalid entity config: all configs to be added must be in the format "key=val" or  "key=[val1,val2]" to group values which contain commas.',
    ],
    [
      [],
      'At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter',
    ],
  ])('%j fails with its message alone', async (extra, message) => {
    const { code, stdout, stderr } = await run([...BS, '--topic', 'orders', '--alter', ...extra])
    expect([code, stdout, stderr]).toEqual([1, '', message + '\n'])
  })

  it('describes and alters broker defaults', async () => {
    const { stdout } = await run([...BS, '--entity-type', 'brokers', '--entity-default', '--describe'], (h) =>
      h.admin.resourceConfigs.set('broker:', []),
    )
    expect(stdout).toBe('Default configs for brokers in the cluster are:\n')
    const alter = await run(
      [...BS, '--broker-defaults', '--alter', '--add-config', 'log.retention.ms=1000'],
      (h) => h.admin.resourceConfigs.set('broker:', []),
    )
    expect(alter.stdout).toBe('Completed updating default config for brokers in the cluster.\n')
  })

  it('gives the usage text when no action is given', async () => {
    const { code, stderr } = await run([...BS, '--topic', 'orders'])
    expect([code, stderr.split('\n')[0]]).toEqual([
      1,
      'Command must include exactly one action: --describe, --alter',
    ])
  })
})

describe('kafka-topics --alter --partitions', () => {
  it('asks the controller for the new total and passes its refusal through', async () => {
    const h = harness()
    h.admin.addTopic('orders', 3)
    const argv = [...BS, '--alter', '--topic', 'orders', '--partitions', '6']
    expect(await kafkaTopics(argv, h.context)).toBe(0)
    expect(h.admin.partitionIncreases).toEqual([{ orders: 6 }])
    const message = 'The topic orders currently has 3 partition(s); 2 would not be an increase.'
    h.admin.createPartitionsError = new KafkaError(
      'org.apache.kafka.common.errors.InvalidPartitionsException',
      message,
    )
    expect(await kafkaTopics([...BS, '--alter', '--topic', 'orders', '--partitions', '2'], h.context)).toBe(1)
    expect(h.stdout()).toBe(`Error while executing topic command : ${message}\n`)
  })
})
