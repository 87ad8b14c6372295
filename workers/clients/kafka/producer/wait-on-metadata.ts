/**
 * KafkaProducer.waitOnMetadata for a topic the producer has no partitions for: Metadata requests (allowing
 * auto-creation, as ProducerMetadata's do) until one answers the topic with partitions, or max.block.ms passes.
 * Between two requests the producer waits as Metadata.timeToAllowUpdate lets it: each answer that still lacks the
 * topic counts as an equivalent response, so the n-th wait is the metadata ExponentialBackoff(n - 1) from
 * retry.backoff.ms to retry.backoff.max.ms (KIP-580). An invalid topic fails at once with InvalidTopicException
 * (Metadata.maybeThrowExceptionForTopic); at the deadline the wait fails with `Topic X not present in metadata after
 * N ms.`, caused by the topic's error in the last answer when there was one (KAFKA-16965). Each answer's topic
 * errors are logged by the connection (cluster-connection.ts), and so is each failed attempt to reach a broker,
 * which goes on until the same deadline.
 */
import type { Clock } from '../../../net/clock.ts'
import type { TopicMetadata } from '../../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../../protocol/kafka-errors.ts'
import { KafkaError } from '../api.ts'
import type { ClusterConnection } from '../cluster-connection.ts'
import { isTimeout, kafkaError } from '../errors.ts'
import type { ExponentialBackoff } from '../exponential-backoff.ts'

export interface WaitOnMetadataDeps {
  connection: ClusterConnection
  clock: Clock
  /** The metadata refresh backoff (retry.backoff.ms, retry.backoff.max.ms). */
  refreshBackoff: ExponentialBackoff
  maxBlockMs: number
  /** Told after each Metadata answer (the Sender looks at its batches again). */
  onUpdate: () => void
}

/** The topic's metadata with at least one partition. */
export async function waitOnMetadata(deps: WaitOnMetadataDeps, topic: string): Promise<TopicMetadata> {
  const { connection, clock, refreshBackoff, maxBlockMs } = deps
  const deadline = clock.now() + maxBlockMs
  let error: KafkaErrorName | null = null
  for (let equivalentResponses = 0; ; equivalentResponses++) {
    // A cluster the producer cannot reach keeps it trying (and logging) until max.block.ms.
    const metadata = await connection
      .refreshMetadata([topic], true, { deadlineMs: deadline })
      .catch((failure: unknown) => {
        if (isTimeout(failure)) return null
        throw failure
      })
    if (metadata === null) break
    deps.onUpdate()
    const found = metadata.topics.find((t) => t.name === topic)
    if (found !== undefined && found.error === null && found.partitions.length > 0) return found
    error = found?.error ?? null
    if (error === 'INVALID_TOPIC_EXCEPTION')
      throw new KafkaError(kafkaError(error).exceptionClass, `Invalid topics: [${topic}]`)
    const wait = refreshBackoff.backoff(equivalentResponses)
    const remaining = deadline - clock.now()
    if (wait >= remaining) break
    await clock.sleep(wait)
  }
  await clock.sleep(Math.max(0, deadline - clock.now()))
  throw new KafkaError(
    'org.apache.kafka.common.errors.TimeoutException',
    `Topic ${topic} not present in metadata after ${maxBlockMs} ms.`,
    error === null ? null : kafkaError(error),
  )
}
