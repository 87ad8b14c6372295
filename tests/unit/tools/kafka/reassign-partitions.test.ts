// kafka-reassign-partitions against a fake Admin: the texts of Kafka 4.1's ReassignPartitionsCommand for
// --execute, --verify, --list, --cancel and --generate, its usage errors, and its JSON file errors.
import { describe, expect, it } from 'vitest'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { kafkaReassignPartitions } from '../../../../workers/tools/kafka/reassign-partitions-command.ts'
import { kafkaTopics } from '../../../../workers/tools/kafka/topic-command.ts'
import { ShellFiles } from '../../../../workers/tools/shell/shell-files.ts'
import { harness } from './fakes.ts'

const BOOT = ['--bootstrap-server', 'localhost:9092']
const MOVE = '{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[2,3]}]}'

function cluster(files: Record<string, string> = {}) {
  const h = harness()
  h.context.files = new ShellFiles()
  for (const [path, text] of Object.entries(files)) h.context.files.write(path, text)
  h.admin.cluster = {
    clusterId: 'c',
    controllerId: 1,
    nodes: [1, 2, 3].map((id) => ({ id, host: 'localhost', port: 9091 + id, rack: null })),
  }
  h.admin.addTopic('t', 2, [1, 2])
  return h
}

const run = (h: ReturnType<typeof cluster>, ...args: string[]) =>
  kafkaReassignPartitions([...BOOT, ...args], h.context)

describe('kafka-reassign-partitions --execute', () => {
  it('prints the rollback JSON, then starts the reassignment', async () => {
    const h = cluster({ 'reassign.json': MOVE })
    expect(await run(h, '--reassignment-json-file', 'reassign.json', '--execute')).toBe(0)
    expect(h.stdout()).toBe(
      'Current partition replica assignment\n\n' +
        '{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}\n\n' +
        'Save this to use as the --reassignment-json-file option during rollback\n' +
        'Successfully started partition reassignment for t-0\n',
    )
    expect(h.admin.reassignmentCalls).toEqual([[{ topic: 't', partition: 0, replicas: [2, 3] }]])
  })

  it('names several partitions sorted, and the throttle it was given', async () => {
    const json =
      '{"partitions":[{"topic":"t","partition":1,"replicas":[3]},{"topic":"t","partition":0,"replicas":[3]}]}'
    const h = cluster({ 'r.json': json })
    expect(await run(h, '--reassignment-json-file', 'r.json', '--execute', '--throttle', '50000')).toBe(0)
    expect(h.stdout()).toContain(
      'Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.\n' +
        'The inter-broker throttle limit was set to 50000 B/s\n' +
        'Successfully started partition reassignments for t-0,t-1\n',
    )
  })

  it.each<[string, string, string]>([
    [
      'an empty list',
      '{"version":1,"partitions":[]}',
      'org.apache.kafka.server.common.AdminCommandFailedException: Partition reassignment list cannot be empty',
    ],
    [
      'an empty replica list',
      '{"partitions":[{"topic":"t","partition":0,"replicas":[]}]}',
      'org.apache.kafka.server.common.AdminCommandFailedException: Partition replica list cannot be empty',
    ],
    [
      'an unknown broker',
      '{"partitions":[{"topic":"t","partition":0,"replicas":[2,9]}]}',
      'org.apache.kafka.server.common.AdminCommandFailedException: Unknown broker id 9',
    ],
    [
      'a version 2 file',
      '{"version":2,"partitions":[]}',
      'org.apache.kafka.server.common.AdminOperationException: Not supported version field value 2',
    ],
    [
      'a string partition',
      '{"partitions":[{"topic":"t","partition":"0","replicas":[1]}]}',
      'com.fasterxml.jackson.databind.JsonMappingException: Expected `Integer` value, received "0"',
    ],
    [
      'a missing replicas field',
      '{"partitions":[{"topic":"t","partition":0}]}',
      'com.fasterxml.jackson.databind.JsonMappingException: No such field exists: `replicas`',
    ],
    [
      'a JSON array',
      '[]',
      'com.fasterxml.jackson.databind.JsonMappingException: Expected JSON object, received []',
    ],
    [
      'an unknown partition',
      '{"partitions":[{"topic":"t","partition":5,"replicas":[1]}]}',
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: Unable to find partition: t-5\nCaused by: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: Unable to find partition: t-5',
    ],
    [
      'an unknown topic',
      '{"partitions":[{"topic":"x","partition":0,"replicas":[1]}]}',
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: Topic x not found.\nCaused by: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: Topic x not found.',
    ],
    [
      'duplicate partitions',
      '{"partitions":[{"topic":"t","partition":0,"replicas":[1]},{"topic":"t","partition":0,"replicas":[2]}]}',
      'org.apache.kafka.server.common.AdminCommandFailedException: Partition reassignment contains duplicate topic partitions: t-0',
    ],
    [
      'log dirs of another size',
      '{"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any"]}]}',
      'org.apache.kafka.server.common.AdminCommandFailedException: Size of replicas list [1, 2] is different from size of log dirs list [any] for partition t-0',
    ],
  ])('fails on %s with Error: and the exception', async (_name, json, trace) => {
    const h = cluster({ 'r.json': json })
    expect(await run(h, '--reassignment-json-file', 'r.json', '--execute')).toBe(1)
    const first = trace.split('\n')[0]!
    const message = first.slice(first.indexOf(': ') + 2)
    expect(h.stdout()).toBe(`Error: ${message}\n${trace}\n\n`)
    expect(h.admin.reassignmentCalls).toEqual([])
  })

  it('prints a missing file as NoSuchFileException', async () => {
    const h = cluster()
    expect(await run(h, '--reassignment-json-file', 'nope.json', '--execute')).toBe(1)
    expect(h.stdout()).toBe('Error: nope.json\njava.nio.file.NoSuchFileException: nope.json\n\n')
  })

  it('refuses to start beside an ongoing reassignment without --additional', async () => {
    const h = cluster({ 'r.json': MOVE })
    h.admin.ongoing = [
      { topic: 't', partition: 1, replicas: [3, 1, 2], addingReplicas: [3], removingReplicas: [1] },
    ]
    expect(await run(h, '--reassignment-json-file', 'r.json', '--execute')).toBe(1)
    expect(h.stdout()).toBe(
      'Cannot execute because there is an existing partition assignment.  Use --additional to override this and create a new partition assignment in addition to the existing one. The --additional flag can also be used to change the throttle by resubmitting the current reassignment.\n',
    )
  })

  it('lists the partitions the controller refused', async () => {
    const h = cluster({ 'r.json': MOVE })
    h.admin.reassignmentErrors.set(
      't-0',
      new KafkaError(
        'org.apache.kafka.common.errors.InvalidReplicaAssignmentException',
        'The manual partition assignment includes broker 3, but no such broker is registered.',
      ),
    )
    expect(await run(h, '--reassignment-json-file', 'r.json', '--execute')).toBe(1)
    expect(h.stdout()).toMatch(
      /rollback\nError reassigning partition\(s\):\nt-0: The manual partition assignment includes broker 3, but no such broker is registered.\n$/,
    )
  })
})

