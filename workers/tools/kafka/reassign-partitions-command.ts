/**
 * kafka-reassign-partitions.sh (ReassignPartitionsCommand of Kafka 4.1): --execute, --verify, --cancel,
 * --list and --generate (reassign-partitions-generate.ts) through Admin.alterPartitionReassignments,
 * listPartitionReassignments, describeTopics and describeCluster, reading its JSON files from the shell.
 * Output as Kafka prints it: `Current partition replica assignment` + the rollback JSON, `Successfully started
 * partition reassignments for t-0,t-1`; `Status of partition reassignment:` with one line per partition, a
 * blank line (the empty log-dir move report), then the throttle cleanup lines once nothing is moving.
 * Usage errors print the message and the help table to stderr (exit 1); a joptsimple error escapes main
 * (`Exception in thread "main" ...`); a TerseException prints its message and any other error `Error: <message>`
 * plus its stack trace and a blank line, all on stdout, exit 1.
 *
 * Throttles: the playground does not throttle replication, so --throttle and --replica-alter-log-dirs-throttle
 * print what Kafka prints without setting the throttle configs, and --verify / --cancel print the cleanup lines
 * without deleting any config. "log_dirs" other than "any" are accepted and not moved: each broker has one.
 */
import type {
  Admin,
  PartitionReassignment,
  ReassignmentResult,
  TopicPartition,
} from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import { UsageException, VersionRequest, printUsageOrVersion } from './command-line-utils.ts'
import { JavaException, OptionException } from './java-exception.ts'
import { javaHashMapOrder, javaHashOrder } from './java-hash-map.ts'
import { adminCommandFailed } from './leader-election-command-options.ts'
import type { OptionSet } from './options/option-set.ts'
import {
  generateAssignment,
  replicaAssignmentForTopics,
  type Assignment,
} from './reassign-partitions-generate.ts'
import {
  formatAsReassignmentJson,
  parseExecuteAssignmentArgs,
  parsePartitionReassignmentData,
  type PartitionTarget,
} from './reassign-partitions-json.ts'
import { REASSIGN_OPTIONS, validateAndParseArgs, type ReassignAction } from './reassign-partitions-options.ts'
import { asJavaException, futureGet, TerseException } from './tool-errors.ts'
import { loadProps, readFileAsString } from './tool-files.ts'
import {
  compareTopicPartitions,
  sameTopicPartition,
  topicPartitionHashOrder,
  topicPartitionString,
} from './topic-partition.ts'
import { clientLog } from './tool-log.ts'

const CANNOT_EXECUTE =
  'Cannot execute because there is an existing partition assignment.  Use --additional to override this and create a new partition assignment in addition to the existing one. The --additional flag can also be used to change the throttle by resubmitting the current reassignment.'
const RUN_VERIFY =
  'Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.'

const sortedNames = (parts: readonly TopicPartition[]): string =>
  [...parts].sort(compareTopicPartitions).map(topicPartitionString).join(',')
const plural = (count: number): string => (count === 1 ? '' : 's')

/** getReplicaAssignmentForPartitions: the current replicas, failing with the partitions not found. */
async function replicaAssignmentForPartitions(
  admin: Admin,
  targets: readonly TopicPartition[],
): Promise<Assignment> {
  const all = await replicaAssignmentForTopics(
    admin,
    targets.map((t) => t.topic),
  )
  const found = all.filter((p) => targets.some((t) => sameTopicPartition(t, p)))
  const missing = targets.filter((t) => !found.some((p) => sameTopicPartition(t, p)))
  if (missing.length > 0) {
    const cause = new JavaException(
      'org.apache.kafka.common.errors.UnknownTopicOrPartitionException',
      `Unable to find partition: ${topicPartitionHashOrder(missing).map(topicPartitionString).join(', ')}`,
    )
    throw new JavaException('java.util.concurrent.ExecutionException', cause.toString(), [], cause)
  }
  return found
}

/** Alter or cancel the reassignments; the failed ones with their messages. */
async function alterReassignments(
  admin: Admin,
  reassignments: Array<TopicPartition & { replicas: number[] | null }>,
): Promise<ReassignmentResult[]> {
  const results = await futureGet(admin.alterPartitionReassignments(reassignments))
  return results.filter((r) => r.error !== null)
}

function failuresText(failed: readonly ReassignmentResult[]): string {
  return [...failed]
    .sort(compareTopicPartitions)
    .map((r) => `${topicPartitionString(r)}: ${r.error?.message ?? ''}`)
    .join('\n')
}

