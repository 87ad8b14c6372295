/**
 * GZIP as Kafka's GzipCompression writes and reads it: one RFC 1952 member (deflate, CRC-32 and size
 * trailer) around the records of a batch. Written with the modification time 0, as java.util.zip's
 * GZIPOutputStream does; read with any header flags the RFC allows.
 */
import { gunzipSync, gzipSync } from 'fflate'

/** Deflater.DEFAULT_COMPRESSION (-1) means level 6 in zlib, which fflate follows. */
const DEFAULT_DEFLATE_LEVEL = 6

type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9

/** `level` is compression.gzip.level: 1-9, or -1 (the default). */
export function gzipCompress(bytes: Uint8Array, level = -1): Uint8Array {
  const deflateLevel = (level < 0 ? DEFAULT_DEFLATE_LEVEL : Math.min(level, 9)) as DeflateLevel
  return gzipSync(bytes, { level: deflateLevel, mtime: 0 })
}

export function gzipDecompress(bytes: Uint8Array): Uint8Array {
  return gunzipSync(bytes)
}
