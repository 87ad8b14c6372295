/**
 * The factory the tools receive: it connects each client to the broker its bootstrap servers name,
 * shares the log engine (the RecordBatch codec) and the clock, and gives each producer its own seeded
 * randomness. A bootstrap address where no broker listens fails the first call the way the Java
 * clients do after their timeout.
 */
import type { BrokerApi } from '../../protocol/kafka.ts'
import type { Clock } from '../../net/clock.ts'
import { Random } from '../../net/random.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { Admin, Consumer, ConsumerConfig, KafkaClients, Producer, ProducerConfig } from './api.ts'
import { KafkaAdminClient } from './admin-client.ts'
import { KafkaProducer } from './producer/kafka-producer.ts'
import { KafkaConsumer } from './consumer/kafka-consumer.ts'
import { connectBootstrap, type BrokerDirectory } from './bootstrap.ts'
import { timeoutError } from './errors.ts'
import { unreachableBroker } from './unreachable-broker.ts'

export class ClusterKafkaClients implements KafkaClients {
  private producers = 0

  constructor(
    private readonly directory: BrokerDirectory,
    private readonly engine: LogEngine,
    private readonly clock: Clock,
    private readonly seed: number,
  ) {}

  private connect(bootstrapServers: string): BrokerApi {
    return (
      connectBootstrap(this.directory, bootstrapServers) ??
      unreachableBroker(() => timeoutError('Timed out waiting for a node assignment.'))
    )
  }

  admin(bootstrapServers: string): Admin {
    return new KafkaAdminClient(this.connect(bootstrapServers))
  }

  producer(bootstrapServers: string, config: ProducerConfig): Producer {
    const random = new Random(this.seed + ++this.producers)
    return new KafkaProducer(this.connect(bootstrapServers), this.engine, this.clock, random, config)
  }

  consumer(bootstrapServers: string, config: ConsumerConfig): Consumer {
    return new KafkaConsumer(this.connect(bootstrapServers), this.engine, this.clock, config)
  }
}