describe('kafka-reassign-partitions --verify, --list, --cancel', () => {
  it('reports each partition, a blank line, then clears throttles once nothing moves', async () => {
    const json =
      '{"partitions":[{"topic":"t","partition":1,"replicas":[1,2]},{"topic":"t","partition":0,"replicas":[2,3]},{"topic":"gone","partition":0,"replicas":[1]}]}'
    const h = cluster({ 'r.json': json })
    expect(await run(h, '--reassignment-json-file', 'r.json', '--verify')).toBe(0)
    expect(h.stdout()).toBe(
      'Status of partition reassignment:\n' +
        'There is no active reassignment of partition gone-0, but replica set is  rather than 1.\n' +
        'There is no active reassignment of partition t-0, but replica set is 1,2 rather than 2,3.\n' +
        'Reassignment of partition t-1 is completed.\n\n' +
        'Clearing broker-level throttles on brokers 1,2,3\n' +
        'Clearing topic-level throttles on topics t,gone\n',
    )
  })

  it('keeps throttles while a reassignment runs', async () => {
    const h = cluster({ 'r.json': MOVE })
    h.admin.ongoing = [
      { topic: 't', partition: 0, replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1] },
    ]
    expect(await run(h, '--reassignment-json-file', 'r.json', '--verify')).toBe(0)
    expect(h.stdout()).toBe(
      'Status of partition reassignment:\nReassignment of partition t-0 is still in progress.\n\n',
    )
  })

  it('lists ongoing reassignments with their adding and removing replicas', async () => {
    const h = cluster()
    expect(await run(h, '--list')).toBe(0)
    h.admin.ongoing = [
      { topic: 't', partition: 1, replicas: [1, 2, 3], addingReplicas: [3], removingReplicas: [] },
      { topic: 't', partition: 0, replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1] },
    ]
    expect(await run(h, '--list')).toBe(0)
    expect(h.stdout()).toBe(
      'No partition reassignments found.\nCurrent partition reassignments:\n' +
        't-0: replicas: 2,3,1. adding: 3. removing: 1.\nt-1: replicas: 1,2,3. adding: 3.\n',
    )
  })

  it('cancels the active ones, then prints the moves line without a line break', async () => {
    const h = cluster({ 'r.json': MOVE })
    h.admin.ongoing = [
      { topic: 't', partition: 0, replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1] },
    ]
    expect(await run(h, '--reassignment-json-file', 'r.json', '--cancel', '--preserve-throttles')).toBe(0)
    expect(h.stdout()).toBe(
      'Successfully cancelled partition reassignment for: t-0\nNone of the specified partition moves are active.',
    )
    expect(h.admin.reassignmentCalls).toEqual([[{ topic: 't', partition: 0, replicas: null }]])
  })
})

