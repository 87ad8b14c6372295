/**
 * The broker settings replication reads, with Kafka's defaults (ReplicationConfigs, ServerConfigs):
 * replica.lag.time.max.ms 30000, replica.fetch.wait.max.ms 500, replica.fetch.min.bytes 1,
 * replica.fetch.max.bytes 1048576, replica.fetch.response.max.bytes 10485760,
 * replica.fetch.backoff.ms 1000, replica.socket.timeout.ms 30000.
 */
export interface ReplicationConfig {
  replicaLagTimeMaxMs: number
  replicaFetchWaitMaxMs: number
  replicaFetchMinBytes: number
  replicaFetchMaxBytes: number
  replicaFetchResponseMaxBytes: number
  replicaFetchBackoffMs: number
  replicaSocketTimeoutMs: number
}

export const REPLICATION_DEFAULTS: ReplicationConfig = {
  replicaLagTimeMaxMs: 30_000,
  replicaFetchWaitMaxMs: 500,
  replicaFetchMinBytes: 1,
  replicaFetchMaxBytes: 1_048_576,
  replicaFetchResponseMaxBytes: 10_485_760,
  replicaFetchBackoffMs: 1_000,
  replicaSocketTimeoutMs: 30_000,
}
