/**
 * MetadataDelta: which topics the metadata records replayed since a broker last acted on its image have
 * touched (Kafka's MetadataDelta, reduced to what the broker's MetadataPublisher acts on), so acting visits
 * those topics only instead of every topic of the image.
 *
 * A topic is touched by its TopicRecord, PartitionRecord, PartitionChangeRecord, RemoveTopicRecord and by a
 * ConfigRecord on it (named, resolved to its id when taken); a broker ConfigRecord touches every topic, as
 * it may change any topic's effective configs. Broker registrations and fencing touch none: what they change
 * for a partition comes as a PartitionChangeRecord. `take` hands over the touched topic ids, removed ones
 * included, and starts afresh.
 */
import type { ClusterMetadata } from './cluster-metadata.ts'
import type { MetadataRecord } from './metadata-records.ts'

export class MetadataDelta {
  private readonly topicIds = new Set<string>()
  private readonly configuredTopics = new Set<string>()
  private everyTopic = false

  /** Notes what `record` touches. */
  add(record: MetadataRecord): void {
    switch (record.type) {
      case 'TopicRecord':
      case 'PartitionRecord':
      case 'PartitionChangeRecord':
      case 'RemoveTopicRecord':
        this.topicIds.add(record.topicId)
        return
      case 'ConfigRecord':
        if (record.resourceType === 'topic') this.configuredTopics.add(record.resourceName)
        else this.everyTopic = true
        return
      default:
        return
    }
  }

  /** The next `take` hands over every topic of the image (a broker acting on its whole image). */
  touchEveryTopic(): void {
    this.everyTopic = true
  }

  /** The ids of the topics touched since the last take, removed ones included, and forgets them. */
  take(image: ClusterMetadata): Set<string> {
    const touched = new Set(this.everyTopic ? image.topicsById.keys() : [])
    for (const topicId of this.topicIds) touched.add(topicId)
    for (const name of this.configuredTopics) {
      const topicId = image.topicIdsByName.get(name)
      if (topicId !== undefined) touched.add(topicId)
    }
    this.topicIds.clear()
    this.configuredTopics.clear()
    this.everyTopic = false
    return touched
  }
}