describe('kafka-reassign-partitions --generate', () => {
  it('prints the current and a proposed assignment over the listed brokers', async () => {
    const h = cluster({ 'topics.json': '{"topics":[{"topic":"t"}],"version":1}' })
    expect(
      await run(h, '--topics-to-move-json-file', 'topics.json', '--broker-list', '2,3', '--generate'),
    ).toBe(0)
    const [, current, , , proposed] = h.stdout().split('\n')
    expect(current).toBe(
      '{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any","any"]},{"topic":"t","partition":1,"replicas":[1,2],"log_dirs":["any","any"]}]}',
    )
    const parsed = JSON.parse(proposed ?? '') as { partitions: Array<{ replicas: number[] }> }
    expect(parsed.partitions.map((p) => [...p.replicas].sort())).toEqual([
      [2, 3],
      [2, 3],
    ])
    expect(parsed.partitions[0]?.replicas[0]).not.toBe(parsed.partitions[1]?.replicas[0])
  })

  it.each<[string, string, string]>([
    ['duplicate brokers', '1,1', 'Error: Broker list contains duplicate entries: [1]'],
    ['a bad broker id', '1,x', 'Error: For input string: "x"'],
    ['too few brokers', '3', 'Error: Replication factor: 2 larger than available brokers: 1.'],
  ])('fails on %s', async (_name, brokers, first) => {
    const h = cluster({ 'topics.json': '{"topics":[{"topic":"t"}]}' })
    expect(
      await run(h, '--topics-to-move-json-file', 'topics.json', '--broker-list', brokers, '--generate'),
    ).toBe(1)
    expect(h.stdout().split('\n')[0]).toBe(first)
  })

  it('answers a topics file that is not JSON', async () => {
    const h = cluster({ 'topics.json': '{topics' })
    await run(h, '--topics-to-move-json-file', 'topics.json', '--broker-list', '1', '--generate')
    expect(h.stdout()).toBe(
      'Error: The input string is not a valid JSON\norg.apache.kafka.server.common.AdminOperationException: The input string is not a valid JSON\n\n',
    )
  })
})

describe('kafka-reassign-partitions usage errors', () => {
  it.each<[string[], string]>([
    [[...BOOT], 'Command must include exactly one action: --generate, --execute, --verify, --cancel, --list'],
    [
      ['--list', '--execute'],
      'Command must include exactly one action: --generate, --execute, --verify, --cancel, --list',
    ],
    [['--list'], 'Please specify --bootstrap-server'],
    [[...BOOT, '--execute'], 'Missing required argument "[reassignment-json-file]"'],
    [[...BOOT, '--generate', '--broker-list', '1'], 'Missing required argument "[topics-to-move-json-file]"'],
    [
      [...BOOT, '--verify', '--reassignment-json-file', 'f', '--throttle', '5'],
      'Option "[throttle]" can\'t be used with action "[verify]"',
    ],
  ])('%j', async (argv, message) => {
    const h = cluster()
    expect(await kafkaReassignPartitions(argv, h.context)).toBe(1)
    expect(h.stderr().split('\n')[0]).toBe(message)
    expect(h.stderr()).toContain('--reassignment-json-file <String:')
  })
})

describe('kafka-topics --describe during a reassignment', () => {
  it('shows Adding and Removing Replicas after the Isr, and the replication factor without the adding ones', async () => {
    const h = cluster()
    h.admin.addTopic('m', 1, [2, 3, 1])
    h.admin.ongoing = [
      { topic: 'm', partition: 0, replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1] },
    ]
    expect(await kafkaTopics([...BOOT, '--describe', '--topic', 'm'], h.context)).toBe(0)
    expect(h.stdout()).toBe(
      'Topic: m\tTopicId: id-m\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: \n' +
        '\tTopic: m\tPartition: 0\tLeader: 2\tReplicas: 2,3,1\tIsr: 2,3,1\tAdding Replicas: 3\tRemoving Replicas: 1\tElr: \tLastKnownElr: \n',
    )
  })
})
