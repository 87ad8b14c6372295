/**
 * The group coordinator APIs' request and response shapes, defined at the broker boundary
 * (workers/protocol/kafka-groups.ts) and used unchanged by the coordinator.
 */
export * from '../../protocol/kafka-groups.ts'
