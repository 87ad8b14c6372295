/**
 * The factory the tools receive: each client gets its own ClusterConnection from its bootstrap servers
 * (reaching partition leaders through the broker directory), and shares the log engine (the RecordBatch
 * codec) and the clock; each producer gets its own seeded randomness. When nothing listens at any
 * bootstrap address, the first call logs each failed connection and fails the way the Java clients do after their
 * timeout. A client given a ClientLog logs through a LogContext with its Java prefix.
 */
import type { Clock } from '../../net/clock.ts'
import { Random } from '../../net/random.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type {
  Admin,
  ClientLog,
  Consumer,
  ConsumerConfig,
  KafkaClients,
  Producer,
  ProducerConfig,
} from './api.ts'
import { KafkaAdminClient } from './admin-client.ts'
import { KafkaProducer } from './producer/kafka-producer.ts'
import { KafkaConsumer } from './consumer/kafka-consumer.ts'
import type { BrokerDirectory } from './bootstrap.ts'
import { ClusterConnection } from './cluster-connection.ts'
import { LogContext } from './log-context.ts'
import { consumerClientId, producerClientId } from './client-ids.ts'

export class ClusterKafkaClients implements KafkaClients {
  private producers = 0
  private consumers = 0
  private connections = 0

  constructor(
    private readonly directory: BrokerDirectory,
    private readonly engine: LogEngine,
    private readonly clock: Clock,
    private readonly seed: number,
  ) {}

  /** Each connection draws its reconnect jitter from its own seeded randomness. */
  private connect(bootstrapServers: string, logContext: LogContext | null = null): ClusterConnection {
    const random = new Random(Math.imul(this.seed, 31) + ++this.connections)
    return new ClusterConnection(this.directory, bootstrapServers, this.clock, logContext, random)
  }

  /** Each tool runs in its own JVM, whose first admin client is adminclient-1 (AdminClientConfig's sequence). */
  admin(bootstrapServers: string, log?: ClientLog): Admin {
    const logContext = log === undefined ? null : new LogContext('[AdminClient clientId=adminclient-1] ', log)
    return new KafkaAdminClient(this.connect(bootstrapServers, logContext), this.clock)
  }

  producer(bootstrapServers: string, config: ProducerConfig, log?: ClientLog): Producer {
    const random = new Random(this.seed + ++this.producers)
    const logContext = log === undefined ? null : new LogContext(producerLogPrefix(config), log)
    return new KafkaProducer(
      this.connect(bootstrapServers, logContext),
      this.engine,
      this.clock,
      random,
      config,
    )
  }

  consumer(bootstrapServers: string, config: ConsumerConfig, log?: ClientLog): Consumer {
    const random = new Random(this.seed + ++this.consumers)
    const logContext = log === undefined ? null : new LogContext(consumerLogPrefix(config), log)
    return new KafkaConsumer(
      this.connect(bootstrapServers, logContext),
      this.engine,
      this.clock,
      config,
      random,
    )
  }
}

/** KafkaProducer's LogContext prefix. */
function producerLogPrefix(config: ProducerConfig): string {
  return `[Producer clientId=${producerClientId(config)}] `
}

/** ConsumerUtils.createLogContext's prefix, with the client id kafka-consumer.ts gives a consumer without one. */
function consumerLogPrefix(config: ConsumerConfig): string {
  const groupId = config['group.id']
  const clientId = consumerClientId(config)
  const instanceId = config['group.instance.id']
  const instance = instanceId === undefined ? '' : `instanceId=${instanceId}, `
  return `[Consumer ${instance}clientId=${clientId}, groupId=${groupId ?? 'null'}] `
}
