/**
 * partition.assignment.strategy as the Java consumer reads it: a comma-separated list of assignor
 * classes (Kafka 4 default: RangeAssignor, CooperativeStickyAssignor), offered to the coordinator in that
 * order as JoinGroup protocols; the rebalance protocol is COOPERATIVE only when every configured assignor
 * supports it (ConsumerCoordinator's protocol selection), else EAGER.
 */
import type { ConsumerPartitionAssignor } from '../../../protocol/consumer-protocol.ts'
import { KafkaError } from '../api.ts'
import { RangeAssignor } from './assignors/range-assignor.ts'
import { CooperativeStickyAssignor } from './assignors/cooperative-sticky-assignor.ts'

export const DEFAULT_ASSIGNMENT_STRATEGY =
  'org.apache.kafka.clients.consumer.RangeAssignor,org.apache.kafka.clients.consumer.CooperativeStickyAssignor'

const ASSIGNORS: Readonly<Record<string, { create: () => ConsumerPartitionAssignor; cooperative: boolean }>> =
  {
    'org.apache.kafka.clients.consumer.RangeAssignor': {
      create: () => new RangeAssignor(),
      cooperative: false,
    },
    'org.apache.kafka.clients.consumer.CooperativeStickyAssignor': {
      create: () => new CooperativeStickyAssignor(),
      cooperative: true,
    },
  }

export interface AssignmentStrategy {
  readonly assignors: readonly ConsumerPartitionAssignor[]
  readonly rebalanceProtocol: 'EAGER' | 'COOPERATIVE'
}

export function assignmentStrategy(config: string): AssignmentStrategy {
  const names = config
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
  const entries = names.map((name) => {
    const entry = ASSIGNORS[name]
    if (entry === undefined)
      throw new KafkaError(
        'org.apache.kafka.common.config.ConfigException',
        `Invalid value ${name} for configuration partition.assignment.strategy: Class ${name} could not be found.`,
      )
    return entry
  })
  return {
    assignors: entries.map((entry) => entry.create()),
    rebalanceProtocol: entries.every((entry) => entry.cooperative) ? 'COOPERATIVE' : 'EAGER',
  }
}
