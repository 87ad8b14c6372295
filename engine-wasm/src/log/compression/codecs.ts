/**
 * compress/decompress by CompressionType: the stream that replaces a RecordBatch's records section
 * (DefaultRecordBatch: everything after the 61-byte header is one compressed stream of the records).
 * Failures throw Error with the codec's own message; the batch layer names the batch.
 */
import { CompressionType, type Compression } from './compression-type.ts'
import { gzipCompress, gzipDecompress } from './gzip.ts'
import { lz4Compress, lz4Decompress } from './kafka-lz4.ts'
import { snappyCompress, snappyDecompress } from './xerial-snappy.ts'
import { zstdCompress, zstdDecompress } from './zstd.ts'

export function compress(bytes: Uint8Array, compression: Compression): Uint8Array {
  switch (compression.type) {
    case CompressionType.NONE:
      return bytes
    case CompressionType.GZIP:
      return gzipCompress(bytes, compression.level)
    case CompressionType.SNAPPY:
      return snappyCompress(bytes)
    case CompressionType.LZ4:
      return lz4Compress(bytes)
    case CompressionType.ZSTD:
      return zstdCompress(bytes)
  }
}

export function decompress(bytes: Uint8Array, type: CompressionType): Uint8Array {
  switch (type) {
    case CompressionType.NONE:
      return bytes
    case CompressionType.GZIP:
      return gzipDecompress(bytes)
    case CompressionType.SNAPPY:
      return snappyDecompress(bytes)
    case CompressionType.LZ4:
      return lz4Decompress(bytes)
    case CompressionType.ZSTD:
      return zstdDecompress(bytes)
  }
}
