/**
 * ConfigHelper: a broker's answer to DescribeConfigs (Kafka's ConfigHelper over DynamicBrokerConfig) and
 * the topic configs it applies to its logs. A value comes from, highest first: the topic's dynamic config,
 * this broker's dynamic config, the cluster-wide dynamic default (broker resource ''), the broker's static
 * server.properties, and Kafka's default. A topic config that is not set takes the first of its broker
 * synonyms that has a value, converted to milliseconds where the synonym counts hours or minutes.
 *
 * Synonyms are listed as Kafka lists them: for every source in that order, every synonym name that source
 * sets; then the leading entries that are not the config's own (first) name are dropped, so
 * `retention.ms` shows `{}` while only `log.retention.hours` has a value (configSynonyms' dropWhile).
 */
import { compactionConfigOf } from '../log/log-cleaner-config.ts'
import { compressionConfigOf } from '../log/log-compression-config.ts'
import type { ConfigSourceName, DescribedConfig } from '../../protocol/kafka.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { LogConfig } from '../log/unified-log.ts'
import { BROKER_CONFIGS, brokerConfigSynonyms } from './broker-configs.ts'
import { TOPIC_CONFIGS, type TopicConfigDef } from './topic-configs.ts'

type Synonym = DescribedConfig['synonyms'][number]

export class ConfigHelper {
  constructor(
    private readonly metadata: ClusterMetadata,
    readonly brokerId: number,
    private readonly staticConfigs: ReadonlyMap<string, string>,
  ) {}

  private brokerSources(): Array<[ReadonlyMap<string, string>, ConfigSourceName]> {
    const defaults = new Map<string, string>()
    for (const def of BROKER_CONFIGS.values())
      if (def.defaultValue !== null) defaults.set(def.name, def.defaultValue)
    return [
      [this.metadata.configsOf('broker', String(this.brokerId)), 'DYNAMIC_BROKER_CONFIG'],
      [this.metadata.configsOf('broker', ''), 'DYNAMIC_DEFAULT_BROKER_CONFIG'],
      [this.staticConfigs, 'STATIC_BROKER_CONFIG'],
      [defaults, 'DEFAULT_CONFIG'],
    ]
  }

  /** The broker's current value of one config (null when nothing sets it). */
  brokerValue(name: string): string | null {
    for (const [values] of this.brokerSources()) {
      const value = values.get(name)
      if (value !== undefined) return value
    }
    return null
  }

  private configSynonyms(name: string, synonyms: readonly string[]): Synonym[] {
    const found: Synonym[] = []
    for (const [values, source] of this.brokerSources()) {
      for (const synonym of synonyms) {
        const value = values.get(synonym)
        if (value !== undefined) found.push({ name: synonym, value, source })
      }
    }
    const own = found.findIndex((s) => s.name === name)
    return own < 0 ? [] : found.slice(own)
  }

  /** The value a topic config has on this broker when the topic does not set it. */
  private brokerDefaultFor(def: TopicConfigDef): string {
    for (const synonym of def.synonyms) {
      const value = this.brokerValue(synonym.name)
      if (value !== null) return synonym.factor === 1 ? value : String(Number(value) * synonym.factor)
    }
    return def.defaultValue ?? ''
  }

  /** Every topic config's effective value for `topic` (LogConfig.fromProps over the broker's values). */
  topicConfig(topic: string): Record<string, string> {
    const overrides = this.metadata.configsOf('topic', topic)
    return Object.fromEntries(
      TOPIC_CONFIGS.map((def) => [def.name, overrides.get(def.name) ?? this.brokerDefaultFor(def)]),
    )
  }

  describeTopic(topic: string): DescribedConfig[] {
    const overrides = this.metadata.configsOf('topic', topic)
    return TOPIC_CONFIGS.map((def) => {
      const first = def.synonyms[0]?.name
      const brokerSynonyms =
        first === undefined ? [] : this.configSynonyms(first, brokerConfigSynonyms(first))
      const set = overrides.get(def.name)
      const value = set ?? this.brokerDefaultFor(def)
      const synonyms: Synonym[] =
        set === undefined
          ? brokerSynonyms
          : [{ name: def.name, value: set, source: 'DYNAMIC_TOPIC_CONFIG' }, ...brokerSynonyms]
      return {
        name: def.name,
        value,
        source: synonyms[0]?.source ?? 'DEFAULT_CONFIG',
        isSensitive: false,
        readOnly: false,
        synonyms,
      }
    })
  }

  /** This broker's configs (name = its id), or the cluster-wide dynamic defaults (name ''). */
  describeBroker(name: string): DescribedConfig[] {
    const perBroker = name !== ''
    const dynamicDefaults = this.metadata.configsOf('broker', '')
    const names = perBroker
      ? [
          ...new Set([
            ...BROKER_CONFIGS.keys(),
            ...this.metadata.configsOf('broker', name).keys(),
            ...dynamicDefaults.keys(),
          ]),
        ]
      : [...dynamicDefaults.keys()]
    return names.map((config) => {
      const all = this.configSynonyms(config, brokerConfigSynonyms(config))
      const synonyms = perBroker ? all : all.filter((s) => s.source !== 'DYNAMIC_BROKER_CONFIG')
      return {
        name: config,
        value: perBroker ? this.brokerValue(config) : (dynamicDefaults.get(config) ?? null),
        source: synonyms[0]?.source ?? 'DEFAULT_CONFIG',
        isSensitive: false,
        readOnly: !(BROKER_CONFIGS.get(config)?.dynamic ?? true),
        synonyms,
      }
    })
  }
}

/** The settings a partition log obeys, from a topic's effective configs. */
export function logConfigOf(config: Readonly<Record<string, string>>): LogConfig {
  return {
    segmentBytes: Number(config['segment.bytes']),
    segmentMs: Number(config['segment.ms']),
    retentionMs: Number(config['retention.ms']),
    retentionBytes: Number(config['retention.bytes']),
    deletePolicy: (config['cleanup.policy'] ?? '').split(',').some((policy) => policy.trim() === 'delete'),
    ...compactionConfigOf(config),
    ...compressionConfigOf(config),
  }
}
