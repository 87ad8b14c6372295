// kafka-leader-election against a fake Admin: Kafka 4.1's LeaderElectionCommand output lines, the
// HashSet order of partitions (TopicPartition.hashCode: t-0 → 1077, t-1 → 1108, t-2 → 1139, buckets 5, 4,
// 3 of 16, so t-2 prints first), the AdminCommandFailedException texts of validate(), and the failure
// summary with suppressed exceptions.
import { describe, expect, it } from 'vitest'
import { kafkaLeaderElection } from '../../../../workers/tools/kafka/leader-election-command.ts'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import type { ElectionResult } from '../../../../workers/clients/kafka/api.ts'
import { harness } from './fakes.ts'

const B = ['--bootstrap-server', 'localhost:9092']
const AFE = 'org.apache.kafka.server.common.AdminCommandFailedException'

async function run(argv: string[], results: ElectionResult[] = []) {
  const h = harness()
  h.admin.electionResults = results
  const code = await kafkaLeaderElection(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), admin: h.admin }
}

const ok = (partition: number): ElectionResult => ({ topic: 't', partition, error: null })
const failed = (partition: number, name: string, message: string): ElectionResult => ({
  topic: 't',
  partition,
  error: new KafkaError(`org.apache.kafka.common.errors.${name}`, message),
})

describe('kafka-leader-election', () => {
  it('elects every partition (null) with a case-insensitive election type', async () => {
    const result = await run(
      [...B, '--election-type', 'preferred', '--all-topic-partitions'],
      [ok(0), ok(1), ok(2)],
    )
    expect(result.admin.elections).toEqual([{ electionType: 'PREFERRED', partitions: null }])
    expect(result).toMatchObject({
      code: 0,
      stderr: '',
      stdout: 'Successfully completed leader election (PREFERRED) for partitions t-2, t-1, t-0\n',
    })
  })

  it('reports a partition that needs no election', async () => {
    const result = await run(
      [...B, '--election-type', 'UNCLEAN', '--topic', 't', '--partition', '1'],
      [failed(1, 'ElectionNotNeededException', 'Leader election not needed for topic partition.')],
    )
    expect(result.admin.elections).toEqual([
      { electionType: 'UNCLEAN', partitions: [{ topic: 't', partition: 1 }] },
    ])
    expect(result).toMatchObject({ code: 0, stdout: 'Valid replica already elected for partitions t-1\n' })
  })

  it('prints each failure, then the summary and suppressed exceptions on stderr', async () => {
    const result = await run(
      [...B, '--election-type', 'preferred', '--all-topic-partitions'],
      [
        ok(0),
        failed(1, 'PreferredLeaderNotAvailableException', 'The preferred leader was not available.'),
        failed(2, 'UnknownTopicOrPartitionException', 'No such topic as t'),
      ],
    )
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      'Successfully completed leader election (PREFERRED) for partitions t-0\n' +
        'Error completing leader election (PREFERRED) for partition: t-2: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: No such topic as t\n' +
        'Error completing leader election (PREFERRED) for partition: t-1: org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: The preferred leader was not available.\n',
    )
    expect(result.stderr).toBe(
      '2 replica(s) could not be elected\n' +
        `${AFE}: 2 replica(s) could not be elected\n` +
        '\tSuppressed: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: No such topic as t\n' +
        '\tSuppressed: org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: The preferred leader was not available.\n\n',
    )
  })

  it('validates its options as LeaderElectionCommandOptions.validate does', async () => {
    const cases: Array<[string[], string]> = [
      [['--all-topic-partitions'], 'Missing required option(s): bootstrap-server, election-type'],
      [
        [...B, '--election-type', 'preferred'],
        'One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file',
      ],
      [[...B, '--election-type', 'preferred', '--topic', 't'], 'Missing required option(s): partition'],
      [
        [...B, '--election-type', 'preferred', '--all-topic-partitions', '--partition', '0'],
        'Option partition is only allowed if topic is used',
      ],
    ]
    for (const [argv, message] of cases) {
      expect(await run(argv)).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `${message}\n${AFE}: ${message}\n\n`,
      })
    }
  })

  it('fails on an unknown election type and on files the playground does not have', async () => {
    expect((await run([...B, '--election-type', 'leader', '--all-topic-partitions'])).stderr).toBe(
      "Cannot parse argument 'leader' of option election-type\n" +
        "joptsimple.OptionArgumentConversionException: Cannot parse argument 'leader' of option election-type\n" +
        'Caused by: joptsimple.ValueConversionException: Value [leader] is not one of [[PREFERRED,UNCLEAN]]\n\n',
    )
    expect((await run([...B, '--election-type', 'preferred', '--path-to-json-file', 'e.json'])).stderr).toBe(
      'java.nio.file.NoSuchFileException: e.json\n' +
        'java.lang.RuntimeException: java.nio.file.NoSuchFileException: e.json\n' +
        'Caused by: java.nio.file.NoSuchFileException: e.json\n\n',
    )
    expect(
      (
        await run([
          ...B,
          '--election-type',
          'preferred',
          '--all-topic-partitions',
          '--admin.config',
          'a.properties',
        ])
      ).stderr,
    ).toBe('a.properties\njava.nio.file.NoSuchFileException: a.properties\n\n')
  })

  it('prints the usage with no arguments, the enum pattern as the type', async () => {
    const { code, stderr } = await run([])
    expect(code).toBe(1)
    expect(stderr.split('\n')[0]).toBe(
      'This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are preferred replicas and unclean replicas.',
    )
    expect(stderr).toContain('--election-type <[PREFERRED,UNCLEAN]:')
  })

  it('says a timeout happened when the admin call times out', async () => {
    const h = harness()
    h.admin.electLeadersError = new KafkaError('org.apache.kafka.common.errors.TimeoutException', 'Timed out')
    expect(
      await kafkaLeaderElection([...B, '--election-type', 'preferred', '--all-topic-partitions'], h.context),
    ).toBe(1)
    expect(h.stdout()).toBe('Timeout waiting for election results\n')
    expect(h.stderr()).toBe(
      'Timeout waiting for election results\n' +
        `${AFE}: Timeout waiting for election results\n` +
        'Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out\n\n',
    )
  })
})
