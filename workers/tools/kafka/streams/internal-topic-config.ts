/**
 * The internal topics a Streams application creates with its admin client (InternalTopicManager.makeReady):
 * a repartition topic `<application.id>-<name>-repartition` (RepartitionTopicConfig: cleanup.policy=delete,
 * segment.bytes=52428800, retention.ms=-1) and a key-value store's changelog `<application.id>-<store>-changelog`
 * (UnwindowedUnversionedChangelogTopicConfig: message.timestamp.type=CreateTime, cleanup.policy=compact). Both
 * get as many partitions as the sub-topology that reads or writes them has tasks, and replication.factor -1 (the
 * brokers' default.replication.factor). A topic that exists already is left as it is.
 */
import type { Admin, NewTopic } from '../../../clients/kafka/api.ts'

export interface InternalTopicConfig {
  name: string
  numPartitions: number
  configs: Record<string, string>
}

export function repartitionTopicName(applicationId: string, name: string): string {
  return `${applicationId}-${name}-repartition`
}

export function changelogTopicName(applicationId: string, storeName: string): string {
  return `${applicationId}-${storeName}-changelog`
}

export function repartitionTopicConfig(name: string, numPartitions: number): InternalTopicConfig {
  return {
    name,
    numPartitions,
    configs: { 'cleanup.policy': 'delete', 'segment.bytes': '52428800', 'retention.ms': '-1' },
  }
}

export function changelogTopicConfig(name: string, numPartitions: number): InternalTopicConfig {
  return {
    name,
    numPartitions,
    configs: { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'compact' },
  }
}

/** InternalTopicManager.makeReady: creates the topics that do not exist yet. */
export async function makeReady(admin: Admin, topics: readonly InternalTopicConfig[]): Promise<void> {
  const existing = new Set(await admin.listTopics({ listInternal: true }))
  const missing: NewTopic[] = topics
    .filter((topic) => !existing.has(topic.name))
    .map((topic) => ({ name: topic.name, numPartitions: topic.numPartitions, configs: topic.configs }))
  if (missing.length > 0) await admin.createTopics(missing)
}
