/**
 * Broker and topic configuration defaults, with Kafka 4.x's names and default values (KafkaConfig,
 * ServerLogConfigs, TopicConfig). Topic configs override the broker's `log.*` counterparts.
 */
export const BROKER_DEFAULTS = {
  'num.partitions': '1',
  'default.replication.factor': '1',
  'auto.create.topics.enable': 'true',
  'min.insync.replicas': '1',
  'log.segment.bytes': String(1024 * 1024 * 1024),
  'log.retention.hours': '168',
  'message.max.bytes': String(1024 * 1024 + 12),
} as const

/** Topic-level configs a topic may set, with their defaults as Kafka reports them. */
export const TOPIC_CONFIG_DEFAULTS: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'compression.type': 'producer',
  'max.message.bytes': String(1024 * 1024 + 12),
  'min.insync.replicas': '1',
  'retention.bytes': '-1',
  'retention.ms': String(7 * 24 * 60 * 60 * 1000),
  'segment.bytes': String(1024 * 1024 * 1024),
  'segment.ms': String(7 * 24 * 60 * 60 * 1000),
  'unclean.leader.election.enable': 'false',
}

export function topicConfig(configs: Readonly<Record<string, string>>, name: string): string {
  return configs[name] ?? TOPIC_CONFIG_DEFAULTS[name] ?? ''
}
