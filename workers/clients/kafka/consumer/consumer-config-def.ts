/**
 * ConsumerConfig's ConfigDef (Kafka 4.1): the consumer configs with a type or a validator that a value can
 * fail, in their definition order, with their defaults. ConfigDef.parse checks every supplied value in this
 * order when the consumer is built, so the first bad value's ConfigException is what the constructor throws.
 * isolation.level and group.protocol are checked by their own modules (isolation-level-config.ts,
 * group-protocol-config.ts), which also read them; the security, SSL and SASL configs are left out (the
 * playground has one PLAINTEXT listener). Configs Kafka does not define are accepted, as the producer's are.
 */
import { defaultValues, type ConfigDef } from '../../../protocol/kafka-config-def.ts'
import { autoOffsetResetReason } from './auto-offset-reset-strategy.ts'

export const CONSUMER_CONFIGS: readonly ConfigDef[] = [
  {
    name: 'client.dns.lookup',
    type: 'STRING',
    defaultValue: 'use_all_dns_ips',
    validValues: ['use_all_dns_ips', 'resolve_canonical_bootstrap_servers_only'],
  },
  { name: 'bootstrap.resolve.timeout.ms', type: 'LONG', defaultValue: '120000' },
  { name: 'group.instance.id', type: 'STRING', defaultValue: null, nonEmpty: true },
  { name: 'session.timeout.ms', type: 'INT', defaultValue: '45000' },
  { name: 'heartbeat.interval.ms', type: 'INT', defaultValue: '3000' },
  { name: 'metadata.max.age.ms', type: 'LONG', defaultValue: '300000', min: 0 },
  { name: 'enable.auto.commit', type: 'BOOLEAN', defaultValue: 'true' },
  { name: 'auto.commit.interval.ms', type: 'INT', defaultValue: '5000', min: 0 },
  { name: 'max.partition.fetch.bytes', type: 'INT', defaultValue: '1048576', min: 0 },
  { name: 'send.buffer.bytes', type: 'INT', defaultValue: '131072', min: -1 },
  { name: 'receive.buffer.bytes', type: 'INT', defaultValue: '65536', min: -1 },
  { name: 'fetch.min.bytes', type: 'INT', defaultValue: '1', min: 0 },
  { name: 'fetch.max.bytes', type: 'INT', defaultValue: '52428800', min: 0 },
  { name: 'fetch.max.wait.ms', type: 'INT', defaultValue: '500', min: 0 },
  { name: 'reconnect.backoff.ms', type: 'LONG', defaultValue: '50', min: 0 },
  { name: 'reconnect.backoff.max.ms', type: 'LONG', defaultValue: '1000', min: 0 },
  { name: 'retry.backoff.ms', type: 'LONG', defaultValue: '100', min: 0 },
  { name: 'retry.backoff.max.ms', type: 'LONG', defaultValue: '1000', min: 0 },
  { name: 'enable.metrics.push', type: 'BOOLEAN', defaultValue: 'true' },
  { name: 'auto.offset.reset', type: 'STRING', defaultValue: 'latest', validator: autoOffsetResetReason },
  { name: 'check.crcs', type: 'BOOLEAN', defaultValue: 'true' },
  { name: 'metrics.sample.window.ms', type: 'LONG', defaultValue: '30000', min: 0 },
  { name: 'metrics.num.samples', type: 'INT', defaultValue: '2', min: 1 },
  {
    name: 'metrics.recording.level',
    type: 'STRING',
    defaultValue: 'INFO',
    validValues: ['INFO', 'DEBUG', 'TRACE'],
  },
  { name: 'request.timeout.ms', type: 'INT', defaultValue: '30000', min: 0 },
  { name: 'default.api.timeout.ms', type: 'INT', defaultValue: '60000', min: 0 },
  { name: 'socket.connection.setup.timeout.ms', type: 'LONG', defaultValue: '10000' },
  { name: 'socket.connection.setup.timeout.max.ms', type: 'LONG', defaultValue: '30000' },
  { name: 'connections.max.idle.ms', type: 'LONG', defaultValue: '540000' },
  { name: 'max.poll.records', type: 'INT', defaultValue: '500', min: 1 },
  { name: 'max.poll.interval.ms', type: 'INT', defaultValue: '300000', min: 1 },
  { name: 'exclude.internal.topics', type: 'BOOLEAN', defaultValue: 'true' },
  { name: 'allow.auto.create.topics', type: 'BOOLEAN', defaultValue: 'true' },
]

/** The defaults of the configs above that have one, as the strings a consumer config holds. */
export const CONSUMER_DEFAULTS = defaultValues(CONSUMER_CONFIGS)
