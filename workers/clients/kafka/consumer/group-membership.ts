/**
 * What KafkaConsumer asks of its group membership, whichever group.protocol runs it (classic:
 * ConsumerCoordinator; consumer: ConsumerMembershipManager), and what the membership may ask of the consumer.
 */
import type { Clock } from '../../../net/clock.ts'
import type { TopicPartition } from '../../../protocol/consumer-protocol.ts'
import type { ClusterConnection } from '../cluster-connection.ts'
import type { CommitIdentity, PartitionPosition } from './coordinator-channel.ts'

export interface GroupMembershipDeps {
  readonly connection: ClusterConnection
  readonly clock: Clock
  readonly groupId: string
  readonly clientId: string
  /** The consumer's config, with ConsumerConfig's defaults for what the user left unset. */
  readonly config: Readonly<Record<string, string>>
  /** The consumer's positions in its assigned partitions (what a commit stores). */
  positions(): PartitionPosition[]
  /** Partitions taken away: the consumer forgets their positions. */
  onPartitionsRevoked(partitions: readonly TopicPartition[]): void
  /** Partitions handed over by a completed assignment (all of a classic join's, the new ones of a reconcile). */
  onPartitionsAssigned(partitions: readonly TopicPartition[]): void
}

export interface GroupMembership {
  /** The partitions the member owns now. */
  readonly assignment: readonly TopicPartition[]
  subscribe(topics: readonly string[]): void
  /** Joins or keeps the membership going; may wait for a join. */
  poll(): Promise<void>
  commit(positions: readonly PartitionPosition[]): Promise<void>
  /** Who commits now: member id, generation (classic) or member epoch (consumer), group.instance.id. */
  identity(): CommitIdentity
  /** The group's committed offsets of these partitions; null when `deadline` (clock ms) passes first. */
  committed(partitions: readonly TopicPartition[], deadline: number): Promise<PartitionPosition[] | null>
  close(): Promise<void>
}
