/**
 * The producer's idempotence settings, as Kafka 4.x's ProducerConfig.postProcessAndValidateIdempotenceConfigs
 * decides them. enable.idempotence defaults to true; it needs retries > 0 and acks=all, and then
 * max.in.flight.requests.per.connection <= 5. When the user set enable.idempotence explicitly, a conflicting
 * retries or acks is a ConfigException; when the default applies, idempotence is silently turned off.
 * max.in.flight above 5 is refused whenever idempotence is on; a transactional.id needs idempotence in the end.
 * Messages are Kafka's own.
 */
import { KafkaError, type ProducerConfig } from '../api.ts'

const CONFIG_EXCEPTION = 'org.apache.kafka.common.config.ConfigException'
const MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE = 5

export type Acks = -1 | 0 | 1

/** The acks value, checked as ProducerConfig's ConfigDef does (`in("all", "-1", "0", "1")`). */
export function parseAcks(value: string): Acks {
  if (value === 'all' || value === '-1') return -1
  if (value === '0' || value === '1') return Number(value) as Acks
  throw new KafkaError(
    CONFIG_EXCEPTION,
    `Invalid value ${value} for configuration acks: String must be one of: all, -1, 0, 1`,
  )
}

function parseBoolean(name: string, value: string): boolean {
  const trimmed = value.trim().toLowerCase()
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true'
  throw new KafkaError(
    CONFIG_EXCEPTION,
    `Invalid value ${value} for configuration ${name}: Expected value to be either true or false`,
  )
}

/**
 * Whether the producer is idempotent, from the effective `config` (defaults applied) and what the user set
 * (`originals`). Throws Kafka's ConfigException where the 4.x producer does.
 */
export function idempotenceEnabled(
  config: Readonly<ProducerConfig>,
  originals: Readonly<ProducerConfig>,
): boolean {
  const userConfigured = originals['enable.idempotence'] !== undefined
  let disable = !parseBoolean('enable.idempotence', config['enable.idempotence'] ?? 'true')
  if (!disable) disable = idempotenceConflicts(config, userConfigured)
  // transactional.id is checked after the rest, since they may have turned idempotence off.
  if (disable && originals['transactional.id'] !== undefined) {
    throw new KafkaError(CONFIG_EXCEPTION, 'Cannot set a transactional.id without also enabling idempotence.')
  }
  return !disable
}

/** The retries, acks and in-flight checks of an idempotent producer: true when the default must turn it off. */
function idempotenceConflicts(config: Readonly<ProducerConfig>, userConfigured: boolean): boolean {
  let disable = false
  if (Number(config.retries) === 0) {
    if (userConfigured) {
      throw new KafkaError(
        CONFIG_EXCEPTION,
        'Must set retries to non-zero when using the idempotent producer.',
      )
    }
    disable = true
  }
  if (parseAcks(config.acks ?? 'all') !== -1) {
    if (userConfigured) {
      throw new KafkaError(
        CONFIG_EXCEPTION,
        'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
      )
    }
    disable = true
  }
  const inFlight = Number(config['max.in.flight.requests.per.connection'])
  if (inFlight > MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE) {
    throw new KafkaError(
      CONFIG_EXCEPTION,
      `To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is ${inFlight}.`,
    )
  }
  return disable
}
