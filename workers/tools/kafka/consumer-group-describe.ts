/**
 * `kafka-consumer-groups --describe` in its default (--offsets) view, as ConsumerGroupService of Kafka 4.1
 * collects and prints it. Rows: members with an assignment, most partitions first, each member's
 * partitions sorted by topic then partition; then committed partitions no member owns, with `-` for
 * consumer, host and client. Columns `GROUP TOPIC PARTITION [LEADER-EPOCH] CURRENT-OFFSET LOG-END-OFFSET
 * LAG CONSUMER-ID HOST CLIENT-ID`: GROUP, TOPIC, CONSUMER-ID and HOST are as wide as their widest value
 * (at least 15), PARTITION 10, the offsets 15; every line starts with '\n' and the table ends with one.
 * A missing value prints as `-`. Groups print in sorted order (a TreeMap).
 */
import type {
  Admin,
  ConsumerGroupDescription,
  GroupState,
  PartitionOffset,
  TopicPartition,
} from '../../clients/kafka/api.ts'
import type { ToolOutput } from '../tool.ts'
import { filterNoneLeaderPartitions, getCommittedOffsets, getLogOffsets } from './consumer-group-lookups.ts'
import { formatRow } from './java-format.ts'
import { compareTopicPartitions, sameTopicPartition } from './topic-partition.ts'
import { futureGet } from './tool-errors.ts'

export const MISSING = '-'

interface PartitionAssignmentState {
  topic: string
  partition: number
  leaderEpoch: number | null
  offset: number | null
  logEndOffset: number | null
  consumerId: string
  host: string
  clientId: string
}

/** ConsumerGroupService.describeConsumerGroups: all descriptions, sorted by group id. */
export async function describeGroupsSorted(
  admin: Admin,
  groupIds: readonly string[],
): Promise<ConsumerGroupDescription[]> {
  const descriptions = await futureGet(admin.describeConsumerGroups([...groupIds]))
  return descriptions.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))
}

/** shouldPrintMemberState: the state notice for a group, and whether its rows are printed. */
export function shouldPrintMemberState(
  out: ToolOutput,
  group: string,
  state: GroupState,
  rows: number,
): boolean {
  switch (state) {
    case 'Dead':
      out.stdout(`\nError: Consumer group '${group}' does not exist.\n`)
      return false
    case 'Empty':
      out.stderr(`\nConsumer group '${group}' has no active members.\n`)
      break
    case 'PreparingRebalance':
    case 'CompletingRebalance':
    case 'Assigning':
    case 'Reconciling':
      out.stderr(`\nWarning: Consumer group '${group}' is rebalancing.\n`)
      break
    case 'Stable':
      break
  }
  return rows > 0
}

async function describePartitions(
  admin: Admin,
  partitions: readonly TopicPartition[],
  committed: readonly PartitionOffset[],
  owner: { consumerId: string; host: string; clientId: string },
): Promise<PartitionAssignmentState[]> {
  const withoutLeader = await filterNoneLeaderPartitions(admin, partitions)
  const withLeader = partitions.filter((tp) => !withoutLeader.some((other) => sameTopicPartition(tp, other)))
  const logEnd = await getLogOffsets(admin, withLeader, { spec: 'latest' })
  return [...withLeader, ...withoutLeader]
    .map((tp) => {
      const commit = committed.find((entry) => sameTopicPartition(entry, tp))
      const hasLeader = withLeader.includes(tp)
      return {
        topic: tp.topic,
        partition: tp.partition,
        leaderEpoch: commit?.leaderEpoch ?? null,
        offset: commit?.offset ?? null,
        logEndOffset: hasLeader ? (logEnd(tp) ?? null) : null,
        ...owner,
      }
    })
    .sort(compareTopicPartitions)
}

async function collectGroupOffsets(
  admin: Admin,
  group: ConsumerGroupDescription,
): Promise<PartitionAssignmentState[]> {
  const committed = await getCommittedOffsets(admin, group.groupId)
  const members = group.members
    .filter((member) => member.assignment.length > 0)
    .sort((a, b) => b.assignment.length - a.assignment.length)
  const rows: PartitionAssignmentState[] = []
  for (const member of members) {
    const owner = { consumerId: member.memberId, host: member.host, clientId: member.clientId }
    rows.push(...(await describePartitions(admin, member.assignment, committed, owner)))
  }
  const assigned = members.flatMap((member) => member.assignment)
  const unassigned = committed.filter((entry) => !assigned.some((tp) => sameTopicPartition(tp, entry)))
  if (unassigned.length > 0) {
    const owner = { consumerId: MISSING, host: MISSING, clientId: MISSING }
    rows.push(...(await describePartitions(admin, unassigned, committed, owner)))
  }
  return rows
}

function text(value: number | null): string {
  return value === null ? MISSING : String(value)
}

/** getLag: the end offset minus the committed offset, when both are known (and the offset is not -1). */
function lag(row: PartitionAssignmentState): number | null {
  return row.offset === null || row.offset === -1 || row.logEndOffset === null
    ? null
    : row.logEndOffset - row.offset
}

function offsetsTable(group: string, rows: readonly PartitionAssignmentState[], verbose: boolean): string {
  const widest = (values: string[]): number => Math.max(15, ...values.map((value) => value.length))
  const groupWidth = widest([group])
  const topicWidth = widest(rows.map((row) => row.topic))
  const consumerWidth = widest(rows.map((row) => row.consumerId))
  const hostWidth = widest(rows.map((row) => row.host))
  const epoch = verbose ? [15] : []
  const widths = [groupWidth, topicWidth, 10, ...epoch, 15, 15, 15, consumerWidth, hostWidth, 0]
  const header = ['GROUP', 'TOPIC', 'PARTITION', ...(verbose ? ['LEADER-EPOCH'] : []), 'CURRENT-OFFSET']
  const lines = [[...header, 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']]
  for (const row of rows) {
    lines.push([
      group,
      row.topic,
      String(row.partition),
      ...(verbose ? [text(row.leaderEpoch)] : []),
      text(row.offset),
      text(row.logEndOffset),
      text(lag(row)),
      row.consumerId,
      row.host,
      row.clientId,
    ])
  }
  return lines.map((cells) => '\n' + formatRow(cells, widths)).join('') + '\n'
}

/** collectGroupsOffsets + printOffsets. */
export async function describeOffsets(
  admin: Admin,
  groupIds: readonly string[],
  verbose: boolean,
  out: ToolOutput,
): Promise<void> {
  const groups = await describeGroupsSorted(admin, groupIds)
  const collected = []
  for (const group of groups) collected.push({ group, rows: await collectGroupOffsets(admin, group) })
  for (const { group, rows } of collected) {
    if (shouldPrintMemberState(out, group.groupId, group.state, rows.length)) {
      out.stdout(offsetsTable(group.groupId, rows, verbose))
    }
  }
}
