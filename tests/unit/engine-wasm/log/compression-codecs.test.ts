// The codecs of engine-wasm/src/log/compression against bytes real tools wrote (Java's GZIPOutputStream,
// the lz4 and zstd command-line tools, snappy-java streams from klauspost/compress's xerial tests), the
// exact framing Kafka writes (xerial header and 32 KiB chunks, Kafka's LZ4 frame header, zstd raw/RLE
// frames), and round trips of arbitrary bytes through every codec.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  COMPRESSION_NAMES,
  CompressionType,
  compress,
  compressionName,
  compressionTypeForName,
  decompress,
} from '../../../../engine-wasm/src/log/index.ts'
import { JAVA_GZIP, LZ4_CLI, RECORDS_SECTION, ZSTD_CLI } from './compression-fixtures.ts'
import { utf8 } from './log-fixtures.ts'

const ALL = [
  CompressionType.NONE,
  CompressionType.GZIP,
  CompressionType.SNAPPY,
  CompressionType.LZ4,
  CompressionType.ZSTD,
]
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const u32be = (bytes: Uint8Array, at: number): number =>
  new DataView(bytes.buffer, bytes.byteOffset).getUint32(at)
const u32le = (bytes: Uint8Array, at: number): number =>
  new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true)

describe('CompressionType', () => {
  it('has Kafka ids and names, and no others', () => {
    expect(COMPRESSION_NAMES).toEqual(['none', 'gzip', 'snappy', 'lz4', 'zstd'])
    expect(ALL.map((id) => compressionName(id))).toEqual(['none', 'gzip', 'snappy', 'lz4', 'zstd'])
    expect(compressionName(5)).toBeNull()
    expect(compressionTypeForName('zstd')).toBe(4)
    expect(compressionTypeForName('GZIP')).toBeNull()
    expect(compressionTypeForName('uncompressed')).toBeNull()
  })
})

describe('decompress reads what real tools wrote', () => {
  it('gzip from java.util.zip.GZIPOutputStream', () => {
    expect(decompress(JAVA_GZIP, CompressionType.GZIP)).toEqual(RECORDS_SECTION)
  })

  it('lz4 frames from the lz4 tool with Kafka header bytes, compressed and raw blocks', () => {
    expect(decompress(LZ4_CLI, CompressionType.LZ4)).toEqual(RECORDS_SECTION)
    // nanoarrow's fixture: int32 [0, 1, 2] as one raw (high bit set) block.
    const raw = Uint8Array.from([
      0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, 0x0c, 0x00, 0x00, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0,
      0, 0, 0,
    ])
    expect(Array.from(decompress(raw, CompressionType.LZ4))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0])
  })

  it('zstd frames from the zstd tool (compressed block, content checksum)', () => {
    expect(decompress(ZSTD_CLI, CompressionType.ZSTD)).toEqual(RECORDS_SECTION)
  })

  it('snappy-java streams: one chunk, two chunks, and a raw block without the xerial header', () => {
    const header = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    const plainData = Uint8Array.from([...header, 0, 0, 0, 11, 9, 32, 80, 76, 65, 73, 78, 68, 65, 84, 65])
    expect(text(decompress(plainData, CompressionType.SNAPPY))).toBe('PLAINDATA')
    const chunk = [0, 0, 0, 5, 0x03, 0x08, 0x66, 0x6f, 0x6f]
    const twice = Uint8Array.from([...header, ...chunk, ...chunk])
    expect(text(decompress(twice, CompressionType.SNAPPY))).toBe('foofoo')
    expect(text(decompress(Uint8Array.from([0x03, 0x08, 0x66, 0x6f, 0x6f]), CompressionType.SNAPPY))).toBe(
      'foo',
    )
  })
})

