/**
 * A Kafka cluster of KafkaServers in one process: seeded network and clock (DeterministicTaskQueue),
 * one MemoryStorage per node that survives restarts, and the faults a learner can cause. The cluster is
 * also the clients' BrokerDirectory: node N listens on localhost:9091+N, as the server advertises.
 */
import { readFileSync } from 'node:fs'
import { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { SimulatedNetwork } from '../../../../workers/net/simulated-network.ts'
import { gatedApi, PausableScheduler, ProcessPause } from '../../../../workers/net/process-pause.ts'
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
  const processes = new Map<number, ProcessPause>()
  const start = async (id: number): Promise<KafkaServer> => {
    const process = new ProcessPause()
    processes.set(id, process)
    const server = await queue.runUntilSettled(
      KafkaServer.start({
        nodeId: id,
        voters,
        clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
        endpoint: { host: 'localhost', port: BASE_PORT + id },
        scheduler: new PausableScheduler(queue, process),
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
      processes.get(id)?.end(new Error(`node ${id} was killed`))
      // Messages held for the dead process now meet a closed port.
      network.resume(id)
    },
    /** SIGSTOP: the node's timers and messages wait until `resume`. */
    pause(id: number): void {
      processes.get(id)?.pause()
      network.pause(id)
    },
    resume(id: number): void {
      processes.get(id)?.resume()
      network.resume(id)
    },
    isPaused(id: number): boolean {
      return processes.get(id)?.isPaused ?? false
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
    /** What a client reaches: the broker's API, waiting while its process is paused. */
    brokerAtPort(port: number): BrokerApi | null {
      const id = port - BASE_PORT
      const server = servers.get(id)
      const process = processes.get(id)
      return server && process ? gatedApi<BrokerApi>(server.api, process) : null
    },
    server(id: number): KafkaServer {
      const server = servers.get(id)
      if (!server) throw new Error(`node ${id} is not running`)
      return server
    },
  }
}
