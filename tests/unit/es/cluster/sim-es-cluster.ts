/**
 * A simulated Elasticsearch cluster of Coordinators on one DeterministicTaskQueue and SimulatedNetwork.
 * Each node has a "disk" that survives kill and restart (its PersistedState and the shard copies it
 * holds); a copy assigned to a node recovers after a seeded delay (50–550 ms) and is then reported
 * started, as the lead's recovery code will. Same seed, same calls: the same run.
 */
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { Random } from '../../../../workers/net/random.ts'
import { SimulatedNetwork } from '../../../../workers/net/simulated-network.ts'
import type { StoredShardCopy } from '../../../../workers/es/cluster/allocation/routing-allocation.ts'
import { Coordinator } from '../../../../workers/es/cluster/coordination/coordinator.ts'
import type {
  CoordinationRequest,
  CoordinationResponse,
} from '../../../../workers/es/cluster/coordination/messages.ts'
import { InMemoryPersistedState } from '../../../../workers/es/cluster/coordination/persisted-state.ts'
import type { ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'

export const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

interface Disk {
  persisted: InMemoryPersistedState
  copies: Map<string, StoredShardCopy>
}

export class SimEsCluster {
  readonly queue = new DeterministicTaskQueue()
  readonly random: Random
  readonly network: SimulatedNetwork<CoordinationRequest, CoordinationResponse>
  readonly nodes = new Map<number, Coordinator>()
  readonly disks = new Map<number, Disk>()
  readonly addresses: number[]
  readonly paused = new Set<number>()

  constructor(
    seed: number,
    size: number,
    private readonly onApplied: (address: number, state: ClusterState) => void = () => undefined,
  ) {
    this.random = new Random(seed)
    this.network = new SimulatedNetwork(this.queue, new Random(seed ^ 0x5eed))
    this.addresses = Array.from({ length: size }, (_, i) => i + 1)
    for (const address of this.addresses) {
      this.disks.set(address, { persisted: new InMemoryPersistedState('docker-cluster'), copies: new Map() })
    }
  }

  static nodeId(address: number): string {
    return `node-${address}`
  }

  start(address: number): Coordinator {
    const disk = this.disks.get(address)!
    const recovering = new Set<string>()
    const coordinator: Coordinator = new Coordinator({
      nodeId: SimEsCluster.nodeId(address),
      nodeName: `es0${address}`,
      transport: this.network.endpoint(address),
      scheduler: this.queue,
      random: new Random(this.random.nextUint32()),
      persistedState: disk.persisted,
      shardStore: { list: () => [...disk.copies.values()] },
      seedAddresses: this.addresses,
      initialMasterNodes: this.addresses.map((a) => `es0${a}`),
      onClusterStateApplied: (state) => {
        this.onApplied(address, state)
        this.recover(address, coordinator, state, recovering)
      },
    })
    this.nodes.set(address, coordinator)
    coordinator.start()
    return coordinator
  }

  /** Starts recoveries of the copies assigned to this node, each reported started after a seeded delay. */
  private recover(
    address: number,
    coordinator: Coordinator,
    state: ClusterState,
    recovering: Set<string>,
  ): void {
    const disk = this.disks.get(address)!
    for (const shards of Object.values(state.routingTable)) {
      for (const copy of shards.flat()) {
        if (copy.state !== 'INITIALIZING' || copy.nodeId !== coordinator.localNode.id) continue
        const allocationId = copy.allocationId!
        if (recovering.has(allocationId)) continue
        recovering.add(allocationId)
        const indexUuid = state.metadata.indices[copy.index]!.uuid
        this.queue.schedule(50 + this.random.nextInt(500), () => {
          recovering.delete(allocationId)
          if (this.nodes.get(address) !== coordinator) return
          const stored = { indexUuid, shard: copy.shard, allocationId }
          disk.copies.set(allocationId, stored)
          coordinator.shardStarted({ index: copy.index, shard: copy.shard, allocationId }, stored)
        })
      }
    }
  }

  startAll(): void {
    for (const address of this.addresses) this.start(address)
  }

  kill(address: number): void {
    this.nodes.get(address)?.stop()
    this.nodes.delete(address)
  }

  pause(address: number): void {
    this.paused.add(address)
    this.network.pause(address)
  }

  resume(address: number): void {
    this.paused.delete(address)
    this.network.resume(address)
  }

  leaders(): Coordinator[] {
    return [...this.nodes.values()].filter((node) => node.mode() === 'LEADER')
  }

  async advance(ms: number): Promise<void> {
    await this.queue.advance(ms, drain)
  }

  async run<T>(promise: Promise<T>): Promise<T> {
    return this.queue.runUntilSettled(promise, drain)
  }

  /** Advances until one node leads and every running node follows it, or `limitMs` passes. */
  async stabilise(limitMs = 120_000): Promise<Coordinator> {
    const end = this.queue.now() + limitMs
    while (this.queue.now() < end) {
      await this.advance(500)
      const leaders = this.leaders()
      const leader = leaders[0]
      if (leaders.length !== 1 || !leader) continue
      const version = leader.state().version
      const all = [...this.nodes.values()]
      if (all.every((n) => n.state().masterNodeId === leader.localNode.id && n.state().version === version)) {
        return leader
      }
    }
    const report = [...this.nodes].map(
      ([address, n]) =>
        `${address}: ${n.mode()} term ${n.currentTerm()} v${n.state().version} master ${n.state().masterNodeId} ` +
        `nodes [${n
          .state()
          .nodes.map((x) => x.address)
          .join()}] config [${n.state().lastCommittedConfiguration.join()}]`,
    )
    throw new Error(`the cluster did not stabilise:\n${report.join('\n')}`)
  }
}
