/**
 * The broker configs the playground models (KafkaConfig's definitions and defaults in Kafka 4.1): every
 * broker synonym of a topic config, and the broker settings learners change or read. `dynamic` marks the
 * ones a broker takes at run time (DynamicBrokerConfig: the first synonym of each topic config, as
 * DynamicLogConfig reconfigures them); the others answer `Cannot update these configs dynamically`.
 * `brokerConfigSynonyms` gives the names that stand for one setting, highest priority first.
 */
import { type ConfigDef, validateValue } from '../../protocol/kafka-config-def.ts'
import { TOPIC_CONFIGS } from './topic-configs.ts'

export interface BrokerConfigDef extends ConfigDef {
  dynamic: boolean
}

const LONG_MAX = '9223372036854775807'

/** Broker synonyms of topic configs whose definition differs from the topic's (default, range, type). */
const SYNONYM_OVERRIDES: Readonly<Record<string, Partial<BrokerConfigDef>>> = {
  'log.flush.interval.ms': { defaultValue: null },
  'log.flush.scheduler.interval.ms': { defaultValue: LONG_MAX, dynamic: false },
  'log.retention.ms': { defaultValue: null },
  'log.retention.minutes': { type: 'INT', defaultValue: null, min: undefined, dynamic: false },
  'log.retention.hours': { type: 'INT', defaultValue: '168', min: undefined, dynamic: false },
  'log.segment.bytes': { min: 1048576 },
  'log.roll.ms': { defaultValue: null },
  'log.roll.hours': { type: 'INT', defaultValue: '168', min: 1, dynamic: false },
  'log.roll.jitter.ms': { defaultValue: null },
  'log.roll.jitter.hours': { type: 'INT', defaultValue: '0', dynamic: false },
}

const SYNONYM_CONFIGS: BrokerConfigDef[] = TOPIC_CONFIGS.flatMap((topic) =>
  topic.synonyms.map((synonym): BrokerConfigDef => {
    const { name, type, defaultValue, min, max, validValues } = topic
    const base = { name, type, defaultValue, min, max, validValues, dynamic: true }
    return { ...base, ...SYNONYM_OVERRIDES[synonym.name], name: synonym.name }
  }),
)

const SERVER_CONFIGS: BrokerConfigDef[] = [
  { name: 'auto.create.topics.enable', type: 'BOOLEAN', defaultValue: 'true', dynamic: false },
  // ReplicationConfigs: the controller's automatic preferred leader election (KRaft reads the first two).
  { name: 'auto.leader.rebalance.enable', type: 'BOOLEAN', defaultValue: 'true', dynamic: false },
  { name: 'default.replication.factor', type: 'INT', defaultValue: '1', dynamic: false },
  // CleanerConfig: "The amount of time to sleep when there are no logs to clean" (LONG, atLeast(0)).
  { name: 'log.cleaner.backoff.ms', type: 'LONG', defaultValue: '15000', min: 0, dynamic: true },
  // "Enable the log cleaner process to run on the server. Should be enabled if using any topics with a
  // cleanup.policy=compact including the internal offsets topic. ..." (BOOLEAN).
  { name: 'log.cleaner.enable', type: 'BOOLEAN', defaultValue: 'true', dynamic: false },
  { name: 'log.cleaner.threads', type: 'INT', defaultValue: '1', min: 0, dynamic: true },
  { name: 'log.retention.check.interval.ms', type: 'LONG', defaultValue: '300000', min: 1, dynamic: false },
  {
    name: 'leader.imbalance.check.interval.seconds',
    type: 'LONG',
    defaultValue: '300',
    min: 1,
    dynamic: false,
  },
  // ServerLogConfigs: "The frequency with which we update the persistent record of log start offset" (INT).
  {
    name: 'log.flush.start.offset.checkpoint.interval.ms',
    type: 'INT',
    defaultValue: '60000',
    min: 0,
    dynamic: false,
  },
  { name: 'leader.imbalance.per.broker.percentage', type: 'INT', defaultValue: '10', dynamic: false },
  { name: 'node.id', type: 'INT', defaultValue: '-1', dynamic: false },
  { name: 'num.partitions', type: 'INT', defaultValue: '1', min: 1, dynamic: false },
  { name: 'process.roles', type: 'LIST', defaultValue: '', dynamic: false },
  // ReplicationConfigs: "The frequency with which the high watermark is saved out to disk" (LONG).
  {
    name: 'replica.high.watermark.checkpoint.interval.ms',
    type: 'LONG',
    defaultValue: '5000',
    dynamic: false,
  },
  { name: 'replica.lag.time.max.ms', type: 'LONG', defaultValue: '30000', dynamic: false },
]

export const BROKER_CONFIGS: ReadonlyMap<string, BrokerConfigDef> = new Map(
  [...SYNONYM_CONFIGS, ...SERVER_CONFIGS]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((def) => [def.name, def]),
)

/** A broker config's default value as Kafka prints it ('' for one without a default). */
export function brokerConfigDefault(name: string): string {
  return BROKER_CONFIGS.get(name)?.defaultValue ?? ''
}

/** DynamicBrokerConfig.brokerConfigSynonyms: the group of names that set one value, highest first. */
export function brokerConfigSynonyms(name: string): string[] {
  const group = TOPIC_CONFIGS.find(
    (topic) => topic.synonyms.length > 1 && topic.synonyms.some((s) => s.name === name),
  )
  return group ? group.synonyms.map((s) => s.name) : [name]
}

/**
 * The broker configs of a properties file that the playground's brokers act on (the others are not read; the
 * file's `authorizer.class.name` is read by the server itself, acl-apis.ts).
 */
const PROPERTIES_FILE_CONFIGS: readonly string[] = ['auto.create.topics.enable']

/**
 * What the broker's own server.properties sets (STATIC_BROKER_CONFIG), as the playground starts it; with the file a
 * learner started it with (kafka-server-start.sh FILE), also what that file sets of PROPERTIES_FILE_CONFIGS, as
 * KafkaConfig parses it (a BOOLEAN's value is `true` or `false` whatever its case). Throws Kafka's ConfigException
 * for a value KafkaConfig refuses (kafka-server-start.sh checks the file with it before the broker starts).
 */
export function staticBrokerConfigs(
  nodeId: number,
  isController: boolean,
  file: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const statics = new Map([
    ['node.id', String(nodeId)],
    ['process.roles', isController ? 'broker,controller' : 'broker'],
  ])
  for (const name of PROPERTIES_FILE_CONFIGS) {
    const value = file[name]
    const def = BROKER_CONFIGS.get(name)
    if (value === undefined || def === undefined) continue
    validateValue(def, value)
    statics.set(name, def.type === 'BOOLEAN' ? value.trim().toLowerCase() : value.trim())
  }
  return statics
}
