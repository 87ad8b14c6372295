/**
 * The topics a group coordinator test's broker knows: partition counts by name, and for each topic a Uuid
 * (its text, as the metadata holds it) made from the name, so that records naming topics by id round-trip.
 */
import { uuidBytes, uuidText } from '../../../../workers/kafka/metadata/uuid.ts'

export function topicImage(partitions: Readonly<Record<string, number>>) {
  const ids = new Map(Object.keys(partitions).map((name) => [name, uuidText(uuidBytes(name))]))
  const names = new Map([...ids].map(([name, id]) => [id, name]))
  return {
    partitionCount: (topic: string): number => partitions[topic] ?? -1,
    topicId: (topic: string): string | undefined => ids.get(topic),
    topicName: (topicId: string): string | undefined => names.get(topicId),
  }
}
