/**
 * `kafka-consumer-groups --describe --members` and `--describe --state` of Kafka 4.1 (printMembers,
 * printStates). Members: `GROUP CONSUMER-ID [GROUP-INSTANCE-ID] HOST CLIENT-ID #PARTITIONS`, with
 * `CURRENT-EPOCH CURRENT-ASSIGNMENT TARGET-EPOCH TARGET-ASSIGNMENT` under --verbose; every cell,
 * the last included, is padded, and a line ends in a space before its newline. The header is printed
 * even for a group without members. An assignment prints as `topic:0,1;other:2`, topics sorted. A
 * consumer-protocol group's members have their member epoch, the group's target assignment epoch and their
 * target assignment there; a classic group's print `-`.
 * State: `GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS`, coordinator as `host:port  (id)`,
 * with `GROUP-EPOCH TARGET-ASSIGNMENT-EPOCH` before #MEMBERS under --verbose (`-` for a classic group).
 */
import type { Admin, MemberDescription, TopicPartition } from '../../clients/kafka/api.ts'
import type { ToolOutput } from '../tool.ts'
import { MISSING, describeGroupsSorted, shouldPrintMemberState } from './consumer-group-describe.ts'
import { formatRow } from './java-format.ts'

function epochText(epoch: number | null): string {
  return epoch === null ? MISSING : String(epoch)
}

/** getAssignmentString. */
function assignmentString(assignment: readonly TopicPartition[]): string {
  if (assignment.length === 0) return MISSING
  const topics = [...new Set(assignment.map((tp) => tp.topic))]
  return topics
    .map((topic) => {
      const partitions = assignment.filter((tp) => tp.topic === topic).map((tp) => tp.partition)
      return `${topic}:${partitions.sort((a, b) => a - b).join(',')}`
    })
    .sort()
    .join(';')
}

function membersTable(
  group: string,
  members: readonly MemberDescription[],
  targetEpoch: number | null,
  verbose: boolean,
): string {
  const widest = (minimum: number, values: string[]): number =>
    Math.max(minimum, ...values.map((value) => value.length))
  const instanceIds = members.map((member) => member.groupInstanceId ?? '')
  const withInstanceId = instanceIds.some((id) => id !== '')
  const assignments = members.map((member) => assignmentString(member.assignment))
  const widths = [
    widest(15, [group]),
    widest(
      15,
      members.map((member) => member.memberId),
    ),
    ...(withInstanceId ? [widest(17, instanceIds)] : []),
    widest(
      15,
      members.map((member) => member.host),
    ),
    widest(
      15,
      members.map((member) => member.clientId),
    ),
    15,
  ]
  const assignmentWidth = widest(20, assignments)
  const targetWidth = widest(
    20,
    members.map((member) => assignmentString(member.targetAssignment ?? [])),
  )
  const verboseWidths = [15, assignmentWidth, 15, targetWidth]
  const line = (cells: string[], extra: string[]): string =>
    formatRow(cells, widths) + ' ' + (verbose ? formatRow(extra, verboseWidths) : '') + '\n'
  const header = line(
    [
      'GROUP',
      'CONSUMER-ID',
      ...(withInstanceId ? ['GROUP-INSTANCE-ID'] : []),
      'HOST',
      'CLIENT-ID',
      '#PARTITIONS',
    ],
    ['CURRENT-EPOCH', 'CURRENT-ASSIGNMENT', 'TARGET-EPOCH', 'TARGET-ASSIGNMENT'],
  )
  const rows = members.map((member, index) =>
    line(
      [
        group,
        member.memberId,
        ...(withInstanceId ? [instanceIds[index] ?? ''] : []),
        member.host,
        member.clientId,
        String(member.assignment.length),
      ],
      [
        epochText(member.memberEpoch),
        assignments[index] ?? MISSING,
        epochText(targetEpoch),
        assignmentString(member.targetAssignment ?? []),
      ],
    ),
  )
  return '\n' + header + rows.join('')
}

/** collectGroupsMembers + printMembers. */
export async function describeMembers(
  admin: Admin,
  groupIds: readonly string[],
  verbose: boolean,
  out: ToolOutput,
): Promise<void> {
  for (const group of await describeGroupsSorted(admin, groupIds)) {
    shouldPrintMemberState(out, group.groupId, group.state, group.members.length)
    out.stdout(membersTable(group.groupId, group.members, group.targetAssignmentEpoch, verbose))
  }
}

/** collectGroupsState + printStates. */
export async function describeState(
  admin: Admin,
  groupIds: readonly string[],
  verbose: boolean,
  out: ToolOutput,
): Promise<void> {
  for (const group of await describeGroupsSorted(admin, groupIds)) {
    if (!shouldPrintMemberState(out, group.groupId, group.state, 1)) continue
    const { host, port, id } = group.coordinator
    const coordinator = `${host}:${port}  (${id})`
    const strategy = group.partitionAssignor === '' ? MISSING : group.partitionAssignor
    const widths = [Math.max(15, group.groupId.length), Math.max(25, coordinator.length), 20, 20]
    const epochs = verbose ? [15, 25] : []
    const all = [...widths, ...epochs, 0]
    const header = [
      'GROUP',
      'COORDINATOR (ID)',
      'ASSIGNMENT-STRATEGY',
      'STATE',
      ...(verbose ? ['GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH'] : []),
      '#MEMBERS',
    ]
    const values = [
      group.groupId,
      coordinator,
      strategy,
      group.state,
      ...(verbose ? [epochText(group.groupEpoch), epochText(group.targetAssignmentEpoch)] : []),
      String(group.members.length),
    ]
    out.stdout('\n' + formatRow(header, all) + '\n' + formatRow(values, all) + '\n')
  }
}
