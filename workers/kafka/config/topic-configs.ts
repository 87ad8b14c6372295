/**
 * The topic configs of Kafka 4.1 (LogConfig's definitions, TopicConfig's names and defaults) with their
 * broker synonyms in priority order (ServerTopicConfigSynonyms.ALL_TOPIC_CONFIG_SYNONYMS): a topic that does
 * not set a config takes the first synonym the broker has, converted to the topic's unit (hours and minutes
 * to milliseconds). The list is sorted by name.
 */
import { ConfigException, validateValue, type ConfigDef } from '../../protocol/kafka-config-def.ts'

export interface BrokerSynonym {
  name: string
  /** Multiplier from the broker config's unit to the topic config's (HOURS_TO_MILLISECONDS: 3600000). */
  factor: number
}

export interface TopicConfigDef extends ConfigDef {
  synonyms: readonly BrokerSynonym[]
}

const LONG_MAX = '9223372036854775807'
const HOURS = 60 * 60 * 1000
const MINUTES = 60 * 1000
const COMPRESSION_TYPES = ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer']

const same = (name: string): BrokerSynonym[] => [{ name, factor: 1 }]

export const TOPIC_CONFIGS: readonly TopicConfigDef[] = [
  {
    name: 'cleanup.policy',
    type: 'LIST',
    defaultValue: 'delete',
    validValues: ['compact', 'delete'],
    synonyms: same('log.cleanup.policy'),
  },
  {
    name: 'compression.gzip.level',
    type: 'INT',
    defaultValue: '-1',
    // GzipCompression's level validator: Deflater's 1 to 9, or its default -1
    validator: (level) =>
      level === '-1' || (Number(level) >= 1 && Number(level) <= 9)
        ? null
        : 'Value must be between 1 and 9 or equal to -1',
    synonyms: same('compression.gzip.level'),
  },
  {
    name: 'compression.lz4.level',
    type: 'INT',
    defaultValue: '9',
    min: 1,
    max: 17,
    synonyms: same('compression.lz4.level'),
  },
  {
    name: 'compression.type',
    type: 'STRING',
    defaultValue: 'producer',
    validValues: COMPRESSION_TYPES,
    synonyms: same('compression.type'),
  },
  {
    name: 'compression.zstd.level',
    type: 'INT',
    defaultValue: '3',
    min: -131072,
    max: 22,
    synonyms: same('compression.zstd.level'),
  },
  {
    name: 'delete.retention.ms',
    type: 'LONG',
    defaultValue: '86400000',
    min: 0,
    synonyms: same('log.cleaner.delete.retention.ms'),
  },
  {
    name: 'file.delete.delay.ms',
    type: 'LONG',
    defaultValue: '60000',
    min: 0,
    synonyms: same('log.segment.delete.delay.ms'),
  },
  {
    name: 'flush.messages',
    type: 'LONG',
    defaultValue: LONG_MAX,
    min: 1,
    synonyms: same('log.flush.interval.messages'),
  },
  {
    name: 'flush.ms',
    type: 'LONG',
    defaultValue: LONG_MAX,
    min: 0,
    synonyms: [
      { name: 'log.flush.interval.ms', factor: 1 },
      { name: 'log.flush.scheduler.interval.ms', factor: 1 },
    ],
  },
  { name: 'follower.replication.throttled.replicas', type: 'LIST', defaultValue: '', synonyms: [] },
  {
    name: 'index.interval.bytes',
    type: 'INT',
    defaultValue: '4096',
    min: 0,
    synonyms: same('log.index.interval.bytes'),
  },
  { name: 'leader.replication.throttled.replicas', type: 'LIST', defaultValue: '', synonyms: [] },
  {
    name: 'local.retention.bytes',
    type: 'LONG',
    defaultValue: '-2',
    min: -2,
    synonyms: same('log.local.retention.bytes'),
  },
  {
    name: 'local.retention.ms',
    type: 'LONG',
    defaultValue: '-2',
    min: -2,
    synonyms: same('log.local.retention.ms'),
  },
  {
    name: 'max.compaction.lag.ms',
    type: 'LONG',
    defaultValue: LONG_MAX,
    min: 1,
    synonyms: same('log.cleaner.max.compaction.lag.ms'),
  },
  {
    name: 'max.message.bytes',
    type: 'INT',
    defaultValue: '1048588',
    min: 0,
    synonyms: same('message.max.bytes'),
  },
  {
    name: 'message.timestamp.after.max.ms',
    type: 'LONG',
    defaultValue: '3600000',
    min: 0,
    synonyms: same('log.message.timestamp.after.max.ms'),
  },
  {
    name: 'message.timestamp.before.max.ms',
    type: 'LONG',
    defaultValue: LONG_MAX,
    min: 0,
    synonyms: same('log.message.timestamp.before.max.ms'),
  },
  {
    name: 'message.timestamp.type',
    type: 'STRING',
    defaultValue: 'CreateTime',
    validValues: ['CreateTime', 'LogAppendTime'],
    synonyms: same('log.message.timestamp.type'),
  },
  {
    name: 'min.cleanable.dirty.ratio',
    type: 'DOUBLE',
    defaultValue: '0.5',
    min: 0,
    max: 1,
    synonyms: same('log.cleaner.min.cleanable.ratio'),
  },
  {
    name: 'min.compaction.lag.ms',
    type: 'LONG',
    defaultValue: '0',
    min: 0,
    synonyms: same('log.cleaner.min.compaction.lag.ms'),
  },
  {
    name: 'min.insync.replicas',
    type: 'INT',
    defaultValue: '1',
    min: 1,
    synonyms: same('min.insync.replicas'),
  },
  { name: 'preallocate', type: 'BOOLEAN', defaultValue: 'false', synonyms: same('log.preallocate') },
  { name: 'remote.log.copy.disable', type: 'BOOLEAN', defaultValue: 'false', synonyms: [] },
  { name: 'remote.log.delete.on.disable', type: 'BOOLEAN', defaultValue: 'false', synonyms: [] },
  { name: 'remote.storage.enable', type: 'BOOLEAN', defaultValue: 'false', synonyms: [] },
  { name: 'retention.bytes', type: 'LONG', defaultValue: '-1', synonyms: same('log.retention.bytes') },
  {
    name: 'retention.ms',
    type: 'LONG',
    defaultValue: '604800000',
    min: -1,
    synonyms: [
      { name: 'log.retention.ms', factor: 1 },
      { name: 'log.retention.minutes', factor: MINUTES },
      { name: 'log.retention.hours', factor: HOURS },
    ],
  },
  {
    name: 'segment.bytes',
    type: 'INT',
    defaultValue: '1073741824',
    min: 14,
    synonyms: same('log.segment.bytes'),
  },
  {
    name: 'segment.index.bytes',
    type: 'INT',
    defaultValue: '10485760',
    min: 4,
    synonyms: same('log.index.size.max.bytes'),
  },
  {
    name: 'segment.jitter.ms',
    type: 'LONG',
    defaultValue: '0',
    min: 0,
    synonyms: [
      { name: 'log.roll.jitter.ms', factor: 1 },
      { name: 'log.roll.jitter.hours', factor: HOURS },
    ],
  },
  {
    name: 'segment.ms',
    type: 'LONG',
    defaultValue: '604800000',
    min: 1,
    synonyms: [
      { name: 'log.roll.ms', factor: 1 },
      { name: 'log.roll.hours', factor: HOURS },
    ],
  },
  {
    name: 'unclean.leader.election.enable',
    type: 'BOOLEAN',
    defaultValue: 'false',
    synonyms: same('unclean.leader.election.enable'),
  },
]

export const TOPIC_CONFIGS_BY_NAME: ReadonlyMap<string, TopicConfigDef> = new Map(
  TOPIC_CONFIGS.map((def) => [def.name, def]),
)

/** LogConfig.validate of a topic's configs: Kafka's message for the first unknown name or invalid value. */
/** A topic's value of a config: its own setting, else Kafka's default ('' for one without a default). */
export function topicConfig(configs: Readonly<Record<string, string>>, name: string): string {
  return configs[name] ?? TOPIC_CONFIGS_BY_NAME.get(name)?.defaultValue ?? ''
}

export function validateTopicConfigs(configs: Readonly<Record<string, string>>): string | null {
  for (const [name, value] of Object.entries(configs)) {
    const def = TOPIC_CONFIGS_BY_NAME.get(name)
    if (!def) return `Unknown topic config name: ${name}`
    try {
      validateValue(def, value)
    } catch (error) {
      if (error instanceof ConfigException) return error.message
      throw error
    }
  }
  return null
}
