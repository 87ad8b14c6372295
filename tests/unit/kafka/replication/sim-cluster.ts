// A simulated cluster for the replication tests: brokers (ReplicaManager over a LogManager and a
// MemoryStorage) on a SimulatedNetwork and a DeterministicTaskQueue, and a test controller that answers
// AlterPartition, fences a stopped broker (out of the ISR, a new leader from the ISR) and publishes every
// registration to the live brokers, as the KRaft controller and applyDelta do.
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../../workers/kafka/log/log-manager.ts'
import {
  NO_LEADER,
  type AlterPartitionResult,
  type PartitionRegistration,
} from '../../../../workers/kafka/replication/partition.ts'
import type {
  ReplicaFetchRequest,
  ReplicaFetchResponse,
} from '../../../../workers/kafka/replication/replica-messages.ts'
import { ReplicaManager } from '../../../../workers/kafka/replication/replica-manager.ts'
import { REPLICATION_DEFAULTS } from '../../../../workers/kafka/replication/replication-config.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { Random } from '../../../../workers/net/random.ts'
import { SimulatedNetwork } from '../../../../workers/net/simulated-network.ts'
import type { Transport } from '../../../../workers/net/transport.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'

export const TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ'
export const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

interface Broker {
  id: number
  storage: MemoryStorage
  logManager: LogManager
  transport: Transport<ReplicaFetchRequest, ReplicaFetchResponse>
  manager: ReplicaManager | null
}

export interface AlterCall {
  at: number
  brokerId: number
  newIsr: number[]
}

export class SimCluster {
  readonly queue = new DeterministicTaskQueue()
  readonly random: Random
  readonly network: SimulatedNetwork<ReplicaFetchRequest, ReplicaFetchResponse>
  readonly brokers = new Map<number, Broker>()
  registration: PartitionRegistration
  readonly alterCalls: AlterCall[] = []
  /** Called after every task by step(); throws to fail the test. */
  check: () => void = () => undefined

  constructor(
    private readonly engine: LogEngine,
    seed: number,
    readonly minInsyncReplicas: number,
    brokerIds: number[] = [1, 2, 3],
  ) {
    this.random = new Random(seed)
    this.network = new SimulatedNetwork(this.queue, this.random)
    this.registration = {
      leader: brokerIds[0]!,
      leaderEpoch: 0,
      partitionEpoch: 0,
      replicas: brokerIds,
      isr: brokerIds,
    }
    for (const id of brokerIds) {
      const storage = new MemoryStorage()
      const logManager = new LogManager(engine, storage)
      this.brokers.set(id, { id, storage, logManager, transport: this.network.endpoint(id), manager: null })
      this.start(id)
    }
  }

  get leaderManager(): ReplicaManager | null {
    return this.brokers.get(this.registration.leader)?.manager ?? null
  }

  manager(id: number): ReplicaManager {
    const manager = this.brokers.get(id)?.manager
    if (!manager) throw new Error(`broker ${id} is stopped`)
    return manager
  }

  partitionOn(id: number) {
    return this.brokers.get(id)?.manager?.getPartition(TOPIC_ID, 0)
  }

  logOf(id: number) {
    const log = this.brokers.get(id)?.logManager.getLog(TOPIC_ID, 0)
    if (!log) throw new Error(`broker ${id} has no log`)
    return log
  }

  get liveIds(): number[] {
    return [...this.brokers.values()].filter((b) => b.manager).map((b) => b.id)
  }

  /** Starts (or restarts, with its log kept) a broker; the controller unfences it. */
  start(id: number): void {
    const broker = this.brokers.get(id)!
    const manager = new ReplicaManager({
      brokerId: id,
      scheduler: this.queue,
      config: REPLICATION_DEFAULTS,
      logManager: broker.logManager,
      storage: broker.storage,
      alterPartition: (_topicId, _partition, newIsr, leaderEpoch, partitionEpoch) =>
        this.alterPartition(id, newIsr, leaderEpoch, partitionEpoch),
      sendReplicaFetch: (to, request, timeoutMs) => broker.transport.request(to, request, timeoutMs),
      isReplicaIsrEligible: (brokerId) => (this.brokers.get(brokerId)?.manager ?? null) !== null,
    })
    broker.manager = manager
    broker.transport.serve((from, request) => manager.handleReplicaFetch(from, request))
    manager.startup()
    const reg = this.registration
    if (reg.leader === NO_LEADER && reg.isr.includes(id))
      this.change({ leader: id, leaderEpoch: reg.leaderEpoch + 1 })
    else this.publish()
  }

