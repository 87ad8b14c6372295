/**
 * The factory the tools receive: each client gets its own ClusterConnection from its bootstrap servers
 * (reaching partition leaders through the broker directory), and shares the log engine (the RecordBatch
 * codec) and the clock; each producer gets its own seeded randomness. When nothing listens at any
 * bootstrap address, the first call fails the way the Java clients do after their timeout.
 */
import type { Clock } from '../../net/clock.ts'
import { Random } from '../../net/random.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { Admin, Consumer, ConsumerConfig, KafkaClients, Producer, ProducerConfig } from './api.ts'
import { KafkaAdminClient } from './admin-client.ts'
import { KafkaProducer } from './producer/kafka-producer.ts'
import { KafkaConsumer } from './consumer/kafka-consumer.ts'
import type { BrokerDirectory } from './bootstrap.ts'
import { ClusterConnection } from './cluster-connection.ts'

export class ClusterKafkaClients implements KafkaClients {
  private producers = 0
  private consumers = 0

  constructor(
    private readonly directory: BrokerDirectory,
    private readonly engine: LogEngine,
    private readonly clock: Clock,
    private readonly seed: number,
  ) {}

  private connect(bootstrapServers: string): ClusterConnection {
    return new ClusterConnection(this.directory, bootstrapServers, this.clock)
  }

  admin(bootstrapServers: string): Admin {
    return new KafkaAdminClient(this.connect(bootstrapServers), this.clock)
  }

  producer(bootstrapServers: string, config: ProducerConfig): Producer {
    const random = new Random(this.seed + ++this.producers)
    return new KafkaProducer(this.connect(bootstrapServers), this.engine, this.clock, random, config)
  }

  consumer(bootstrapServers: string, config: ConsumerConfig): Consumer {
    const random = new Random(this.seed + ++this.consumers)
    return new KafkaConsumer(this.connect(bootstrapServers), this.engine, this.clock, config, random)
  }
}
