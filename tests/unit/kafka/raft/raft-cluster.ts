/**
 * A simulated KRaft quorum for tests: voters and observers on one SimulatedNetwork and a
 * DeterministicTaskQueue, each with its own MemoryStorage (kept across stop/start) and seeded Random.
 * `run` steps task by task and calls the invariant checker after every one.
 */
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { Random } from '../../../../workers/net/random.ts'
import { SimulatedNetwork } from '../../../../workers/net/simulated-network.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import type { CommittedBatch } from '../../../../workers/kafka/raft/commit-tracker.ts'
import { KafkaRaftClient } from '../../../../workers/kafka/raft/kafka-raft-client.ts'
import { QUORUM_DEFAULTS } from '../../../../workers/kafka/raft/quorum-config.ts'
import type { RaftRequest, RaftResponse } from '../../../../workers/kafka/raft/raft-messages.ts'
import { RaftInvariants } from './raft-invariants.ts'

export type Rec = { k: string }

export const drain = () => new Promise<void>((resolve) => setImmediate(resolve))

export interface RaftNode {
  id: number
  client: KafkaRaftClient<Rec>
  storage: MemoryStorage
  /** Committed batches delivered since the last start. */
  delivered: CommittedBatch<Rec>[]
}

export class RaftCluster {
  readonly queue = new DeterministicTaskQueue(Date.UTC(2026, 0, 1))
  readonly net: SimulatedNetwork<RaftRequest, RaftResponse<Rec>>
  readonly nodes = new Map<number, RaftNode>()
  readonly invariants: RaftInvariants

  constructor(
    readonly seed: number,
    readonly voters: number[],
    observers: number[] = [],
  ) {
    this.net = new SimulatedNetwork(this.queue, new Random(seed), { minLatencyMs: 1, maxLatencyMs: 5 })
    for (const id of [...voters, ...observers]) {
      const storage = new MemoryStorage()
      const client = new KafkaRaftClient<Rec>({
        nodeId: id,
        config: { ...QUORUM_DEFAULTS, voters },
        scheduler: this.queue,
        random: new Random(seed * 1000 + id),
        transport: this.net.endpoint(id),
        storage,
      })
      const node: RaftNode = { id, client, storage, delivered: [] }
      client.onCommit((batch) => {
        if (batch.records.length === 0) return // a control batch
        this.invariants.onDelivered(node, batch)
        node.delivered.push(batch)
      })
      this.nodes.set(id, node)
    }
    this.invariants = new RaftInvariants(this)
  }

  node(id: number): RaftNode {
    return this.nodes.get(id)!
  }

  async startAll(): Promise<void> {
    for (const id of this.nodes.keys()) await this.start(id)
  }

  async start(id: number): Promise<void> {
    const node = this.node(id)
    if (node.client.isRunning()) return
    node.delivered = []
    await node.client.start()
    this.invariants.onStart(node)
  }

  stop(id: number): void {
    this.node(id).client.stop()
  }

  /** Runs every task due within `ms`, checking the invariants after each. */
  async run(ms: number): Promise<void> {
    const end = this.queue.now() + ms
    await drain()
    for (
      let next = this.queue.nextTaskTime();
      next !== null && next <= end;
      next = this.queue.nextTaskTime()
    ) {
      this.queue.runNextTask()
      await drain()
      this.invariants.check()
    }
    await this.queue.advance(Math.max(0, end - this.queue.now()), drain)
  }

  /** Runs until `promise` settles (checking invariants), returning its outcome. */
  async settle<T>(promise: Promise<T>, limitMs = 60_000): Promise<T> {
    let settled = false
    const watched = promise.finally(() => (settled = true))
    watched.catch(() => undefined)
    const end = this.queue.now() + limitMs
    await drain()
    while (!settled && this.queue.now() <= end && this.queue.nextTaskTime() !== null) {
      this.queue.runNextTask()
      await drain()
      this.invariants.check()
    }
    return watched
  }

  leaders(): RaftNode[] {
    return [...this.nodes.values()].filter((n) => n.client.isRunning() && n.client.role() === 'leader')
  }

  /** Runs until some running node is leader and a majority knows it; returns it. */
  async awaitLeader(limitMs = 30_000): Promise<RaftNode> {
    const end = this.queue.now() + limitMs
    while (this.queue.now() < end) {
      const [leader] = this.leaders()
      if (leader && leader.client.highWatermark() > 0) return leader
      await this.run(50)
    }
    throw new Error(`no leader elected within ${limitMs} ms (seed ${this.seed})`)
  }
}
