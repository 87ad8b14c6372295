/**
 * ConfigurationControl: the controller's IncrementalAlterConfigs (KRaft's ConfigurationControlManager).
 * The operations of one resource become ConfigRecords (a topic record only when the value changes; a
 * broker record always, KAFKA-14136); the resource's configs after them are validated as a whole, and
 * nothing is written when any check fails. Errors carry Kafka's texts:
 * - topics: `Unknown topic config name: x` and ConfigDef's `Invalid value ...` (INVALID_CONFIG), then the
 *   existence check `The topic 'x' does not exist.` (UNKNOWN_TOPIC_OR_PARTITION);
 * - brokers: DynamicBrokerConfig's `Cannot update these configs dynamically: Set(x)` and invalid values,
 *   wrapped as ConfigAdminManager wraps them (`Invalid config value for resource ConfigResource(type=BROKER,
 *   name='1'): ...`, INVALID_REQUEST); unknown broker config names are kept as custom configs, as Kafka does.
 */
import type { AlterConfigsResource } from '../../protocol/kafka.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'
import { ConfigException, validateValue } from '../../protocol/kafka-config-def.ts'
import { BROKER_CONFIGS } from '../config/broker-configs.ts'
import { validateTopicConfigs } from '../config/topic-configs.ts'
import type { ControlResult } from './replication-control.ts'

export function incrementalAlterConfigRecords(
  metadata: ClusterMetadata,
  { resource, ops }: AlterConfigsResource,
): ControlResult {
  const current = metadata.configsOf(resource.type, resource.name)
  const after = new Map(current)
  const records: MetadataRecord[] = []
  for (const op of ops) {
    const value = op.op === 'SET' ? op.value : null
    if (value === (current.get(op.name) ?? null) && resource.type === 'topic') continue
    if (value === null) after.delete(op.name)
    else after.set(op.name, value)
    records.push({
      type: 'ConfigRecord',
      resourceType: resource.type,
      resourceName: resource.name,
      name: op.name,
      value,
    })
  }
  const altered = ops.map((op) => op.name)
  const invalid =
    resource.type === 'topic' ? validateTopic(after) : validateBroker(resource.name, after, altered)
  if (invalid) return invalid
  if (resource.type === 'topic' && !metadata.topic(resource.name)) {
    return {
      ok: false,
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: `The topic '${resource.name}' does not exist.`,
    }
  }
  if (resource.type === 'broker' && resource.name !== '' && !/^\d+$/.test(resource.name)) {
    return {
      ok: false,
      error: 'INVALID_REQUEST',
      message: 'Unable to parse broker name as a base 10 number.',
    }
  }
  return { ok: true, records }
}

function validateTopic(configs: ReadonlyMap<string, string>): ControlResult | null {
  const message = validateTopicConfigs(Object.fromEntries(configs))
  return message === null ? null : { ok: false, error: 'INVALID_CONFIG', message }
}

function validateBroker(
  name: string,
  configs: ReadonlyMap<string, string>,
  altered: readonly string[],
): ControlResult | null {
  const refuse = (reason: string): ControlResult => ({
    ok: false,
    error: 'INVALID_REQUEST',
    message: `Invalid config value for resource ConfigResource(type=BROKER, name='${name}'): ${reason}`,
  })
  const nonDynamic = altered.filter((config) => BROKER_CONFIGS.get(config)?.dynamic === false)
  if (nonDynamic.length > 0)
    return refuse(`Cannot update these configs dynamically: Set(${[...new Set(nonDynamic)].join(', ')})`)
  for (const [config, value] of configs) {
    const def = BROKER_CONFIGS.get(config)
    if (!def) continue
    try {
      validateValue(def, value)
    } catch (error) {
      if (error instanceof ConfigException) return refuse(error.message)
      throw error
    }
  }
  return null
}
