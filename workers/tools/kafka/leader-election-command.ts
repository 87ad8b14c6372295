/**
 * kafka-leader-election.sh (LeaderElectionCommand of Kafka 4.1): Admin.electLeaders for one partition
 * (--topic and --partition) or all (--all-topic-partitions), then on stdout `Successfully completed leader
 * election (PREFERRED) for partitions t-0, t-1`, `Valid replica already elected for partitions ...` (the
 * ElectionNotNeeded ones) and one `Error completing leader election (PREFERRED) for partition: t-0:
 * <exception>` per failure. Failures then end the tool with an AdminCommandFailedException `N replica(s)
 * could not be elected` carrying each failure as a suppressed exception. Partitions are listed in the
 * iteration order of the HashSet / HashMap the tool collects them in. Every error goes to stderr as its
 * message, then its stack trace and a blank line, exit 1; no arguments or --help print the usage.
 * --path-to-json-file and --admin.config are read from the shell's files (leader-election-json.ts).
 */
import type { ElectionResult, TopicPartition } from '../../clients/kafka/api.ts'
import type { ElectionType } from '../../protocol/kafka.ts'
import type { Tool, ToolContext } from '../tool.ts'
import { maybePrintHelpOrVersion } from './command-line-utils.ts'
import { JavaException } from './java-exception.ts'
import {
  LEADER_ELECTION_OPTIONS,
  LEADER_ELECTION_USAGE,
  adminCommandFailed,
  electionTypeOf,
  validateLeaderElectionOptions,
} from './leader-election-command-options.ts'
import { parseOptions } from './options/option-parser.ts'
import { asJavaException, messageAndStackTrace, futureGet } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'
import { loadProps } from './tool-files.ts'
import { replicaElectionData } from './leader-election-json.ts'
import { topicPartitionHashOrder, topicPartitionString } from './topic-partition.ts'
import { clientLog } from './tool-log.ts'

function partitionList(results: readonly ElectionResult[]): string {
  return topicPartitionHashOrder(results).map(topicPartitionString).join(', ')
}

/** LeaderElectionCommand.electLeaders. */
async function electLeaders(
  context: ToolContext,
  bootstrap: string,
  electionType: ElectionType,
  partitions: TopicPartition[] | null,
): Promise<void> {
  const admin = context.kafka.admin(bootstrap, clientLog(context))
  let results: ElectionResult[]
  try {
    results = await futureGet(admin.electLeaders(electionType, partitions))
  } catch (error) {
    const cause = error instanceof JavaException ? error.causedBy : null
    if (cause?.className === 'org.apache.kafka.common.errors.TimeoutException') {
      context.out.stdout('Timeout waiting for election results\n')
      throw adminCommandFailed('Timeout waiting for election results', cause)
    }
    if (error instanceof JavaException) {
      throw new JavaException('java.lang.RuntimeException', error.toString(), [], error)
    }
    throw error
  } finally {
    await admin.close()
  }
  // The admin's HashMap of results, then the HashSets and HashMap the tool fills from it.
  const ordered = topicPartitionHashOrder(results)
  const succeeded = ordered.filter((r) => r.error === null)
  const noop = ordered.filter((r) => r.error?.simpleName === 'ElectionNotNeededException')
  const failed = topicPartitionHashOrder(
    ordered.filter((r) => r.error !== null && r.error.simpleName !== 'ElectionNotNeededException'),
  )
  if (succeeded.length > 0) {
    context.out.stdout(
      `Successfully completed leader election (${electionType}) for partitions ${partitionList(succeeded)}\n`,
    )
  }
  if (noop.length > 0) {
    context.out.stdout(`Valid replica already elected for partitions ${partitionList(noop)}\n`)
  }
  if (failed.length > 0) {
    const suppressed = failed.map((r) => asJavaException(r.error))
    failed.forEach((r, i) => {
      context.out.stdout(
        `Error completing leader election (${electionType}) for partition: ${topicPartitionString(r)}: ${suppressed[i]?.toString() ?? ''}\n`,
      )
    })
    throw new ElectionFailures(`${failed.length} replica(s) could not be elected`, suppressed)
  }
}

/** The AdminCommandFailedException with suppressed exceptions, as printStackTrace prints it. */
class ElectionFailures extends JavaException {
  constructor(
    message: string,
    private readonly suppressed: readonly JavaException[],
  ) {
    super('org.apache.kafka.server.common.AdminCommandFailedException', message)
  }

  override stackTrace(): string {
    return super.stackTrace() + this.suppressed.map((e) => `\tSuppressed: ${e.toString()}\n`).join('')
  }
}

export const kafkaLeaderElection: Tool = (argv, context) =>
  runToolMain(context.out, () => electLeadersMain(argv, context), {
    options: LEADER_ELECTION_OPTIONS,
    uncaught: messageAndStackTrace,
  })

async function electLeadersMain(argv: readonly string[], context: ToolContext): Promise<void> {
  const options = parseOptions(LEADER_ELECTION_OPTIONS, argv)
  maybePrintHelpOrVersion(argv, options, LEADER_ELECTION_USAGE)
  validateLeaderElectionOptions(options)
  const electionType = electionTypeOf(options)
  const jsonFile = options.valueOf('path-to-json-file')
  const fromFile = jsonFile === null ? null : replicaElectionData(context, jsonFile)
  const topic = options.valueOf('topic')
  const partition = options.numberOf('partition')
  const adminConfig = options.valueOf('admin.config')
  if (adminConfig !== null) loadProps(context, adminConfig)
  const partitions = fromFile ?? (topic !== null && partition !== null ? [{ topic, partition }] : null)
  await electLeaders(context, options.valueOf('bootstrap-server') ?? '', electionType, partitions)
}
