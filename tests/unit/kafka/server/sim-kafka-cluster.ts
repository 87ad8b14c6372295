/**
 * A Kafka cluster of KafkaServers in one process: seeded network and clock (DeterministicTaskQueue),
 * one MemoryStorage per node that survives restarts, and the faults a learner can cause. The cluster is
 * also the clients' BrokerDirectory: node N listens on localhost:9091+N, as the server advertises.
 */
import { readFileSync } from 'node:fs'
import { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { SimulatedNetwork } from '../../../../workers/net/simulated-network.ts'
import { Random } from '../../../../workers/net/random.ts'
import type { Tagged } from '../../../../workers/net/channel-mux.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { KafkaServer } from '../../../../workers/kafka/server/kafka-server.ts'
import type { BrokerApi } from '../../../../workers/protocol/kafka.ts'

const BASE_PORT = 9091

export const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export type SimKafkaCluster = Awaited<ReturnType<typeof simKafkaCluster>>

export async function simKafkaCluster(size: number, seed = 1) {
  const engine = await LogEngine.load(
    readFileSync(new URL('../../../../engine-wasm/build/log.wasm', import.meta.url)),
  )
  const queue = new DeterministicTaskQueue(Date.UTC(2026, 0, 1))
  const network = new SimulatedNetwork<Tagged, unknown>(queue, new Random(seed))
  const ids = Array.from({ length: size }, (_, i) => i + 1)
  const voters = ids.slice(0, Math.min(3, size))
  const storages = new Map(ids.map((id) => [id, new MemoryStorage()]))
  const servers = new Map<number, KafkaServer>()
  const start = async (id: number): Promise<KafkaServer> => {
    const server = await queue.runUntilSettled(
      KafkaServer.start({
        nodeId: id,
        voters,
        clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
        endpoint: { host: 'localhost', port: BASE_PORT + id },
        scheduler: queue,
        random: new Random(seed * 100 + id),
        storage: storages.get(id)!,
        engine,
        transport: network.endpoint(id),
      }),
      drain,
    )
    servers.set(id, server)
    return server
  }
  for (const id of ids) await start(id)
  return {
    engine,
    queue,
    network,
    servers,
    start,
    kill(id: number): void {
      servers.get(id)?.kill()
      servers.delete(id)
    },
    run<T>(promise: Promise<T>): Promise<T> {
      return queue.runUntilSettled(promise, drain)
    },
    advance(ms: number): Promise<void> {
      return queue.advance(ms, drain)
    },
    storage(id: number): MemoryStorage {
      return storages.get(id)!
    },
    brokerAtPort(port: number): BrokerApi | null {
      return servers.get(port - BASE_PORT)?.api ?? null
    },
    server(id: number): KafkaServer {
      const server = servers.get(id)
      if (!server) throw new Error(`node ${id} is not running`)
      return server
    },
  }
}
