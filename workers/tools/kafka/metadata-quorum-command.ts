/**
 * kafka-metadata-quorum.sh (MetadataQuorumCommand of Kafka 4.1): `--bootstrap-server host:port describe
 * --status` prints the quorum summary, `describe --replication [--human-readable]` one row per voter and
 * observer (leader first) in ToolsUtils.prettyPrintTable's layout: every cell padded to its column's width
 * and followed by a tab. The playground's voters are static (controller.quorum.voters), so they have no
 * directory id: `"directoryId": null` in the summary and the zero Uuid in the table. TerseExceptions
 * print their message alone, other failures their message and stack trace, on stderr with exit 1.
 */
import type { QuorumInfo, QuorumReplicaState } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import { ArgumentParserError } from './argparse.ts'
import { futureGet, TerseException } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'
import { prettyPrintTable } from './tools-utils.ts'
import { clientLog } from './tool-log.ts'

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA'
const USAGE =
  'usage: kafka-metadata-quorum [-h] (--bootstrap-server BOOTSTRAP_SERVER |\n' +
  '                             --bootstrap-controller BOOTSTRAP_CONTROLLER)\n' +
  '                             [--command-config COMMAND_CONFIG]\n' +
  '                             {describe,add-controller,remove-controller} ...\n'

/** argparse4j's rejection of the command line, with the tool's usage. */
function argumentError(message: string): ArgumentParserError {
  return new ArgumentParserError(USAGE, 'kafka-metadata-quorum', message)
}

interface Arguments {
  bootstrap: string
  command: string
  status: boolean
  replication: boolean
  humanReadable: boolean
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = {
    bootstrap: '',
    command: '',
    status: false,
    replication: false,
    humanReadable: false,
  }
  let hasBootstrap = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--bootstrap-server' || arg === '--bootstrap-controller') {
      const value = argv[++i]
      if (value === undefined) throw argumentError(`argument ${arg}: expected one argument`)
      args.bootstrap = value
      hasBootstrap = true
    } else if (args.command === 'describe' && arg === '--status') args.status = true
    else if (args.command === 'describe' && arg === '--replication') args.replication = true
    else if (args.command === 'describe' && arg === '--human-readable') args.humanReadable = true
    else if (args.command === '' && ['describe', 'add-controller', 'remove-controller'].includes(arg))
      args.command = arg
    else if (args.command === '' && !arg.startsWith('-'))
      throw argumentError(
        `argument {describe,add-controller,remove-controller}: invalid choice: '${arg}' (choose from 'describe', 'add-controller', 'remove-controller')`,
      )
    else throw argumentError(`unrecognized arguments: '${arg}'`)
  }
  if (!hasBootstrap)
    throw argumentError('one of the arguments --bootstrap-server --bootstrap-controller is required')
  if (args.command === '') throw argumentError('too few arguments')
  return args
}

function replicaNode(info: QuorumInfo, replica: QuorumReplicaState): string {
  const endpoints = info.nodes[replica.replicaId] ?? []
  const listed = endpoints.length === 0 ? '' : `, "endpoints": [${endpoints.map((e) => `"${e}"`).join(', ')}]`
  return `{"id": ${replica.replicaId}, "directoryId": null${listed}}`
}

function statusText(clusterId: string, info: QuorumInfo): string {
  const leader = info.voters.find((voter) => voter.replicaId === info.leaderId)
  if (!leader) throw new Error('No value present')
  const maxLag = info.voters.reduce((min, voter) => (voter.logEndOffset < min.logEndOffset ? voter : min))
  const lagTimeMs =
    maxLag === leader
      ? 0
      : leader.lastCaughtUpTimestamp >= 0 && maxLag.lastCaughtUpTimestamp >= 0
        ? leader.lastCaughtUpTimestamp - maxLag.lastCaughtUpTimestamp
        : -1
  const list = (replicas: QuorumReplicaState[]): string =>
    `[${replicas.map((replica) => replicaNode(info, replica)).join(', ')}]`
  return (
    `ClusterId:              ${clusterId}\n` +
    `LeaderId:               ${info.leaderId}\n` +
    `LeaderEpoch:            ${info.leaderEpoch}\n` +
    `HighWatermark:          ${info.highWatermark}\n` +
    `MaxFollowerLag:         ${leader.logEndOffset - maxLag.logEndOffset}\n` +
    `MaxFollowerLagTimeMs:   ${lagTimeMs}\n` +
    `CurrentVoters:          ${list(info.voters)}\n` +
    `CurrentObservers:       ${list(info.observers)}\n`
  )
}

/** MetadataQuorumCommand.relativeTimeMs: refuses a timestamp that is not between the epoch and now. */
function relativeTimeMs(timestamp: number, now: number, description: string): number {
  if (!(timestamp > 0 && timestamp <= now)) {
    throw new Error(
      `Error while computing relative time, possible drift in system clock.\n` +
        `Current timestamp is ${now}, ${description} timestamp is ${timestamp}`,
    )
  }
  return now - timestamp
}

function replicationText(info: QuorumInfo, humanReadable: boolean, now: number): string {
  const leader = info.voters.find((voter) => voter.replicaId === info.leaderId)
  if (!leader) throw new Error('No value present')
  const time = (timestamp: number, description: string): string =>
    timestamp < 0
      ? '-1'
      : humanReadable
        ? `${relativeTimeMs(timestamp, now, description)} ms ago`
        : String(timestamp)
  const rows = (replicas: QuorumReplicaState[], status: string): string[][] =>
    replicas.map((replica) => [
      String(replica.replicaId),
      ZERO_UUID,
      String(replica.logEndOffset),
      String(leader.logEndOffset - replica.logEndOffset),
      time(replica.lastFetchTimestamp, 'last fetch'),
      time(replica.lastCaughtUpTimestamp, 'last caught up'),
      status,
    ])
  const headers = [
    'NodeId',
    'DirectoryId',
    'LogEndOffset',
    'Lag',
    'LastFetchTimestamp',
    'LastCaughtUpTimestamp',
    'Status',
  ]
  return prettyPrintTable(headers, [
    ...rows([leader], 'Leader'),
    ...rows(
      info.voters.filter((voter) => voter.replicaId !== info.leaderId),
      'Follower',
    ),
    ...rows(info.observers, 'Observer'),
  ])
}

async function execute(args: Arguments, context: ToolContext): Promise<void> {
  const admin = context.kafka.admin(args.bootstrap, clientLog(context))
  try {
    if (args.command !== 'describe') {
      throw new TerseException(
        `[playground] kafka-metadata-quorum ${args.command} is not supported: the playground's controller quorum has a fixed voter set.`,
      )
    }
    if (args.status && args.replication)
      throw new TerseException(
        'Only one of --status or --replication should be specified with describe sub-command',
      )
    if (args.replication) {
      const info = await futureGet(admin.describeMetadataQuorum())
      context.out.stdout(replicationText(info, args.humanReadable, context.clock.now()))
    } else if (args.status) {
      if (args.humanReadable)
        throw new TerseException('The option --human-readable is only supported along with --replication')
      const clusterId = (await futureGet(admin.describeCluster())).clusterId
      context.out.stdout(statusText(clusterId, await futureGet(admin.describeMetadataQuorum())))
    } else {
      throw new TerseException('One of --status or --replication must be specified with describe sub-command')
    }
  } finally {
    await admin.close()
  }
}

export const kafkaMetadataQuorum: Tool = (argv, context) =>
  runToolMain(context.out, () => execute(parseArguments(argv), context), {
    uncaught: (exception) => `${exception.javaMessage ?? ''}\n${exception.stackTrace()}`,
  })
