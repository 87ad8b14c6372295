/**
 * Snappy as Kafka writes it: xerial snappy-java's SnappyOutputStream stream format (NOT the snappy
 * "framing format" of the snappy project). Byte format:
 *
 *   magic    8 bytes  0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00
 *   version  int32 BE 1
 *   compatible version int32 BE 1
 *   then per chunk of at most 32 KiB of input: int32 BE compressed size, one raw Snappy block
 *
 * SnappyInputStream reads a stream without the magic as one raw Snappy block, and so does this reader.
 */
import { compress, uncompress } from 'snappyjs'
import { concatBytes } from './bytes.ts'

const MAGIC = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]
const HEADER_SIZE = 16
const VERSION = 1
/** SnappyOutputStream.DEFAULT_BLOCK_SIZE. */
const BLOCK_SIZE = 32 * 1024

function hasMagic(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_SIZE && MAGIC.every((byte, i) => bytes[i] === byte)
}

export function snappyCompress(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += BLOCK_SIZE) {
    chunks.push(compress(bytes.subarray(at, Math.min(at + BLOCK_SIZE, bytes.length))))
  }
  const out = new Uint8Array(HEADER_SIZE + chunks.reduce((sum, chunk) => sum + 4 + chunk.length, 0))
  const view = new DataView(out.buffer)
  out.set(MAGIC)
  view.setInt32(8, VERSION)
  view.setInt32(12, VERSION)
  let at = HEADER_SIZE
  for (const chunk of chunks) {
    view.setInt32(at, chunk.length)
    out.set(chunk, at + 4)
    at += 4 + chunk.length
  }
  return out
}

export function snappyDecompress(bytes: Uint8Array): Uint8Array {
  if (!hasMagic(bytes)) return uncompress(bytes)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const chunks: Uint8Array[] = []
  let at = HEADER_SIZE
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new Error('Snappy stream ends inside a chunk size')
    const size = view.getInt32(at)
    if (size < 0 || at + 4 + size > bytes.length)
      throw new Error('Snappy chunk runs past the end of the stream')
    chunks.push(uncompress(bytes.subarray(at + 4, at + 4 + size)))
    at += 4 + size
  }
  return concatBytes(chunks)
}
