/**
 * ProducerConfig's ConfigDef (Kafka 4.1): the producer configs with a type or a validator that a value can
 * fail, in their definition order, with their defaults. ConfigDef.parse checks every supplied value in this
 * order before the producer does anything else, so the first bad value's ConfigException is what the
 * constructor throws and nothing is sent. compression.* is checked by producer-compression.ts (its level
 * validators have texts of their own); the security, SSL and SASL configs are left out (the playground has
 * one PLAINTEXT listener). Configs Kafka does not define are accepted: the producer only logs them at INFO
 * ("... were supplied but are not used yet."), which the tools' WARN logging does not print.
 */
import { defaultValues, type ConfigDef } from '../../../protocol/kafka-config-def.ts'
import {
  CLIENT_DNS_LOOKUP,
  CONNECTIONS_MAX_IDLE_MS,
  ENABLE_METRICS_PUSH,
  METADATA_MAX_AGE,
  METRICS_NUM_SAMPLES,
  METRICS_RECORDING_LEVEL,
  METRICS_SAMPLE_WINDOW_MS,
  RECONNECT_BACKOFF_MAX_MS,
  RECONNECT_BACKOFF_MS,
  REQUEST_TIMEOUT_MS,
  RETRY_BACKOFF_MAX_MS,
  RETRY_BACKOFF_MS,
  SEND_BUFFER,
  SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS,
  SOCKET_CONNECTION_SETUP_TIMEOUT_MS,
} from '../common-client-configs.ts'

/** The partitioner classes a 4.1 client jar holds (DefaultPartitioner and UniformStickyPartitioner went in 4.0). */
export const ROUND_ROBIN_PARTITIONER = 'org.apache.kafka.clients.producer.RoundRobinPartitioner'

const INT_MAX = 2 ** 31 - 1

export const PRODUCER_CONFIGS: readonly ConfigDef[] = [
  CLIENT_DNS_LOOKUP,
  { name: 'buffer.memory', type: 'LONG', defaultValue: '33554432', min: 0 },
  { name: 'retries', type: 'INT', defaultValue: String(INT_MAX), min: 0 },
  { name: 'acks', type: 'STRING', defaultValue: 'all', validValues: ['all', '-1', '0', '1'] },
  { name: 'batch.size', type: 'INT', defaultValue: '16384', min: 0 },
  { name: 'partitioner.adaptive.partitioning.enable', type: 'BOOLEAN', defaultValue: 'true' },
  { name: 'partitioner.availability.timeout.ms', type: 'LONG', defaultValue: '0', min: 0 },
  { name: 'partitioner.ignore.keys', type: 'BOOLEAN', defaultValue: 'false' },
  { name: 'linger.ms', type: 'LONG', defaultValue: '5', min: 0 },
  { name: 'delivery.timeout.ms', type: 'INT', defaultValue: '120000', min: 0 },
  SEND_BUFFER,
  { name: 'receive.buffer.bytes', type: 'INT', defaultValue: '32768', min: -1 },
  { name: 'max.request.size', type: 'INT', defaultValue: '1048576', min: 0 },
  RECONNECT_BACKOFF_MS,
  RECONNECT_BACKOFF_MAX_MS,
  RETRY_BACKOFF_MS,
  RETRY_BACKOFF_MAX_MS,
  ENABLE_METRICS_PUSH,
  { name: 'max.block.ms', type: 'LONG', defaultValue: '60000', min: 0 },
  REQUEST_TIMEOUT_MS,
  METADATA_MAX_AGE,
  { name: 'metadata.max.idle.ms', type: 'LONG', defaultValue: '300000', min: 5000 },
  METRICS_SAMPLE_WINDOW_MS,
  METRICS_NUM_SAMPLES,
  METRICS_RECORDING_LEVEL,
  { name: 'max.in.flight.requests.per.connection', type: 'INT', defaultValue: '5', min: 1 },
  SOCKET_CONNECTION_SETUP_TIMEOUT_MS,
  SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS,
  CONNECTIONS_MAX_IDLE_MS,
  { name: 'partitioner.class', type: 'CLASS', defaultValue: null, validValues: [ROUND_ROBIN_PARTITIONER] },
  { name: 'enable.idempotence', type: 'BOOLEAN', defaultValue: 'true' },
  { name: 'transaction.timeout.ms', type: 'INT', defaultValue: '60000' },
  { name: 'transactional.id', type: 'STRING', defaultValue: null, nonEmpty: true },
  { name: 'metadata.recovery.rebootstrap.trigger.ms', type: 'LONG', defaultValue: '300000', min: 0 },
]

/** The defaults of the configs above that have one, as the strings a producer config holds. */
export const PRODUCER_DEFAULTS = defaultValues(PRODUCER_CONFIGS)
