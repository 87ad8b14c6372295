/**
 * UniformAssignor (`uniform`, the default of group.consumer.assignors): partitions spread evenly over the
 * members, sticky to the current target assignment. Homogeneous subscriptions use
 * UniformHomogeneousAssignmentBuilder, heterogeneous ones the heterogeneous builder. A group without members
 * gets an empty assignment.
 */
import {
  isHomogeneous,
  type ConsumerGroupPartitionAssignor,
  type GroupAssignment,
  type GroupSpec,
  type PartitionCounts,
} from './assignment-spec.ts'
import { assignHeterogeneous } from './uniform-heterogeneous-assignment-builder.ts'
import { assignHomogeneous } from './uniform-homogeneous-assignment-builder.ts'

const UNIFORM_ASSIGNOR_NAME = 'uniform'

export const uniformAssignor: ConsumerGroupPartitionAssignor = {
  name: UNIFORM_ASSIGNOR_NAME,
  assign(spec: GroupSpec, partitionCounts: PartitionCounts): GroupAssignment {
    if (spec.members.size === 0) return new Map()
    return isHomogeneous(spec)
      ? assignHomogeneous(spec, partitionCounts)
      : assignHeterogeneous(spec, partitionCounts)
  },
}
