/**
 * `kafka-consumer-groups --reset-offsets` (ConsumerGroupService.resetOffsets and its offset resetter, Kafka
 * 4.1): only an Empty or Dead (or unknown) group is reset; the scope is --all-topics (the committed
 * partitions) or --topic `t` / `t:0,1`; every partition must exist and have a leader; the scenario gives
 * the new offsets (--to-offset and --shift-by are clamped into [log start, log end] with a WARN log line);
 * --execute commits them. The plan prints as `%n%-30s %-30s %-10s %-15s` rows under
 * `GROUP TOPIC PARTITION NEW-OFFSET`, groups and partitions in java.util.HashMap order; --export prints CSV.
 */
import type {
  Admin,
  GroupState,
  OffsetSpec,
  PartitionOffset,
  TopicPartition,
} from '../../clients/kafka/api.ts'
import type { ToolContext } from '../tool.ts'
import { UsageException } from './command-line-utils.ts'
import { RESET_SCENARIOS } from './consumer-group-command-options.ts'
import {
  filterNoneLeaderPartitions,
  filterNonExistentPartitions,
  getCommittedOffsets,
  getLogOffsets,
} from './consumer-group-lookups.ts'
import { JavaException } from './java-exception.ts'
import { formatRow } from './java-format.ts'
import { javaHashMapOrder } from './java-hash-map.ts'
import { parseDateTime, parseDuration } from './java-time.ts'
import type { OptionSet } from './options/option-set.ts'
import { specText } from './options/option-spec.ts'
import { sameTopicPartition, topicPartitionHashOrder, topicPartitionString } from './topic-partition.ts'
import { futureGet, illegalArgument, noSuchFile } from './tool-errors.ts'
import { logLine } from './tool-log.ts'

const LOGGER = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand'

export interface NewOffset extends TopicPartition {
  offset: number
}

export type ResetPlan = Array<{ group: string; offsets: NewOffset[] }>

function kafkaException(simpleName: string, message: string): JavaException {
  return new JavaException(`org.apache.kafka.common.errors.${simpleName}`, message)
}

/** parseTopicsWithPartitions: `topic:0,1,2`. */
function parseTopicWithPartitions(arg: string): TopicPartition[] {
  const parts = arg.split(':')
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop()
  const [topic = '', partitions] = parts
  if (parts.length !== 2 || partitions === undefined) {
    throw illegalArgument(`Invalid topic arg '${arg}', expected topic name and partitions`)
  }
  return partitions.split(',').map((partition) => {
    if (!/^[+-]?[0-9]+$/.test(partition) || Math.abs(Number(partition)) > 2147483647) {
      throw illegalArgument(`Invalid partition '${partition}' specified in topic arg '${arg}''`)
    }
    return { topic, partition: Number(partition) }
  })
}

async function partitionsToReset(admin: Admin, options: OptionSet, group: string): Promise<TopicPartition[]> {
  if (options.has('all-topics')) return getCommittedOffsets(admin, group)
  if (!options.has('topic')) {
    if (!options.has('from-file')) {
      throw new UsageException('One of the reset scopes should be defined: --all-topics, --topic.')
    }
    return []
  }
  const args = options.valuesOf('topic')
  const specified = args.filter((arg) => arg.includes(':')).flatMap(parseTopicWithPartitions)
  const topics = args.filter((arg) => !arg.includes(':'))
  if (topics.length === 0) return specified
  const descriptions = await admin.describeTopics(topics)
  const byName = new Map(descriptions.map((description) => [description.name, description]))
  const unspecified = javaHashMapOrder(topics, 16).flatMap((topic) =>
    (byName.get(topic)?.partitions ?? []).map((info) => ({ topic, partition: info.partition })),
  )
  return [...specified, ...unspecified]
}

async function checkAllTopicPartitionsValid(
  admin: Admin,
  partitions: readonly TopicPartition[],
): Promise<void> {
  const missing = await filterNonExistentPartitions(admin, partitions)
  if (missing.length > 0) {
    const names = missing.map(topicPartitionString).join(',')
    throw kafkaException('UnknownTopicOrPartitionException', `The partitions "${names}" do not exist`)
  }
  const leaderless = await filterNoneLeaderPartitions(admin, partitions)
  if (leaderless.length > 0) {
    const names = leaderless.map(topicPartitionString).join(',')
    throw kafkaException('LeaderNotAvailableException', `The partitions "${names}" have no leader`)
  }
}

