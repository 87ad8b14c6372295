/**
 * LZ4 as Kafka's Lz4BlockOutputStream writes it for RecordBatch v2: a partial LZ4 frame (format v1.5.1).
 * Byte format (little-endian):
 *
 *   magic   0x184D2204
 *   FLG     0x60: version 01, independent blocks; no block checksum, content size or content checksum
 *   BD      0x40: maximum block size 64 KiB
 *   HC      (xxHash32(FLG, BD) >> 8) & 0xFF = 0x82; the correct checksum over FLG and BD, which Kafka
 *           writes for magic v1+ (the "broken" checksum over the magic too was for magic v0 only)
 *   blocks  uint32 size | 0x80000000 when stored raw, then the bytes; each block is compressed on its
 *           own (a block never refers to an earlier one) and stored raw when compression does not shrink it
 *   end     uint32 0; no content checksum
 *
 * The reader accepts what Lz4BlockInputStream accepts: version 1, independent blocks, maximum block sizes
 * 64 KiB to 4 MiB, optional block checksums (verified) and content size (skipped); like it, the reader
 * stops at the end mark and never reads a content checksum.
 */
import { compressBlock, compressBound, decompressBlock } from 'lz4js'
import { hash as xxh32 } from 'lz4js/xxh32.js'
import { concatBytes, readUint32LE, uint32LE } from './bytes.ts'

const MAGIC = 0x184d2204
const FLG_VERSION_1 = 0x40
const FLG_INDEPENDENT_BLOCKS = 0x20
const FLG_BLOCK_CHECKSUM = 0x10
const FLG_CONTENT_SIZE = 0x08
const BD_64KB = 4 << 4
const MAX_BLOCK_SIZE = 64 * 1024
const INCOMPRESSIBLE = 0x80000000

const hashTable = new Uint32Array(1 << 16)
const scratch = new Uint8Array(compressBound(MAX_BLOCK_SIZE))

function headerChecksum(descriptor: Uint8Array): number {
  return (xxh32(0, descriptor, 0, descriptor.length) >>> 8) & 0xff
}

/** Compresses as Lz4BlockOutputStream(out, BLOCKSIZE_64KB, level, false, false); lz4js has one level. */
export function lz4Compress(bytes: Uint8Array): Uint8Array {
  const descriptor = Uint8Array.of(FLG_VERSION_1 | FLG_INDEPENDENT_BLOCKS, BD_64KB)
  const parts: Uint8Array[] = [uint32LE(MAGIC), descriptor, Uint8Array.of(headerChecksum(descriptor))]
  for (let at = 0; at < bytes.length; at += MAX_BLOCK_SIZE) {
    const block = bytes.subarray(at, Math.min(at + MAX_BLOCK_SIZE, bytes.length))
    hashTable.fill(0)
    const size = compressBlock(block, scratch, 0, block.length, hashTable)
    if (size === 0 || size >= block.length) {
      parts.push(uint32LE((block.length | INCOMPRESSIBLE) >>> 0), block)
    } else {
      parts.push(uint32LE(size), scratch.slice(0, size))
    }
  }
  parts.push(uint32LE(0))
  return concatBytes(parts)
}

export function lz4Decompress(bytes: Uint8Array): Uint8Array {
  if (readUint32LE(bytes, 0) !== MAGIC) throw new Error('Stream unsupported (invalid magic bytes)')
  const flg = bytes[4] ?? 0
  const bd = bytes[5] ?? 0
  if ((flg & 0x03) !== 0) throw new Error('Reserved bits must be 0')
  if ((flg & FLG_INDEPENDENT_BLOCKS) === 0) throw new Error('Dependent block stream is unsupported')
  if (flg >>> 6 !== 1) throw new Error(`Version ${flg >>> 6} is unsupported`)
  const blockSizeValue = (bd >>> 4) & 7
  if ((bd & 0x8f) !== 0) throw new Error('Reserved2 field must be 0')
  if (blockSizeValue < 4) throw new Error('Block size value must be between 4 and 7')
  const maxBlockSize = 1 << (2 * blockSizeValue + 8)
  const descriptorEnd = 6 + ((flg & FLG_CONTENT_SIZE) !== 0 ? 8 : 0)
  if (bytes[descriptorEnd] !== headerChecksum(bytes.subarray(4, descriptorEnd))) {
    throw new Error('Stream frame descriptor corrupted')
  }
  const blockChecksum = (flg & FLG_BLOCK_CHECKSUM) !== 0
  const blocks: Uint8Array[] = []
  let at = descriptorEnd + 1
  for (;;) {
    const word = readUint32LE(bytes, at)
    at += 4
    if (word === 0) break
    const size = word & 0x7fffffff
    if (size > maxBlockSize) throw new Error(`Block size ${size} exceeded max: ${maxBlockSize}`)
    if (at + size + (blockChecksum ? 4 : 0) > bytes.length) throw new Error('Stream ends inside a block')
    const block = bytes.subarray(at, at + size)
    at += size
    if (blockChecksum && readUint32LE(bytes, at) !== xxh32(0, block, 0, size)) {
      throw new Error('Block checksum mismatch')
    }
    if (blockChecksum) at += 4
    if ((word & INCOMPRESSIBLE) !== 0) {
      blocks.push(block.slice())
    } else {
      const out = new Uint8Array(maxBlockSize)
      blocks.push(out.slice(0, decompressBlock(block, out, 0, size, 0)))
    }
  }
  return concatBytes(blocks)
}
