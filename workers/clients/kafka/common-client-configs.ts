/**
 * The client configs Kafka's producer and consumer both define, with the same type, default and validator
 * (CommonClientConfigs' names and defaults), as ConfigDef entries each client's definition list takes in its
 * own order (producer-config-def.ts, consumer-config-def.ts); and the check a client's constructor makes.
 */
import { ConfigException, validateValues, type ConfigDef } from '../../protocol/kafka-config-def.ts'
import { KafkaError } from './api.ts'

export const CLIENT_DNS_LOOKUP: ConfigDef = {
  name: 'client.dns.lookup',
  type: 'STRING',
  defaultValue: 'use_all_dns_ips',
  validValues: ['use_all_dns_ips', 'resolve_canonical_bootstrap_servers_only'],
}
export const SEND_BUFFER: ConfigDef = {
  name: 'send.buffer.bytes',
  type: 'INT',
  defaultValue: '131072',
  min: -1,
}
export const RECONNECT_BACKOFF_MS: ConfigDef = {
  name: 'reconnect.backoff.ms',
  type: 'LONG',
  defaultValue: '50',
  min: 0,
}
export const RECONNECT_BACKOFF_MAX_MS: ConfigDef = {
  name: 'reconnect.backoff.max.ms',
  type: 'LONG',
  defaultValue: '1000',
  min: 0,
}
export const RETRY_BACKOFF_MS: ConfigDef = {
  name: 'retry.backoff.ms',
  type: 'LONG',
  defaultValue: '100',
  min: 0,
}
export const RETRY_BACKOFF_MAX_MS: ConfigDef = {
  name: 'retry.backoff.max.ms',
  type: 'LONG',
  defaultValue: '1000',
  min: 0,
}
export const ENABLE_METRICS_PUSH: ConfigDef = {
  name: 'enable.metrics.push',
  type: 'BOOLEAN',
  defaultValue: 'true',
}
export const REQUEST_TIMEOUT_MS: ConfigDef = {
  name: 'request.timeout.ms',
  type: 'INT',
  defaultValue: '30000',
  min: 0,
}
export const METADATA_MAX_AGE: ConfigDef = {
  name: 'metadata.max.age.ms',
  type: 'LONG',
  defaultValue: '300000',
  min: 0,
}
export const METRICS_SAMPLE_WINDOW_MS: ConfigDef = {
  name: 'metrics.sample.window.ms',
  type: 'LONG',
  defaultValue: '30000',
  min: 0,
}
export const METRICS_NUM_SAMPLES: ConfigDef = {
  name: 'metrics.num.samples',
  type: 'INT',
  defaultValue: '2',
  min: 1,
}
export const METRICS_RECORDING_LEVEL: ConfigDef = {
  name: 'metrics.recording.level',
  type: 'STRING',
  defaultValue: 'INFO',
  validValues: ['INFO', 'DEBUG', 'TRACE'],
}
export const SOCKET_CONNECTION_SETUP_TIMEOUT_MS: ConfigDef = {
  name: 'socket.connection.setup.timeout.ms',
  type: 'LONG',
  defaultValue: '10000',
}
export const SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS: ConfigDef = {
  name: 'socket.connection.setup.timeout.max.ms',
  type: 'LONG',
  defaultValue: '30000',
}
export const CONNECTIONS_MAX_IDLE_MS: ConfigDef = {
  name: 'connections.max.idle.ms',
  type: 'LONG',
  defaultValue: '540000',
}

/** The check a client's constructor makes (AbstractConfig: ConfigDef.parse): the first bad value's ConfigException. */
export function validateClientConfig(
  defs: readonly ConfigDef[],
  originals: Readonly<Record<string, string | undefined>>,
): void {
  try {
    validateValues(defs, originals)
  } catch (error) {
    if (error instanceof ConfigException)
      throw new KafkaError('org.apache.kafka.common.config.ConfigException', error.message)
    throw error
  }
}