/** checkOffsetsRange: requested offsets clamped into the log, with the WARN lines Kafka logs. */
async function checkOffsetsRange(
  admin: Admin,
  requested: NewOffset[],
  context: ToolContext,
): Promise<NewOffset[]> {
  const start = await getLogOffsets(admin, requested, { spec: 'earliest' })
  const end = await getLogOffsets(admin, requested, { spec: 'latest' })
  return topicPartitionHashOrder(requested).map((tp) => {
    const logEnd = end(tp)
    const logStart = start(tp)
    const warn = (relation: string, bound: number): NewOffset => {
      const message = `New offset (${tp.offset}) is ${relation} offset for topic partition ${topicPartitionString(tp)}. Value will be set to ${bound}.`
      context.out.stderr(logLine(context.clock, 'WARN', LOGGER, message))
      return { ...tp, offset: bound }
    }
    if (logEnd !== undefined && tp.offset > logEnd) return warn('higher than latest', logEnd)
    if (logStart !== undefined && tp.offset < logStart) return warn('lower than earliest', logStart)
    return tp
  })
}

async function logOffsetsOrFail(
  admin: Admin,
  partitions: readonly TopicPartition[],
  spec: OffsetSpec,
  what: string,
): Promise<NewOffset[]> {
  const offsets = await getLogOffsets(admin, partitions, spec)
  return partitions.map((tp) => {
    const offset = offsets(tp)
    if (offset === undefined) {
      throw new UsageException(`Error getting ${what} offset of topic partition: ${topicPartitionString(tp)}`)
    }
    return { ...tp, offset }
  })
}

/** getLogTimestampOffsets: the first offset at or after the time, or the end offset of an empty match. */
async function timestampOffsets(
  admin: Admin,
  partitions: readonly TopicPartition[],
  timestamp: number,
  context: ToolContext,
): Promise<NewOffset[]> {
  const found = await logOffsetsOrFail(
    admin,
    partitions,
    { spec: 'timestamp', timestamp },
    'offset by timestamp',
  )
  const empty = found.filter((tp) => tp.offset === -1)
  for (const tp of empty) {
    context.out.stdout(
      `\nWarn: Partition ${tp.partition} from topic ${tp.topic} is empty. Falling back to latest known offset.\n`,
    )
  }
  const ends = await logOffsetsOrFail(admin, empty, { spec: 'latest' }, 'ending')
  return found.map((tp) => ends.find((end) => sameTopicPartition(end, tp)) ?? tp)
}

function committedOf(committed: readonly PartitionOffset[], tp: TopicPartition): PartitionOffset | undefined {
  return committed.find((entry) => sameTopicPartition(entry, tp))
}

