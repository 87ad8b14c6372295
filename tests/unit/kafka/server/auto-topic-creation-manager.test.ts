/**
 * AutoTopicCreationManager: Kafka 4.1's KRaft broker answers a Metadata request that auto-creates topics at once,
 * UNKNOWN_TOPIC_OR_PARTITION for each topic it sent to the controller or whose creation is already in flight,
 * INVALID_TOPIC_EXCEPTION for an illegal name (never sent); a topic leaves the in-flight set when the controller
 * answers or the forwarding gives up.
 */
import { describe, expect, it } from 'vitest'
import { AutoTopicCreationManager } from '../../../../workers/kafka/server/auto-topic-creation-manager.ts'
import type {
  ControllerRequest,
  ControllerResponse,
} from '../../../../workers/kafka/controller/controller-messages.ts'

function manager() {
  const sent: Array<{ request: ControllerRequest; answer: (response: ControllerResponse | null) => void }> =
    []
  const forward = (request: ControllerRequest) =>
    new Promise<ControllerResponse | null>((answer) => sent.push({ request, answer }))
  return { autoCreation: new AutoTopicCreationManager(forward), sent }
}

const errors = (topics: ReturnType<AutoTopicCreationManager['createTopics']>) =>
  topics.map((t) => [t.name, t.error, t.partitions.length])
const names = (request: ControllerRequest) =>
  request.api === 'CreateTopics' ? request.topics.map((t) => t.name) : []

describe('AutoTopicCreationManager', () => {
  it('sends the creatable topics in one CreateTopics with the broker defaults and answers without waiting', () => {
    const { autoCreation, sent } = manager()
    const answered = autoCreation.createTopics(['orders', 'bad topic', '..', 'payments'])
    expect(errors(answered)).toEqual([
      ['orders', 'UNKNOWN_TOPIC_OR_PARTITION', 0],
      ['bad topic', 'INVALID_TOPIC_EXCEPTION', 0],
      ['..', 'INVALID_TOPIC_EXCEPTION', 0],
      ['payments', 'UNKNOWN_TOPIC_OR_PARTITION', 0],
    ])
    expect(sent.map(({ request }) => request)).toEqual([
      {
        api: 'CreateTopics',
        topics: [
          { name: 'orders', numPartitions: -1, replicationFactor: -1, configs: {} },
          { name: 'payments', numPartitions: -1, replicationFactor: -1, configs: {} },
        ],
        validateOnly: false,
      },
    ])
  })

  it('does not send a topic again while its creation is in flight, and sends it again once answered', async () => {
    const { autoCreation, sent } = manager()
    autoCreation.createTopics(['orders'])
    expect(errors(autoCreation.createTopics(['orders', 'users']))).toEqual([
      ['orders', 'UNKNOWN_TOPIC_OR_PARTITION', 0],
      ['users', 'UNKNOWN_TOPIC_OR_PARTITION', 0],
    ])
    expect(sent.map(({ request }) => names(request))).toEqual([['orders'], ['users']])
    sent[0]!.answer({ api: 'CreateTopics', results: [{ name: 'orders', error: null, message: null }] })
    sent[1]!.answer(null) // the forwarding gave up
    await Promise.resolve()
    await Promise.resolve()
    autoCreation.createTopics(['orders', 'users'])
    expect(sent.map(({ request }) => names(request))).toEqual([['orders'], ['users'], ['orders', 'users']])
  })
})
