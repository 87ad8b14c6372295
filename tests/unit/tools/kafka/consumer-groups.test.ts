// kafka-consumer-groups against a fake Admin. Expected layouts follow Kafka 4.1's ConsumerGroupCommand
// (printOffsets, printMembers, printStates, printGroupInfo, printOffsetsToReset, deleteGroups) and
// ConsumerGroupCommandOptions.checkArgs; `row` is Java's `%-Ns` joined by spaces, the last cell unpadded.
import { describe, expect, it } from 'vitest'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import type { ConsumerGroupDescription } from '../../../../workers/clients/kafka/api.ts'
import { kafkaConsumerGroups } from '../../../../workers/tools/kafka/consumer-group-command.ts'
import { TS, harness } from './fakes.ts'

const BS = ['--bootstrap-server', 'localhost:9092']
const row = (cells: (string | number)[], widths: number[]): string =>
  cells.map((cell, i) => String(cell).padEnd(widths[i] ?? 0)).join(' ')
const OFFSET_WIDTHS = [15, 15, 10, 15, 15, 15, 15, 15, 0]
const HEADER = row(
  [
    'GROUP',
    'TOPIC',
    'PARTITION',
    'CURRENT-OFFSET',
    'LOG-END-OFFSET',
    'LAG',
    'CONSUMER-ID',
    'HOST',
    'CLIENT-ID',
  ],
  OFFSET_WIDTHS,
)

function group(
  id: string,
  state: ConsumerGroupDescription['state'],
  partitions: number[] = [],
): ConsumerGroupDescription {
  return {
    groupId: id,
    isSimpleConsumerGroup: false,
    members:
      partitions.length === 0
        ? []
        : [
            {
              memberId: 'consumer-1-abc',
              groupInstanceId: null,
              clientId: 'consumer-1',
              host: '/127.0.0.1',
              assignment: partitions.map((partition) => ({ topic: 'orders', partition })),
              memberEpoch: null,
              targetAssignment: null,
            },
          ],
    partitionAssignor: partitions.length === 0 ? '' : 'range',
    state,
    coordinator: { id: 2, host: 'localhost', port: 9094, rack: null },
    type: 'classic',
    groupEpoch: null,
    targetAssignmentEpoch: null,
  }
}

function setup(h: ReturnType<typeof harness>): void {
  h.admin.addTopic('orders', 3)
  h.admin.groups.set('g1', group('g1', 'Stable', [0, 1]))
  h.admin.groups.set('idle', group('idle', 'Empty'))
  const commit = (partition: number, offset: number) => ({
    topic: 'orders',
    partition,
    offset,
    metadata: '',
    leaderEpoch: 0,
  })
  h.admin.committed.set('g1', [commit(0, 5), commit(1, 3), commit(2, 7)])
  h.admin.committed.set('idle', [commit(0, 2)])
  for (const [partition, start, end] of [
    [0, 0, 10],
    [1, 1, 3],
    [2, 4, 9],
  ] as const) {
    h.admin.logStart.set(`orders-${partition}`, start)
    h.admin.logEnd.set(`orders-${partition}`, end)
  }
}

async function run(argv: string[], extra: (h: ReturnType<typeof harness>) => void = () => undefined) {
  const h = harness()
  setup(h)
  extra(h)
  const code = await kafkaConsumerGroups(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), h }
}

describe('kafka-consumer-groups --list', () => {
  it('prints the ids, or a GROUP/STATE table filtered by state', async () => {
    expect((await run([...BS, '--list'])).stdout).toBe('g1\nidle\n')
    const { stdout } = await run([...BS, '--list', '--state', 'EMPTY'])
    expect(stdout).toBe(`${row(['GROUP', 'STATE'], [25, 20])}\n${row(['idle', 'Empty'], [25, 20])}\n`)
  })

  it('rejects an unknown state with the usage text', async () => {
    const { code, stderr } = await run([...BS, '--list', '--state', 'nope'])
    expect(code).toBe(1)
    expect(stderr.split('\n')[0]).toBe(
      "Invalid state list 'nope'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling",
    )
  })
})

