/**
 * ConsumerConfig's ConfigDef (Kafka 4.1): the consumer configs with a type or a validator that a value can
 * fail, in their definition order, with their defaults. ConfigDef.parse checks every supplied value in this
 * order when the consumer is built, so the first bad value's ConfigException is what the constructor throws.
 * isolation.level and group.protocol are checked by their own modules (isolation-level-config.ts,
 * group-protocol-config.ts), which also read them; the security, SSL and SASL configs are left out (the
 * playground has one PLAINTEXT listener). Configs Kafka does not define are accepted, as the producer's are.
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
import { autoOffsetResetReason } from './auto-offset-reset-strategy.ts'

export const CONSUMER_CONFIGS: readonly ConfigDef[] = [
  CLIENT_DNS_LOOKUP,
  { name: 'bootstrap.resolve.timeout.ms', type: 'LONG', defaultValue: '120000' },
  { name: 'group.instance.id', type: 'STRING', defaultValue: null, nonEmpty: true },
  { name: 'session.timeout.ms', type: 'INT', defaultValue: '45000' },
  { name: 'heartbeat.interval.ms', type: 'INT', defaultValue: '3000' },
  METADATA_MAX_AGE,
  { name: 'enable.auto.commit', type: 'BOOLEAN', defaultValue: 'true' },
  { name: 'auto.commit.interval.ms', type: 'INT', defaultValue: '5000', min: 0 },
  { name: 'max.partition.fetch.bytes', type: 'INT', defaultValue: '1048576', min: 0 },
  SEND_BUFFER,
  { name: 'receive.buffer.bytes', type: 'INT', defaultValue: '65536', min: -1 },
  { name: 'fetch.min.bytes', type: 'INT', defaultValue: '1', min: 0 },
  { name: 'fetch.max.bytes', type: 'INT', defaultValue: '52428800', min: 0 },
  { name: 'fetch.max.wait.ms', type: 'INT', defaultValue: '500', min: 0 },
  RECONNECT_BACKOFF_MS,
  RECONNECT_BACKOFF_MAX_MS,
  RETRY_BACKOFF_MS,
  RETRY_BACKOFF_MAX_MS,
  ENABLE_METRICS_PUSH,
  { name: 'auto.offset.reset', type: 'STRING', defaultValue: 'latest', validator: autoOffsetResetReason },
  { name: 'check.crcs', type: 'BOOLEAN', defaultValue: 'true' },
  METRICS_SAMPLE_WINDOW_MS,
  METRICS_NUM_SAMPLES,
  METRICS_RECORDING_LEVEL,
  REQUEST_TIMEOUT_MS,
  { name: 'default.api.timeout.ms', type: 'INT', defaultValue: '60000', min: 0 },
  SOCKET_CONNECTION_SETUP_TIMEOUT_MS,
  SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS,
  CONNECTIONS_MAX_IDLE_MS,
  { name: 'max.poll.records', type: 'INT', defaultValue: '500', min: 1 },
  { name: 'max.poll.interval.ms', type: 'INT', defaultValue: '300000', min: 1 },
  { name: 'exclude.internal.topics', type: 'BOOLEAN', defaultValue: 'true' },
  { name: 'allow.auto.create.topics', type: 'BOOLEAN', defaultValue: 'true' },
]

/** The defaults of the configs above that have one, as the strings a consumer config holds. */
export const CONSUMER_DEFAULTS = defaultValues(CONSUMER_CONFIGS)