describe('compress writes the framing Kafka writes', () => {
  it('snappy: the xerial header, then 32 KiB chunks each with a big-endian size', () => {
    const input = new Uint8Array(70_000).map((_, i) => (i * 7) % 251)
    const out = compress(input, { type: CompressionType.SNAPPY })
    expect(Array.from(out.subarray(0, 16))).toEqual([
      0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1,
    ])
    const sizes: number[] = []
    for (let at = 16; at < out.length; at += 4 + u32be(out, at)) sizes.push(u32be(out, at))
    expect(sizes).toHaveLength(3) // 32768 + 32768 + 4464 input bytes
    expect(decompress(out, CompressionType.SNAPPY)).toEqual(input)
  })

  it('lz4: Kafka header 04 22 4D 18 60 40 82, independent 64 KiB blocks, raw blocks flagged, end mark', () => {
    const small = compress(utf8('abc'), { type: CompressionType.LZ4 })
    expect(Array.from(small)).toEqual([
      0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, 3, 0, 0, 0x80, 0x61, 0x62, 0x63, 0, 0, 0, 0,
    ])
    const big = new Uint8Array(150_000).fill(0x41)
    const out = compress(big, { type: CompressionType.LZ4 })
    const blocks: number[] = []
    for (let at = 7; u32le(out, at) !== 0; at += 4 + (u32le(out, at) & 0x7fffffff))
      blocks.push(u32le(out, at))
    expect(blocks).toHaveLength(3) // 65536 + 65536 + 18928 input bytes, each compressed on its own
    expect(blocks.every((size) => size < 0x80000000 && size < 1000)).toBe(true)
    expect(decompress(out, CompressionType.LZ4)).toEqual(big)
  })

  it('lz4: refuses what Lz4BlockInputStream refuses', () => {
    const frame = compress(utf8('abc'), { type: CompressionType.LZ4 })
    const dependent = frame.slice()
    dependent[4] = 0x40
    expect(() => decompress(dependent, CompressionType.LZ4)).toThrow('Dependent block stream is unsupported')
    const badChecksum = frame.slice()
    badChecksum[6] = 0x83
    expect(() => decompress(badChecksum, CompressionType.LZ4)).toThrow('Stream frame descriptor corrupted')
    const badMagic = frame.slice()
    badMagic[0] = 0
    expect(() => decompress(badMagic, CompressionType.LZ4)).toThrow(
      'Stream unsupported (invalid magic bytes)',
    )
  })

  it('zstd: single-segment frames of raw and RLE blocks (no size gain: a documented deviation)', () => {
    expect(Array.from(compress(utf8('abc'), { type: CompressionType.ZSTD }))).toEqual([
      0x28, 0xb5, 0x2f, 0xfd, 0x20, 3, 0x19, 0, 0, 0x61, 0x62, 0x63,
    ])
    expect(Array.from(compress(new Uint8Array(0), { type: CompressionType.ZSTD }))).toEqual([
      0x28, 0xb5, 0x2f, 0xfd, 0x20, 0, 0x01, 0, 0,
    ])
    // 300 zero bytes: Frame_Content_Size in 2 bytes (300 - 256 = 44), one RLE last block of 300.
    expect(Array.from(compress(new Uint8Array(300), { type: CompressionType.ZSTD }))).toEqual([
      0x28, 0xb5, 0x2f, 0xfd, 0x60, 44, 0, 0x63, 0x09, 0, 0,
    ])
    const big = new Uint8Array(300_000).map((_, i) => i % 256)
    expect(decompress(compress(big, { type: CompressionType.ZSTD }), CompressionType.ZSTD)).toEqual(big)
  })

  it('gzip: an RFC 1952 member with mtime 0, at the configured level', () => {
    const out = compress(RECORDS_SECTION, { type: CompressionType.GZIP, level: 9 })
    expect(Array.from(out.subarray(0, 8))).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
    expect(decompress(out, CompressionType.GZIP)).toEqual(RECORDS_SECTION)
    const fast = compress(RECORDS_SECTION, { type: CompressionType.GZIP, level: 1 })
    expect(decompress(fast, CompressionType.GZIP)).toEqual(RECORDS_SECTION)
  })
})

describe('round trips', () => {
  it('every codec gives back any bytes it compressed', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc
        .array(fc.constantFrom(...utf8('kafka records ')), { maxLength: 5000 })
        .map((a) => Uint8Array.from(a)),
    )
    fc.assert(
      fc.property(bytes, fc.constantFrom(...ALL), (input, type) => {
        expect(decompress(compress(input, { type }), type)).toEqual(input)
      }),
      { numRuns: 300 },
    )
  })
})