async function prepareOffsetsToReset(
  admin: Admin,
  options: OptionSet,
  group: string,
  partitions: TopicPartition[],
  context: ToolContext,
): Promise<NewOffset[]> {
  await checkAllTopicPartitionsValid(admin, partitions)
  const toOffset = options.numberOf('to-offset')
  if (toOffset !== null)
    return checkOffsetsRange(
      admin,
      partitions.map((tp) => ({ ...tp, offset: toOffset })),
      context,
    )
  if (options.has('to-earliest')) return logOffsetsOrFail(admin, partitions, { spec: 'earliest' }, 'starting')
  if (options.has('to-latest')) return logOffsetsOrFail(admin, partitions, { spec: 'latest' }, 'ending')
  const shiftBy = options.numberOf('shift-by')
  if (shiftBy !== null) {
    const committed = await getCommittedOffsets(admin, group)
    const requested = partitions.map((tp) => {
      const current = committedOf(committed, tp)
      if (current === undefined) {
        throw illegalArgument(
          `Cannot shift offset for partition ${topicPartitionString(tp)} since there is no current committed offset`,
        )
      }
      return { ...tp, offset: current.offset + shiftBy }
    })
    return checkOffsetsRange(admin, requested, context)
  }
  const datetime = options.valueOf('to-datetime')
  if (datetime !== null) return timestampOffsets(admin, partitions, parseDateTime(datetime), context)
  const duration = options.valueOf('by-duration')
  if (duration !== null) {
    return timestampOffsets(admin, partitions, context.clock.now() - parseDuration(duration), context)
  }
  const file = options.valueOf('from-file')
  if (file !== null) {
    const cause = noSuchFile(file)
    throw new JavaException('java.lang.RuntimeException', cause.toString(), [], cause)
  }
  if (options.has('to-current')) {
    const committed = await getCommittedOffsets(admin, group)
    const without = partitions.filter((tp) => committedOf(committed, tp) === undefined)
    const ends = await logOffsetsOrFail(admin, without, { spec: 'latest' }, 'ending')
    return partitions.map(
      (tp) =>
        ends.find((end) => sameTopicPartition(end, tp)) ?? {
          ...tp,
          offset: committedOf(committed, tp)?.offset ?? 0,
        },
    )
  }
  const scenarios = `[${RESET_SCENARIOS.map(specText).join(', ')}]`
  throw new UsageException(
    `Option '${specText('reset-offsets')}' requires one of the following scenarios: ${scenarios}`,
  )
}

async function resetInactiveGroup(
  admin: Admin,
  options: OptionSet,
  group: string,
  context: ToolContext,
): Promise<NewOffset[]> {
  const partitions = await partitionsToReset(admin, options, group)
  const prepared = await prepareOffsetsToReset(admin, options, group, partitions, context)
  if (options.has('execute')) {
    await admin.alterConsumerGroupOffsets(
      group,
      prepared.map((tp) => ({ ...tp, metadata: '', leaderEpoch: null })),
    )
  }
  return topicPartitionHashOrder(prepared)
}

/** The group's state; null for a group the coordinator does not know (GroupIdNotFoundException). */
async function groupState(admin: Admin, group: string): Promise<GroupState | null> {
  try {
    return (await futureGet(admin.describeConsumerGroups([group])))[0]?.state ?? 'Dead'
  } catch (error) {
    if (!(error instanceof JavaException)) throw error
    if (error.causedBy?.className === 'org.apache.kafka.common.errors.GroupIdNotFoundException') return null
    throw new JavaException('java.lang.RuntimeException', error.toString(), [], error)
  }
}

/** ConsumerGroupService.resetOffsets: the plan per group, in HashMap order. */
export async function resetOffsets(
  admin: Admin,
  options: OptionSet,
  groupIds: readonly string[],
  context: ToolContext,
): Promise<ResetPlan> {
  const plan = new Map<string, NewOffset[]>()
  for (const group of javaHashMapOrder([...new Set(groupIds)], 16)) {
    const state = await groupState(admin, group)
    if (state === null || state === 'Empty' || state === 'Dead') {
      plan.set(group, await resetInactiveGroup(admin, options, group, context))
    } else {
      context.out.stdout(
        `\nError: Assignments can only be reset if the group '${group}' is inactive, but the current state is ${state}.\n`,
      )
      plan.set(group, [])
    }
  }
  return javaHashMapOrder([...plan.keys()], 16).map((group) => ({ group, offsets: plan.get(group) ?? [] }))
}

/** printOffsetsToReset. */
export function resetPlanText(plan: ResetPlan): string {
  const widths = [30, 30, 10, 15]
  const header =
    plan.length === 0 ? '' : '\n' + formatRow(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], widths)
  const rows = plan.flatMap(({ group, offsets }) =>
    offsets.map((tp) => '\n' + formatRow([group, tp.topic, tp.partition, tp.offset], widths)),
  )
  return header + rows.join('') + '\n'
}

/** exportOffsetsToCsv, then the println that prints it. */
export function resetPlanCsv(plan: ResetPlan, singleGroup: boolean): string {
  const rows = plan.flatMap(({ group, offsets }) =>
    offsets.map((tp) => `${singleGroup ? '' : group + ','}${tp.topic},${tp.partition},${tp.offset}\n`),
  )
  return rows.join('') + '\n'
}
