/**
 * A topic's compression as its log obeys it (Kafka's BrokerCompressionType and LogConfig.compression):
 * compression.type `producer` keeps each batch's own codec; `uncompressed`, `gzip`, `snappy`, `lz4` and
 * `zstd` name the codec every appended batch ends up in, with compression.gzip.level,
 * compression.lz4.level or compression.zstd.level as its level.
 */
import {
  COMPRESSION_LEVELS,
  CompressionType,
  compressionTypeForName,
  type Compression,
} from '../../../engine-wasm/src/log/index.ts'

export type TopicCompression = Compression | 'producer'

function levelOf(text: string | undefined, fallback: number): number {
  const level = Number(text)
  return text === undefined || text === '' || !Number.isInteger(level) ? fallback : level
}

/** The compression of a topic's effective configs (what logConfigOf spreads into a LogConfig). */
export function compressionConfigOf(config: Readonly<Record<string, string>>): {
  compression: TopicCompression
} {
  const name = config['compression.type'] ?? 'producer'
  if (name === 'producer') return { compression: 'producer' }
  const type = name === 'uncompressed' ? CompressionType.NONE : compressionTypeForName(name)
  switch (type) {
    case CompressionType.GZIP:
      return {
        compression: {
          type,
          level: levelOf(config['compression.gzip.level'], COMPRESSION_LEVELS.gzip.default),
        },
      }
    case CompressionType.LZ4:
      return {
        compression: {
          type,
          level: levelOf(config['compression.lz4.level'], COMPRESSION_LEVELS.lz4.default),
        },
      }
    case CompressionType.ZSTD:
      return {
        compression: {
          type,
          level: levelOf(config['compression.zstd.level'], COMPRESSION_LEVELS.zstd.default),
        },
      }
    case null:
      return { compression: 'producer' }
    default:
      return { compression: { type } }
  }
}
