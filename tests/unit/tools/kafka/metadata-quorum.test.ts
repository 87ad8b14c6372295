// kafka-metadata-quorum against a fake Admin: Kafka 4.1's MetadataQuorumCommand output for --status and
// --replication (prettyPrintTable: padded cells each followed by a tab), and its TerseException texts.
import { describe, expect, it } from 'vitest'
import { kafkaMetadataQuorum } from '../../../../workers/tools/kafka/metadata-quorum-command.ts'
import type { QuorumInfo } from '../../../../workers/clients/kafka/api.ts'
import { T0, harness } from './fakes.ts'

const quorum: QuorumInfo = {
  leaderId: 2,
  leaderEpoch: 3,
  highWatermark: 120,
  voters: [
    { replicaId: 1, logEndOffset: 118, lastFetchTimestamp: T0 - 40, lastCaughtUpTimestamp: T0 - 500 },
    { replicaId: 2, logEndOffset: 120, lastFetchTimestamp: T0, lastCaughtUpTimestamp: T0 },
    { replicaId: 3, logEndOffset: 120, lastFetchTimestamp: T0 - 10, lastCaughtUpTimestamp: T0 - 10 },
  ],
  observers: [{ replicaId: 4, logEndOffset: 100, lastFetchTimestamp: T0 - 5, lastCaughtUpTimestamp: -1 }],
  nodes: {
    1: ['CONTROLLER://localhost:19092'],
    2: ['CONTROLLER://localhost:19093'],
    3: ['CONTROLLER://localhost:19094'],
  },
}

async function run(...argv: string[]) {
  const h = harness()
  h.admin.quorum = quorum
  const code = await kafkaMetadataQuorum(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr() }
}

describe('kafka-metadata-quorum', () => {
  it('describe --status prints the summary with the lagging voter', async () => {
    const result = await run('--bootstrap-server', 'localhost:9092', 'describe', '--status')
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'ClusterId:              c\n' +
        'LeaderId:               2\n' +
        'LeaderEpoch:            3\n' +
        'HighWatermark:          120\n' +
        'MaxFollowerLag:         2\n' +
        'MaxFollowerLagTimeMs:   500\n' +
        'CurrentVoters:          [{"id": 1, "directoryId": null, "endpoints": ["CONTROLLER://localhost:19092"]}, ' +
        '{"id": 2, "directoryId": null, "endpoints": ["CONTROLLER://localhost:19093"]}, ' +
        '{"id": 3, "directoryId": null, "endpoints": ["CONTROLLER://localhost:19094"]}]\n' +
        'CurrentObservers:       [{"id": 4, "directoryId": null}]\n',
    })
  })

  it('describe --replication prints leader, followers and observers as a padded table', async () => {
    const result = await run('--bootstrap-server', 'localhost:9092', 'describe', '--replication')
    const row = (cells: string[]) => cells.join('\t') + '\t\n'
    expect(result.stdout).toBe(
      row([
        'NodeId',
        'DirectoryId           ',
        'LogEndOffset',
        'Lag',
        'LastFetchTimestamp',
        'LastCaughtUpTimestamp',
        'Status  ',
      ]) +
        row([
          '2     ',
          'AAAAAAAAAAAAAAAAAAAAAA',
          '120         ',
          '0  ',
          String(T0).padEnd(18),
          `${T0}`.padEnd(21),
          'Leader  ',
        ]) +
        row([
          '1     ',
          'AAAAAAAAAAAAAAAAAAAAAA',
          '118         ',
          '2  ',
          String(T0 - 40).padEnd(18),
          `${T0 - 500}`.padEnd(21),
          'Follower',
        ]) +
        row([
          '3     ',
          'AAAAAAAAAAAAAAAAAAAAAA',
          '120         ',
          '0  ',
          String(T0 - 10).padEnd(18),
          `${T0 - 10}`.padEnd(21),
          'Follower',
        ]) +
        row([
          '4     ',
          'AAAAAAAAAAAAAAAAAAAAAA',
          '100         ',
          '20 ',
          String(T0 - 5).padEnd(18),
          '-1                   ',
          'Observer',
        ]),
    )
  })

  it('--human-readable shows how long ago', async () => {
    const result = await run(
      '--bootstrap-server',
      'localhost:9092',
      'describe',
      '--replication',
      '--human-readable',
    )
    expect(result.stdout.split('\n')[2]).toBe(
      '1     \tAAAAAAAAAAAAAAAAAAAAAA\t118         \t2  \t40 ms ago         \t500 ms ago           \tFollower\t',
    )
  })

  it('answers the TerseException texts', async () => {
    expect(await run('--bootstrap-server', 'localhost:9092', 'describe')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'One of --status or --replication must be specified with describe sub-command\n',
    })
    expect((await run('--bootstrap-server', 'x:1', 'describe', '--status', '--replication')).stderr).toBe(
      'Only one of --status or --replication should be specified with describe sub-command\n',
    )
    expect((await run('--bootstrap-server', 'x:1', 'describe', '--status', '--human-readable')).stderr).toBe(
      'The option --human-readable is only supported along with --replication\n',
    )
  })
})