async function executeAssignment(
  context: ToolContext,
  admin: Admin,
  options: OptionSet,
  json: string,
): Promise<void> {
  // Read (and converted) as Java evaluates executeAssignment's arguments: before anything runs.
  const throttle = options.numberOf('throttle') ?? -1
  const logDirThrottle = options.numberOf('replica-alter-log-dirs-throttle') ?? -1
  options.numberOf('timeout')
  const proposed = parseExecuteAssignmentArgs(json)
  const ongoing = await futureGet(admin.listPartitionReassignments())
  if (!options.has('additional') && ongoing.length > 0) throw new TerseException(CANNOT_EXECUTE)
  const brokers = javaHashOrder([...new Set(proposed.flatMap((p) => p.replicas))], (id) => id, 16)
  const alive = new Set((await futureGet(admin.describeCluster())).nodes.map((node) => node.id))
  const unknown = brokers.find((id) => !alive.has(id))
  if (unknown !== undefined) throw adminCommandFailed(`Unknown broker id ${unknown}`)
  const current = await replicaAssignmentForPartitions(admin, proposed)
  context.out.stdout(
    `Current partition replica assignment\n\n${formatAsReassignmentJson(current)}\n\n` +
      'Save this to use as the --reassignment-json-file option during rollback\n',
  )
  if (throttle >= 0 || logDirThrottle >= 0) {
    context.out.stdout(`${RUN_VERIFY}\n`)
    if (throttle >= 0) context.out.stdout(`The inter-broker throttle limit was set to ${throttle} B/s\n`)
    if (logDirThrottle >= 0) {
      context.out.stdout(`The replica-alter-dir throttle limit was set to ${logDirThrottle} B/s\n`)
    }
  }
  const failed = await alterReassignments(
    admin,
    proposed.map(({ topic, partition, replicas }) => ({ topic, partition, replicas })),
  )
  if (failed.length > 0) throw new TerseException(`Error reassigning partition(s):\n${failuresText(failed)}`)
  context.out.stdout(
    `Successfully started partition reassignment${plural(proposed.length)} for ${sortedNames(proposed)}\n`,
  )
}

interface PartitionState extends TopicPartition {
  current: number[]
  target: number[]
  done: boolean
}

/** findPartitionReassignmentStates; `ongoing` is whether any reassignment at all is running. */
async function partitionStates(
  admin: Admin,
  targets: readonly PartitionTarget[],
): Promise<{ states: PartitionState[]; ongoing: boolean }> {
  const reassignments = await futureGet(admin.listPartitionReassignments())
  const running = (t: TopicPartition): PartitionReassignment | undefined =>
    reassignments.find((r) => sameTopicPartition(r, t))
  const states: PartitionState[] = []
  for (const t of targets) {
    const reassignment = running(t)
    const base = { topic: t.topic, partition: t.partition, target: t.replicas }
    if (reassignment) {
      states.push({ ...base, current: reassignment.replicas, done: false })
      continue
    }
    let partitions
    try {
      partitions = (await futureGet(admin.describeTopics([t.topic])))[0]?.partitions ?? []
    } catch (error) {
      if (
        !(error instanceof JavaException) ||
        !error.causedBy?.className.endsWith('UnknownTopicOrPartitionException')
      ) {
        throw error
      }
      states.push({ ...base, current: [], done: true })
      continue
    }
    if (partitions.length < t.partition) {
      states.push({ ...base, current: [], done: true })
      continue
    }
    const described = [...partitions].sort((a, b) => a.partition - b.partition)[t.partition]
    if (described === undefined) {
      throw new JavaException(
        'java.lang.IndexOutOfBoundsException',
        `Index ${t.partition} out of bounds for length ${partitions.length}`,
      )
    }
    states.push({ ...base, current: described.replicas, done: true })
  }
  return { states, ongoing: reassignments.length > 0 }
}

function statesText(states: readonly PartitionState[]): string {
  const lines = [...states].sort(compareTopicPartitions).map((state) => {
    const name = topicPartitionString(state)
    if (!state.done) return `Reassignment of partition ${name} is still in progress.`
    if (state.current.join(',') === state.target.join(','))
      return `Reassignment of partition ${name} is completed.`
    return `There is no active reassignment of partition ${name}, but replica set is ${state.current.join(',')} rather than ${state.target.join(',')}.`
  })
  return ['Status of partition reassignment:', ...lines].join('\n')
}

/** clearAllThrottles' report (the playground sets no throttles, so there is nothing to delete). */
async function clearAllThrottles(
  context: ToolContext,
  admin: Admin,
  targets: readonly PartitionTarget[],
): Promise<void> {
  const nodes = (await futureGet(admin.describeCluster())).nodes.map((node) => node.id)
  const brokers = javaHashOrder(
    [...new Set([...nodes, ...targets.flatMap((t) => t.replicas)])],
    (id) => id,
    16,
  )
  context.out.stdout(
    `Clearing broker-level throttles on broker${plural(brokers.length)} ${brokers.join(',')}\n`,
  )
  const topics = javaHashMapOrder([...new Set(targets.map((t) => t.topic))], 16)
  context.out.stdout(`Clearing topic-level throttles on topic${plural(topics.length)} ${topics.join(',')}\n`)
}

