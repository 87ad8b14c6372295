/**
 * What `kafka-topics --describe` prints for one topic (TopicCommand.TopicDescription and
 * PartitionDescription of Kafka 4.1). Topic line:
 * `Topic: t\tTopicId: id\tPartitionCount: n\tReplicationFactor: r\tConfigs: k=v,...` (TopicId left out
 * for the zero UUID; Configs lists only non-default entries). Partition line:
 * `\tTopic: t\tPartition: p\tLeader: l\tReplicas: a,b\tIsr: a,b\tElr: \tLastKnownElr: ` with `none` for a
 * partition without leader; a partition being reassigned also shows `\tAdding Replicas: 3\tRemoving Replicas: 1`
 * after its Isr, and counts its replication factor without the adding replicas (getReplicationFactor). The
 * report options (--under-replicated-partitions and friends) select
 * partitions; --topics-with-overrides selects topics and hides partitions.
 */
import type { ConfigEntry, PartitionMetadata } from '../../protocol/kafka.ts'
import type { PartitionReassignment, TopicDescription } from '../../clients/kafka/api.ts'
import type { OptionSet } from './options/option-set.ts'

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA'

export interface DescribeFilter {
  underReplicated: boolean
  unavailable: boolean
  underMinIsr: boolean
  atMinIsr: boolean
  overridesOnly: boolean
}

export function describeFilter(options: OptionSet): DescribeFilter {
  return {
    underReplicated: options.has('under-replicated-partitions'),
    unavailable: options.has('unavailable-partitions'),
    underMinIsr: options.has('under-min-isr-partitions'),
    atMinIsr: options.has('at-min-isr-partitions'),
    overridesOnly: options.has('topics-with-overrides'),
  }
}

function hasLeader(partition: PartitionMetadata): boolean {
  return partition.leader >= 0
}

function minIsr(configs: readonly ConfigEntry[]): number {
  const entry = configs.find((config) => config.name === 'min.insync.replicas')
  return Number.parseInt(entry?.value ?? '1', 10)
}

/** TopicCommand.getReplicationFactor: a reassignment still running does not count its adding replicas. */
function replicationFactor(
  partition: PartitionMetadata,
  reassignment: PartitionReassignment | undefined,
): number {
  const changing = [...(reassignment?.addingReplicas ?? []), ...(reassignment?.removingReplicas ?? [])]
  if (reassignment === undefined || !partition.replicas.some((id) => changing.includes(id))) {
    return partition.replicas.length
  }
  return reassignment.replicas.filter((id) => !reassignment.addingReplicas.includes(id)).length
}

function shouldPrintPartition(
  filter: DescribeFilter,
  partition: PartitionMetadata,
  reassignment: PartitionReassignment | undefined,
  configs: readonly ConfigEntry[],
  liveBrokers: ReadonlySet<number>,
): boolean {
  const reporting = filter.underReplicated || filter.unavailable || filter.underMinIsr || filter.atMinIsr
  if (!reporting) return true
  const isr = partition.isr.length
  return (
    (filter.underReplicated && replicationFactor(partition, reassignment) - isr > 0) ||
    (filter.unavailable && (!hasLeader(partition) || !liveBrokers.has(partition.leader))) ||
    (filter.underMinIsr && (!hasLeader(partition) || isr < minIsr(configs))) ||
    (filter.atMinIsr && minIsr(configs) === isr)
  )
}

function partitionLine(
  topic: string,
  partition: PartitionMetadata,
  reassignment: PartitionReassignment | undefined,
): string {
  const moving =
    reassignment === undefined
      ? ''
      : `\tAdding Replicas: ${reassignment.addingReplicas.join(',')}` +
        `\tRemoving Replicas: ${reassignment.removingReplicas.join(',')}`
  return (
    `\tTopic: ${topic}\tPartition: ${partition.partition}` +
    `\tLeader: ${hasLeader(partition) ? partition.leader : 'none'}` +
    `\tReplicas: ${partition.replicas.join(',')}\tIsr: ${partition.isr.join(',')}${moving}` +
    `\tElr: ${partition.elr.join(',')}\tLastKnownElr: ${partition.lastKnownElr.join(',')}\n`
  )
}

/** The lines for one topic, each ending in '\n'. */
export function describeTopicText(
  description: TopicDescription,
  configs: readonly ConfigEntry[],
  filter: DescribeFilter,
  liveBrokers: ReadonlySet<number>,
  reassignments: readonly PartitionReassignment[],
): string {
  const reassignmentOf = (partition: number): PartitionReassignment | undefined =>
    reassignments.find((r) => r.topic === description.name && r.partition === partition)
  const partitions = [...description.partitions].sort((a, b) => a.partition - b.partition)
  const overrides = configs.filter((config) => !config.isDefault)
  const reporting = filter.underReplicated || filter.unavailable || filter.underMinIsr || filter.atMinIsr
  let text = ''
  const [first] = partitions
  if (!reporting && (!filter.overridesOnly || overrides.length > 0)) {
    const topicId = description.topicId === ZERO_UUID ? '' : `\tTopicId: ${description.topicId}`
    text +=
      `Topic: ${description.name}${topicId}\tPartitionCount: ${partitions.length}` +
      `\tReplicationFactor: ${first === undefined ? 0 : replicationFactor(first, reassignmentOf(first.partition))}` +
      `\tConfigs: ${overrides.map((config) => `${config.name}=${config.value ?? 'null'}`).join(',')}\n`
  }
  if (filter.overridesOnly) return text
  for (const partition of partitions) {
    const reassignment = reassignmentOf(partition.partition)
    if (shouldPrintPartition(filter, partition, reassignment, configs, liveBrokers))
      text += partitionLine(description.name, partition, reassignment)
  }
  return text
}
