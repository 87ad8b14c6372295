/**
 * AutoTopicCreationManager: the topics a Metadata request names that this broker's metadata does not know, when
 * the request allows auto-creation and auto.create.topics.enable is on, as Kafka 4.1's KRaft broker handles them
 * (AutoTopicCreationManager.createTopics over sendCreateTopicRequest). An invalid name (Topic.validate) answers
 * INVALID_TOPIC_EXCEPTION and is not sent; a name whose creation is already in flight answers
 * UNKNOWN_TOPIC_OR_PARTITION and is not sent again; the rest go to the active controller in one CreateTopics
 * request (the broker's defaults: -1 partitions and replication factor) that nobody waits for, and answer
 * UNKNOWN_TOPIC_OR_PARTITION. A name leaves the in-flight set when the controller answers or the forwarding
 * gives up. The client asks again after its backoff and sees the topic once this broker has replayed it.
 */
import type { TopicMetadata } from '../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'
import { INTERNAL_TOPICS, validateTopicName } from '../metadata/topic-validation.ts'
import { CLUSTER_ID_UNKNOWN_TOPIC } from './metadata-response.ts'

export class AutoTopicCreationManager {
  private readonly inflightTopics = new Set<string>()

  /** `forward`: sends a request to the active controller (ForwardingManager); null when it gave up. */
  constructor(private readonly forward: (request: ControllerRequest) => Promise<ControllerResponse | null>) {}

  /** The Metadata response topics for these missing topics, after sending the creatable ones to the controller. */
  createTopics(topics: readonly string[]): TopicMetadata[] {
    const creatable: string[] = []
    const responses = topics.map((name): TopicMetadata => {
      let error: KafkaErrorName = 'UNKNOWN_TOPIC_OR_PARTITION'
      if (validateTopicName(name) !== null) error = 'INVALID_TOPIC_EXCEPTION'
      else if (!this.inflightTopics.has(name)) creatable.push(name)
      return {
        name,
        topicId: CLUSTER_ID_UNKNOWN_TOPIC,
        isInternal: INTERNAL_TOPICS.has(name),
        error,
        partitions: [],
      }
    })
    if (creatable.length > 0) this.sendCreateTopicRequest(creatable)
    return responses
  }

  private sendCreateTopicRequest(names: readonly string[]): void {
    for (const name of names) this.inflightTopics.add(name)
    const clear = (): void => {
      for (const name of names) this.inflightTopics.delete(name)
    }
    this.forward({
      api: 'CreateTopics',
      topics: names.map((name) => ({ name, numPartitions: -1, replicationFactor: -1, configs: {} })),
      validateOnly: false,
    }).then(clear, clear)
  }
}
