/**
 * The topic-level configuration names of Kafka 4.1 (LogConfig.nonInternalConfigNames(), sorted), used by
 * kafka-topics' `--config` help text and kafka-configs' `--add-config` help. Derived from the brokers' own
 * definitions (workers/kafka/config/topic-configs.ts), as the Java tools read LogConfig.
 */
import { TOPIC_CONFIGS } from '../../kafka/config/topic-configs.ts'

export const TOPIC_CONFIG_NAMES: readonly string[] = TOPIC_CONFIGS.map((def) => def.name).sort()
