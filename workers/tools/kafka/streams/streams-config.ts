/**
 * StreamsConfig as the example programs build it (Kafka 4.1): the demo's own settings put where the user's
 * config file (WordCountDemo's optional first argument, read with Properties.load) left them unset, over
 * StreamsConfig's defaults. What the runtime reads: application.id, bootstrap.servers, client.id (default
 * `<application.id>-<process UUID>`), commit.interval.ms (30000), poll.ms (100), repartition.purge.interval.ms
 * (30000), auto.offset.reset (the demos: earliest), group.protocol (classic), processing.guarantee
 * (at_least_once) and state.dir (/tmp/kafka-streams). A LONG config that is not a number is StreamsConfig's ConfigException.
 */
import type { Random } from '../../../net/random.ts'
import { JavaException } from '../java-exception.ts'

export interface StreamsConfig {
  applicationId: string
  bootstrapServers: string
  clientId: string
  commitIntervalMs: number
  pollMs: number
  repartitionPurgeIntervalMs: number
  autoOffsetReset: string
  groupProtocol: string
  processingGuarantee: string
  /** state.dir: java.io.tmpdir's kafka-streams unless set. */
  stateDir: string
}

/** java.io.tmpdir on the brokers' Linux hosts. */
export const JAVA_IO_TMPDIR = '/tmp'

function longConfig(props: ReadonlyMap<string, string>, name: string, fallback: number): number {
  const text = props.get(name)
  if (text === undefined) return fallback
  const trimmed = text.trim()
  if (!/^[+-]?[0-9]+$/.test(trimmed)) {
    throw new JavaException(
      'org.apache.kafka.common.config.ConfigException',
      `Invalid value ${text} for configuration ${name}: Not a number of type LONG`,
    )
  }
  return Number(trimmed)
}

/** UUID.randomUUID().toString(): version 4, IETF variant, lowercase hex in 8-4-4-4-12 groups. */
export function javaRandomUuid(random: Random): string {
  const bytes = random.bytes(16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The demo's props (user file first, then putIfAbsent of the demo's settings) read as StreamsConfig. */
export function streamsConfig(
  props: ReadonlyMap<string, string>,
  applicationId: string,
  random: Random,
): StreamsConfig {
  const merged = new Map(props)
  const putIfAbsent = (name: string, value: string): void => {
    if (!merged.has(name)) merged.set(name, value)
  }
  putIfAbsent('application.id', applicationId)
  putIfAbsent('bootstrap.servers', 'localhost:9092')
  putIfAbsent('statestore.cache.max.bytes', '0')
  putIfAbsent('auto.offset.reset', 'earliest')
  const appId = merged.get('application.id') ?? applicationId
  const clientId = merged.get('client.id') ?? ''
  return {
    applicationId: appId,
    bootstrapServers: merged.get('bootstrap.servers') ?? '',
    clientId: clientId === '' ? `${appId}-${javaRandomUuid(random)}` : clientId,
    commitIntervalMs: longConfig(merged, 'commit.interval.ms', 30000),
    pollMs: longConfig(merged, 'poll.ms', 100),
    repartitionPurgeIntervalMs: longConfig(merged, 'repartition.purge.interval.ms', 30000),
    autoOffsetReset: merged.get('auto.offset.reset') ?? 'earliest',
    groupProtocol: (merged.get('group.protocol') ?? 'classic').trim().toLowerCase(),
    processingGuarantee: merged.get('processing.guarantee') ?? 'at_least_once',
    stateDir: merged.get('state.dir') ?? `${JAVA_IO_TMPDIR}/kafka-streams`,
  }
}
