/**
 * The producer's compression configs as Kafka 4.1's ProducerConfig defines them (KIP-390): compression.type
 * (none, gzip, snappy, lz4, zstd; default none), compression.gzip.level (1-9 or -1, default -1),
 * compression.lz4.level (1-17, default 9) and compression.zstd.level (-131072 to 22, default 3). A bad value
 * throws Kafka's ConfigException text from the producer's constructor, as ConfigDef.parse does.
 */
import {
  COMPRESSION_LEVELS,
  COMPRESSION_NAMES,
  CompressionType,
  compressionTypeForName,
  type Compression,
} from '../../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../api.ts'

function configException(name: string, value: string, message: string): KafkaError {
  return new KafkaError(
    'org.apache.kafka.common.config.ConfigException',
    `Invalid value ${value} for configuration ${name}: ${message}`,
  )
}

/** An INT config: ConfigDef's parse (trimmed, Integer.parseInt) and then the level's validator. */
function level(
  config: Readonly<Record<string, string>>,
  name: string,
  codec: keyof typeof COMPRESSION_LEVELS,
): number {
  const range = COMPRESSION_LEVELS[codec]
  const text = config[name]
  if (text === undefined) return range.default
  const trimmed = text.trim()
  const value = Number(trimmed)
  if (!/^[+-]?\d+$/.test(trimmed) || value < -(2 ** 31) || value >= 2 ** 31) {
    throw configException(name, text, 'Not a number of type INT')
  }
  if (codec === 'gzip') {
    if (value > range.max || (value < range.min && value !== range.default)) {
      throw configException(
        name,
        trimmed,
        `Value must be between ${range.min} and ${range.max} or equal to ${range.default}`,
      )
    }
  } else if (value < range.min) {
    throw configException(name, trimmed, `Value must be at least ${range.min}`)
  } else if (value > range.max) {
    throw configException(name, trimmed, `Value must be no more than ${range.max}`)
  }
  return value
}

/** The Compression the producer builds batches with; throws ConfigException for a bad value. */
export function producerCompression(config: Readonly<Record<string, string>>): Compression {
  const text = config['compression.type'] ?? 'none'
  const type = compressionTypeForName(text.trim())
  if (type === null)
    throw configException(
      'compression.type',
      text.trim(),
      `String must be one of: ${COMPRESSION_NAMES.join(', ')}`,
    )
  const levels = {
    gzip: level(config, 'compression.gzip.level', 'gzip'),
    lz4: level(config, 'compression.lz4.level', 'lz4'),
    zstd: level(config, 'compression.zstd.level', 'zstd'),
  }
  switch (type) {
    case CompressionType.GZIP:
      return { type, level: levels.gzip }
    case CompressionType.LZ4:
      return { type, level: levels.lz4 }
    case CompressionType.ZSTD:
      return { type, level: levels.zstd }
    default:
      return { type }
  }
}
