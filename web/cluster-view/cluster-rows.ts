/**
 * The Kafka cluster view's rows, computed from what a client and the brokers report: the Metadata
 * response of any running broker (live brokers, topics, each partition's leader, epoch, replicas and ISR),
 * each broker's process state (running, paused or stopped, from the host) and each running broker's
 * NodeState (active controller, quorum epoch, per replica log end offset and
 * high watermark). Pure: no Svelte, no workers, so it is unit-tested in Node.
 *
 * A partition is under-replicated when fewer replicas are in the ISR than it has replicas, and offline
 * (unavailable) when it has no leader or its leader is not a live broker: the rules of Kafka's
 * TopicCommand (`--under-replicated-partitions`, `--unavailable-partitions`). A broker is fenced when it
 * is missing from the live brokers of the Metadata response, as KRaft brokers leave fenced ones out.
 */
import type { MetadataResponse } from '../../workers/protocol/kafka.ts'
import { KAFKA_BASE_PORT } from '../../workers/protocol/kafka.ts'
import type { NodeState } from '../../workers/protocol/workers.ts'
import { kafkaVoters } from '../../workers/tools/shell/broker-control.ts'
import type { HostState } from '../../workers/tools/shell/host-commands.ts'

export interface BrokerRow {
  id: number
  /** `localhost:9092` for broker 1. */
  address: string
  process: HostState
  /** A voter of the metadata quorum (process.roles=broker,controller), as the first three are. */
  voter: boolean
  /** null while no broker answered Metadata. */
  fenced: boolean | null
  activeController: boolean
  /** The quorum leader epoch as this broker knows it; null when it did not answer. */
  quorumEpoch: number | null
}

export interface ReplicaRow {
  brokerId: number
  inIsr: boolean
  isLeader: boolean
  /** From the hosting broker's NodeState; null when that broker did not answer or hosts no replica yet. */
  logEndOffset: number | null
  highWatermark: number | null
}

export interface PartitionRow {
  partition: number
  /** -1 when the partition has no leader. */
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  replicaStates: ReplicaRow[]
  underReplicated: boolean
  offline: boolean
}

export interface TopicRow {
  name: string
  topicId: string
  isInternal: boolean
  partitions: PartitionRow[]
}

export function brokerAddress(id: number): string {
  return `localhost:${KAFKA_BASE_PORT + id - 1}`
}

export function brokerRows(
  ids: readonly number[],
  processOf: (id: number) => HostState,
  states: readonly NodeState[],
  metadata: MetadataResponse | null,
): BrokerRow[] {
  const live = new Set(metadata?.brokers.map((b) => b.id))
  const voters = kafkaVoters(ids.length)
  return ids.map((id) => {
    const state = states.find((s) => s.nodeId === id)
    return {
      id,
      address: brokerAddress(id),
      process: processOf(id),
      voter: voters.includes(id),
      fenced: metadata ? !live.has(id) : null,
      activeController: state?.activeController ?? false,
      quorumEpoch: state?.quorumEpoch ?? null,
    }
  })
}

export function topicRows(
  metadata: MetadataResponse,
  states: readonly NodeState[],
  showInternal: boolean,
): TopicRow[] {
  const live = new Set(metadata.brokers.map((b) => b.id))
  const replicaState = (brokerId: number, topicId: string, partition: number) =>
    states
      .find((s) => s.nodeId === brokerId)
      ?.partitions.find((p) => p.topicId === topicId && p.partition === partition)
  return metadata.topics
    .filter((t) => t.error === null && (showInternal || !t.isInternal))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((topic) => ({
      name: topic.name,
      topicId: topic.topicId,
      isInternal: topic.isInternal,
      partitions: [...topic.partitions]
        .sort((a, b) => a.partition - b.partition)
        .map((p) => ({
          partition: p.partition,
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          replicas: p.replicas,
          isr: p.isr,
          replicaStates: p.replicas.map((brokerId) => {
            const state = replicaState(brokerId, topic.topicId, p.partition)
            return {
              brokerId,
              inIsr: p.isr.includes(brokerId),
              isLeader: brokerId === p.leader,
              logEndOffset: state?.logEndOffset ?? null,
              highWatermark: state?.highWatermark ?? null,
            }
          }),
          underReplicated: p.replicas.length - p.isr.length > 0,
          offline: p.leader < 0 || !live.has(p.leader),
        })),
    }))
}
