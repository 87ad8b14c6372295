// kafka-groups.sh against Kafka 4.1's GroupsCommand: the GROUP / TYPE / PROTOCOL table (columns of at least
// 20, rows ending in a space), its filters, and its usage and argument errors.
import { describe, expect, it } from 'vitest'
import { KafkaError, type ConsumerGroupListing } from '../../../../workers/clients/kafka/api.ts'
import { runKafkaTool } from '../../../../workers/tools/kafka/index.ts'
import { harness, TS } from './fakes.ts'

const LISTINGS: ConsumerGroupListing[] = [
  { groupId: 'billing', isSimpleConsumerGroup: false, state: 'Stable', type: 'consumer' },
  { groupId: 'shipping', isSimpleConsumerGroup: false, state: 'Empty', type: 'classic' },
  { groupId: 'audit', isSimpleConsumerGroup: true, state: 'Empty', type: 'classic' },
]

async function run(argv: string[], listings = LISTINGS) {
  const h = harness()
  h.admin.listConsumerGroups = () => Promise.resolve(listings)
  const code = await runKafkaTool(
    'kafka-groups.sh',
    ['--bootstrap-server', 'localhost:9092', ...argv],
    h.context,
  )
  return { code, stdout: h.stdout(), stderr: h.stderr(), admin: h.admin }
}

const HEADER = 'GROUP                TYPE                 PROTOCOL            \n'

describe('kafka-groups.sh --list', () => {
  it('lists every group with its type and protocol (empty for a simple group)', async () => {
    const { code, stdout, admin } = await run(['--list'])
    expect(code).toBe(0)
    expect(stdout).toBe(
      HEADER +
        'billing              Consumer             consumer             \n' +
        'shipping             Classic              consumer             \n' +
        'audit                Classic                                   \n',
    )
    expect(admin.closed).toBe(true)
  })

  it('widens every column to the longest cell', async () => {
    const { stdout } = await run(
      ['--list'],
      [
        {
          groupId: 'a-rather-long-group-name',
          isSimpleConsumerGroup: false,
          state: 'Stable',
          type: 'consumer',
        },
      ],
    )
    expect(stdout).toBe(
      'GROUP                    TYPE                     PROTOCOL                \n' +
        'a-rather-long-group-name Consumer                 consumer                 \n',
    )
  })

  it.each([
    [['--group-type', 'consumer'], ['billing']],
    [
      ['--group-type', 'CLASSIC'],
      ['shipping', 'audit'],
    ],
    [['--group-type', 'classic', '--protocol', 'consumer'], ['shipping']],
    [
      ['--protocol', 'consumer'],
      ['billing', 'shipping'],
    ],
    [['--protocol', ''], ['audit']],
    [['--consumer'], ['billing', 'shipping', 'audit']],
    [['--share'], []],
    [['--streams'], []],
    [['--group-type', 'share'], []],
  ])('filters with %j', async (filter, groups) => {
    const { code, stdout } = await run(['--list', ...filter])
    expect(code).toBe(0)
    expect(
      stdout
        .split('\n')
        .slice(1, -1)
        .map((line) => line.split(' ')[0]),
    ).toEqual(groups)
    expect(stdout.startsWith(HEADER)).toBe(true)
  })

  it('refuses an unknown --group-type with an IllegalArgumentException and its trace', async () => {
    const { code, stdout, stderr } = await run(['--list', '--group-type', 'unknown'])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      '--group-type must be a valid group type.\n' +
        'java.lang.IllegalArgumentException: --group-type must be a valid group type.\n\n',
    )
  })

  it('prints a failed listing on stdout and logs its trace', async () => {
    const h = harness()
    h.admin.listConsumerGroups = () =>
      Promise.reject(
        new KafkaError(
          'org.apache.kafka.common.errors.TimeoutException',
          'Timed out waiting for a node assignment.',
        ),
      )
    const code = await runKafkaTool('kafka-groups.sh', ['--bootstrap-server', 'b', '--list'], h.context)
    expect(code).toBe(1)
    expect(h.stdout()).toBe(
      'Error while executing groups command : Timed out waiting for a node assignment.\n',
    )
    expect(h.stderr()).toBe(
      `${TS} ERROR org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.\n` +
        ' (org.apache.kafka.tools.GroupsCommand)\n',
    )
  })
})

describe('kafka-groups.sh usage', () => {
  const firstLines = (text: string) => text.split('\n').slice(0, 4)

  it('needs --bootstrap-server (a joptsimple required option, marked in the help table)', async () => {
    const h = harness()
    expect(await runKafkaTool('kafka-groups.sh', [], h.context)).toBe(1)
    expect(firstLines(h.stderr())).toEqual([
      'Missing required option(s) [bootstrap-server]',
      'Option (* = required)                 Description                            ',
      '---------------------                 -----------                            ',
      '* --bootstrap-server <String: server  REQUIRED: The Kafka server to connect  ',
    ])
  })

  it('needs exactly the --list action', async () => {
    const { code, stderr } = await run([])
    expect(code).toBe(1)
    expect(firstLines(stderr)[0]).toBe('Command must include exactly one action: --list.')
  })

  it('refuses filters that exclude each other', async () => {
    expect(firstLines((await run(['--list', '--consumer', '--share'])).stderr)[0]).toBe(
      'Option "[consumer]" can\'t be used with option "[share]"',
    )
    expect(firstLines((await run(['--list', '--streams', '--protocol', 'x'])).stderr)[0]).toBe(
      'Option "[streams]" can\'t be used with option "[protocol]"',
    )
  })

  it('prints its usage for --help and the version for --version, without a bootstrap server', async () => {
    const help = harness()
    expect(await runKafkaTool('kafka-groups.sh', ['--help'], help.context)).toBe(1)
    expect(firstLines(help.stderr())[0]).toBe('This tool helps to list groups of all types.')
    const version = harness()
    expect(await runKafkaTool('kafka-groups.sh', ['--version'], version.context)).toBe(0)
    expect(version.stdout()).toBe('4.1.0\n')
  })
})