describe('kafka-consumer-groups --describe', () => {
  it('prints assigned partitions, then committed ones without a member', async () => {
    const { code, stdout, stderr } = await run([...BS, '--describe', '--group', 'g1'])
    expect([code, stderr]).toEqual([0, ''])
    expect(stdout).toBe(
      '\n' +
        HEADER +
        '\n' +
        row(['g1', 'orders', 0, 5, 10, 5, 'consumer-1-abc', '/127.0.0.1', 'consumer-1'], OFFSET_WIDTHS) +
        '\n' +
        row(['g1', 'orders', 1, 3, 3, 0, 'consumer-1-abc', '/127.0.0.1', 'consumer-1'], OFFSET_WIDTHS) +
        '\n' +
        row(['g1', 'orders', 2, 7, 9, 2, '-', '-', '-'], OFFSET_WIDTHS) +
        '\n',
    )
  })

  it('says an empty group has no active members (stderr) and still prints its offsets', async () => {
    const { stdout, stderr } = await run([...BS, '--describe', '--group', 'idle'])
    expect(stderr).toBe("\nConsumer group 'idle' has no active members.\n")
    expect(stdout).toBe(
      '\n' + HEADER + '\n' + row(['idle', 'orders', 0, 2, 10, 8, '-', '-', '-'], OFFSET_WIDTHS) + '\n',
    )
  })

  it('reports a Dead group as not existing, and an unknown one as the failed future', async () => {
    const dead = await run([...BS, '--describe', '--group', 'gone'], (h) =>
      h.admin.groups.set('gone', group('gone', 'Dead')),
    )
    expect([dead.code, dead.stdout]).toEqual([0, "\nError: Consumer group 'gone' does not exist.\n"])
    const unknown = await run([...BS, '--describe', '--group', 'nope'])
    expect(unknown.code).toBe(0)
    expect(unknown.stdout).toBe(
      '\nError: Executing consumer group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: Group nope not found.\n',
    )
    expect(unknown.stderr).toBe(
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupIdNotFoundException: Group nope not found.\n' +
        'Caused by: org.apache.kafka.common.errors.GroupIdNotFoundException: Group nope not found.\n',
    )
  })

  it('prints members (with --verbose assignments) and the state line', async () => {
    const members = await run([...BS, '--describe', '--group', 'g1', '--members', '--verbose'])
    const widths = [15, 15, 15, 15, 15]
    const verbose = [15, 20, 15, 20]
    expect(members.stdout).toBe(
      '\n' +
        row(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS'], widths) +
        ' ' +
        row(['CURRENT-EPOCH', 'CURRENT-ASSIGNMENT', 'TARGET-EPOCH', 'TARGET-ASSIGNMENT'], verbose) +
        '\n' +
        row(['g1', 'consumer-1-abc', '/127.0.0.1', 'consumer-1', 2], widths) +
        ' ' +
        row(['-', 'orders:0,1', '-', '-'], verbose) +
        '\n',
    )
    const state = await run([...BS, '--describe', '--group', 'g1', '--state'])
    const stateWidths = [15, 25, 20, 20, 0]
    expect(state.stdout).toBe(
      '\n' +
        row(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'], stateWidths) +
        '\n' +
        row(['g1', 'localhost:9094  (2)', 'range', 'Stable', 1], stateWidths) +
        '\n',
    )
  })
})

describe('kafka-consumer-groups --describe of a consumer-protocol group', () => {
  it('prints member epochs and target assignments (--members --verbose), the group epochs (--state --verbose)', async () => {
    const consumerGroup: ConsumerGroupDescription = {
      ...group('cg', 'Reconciling'),
      members: [
        {
          memberId: 'm1',
          groupInstanceId: null,
          clientId: 'consumer-cg-1',
          host: '/127.0.0.1',
          assignment: [0, 1].map((partition) => ({ topic: 'orders', partition })),
          memberEpoch: 4,
          targetAssignment: [{ topic: 'orders', partition: 0 }],
        },
      ],
      partitionAssignor: 'uniform',
      type: 'consumer',
      groupEpoch: 5,
      targetAssignmentEpoch: 5,
    }
    const withGroup = (h: ReturnType<typeof harness>) => void h.admin.groups.set('cg', consumerGroup)
    const members = await run([...BS, '--describe', '--group', 'cg', '--members', '--verbose'], withGroup)
    const widths = [15, 15, 15, 15, 15]
    const verbose = [15, 20, 15, 20]
    expect(members.stderr).toBe("\nWarning: Consumer group 'cg' is rebalancing.\n")
    expect(members.stdout).toBe(
      '\n' +
        row(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS'], widths) +
        ' ' +
        row(['CURRENT-EPOCH', 'CURRENT-ASSIGNMENT', 'TARGET-EPOCH', 'TARGET-ASSIGNMENT'], verbose) +
        '\n' +
        row(['cg', 'm1', '/127.0.0.1', 'consumer-cg-1', 2], widths) +
        ' ' +
        row([4, 'orders:0,1', 5, 'orders:0'], verbose) +
        '\n',
    )
    const state = await run([...BS, '--describe', '--group', 'cg', '--state', '--verbose'], withGroup)
    const stateWidths = [15, 25, 20, 20, 15, 25, 0]
    expect(state.stdout).toBe(
      '\n' +
        row(
          [
            'GROUP',
            'COORDINATOR (ID)',
            'ASSIGNMENT-STRATEGY',
            'STATE',
            'GROUP-EPOCH',
            'TARGET-ASSIGNMENT-EPOCH',
            '#MEMBERS',
          ],
          stateWidths,
        ) +
        '\n' +
        row(['cg', 'localhost:9094  (2)', 'uniform', 'Reconciling', 5, 5, 1], stateWidths) +
        '\n',
    )
  })
})

describe('kafka-consumer-groups --reset-offsets', () => {
  const PLAN = [30, 30, 10, 15]
  const plan = (rows: (string | number)[][]) =>
    '\n' +
    row(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], PLAN) +
    rows.map((r) => '\n' + row(r, PLAN)).join('') +
    '\n'

  it('plans --to-earliest as a dry run, warning when neither --dry-run nor --execute is given', async () => {
    const { code, stdout, stderr, h } = await run([
      ...BS,
      '--reset-offsets',
      '--group',
      'idle',
      '--topic',
      'orders',
      '--to-earliest',
    ])
    expect(code).toBe(0)
    expect(stderr).toMatch(
      /^WARN: No action will be performed as the --execute option is missing\.In a future major release/,
    )
    expect(stdout).toBe(
      plan([
        ['idle', 'orders', 0, 0],
        ['idle', 'orders', 1, 1],
        ['idle', 'orders', 2, 4],
      ]),
    )
    expect(h.admin.altered).toEqual([])
  })

  it('executes --shift-by, clamping into the log with a WARN line', async () => {
    const { stdout, stderr, h } = await run([
      ...BS,
      '--reset-offsets',
      '--group',
      'idle',
      '--topic',
      'orders:0',
      '--shift-by',
      '20',
      '--execute',
    ])
    expect(stderr).toBe(
      `${TS} WARN New offset (22) is higher than latest offset for topic partition orders-0. Value will be set to 10. (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand)\n`,
    )
    expect(stdout).toBe(plan([['idle', 'orders', 0, 10]]))
    expect(h.admin.altered).toEqual([
      {
        group: 'idle',
        offsets: [{ topic: 'orders', partition: 0, offset: 10, metadata: '', leaderEpoch: null }],
      },
    ])
  })

  it('resolves --to-datetime and --by-duration through ListOffsets by timestamp', async () => {
    const seen: number[] = []
    const spy = (h: ReturnType<typeof harness>) => {
      h.admin.byTimestamp = (_, timestamp) => (seen.push(timestamp), 6)
    }
    const at = await run(
      [
        ...BS,
        '--reset-offsets',
        '--group',
        'idle',
        '--topic',
        'orders:1',
        '--to-datetime',
        '2024-05-01T09:00:00.000',
        '--dry-run',
      ],
      spy,
    )
    expect(at.stdout).toBe(plan([['idle', 'orders', 1, 6]]))
    await run(
      [
        ...BS,
        '--reset-offsets',
        '--group',
        'idle',
        '--topic',
        'orders:1',
        '--by-duration',
        'PT1H',
        '--dry-run',
      ],
      spy,
    )
    expect(seen).toEqual([Date.UTC(2024, 4, 1, 9), Date.UTC(2024, 4, 1, 9, 0, 0, 123)])
  })

  it('refuses an active group but still prints the plan header', async () => {
    const { stdout } = await run([
      ...BS,
      '--reset-offsets',
      '--group',
      'g1',
      '--all-topics',
      '--to-latest',
      '--dry-run',
    ])
    expect(stdout).toBe(
      "\nError: Assignments can only be reset if the group 'g1' is inactive, but the current state is Stable.\n" +
        '\n' +
        row(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], PLAN) +
        '\n',
    )
  })

  it('requires a scope and a scenario, with the usage text', async () => {
    const noScope = await run([...BS, '--reset-offsets', '--group', 'idle', '--to-latest', '--dry-run'])
    expect([noScope.code, noScope.stderr.split('\n')[0]]).toEqual([
      1,
      'One of the reset scopes should be defined: --all-topics, --topic.',
    ])
    const noScenario = await run([...BS, '--reset-offsets', '--group', 'idle', '--all-topics', '--dry-run'])
    expect(noScenario.stderr.split('\n')[0]).toBe(
      "Option '[reset-offsets]' requires one of the following scenarios: [[to-offset], [shift-by], [to-datetime], [by-duration], [to-earliest], [to-latest], [to-current], [from-file]]",
    )
  })
})

describe('kafka-consumer-groups --delete and usage', () => {
  it('deletes, and lists the groups that could not be deleted', async () => {
    expect((await run([...BS, '--delete', '--group', 'idle'])).stdout).toBe(
      "Deletion of requested consumer groups ('idle') was successful.\n",
    )
    const { code, stdout } = await run([...BS, '--delete', '--group', 'g1', '--group', 'idle'], (h) =>
      h.admin.deleteGroupErrors.set(
        'g1',
        new KafkaError('org.apache.kafka.common.errors.GroupNotEmptyException', 'The group is not empty.'),
      ),
    )
    expect(code).toBe(0)
    expect(stdout).toBe(
      '\nError: Deletion of some consumer groups failed:\n' +
        "* Group 'g1' could not be deleted due to: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n" +
        "\nThese consumer groups were deleted successfully: 'idle'\n",
    )
  })

  it.each([
    [
      [...BS],
      'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets',
    ],
    [['--list'], 'Missing required argument "[bootstrap-server]"'],
    [[...BS, '--describe'], 'Option [describe] takes one of these options: [group], [all-groups]'],
    [
      [...BS, '--describe', '--group', 'g', '--members', '--state'],
      'Option [describe] takes at most one of these options: [members], [offsets], [state]',
    ],
    [
      [...BS, '--reset-offsets', '--group', 'g', '--dry-run', '--execute'],
      'Option [reset-offsets] only accepts one of [execute] and [dry-run]',
    ],
    [
      [...BS, '--delete', '--group', 'g', '--topic', 't'],
      'The consumer does not support topic-specific offset deletion from a consumer group.',
    ],
    [[...BS, '--list', '--group', 'g'], 'Option "[group]" can\'t be used with option "[list]"'],
  ])('%j is a usage error', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv)
    expect([code, stdout, stderr.split('\n')[0]]).toEqual([1, '', message])
    expect(stderr).toContain('\nOption                                  ')
  })

  it('lets an unavailable option escape main as joptsimple throws it', async () => {
    const { code, stderr } = await run([...BS, '--list', '--members'])
    expect([code, stderr]).toEqual([
      1,
      'Exception in thread "main" joptsimple.UnavailableOptionException: Option(s) [members] are unavailable given other options on the command line\n' +
        '\tat joptsimple.OptionParser.ensureAllowedOptions(OptionParser.java:434)\n' +
        '\tat joptsimple.OptionParser.parse(OptionParser.java:401)\n',
    ])
  })
})
