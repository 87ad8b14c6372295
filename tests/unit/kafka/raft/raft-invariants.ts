/**
 * Safety invariants of the quorum, checked after every simulated task (KIP-595's Election Safety, Log
 * Matching below the high watermark, Leader Completeness in its durable form, and delivery order):
 * - at most one leader per epoch, ever; a node's epoch never decreases, across restarts too;
 * - every batch below a node's high watermark equals the batch the cluster committed at that offset;
 * - the last committed batch is held by a majority of voters (so no future leader can lack it);
 * - `onCommit` delivers committed batches only, in offset order, each once per start.
 */
import { batchSize, type LogBatch } from '../../../../workers/kafka/raft/raft-messages.ts'
import type { CommittedBatch } from '../../../../workers/kafka/raft/commit-tracker.ts'
import type { RaftCluster, RaftNode, Rec } from './raft-cluster.ts'

export function batchKey(batch: LogBatch<Rec>): string {
  const body =
    batch.kind === 'data' ? batch.records.map((r) => r.k).join(',') : `leader ${batch.leaderChange.leaderId}`
  return `${batch.baseOffset}@${batch.epoch}:${body}`
}

export class RaftInvariants {
  /** The committed log as the cluster has exposed it: batch key by base offset, and its end. */
  readonly committed = new Map<number, string>()
  committedEnd = 0
  private readonly leaderOfEpoch = new Map<number, number>()
  private readonly lastEpoch = new Map<number, number>()
  private readonly verifiedTo = new Map<number, number>()
  private readonly lastDelivered = new Map<number, number>()

  constructor(private readonly cluster: RaftCluster) {}

  private fail(message: string): never {
    throw new Error(`seed ${this.cluster.seed} at ${this.cluster.queue.now()}: ${message}`)
  }

  onStart(node: RaftNode): void {
    this.verifiedTo.set(node.id, 0)
    this.lastDelivered.set(node.id, -1)
  }

  onDelivered(node: RaftNode, batch: CommittedBatch<Rec>): void {
    const previous = this.lastDelivered.get(node.id) ?? -1
    if (batch.baseOffset <= previous)
      this.fail(`node ${node.id} delivered ${batch.baseOffset} after ${previous}`)
    if (batch.lastOffset >= node.client.highWatermark()) this.fail(`node ${node.id} delivered above its HW`)
    this.lastDelivered.set(node.id, batch.lastOffset)
  }

  check(): void {
    for (const node of this.cluster.nodes.values()) {
      const { client } = node
      const { epoch } = client.leaderAndEpoch()
      if (epoch < (this.lastEpoch.get(node.id) ?? 0)) this.fail(`node ${node.id} epoch went back to ${epoch}`)
      this.lastEpoch.set(node.id, epoch)
      if (!client.isRunning()) continue
      if (client.role() === 'leader') {
        const known = this.leaderOfEpoch.get(epoch)
        if (known !== undefined && known !== node.id)
          this.fail(`epoch ${epoch} has leaders ${known} and ${node.id}`)
        this.leaderOfEpoch.set(epoch, node.id)
      }
      this.verifyCommittedPrefix(node)
    }
    this.checkMajorityHoldsCommitted()
  }

  private verifyCommittedPrefix(node: RaftNode): void {
    const hw = node.client.highWatermark()
    let offset = this.verifiedTo.get(node.id) ?? 0
    while (offset < hw) {
      const batch = node.client.batchAt(offset)
      if (!batch) this.fail(`node ${node.id} has no batch at ${offset} below its HW ${hw}`)
      const key = batchKey(batch)
      const known = this.committed.get(offset)
      if (known === undefined) {
        if (offset !== this.committedEnd)
          this.fail(`node ${node.id} committed ${offset} past the gap at ${this.committedEnd}`)
        this.committed.set(offset, key)
        this.committedEnd = offset + batchSize(batch)
      } else if (known !== key) this.fail(`node ${node.id} has ${key} where ${known} was committed`)
      offset += batchSize(batch)
    }
    this.verifiedTo.set(node.id, offset)
  }

  private checkMajorityHoldsCommitted(): void {
    if (this.committedEnd === 0) return
    let lastBase = this.committedEnd - 1
    while (!this.committed.has(lastBase)) lastBase--
    const key = this.committed.get(lastBase)
    const holders = this.cluster.voters.filter((id) => {
      const batch = this.cluster.node(id).client.batchAt(lastBase)
      return batch !== undefined && batchKey(batch) === key
    })
    if (holders.length <= this.cluster.voters.length / 2) {
      this.fail(`committed batch ${key} is held only by ${holders.join(',')}`)
    }
  }

  /** The committed data batches' keys in offset order. */
  committedDataKeys(): string[] {
    return [...this.committed.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, key]) => key)
      .filter((key) => !key.includes(':leader '))
  }
}
