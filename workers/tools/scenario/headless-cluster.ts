/**
 * The playground cluster in one process, for the headless scenario runner and tests: brokers and nodes
 * as plain objects over in-memory storage, a virtual clock and seeded randomness, so a scenario replays
 * exactly. Each run starts from an empty cluster.
 */
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import { KAFKA_BASE_PORT, type BrokerApi } from '../../protocol/kafka.ts'
import { VirtualClock } from '../../net/clock.ts'
import { Random } from '../../net/random.ts'
import { MemoryStorage } from '../../storage/memory-storage.ts'
import { KafkaBroker } from '../../kafka/kafka-broker.ts'
import { EsNode } from '../../es/es-node.ts'
import { ClusterKafkaClients } from '../../clients/kafka/kafka-clients.ts'
import type { ShellEnvironment } from '../shell/shell.ts'

export interface HeadlessOptions {
  brokers: number
  nodes: number
  seed: number
  logEngine: LogEngine
  indexEngine: IndexEngine
}

export async function startHeadlessCluster(options: HeadlessOptions): Promise<ShellEnvironment> {
  const clock = new VirtualClock()
  const brokers = new Map<number, BrokerApi>()
  for (let id = 1; id <= options.brokers; id++) {
    const broker = await KafkaBroker.start({
      brokerId: id,
      clock,
      random: new Random(options.seed * 31 + id),
      storage: new MemoryStorage(),
      engine: options.logEngine,
    })
    brokers.set(KAFKA_BASE_PORT + id - 1, broker)
  }
  const node = await EsNode.start({
    nodeName: 'es-node-1',
    clock,
    random: new Random(options.seed * 31 + 1000),
    storage: new MemoryStorage(),
    engine: options.indexEngine,
  })
  return {
    kafka: new ClusterKafkaClients(
      { brokerAtPort: (port) => brokers.get(port) ?? null },
      options.logEngine,
      clock,
      options.seed,
    ),
    es: node,
    clock,
    playground: { clear: () => undefined },
  }
}
