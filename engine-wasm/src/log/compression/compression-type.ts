/**
 * Kafka's CompressionType: the id stored in bits 0-2 of a RecordBatch's attributes and the name that
 * configs, kafka-dump-log (`compresscodec:`) and error messages use, with the level range of each codec
 * (compression.gzip.level, compression.lz4.level, compression.zstd.level; KIP-390).
 */

/** A codec and the level to compress with (Kafka's Compression); level undefined means the default. */
export interface Compression {
  type: CompressionType
  level?: number
}

/** The ids of CompressionType. */
export const CompressionType = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const

export type CompressionType = (typeof CompressionType)[keyof typeof CompressionType]

/** CompressionType.name by id. */
export const COMPRESSION_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const

export type CompressionName = (typeof COMPRESSION_NAMES)[number]

/** The id for a CompressionType name, or null for a name Kafka does not know (names are lower case). */
export function compressionTypeForName(name: string): CompressionType | null {
  const id = COMPRESSION_NAMES.indexOf(name as CompressionName)
  return id < 0 ? null : (id as CompressionType)
}

/** CompressionType.forId(id).name, or null for the ids 5-7 Kafka refuses. */
export function compressionName(id: number): CompressionName | null {
  return COMPRESSION_NAMES[id] ?? null
}

/** minLevel, maxLevel and defaultLevel of the codecs that take a level (GZIP also accepts -1). */
export const COMPRESSION_LEVELS = {
  gzip: { min: 1, max: 9, default: -1 },
  lz4: { min: 1, max: 17, default: 9 },
  zstd: { min: -131072, max: 22, default: 3 },
} as const
