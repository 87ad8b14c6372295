/**
 * A BrokerApi that stands for "nothing listens at the bootstrap address": every request fails with the
 * error the caller supplies (the Java client's TimeoutException after it gave up waiting for a node).
 */
import type { BrokerApi } from '../../protocol/kafka.ts'

export function unreachableBroker(error: () => Error): BrokerApi {
  const fail = (): Promise<never> => Promise.reject(error())
  return {
    metadata: fail,
    createTopics: fail,
    deleteTopics: fail,
    describeTopicConfigs: fail,
    produce: fail,
    fetch: fail,
    listOffsets: fail,
  }
}