  /** Stops a broker; the controller fences it: out of the ISR unless it is the last member. */
  stop(id: number): void {
    const broker = this.brokers.get(id)!
    broker.manager?.shutdown()
    broker.manager = null
    broker.transport.serve(null)
    const reg = this.registration
    if (!reg.isr.includes(id)) return
    if (reg.isr.length === 1) {
      if (reg.leader === id) this.change({ leader: NO_LEADER, leaderEpoch: reg.leaderEpoch + 1 })
      return
    }
    const isr = reg.isr.filter((r) => r !== id)
    if (reg.leader !== id) return this.change({ isr })
    const leader = reg.replicas.find((r) => isr.includes(r) && this.brokers.get(r)?.manager) ?? NO_LEADER
    this.change({ isr, leader, leaderEpoch: reg.leaderEpoch + 1 })
  }

  private change(update: Partial<PartitionRegistration>): void {
    this.registration = {
      ...this.registration,
      ...update,
      partitionEpoch: this.registration.partitionEpoch + 1,
    }
    this.publish()
  }

  private publish(): void {
    for (const id of this.liveIds) {
      this.manager(id).applyLeadership([
        {
          ...this.registration,
          topicId: TOPIC_ID,
          topicName: 'orders',
          partition: 0,
          logConfig: { segmentBytes: 1 << 20 },
          minInsyncReplicas: this.minInsyncReplicas,
          maxMessageBytes: 1 << 20,
        },
      ])
    }
  }

  private alterPartition(
    brokerId: number,
    newIsr: number[],
    leaderEpoch: number,
    partitionEpoch: number,
  ): Promise<AlterPartitionResult> {
    this.alterCalls.push({ at: this.queue.now(), brokerId, newIsr })
    return new Promise((resolve) => {
      this.queue.schedule(2, () => {
        const reg = this.registration
        if (reg.leader !== brokerId || leaderEpoch !== reg.leaderEpoch)
          return resolve({ error: 'FENCED_LEADER_EPOCH' })
        if (partitionEpoch !== reg.partitionEpoch) return resolve({ error: 'INVALID_UPDATE_VERSION' })
        this.change({ isr: newIsr })
        resolve({ isr: this.registration.isr, partitionEpoch: this.registration.partitionEpoch })
      })
    })
  }

  /** Runs tasks until `ms` of simulated time passed, checking the invariants after every task. */
  async step(ms: number): Promise<void> {
    const target = this.queue.now() + ms
    await drain()
    for (
      let next = this.queue.nextTaskTime();
      next !== null && next <= target;
      next = this.queue.nextTaskTime()
    ) {
      this.queue.runNextTask()
      await drain()
      this.check()
    }
    await this.queue.advance(target - this.queue.now(), drain)
  }

  /** Runs tasks (checking invariants) until the promise settles. */
  async settle<T>(promise: Promise<T>, limitMs = 120_000): Promise<T> {
    let done = false
    const watched = promise.finally(() => (done = true))
    watched.catch(() => undefined)
    const deadline = this.queue.now() + limitMs
    await drain()
    while (!done) {
      const next = this.queue.nextTaskTime()
      if (next === null || next > deadline) throw new Error('simulation stalled')
      this.queue.runNextTask()
      await drain()
      this.check()
    }
    return watched
  }

  encode(values: readonly string[]): Uint8Array {
    const encoder = new TextEncoder()
    return this.engine.encodeBatch(
      values.map((value) => ({ key: null, value: encoder.encode(value), timestamp: 1_000, headers: [] })),
    )
  }

  /** The values of a broker's log below `upTo` (default: its log end offset). */
  values(id: number, upTo?: number): string[] {
    const log = this.logOf(id)
    const decoder = new TextDecoder()
    return this.engine
      .decodeBatches(log.read(0, 1 << 24, upTo ?? log.logEndOffset))
      .flatMap((batch) => batch.records.map((r) => decoder.decode(r.value ?? new Uint8Array(0))))
  }
}
