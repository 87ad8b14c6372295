/**
 * Zstandard frames (RFC 8878) for Kafka's ZSTD codec. Reading uses fzstd, a complete decoder, so frames
 * from real producers (zstd-jni) decode. Writing has no pure-JavaScript compressor at hand, so it writes
 * valid frames of raw and RLE blocks: any zstd decoder reads them, but they are not smaller than the input
 * (a documented deviation: the bytes and the ratio differ from zstd-jni's, never the records).
 *
 * Frame written (little-endian):
 *   magic 0xFD2FB528
 *   Frame_Header_Descriptor: Single_Segment_flag set, Frame_Content_Size_flag 0/1/2 for a 1/2/4-byte
 *     content size (the 2-byte form stores size - 256), no checksum, no dictionary
 *   Frame_Content_Size
 *   blocks of at most 128 KiB: 3-byte header (bit 0 Last_Block, bits 1-2 Block_Type 0 raw / 1 RLE,
 *     bits 3-23 Block_Size), then the bytes (raw) or the one repeated byte (RLE); an empty input is one
 *     empty last raw block
 */
import { decompress } from 'fzstd'
import { concatBytes, uint32LE } from './bytes.ts'

const MAGIC = 0xfd2fb528
const SINGLE_SEGMENT = 0x20
const MAX_BLOCK_SIZE = 128 * 1024
const RAW_BLOCK = 0
const RLE_BLOCK = 1

function contentSizeField(size: number): Uint8Array {
  if (size < 256) return Uint8Array.of(SINGLE_SEGMENT, size)
  if (size < 65536 + 256)
    return Uint8Array.of(SINGLE_SEGMENT | (1 << 6), (size - 256) & 0xff, (size - 256) >>> 8)
  const field = new Uint8Array(5)
  field[0] = SINGLE_SEGMENT | (2 << 6)
  field.set(uint32LE(size), 1)
  return field
}

function blockHeader(last: boolean, type: number, size: number): Uint8Array {
  const word = (last ? 1 : 0) | (type << 1) | (size << 3)
  return Uint8Array.of(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff)
}

function isRun(block: Uint8Array): boolean {
  return block.length > 1 && block.every((byte) => byte === block[0])
}

export function zstdCompress(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [uint32LE(MAGIC), contentSizeField(bytes.length)]
  let at = 0
  do {
    const block = bytes.subarray(at, Math.min(at + MAX_BLOCK_SIZE, bytes.length))
    at += block.length
    const last = at >= bytes.length
    if (isRun(block)) parts.push(blockHeader(last, RLE_BLOCK, block.length), block.subarray(0, 1))
    else parts.push(blockHeader(last, RAW_BLOCK, block.length), block)
  } while (at < bytes.length)
  return concatBytes(parts)
}

export function zstdDecompress(bytes: Uint8Array): Uint8Array {
  return decompress(bytes)
}