async function verifyAssignment(
  context: ToolContext,
  admin: Admin,
  options: OptionSet,
  json: string,
): Promise<void> {
  const targets = parsePartitionReassignmentData(json)
  const { states, ongoing } = await partitionStates(admin, targets)
  context.out.stdout(`${statesText(states)}\n\n`)
  if (!ongoing && !options.has('preserve-throttles')) await clearAllThrottles(context, admin, targets)
}

async function cancelAssignment(
  context: ToolContext,
  admin: Admin,
  options: OptionSet,
  json: string,
): Promise<void> {
  const targets = parsePartitionReassignmentData(json)
  const running = await futureGet(admin.listPartitionReassignments(targets.map((t) => ({ ...t }))))
  const cancelling = running.filter((r) => r.addingReplicas.length === 0 || r.removingReplicas.length > 0)
  if (cancelling.length > 0) {
    const failed = await alterReassignments(
      admin,
      cancelling.map((r) => ({ topic: r.topic, partition: r.partition, replicas: null })),
    )
    if (failed.length > 0) {
      throw new TerseException(
        `Error cancelling partition reassignment${plural(failed.length)} for:\n${failuresText(failed)}`,
      )
    }
    context.out.stdout(
      `Successfully cancelled partition reassignment${plural(cancelling.length)} for: ${sortedNames(cancelling)}\n`,
    )
  } else {
    context.out.stdout('None of the specified partition reassignments are active.\n')
  }
  // System.out.print: no line break before what follows.
  context.out.stdout('None of the specified partition moves are active.')
  if (!options.has('preserve-throttles')) await clearAllThrottles(context, admin, targets)
}

async function listReassignments(context: ToolContext, admin: Admin): Promise<void> {
  const reassignments = [...(await futureGet(admin.listPartitionReassignments()))].sort(
    compareTopicPartitions,
  )
  if (reassignments.length === 0) {
    context.out.stdout('No partition reassignments found.\n')
    return
  }
  const lines = reassignments.map((r) => {
    const adding = r.addingReplicas.length === 0 ? '' : ` adding: ${r.addingReplicas.join(',')}.`
    const removing = r.removingReplicas.length === 0 ? '' : ` removing: ${r.removingReplicas.join(',')}.`
    return `${topicPartitionString(r)}: replicas: ${r.replicas.join(',')}.${adding}${removing}`
  })
  context.out.stdout(`Current partition reassignments:\n${lines.join('\n')}\n`)
}

async function handleAction(
  context: ToolContext,
  admin: Admin,
  options: OptionSet,
  action: ReassignAction,
): Promise<void> {
  const file = (name: string): string => readFileAsString(context, options.valueOf(name) ?? '')
  switch (action) {
    case 'verify':
      return verifyAssignment(context, admin, options, file('reassignment-json-file'))
    case 'generate':
      return generateAssignment(
        context,
        admin,
        file('topics-to-move-json-file'),
        options.valueOf('broker-list') ?? '',
      )
    case 'execute':
      return executeAssignment(context, admin, options, file('reassignment-json-file'))
    case 'cancel':
      return cancelAssignment(context, admin, options, file('reassignment-json-file'))
    case 'list':
      return listReassignments(context, admin)
  }
}

export const kafkaReassignPartitions: Tool = async (argv, context) => {
  let parsed
  try {
    parsed = validateAndParseArgs(argv)
  } catch (error) {
    if (error instanceof UsageException || error instanceof VersionRequest) {
      return printUsageOrVersion(context.out, REASSIGN_OPTIONS, error)
    }
    if (!(error instanceof OptionException)) throw error
    context.out.stderr(`Exception in thread "main" ${error.stackTrace()}`)
    return 1
  }
  const { options, action } = parsed
  const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '', clientLog(context))
  try {
    const commandConfig = options.valueOf('command-config')
    if (commandConfig !== null) loadProps(context, commandConfig)
    await handleAction(context, admin, options, action)
    return 0
  } catch (error) {
    if (error instanceof TerseException) {
      context.out.stdout(`${error.javaMessage ?? ''}\n`)
      return 1
    }
    const exception = asJavaException(error)
    context.out.stdout(`Error: ${exception.javaMessage ?? 'null'}\n${exception.stackTrace()}\n`)
    return 1
  } finally {
    await admin.close()
  }
}
