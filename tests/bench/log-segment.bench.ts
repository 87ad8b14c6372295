/**
 * Benchmark of the WASM LogSegment (engine-wasm/src/log) against a plain JavaScript peer doing the same
 * work on the same bytes: append batches of 100-byte records (copy, CRC-32C validation of every batch,
 * baseOffset assignment) and read them back in 1 MiB fetches of whole batches. The peer appends into a
 * growable ArrayBuffer with a table-driven slicing-by-8 CRC-32C written in JavaScript.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { LogEngine, type LogSegment } from '../../engine-wasm/src/log/index.ts'
import type { BenchResult } from './result.ts'

const RECORDS_PER_BATCH = 100
const RECORD_VALUE_BYTES = 100
const DISTINCT_BATCHES = 64
const FETCH_BYTES = 1 << 20

/** Eight 256-entry tables: table k gives a byte's CRC contribution k bytes further on. */
function crcTables(): Uint32Array {
  const tables = new Uint32Array(8 * 256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1
    tables[n] = c
  }
  for (let n = 0; n < 256; n++) {
    let c = tables[n] ?? 0
    for (let t = 1; t < 8; t++) {
      c = (tables[c & 0xff] ?? 0) ^ (c >>> 8)
      tables[t * 256 + n] = c
    }
  }
  return tables
}
const T = crcTables()

/** CRC-32C of bytes[start, end), slicing-by-8. */
function jsCrc32c(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0xffffffff
  let p = start
  for (; p < end && (end - p) & 7; p++) crc = T[(crc ^ bytes[p]!) & 0xff]! ^ (crc >>> 8)
  for (; p < end; p += 8) {
    const low = crc ^ (bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24))
    crc =
      T[1792 + (low & 0xff)]! ^
      T[1536 + ((low >>> 8) & 0xff)]! ^
      T[1280 + ((low >>> 16) & 0xff)]! ^
      T[1024 + (low >>> 24)]! ^
      T[768 + bytes[p + 4]!]! ^
      T[512 + bytes[p + 5]!]! ^
      T[256 + bytes[p + 6]!]! ^
      T[bytes[p + 7]!]!
  }
  return (crc ^ 0xffffffff) >>> 0
}

/** The peer: a growable ArrayBuffer log with a position per batch, validated by CRC before copying. */
class JsLog {
  bytes = new Uint8Array(1 << 16)
  size = 0
  nextOffset = 0
  positions: number[] = []
  lastOffsets: number[] = []

  append(batch: Uint8Array): void {
    const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength)
    if (view.getUint32(17) !== jsCrc32c(batch, 21, batch.length)) throw new Error('peer: CRC mismatch')
    if (this.size + batch.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.size + batch.length))
      grown.set(this.bytes.subarray(0, this.size))
      this.bytes = grown
    }
    this.bytes.set(batch, this.size)
    new DataView(this.bytes.buffer, this.size, 8).setBigInt64(0, BigInt(this.nextOffset))
    this.positions.push(this.size)
    this.nextOffset += view.getInt32(23) + 1
    this.lastOffsets.push(this.nextOffset - 1)
    this.size += batch.length
  }

  read(startOffset: number, maxBytes: number): Uint8Array {
    let low = 0
    let high = this.lastOffsets.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.lastOffsets[middle]! >= startOffset) high = middle
      else low = middle + 1
    }
    const start = this.positions[low]!
    let end = this.positions[low + 1] ?? this.size
    for (let k = low + 1; k < this.positions.length; k++) {
      const next = this.positions[k + 1] ?? this.size
      if (next - start > maxBytes) break
      end = next
    }
    return this.bytes.slice(start, end)
  }
}

function workload(engine: LogEngine): Uint8Array[] {
  return Array.from({ length: DISTINCT_BATCHES }, (_, b) =>
    engine.encodeBatch(
      Array.from({ length: RECORDS_PER_BATCH }, (_, r) => ({
        key: null,
        value: new Uint8Array(RECORD_VALUE_BYTES).map((_, i) => (b * 31 + r * 7 + i) & 0xff),
        timestamp: 1_700_000_000_000 + b * RECORDS_PER_BATCH + r,
        headers: [],
      })),
    ),
  )
}

/** The next offset after the last batch of `bytes` (whole batches). */
function nextOffsetAfter(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let position = 0
  let next = 0
  while (position < bytes.length) {
    next = Number(view.getBigInt64(position)) + view.getInt32(position + 23) + 1
    position += view.getInt32(position + 8) + 12
  }
  return next
}

function timeReads(read: (offset: number) => Uint8Array, end: number): number {
  const started = performance.now()
  for (let offset = 0; offset < end;) offset = nextOffsetAfter(read(offset))
  return performance.now() - started
}

export async function benchLogSegment(opts: { smoke: boolean }): Promise<BenchResult[]> {
  const source = readFileSync(new URL('../../engine-wasm/build/log.wasm', import.meta.url))
  const engine = await LogEngine.load(source)
  const batches = workload(engine)
  const batchesPerRound = opts.smoke ? 256 : 4096
  const rounds = opts.smoke ? 1 : 5
  const batchBytes = batches.reduce((sum, batch) => sum + batch.length, 0) / batches.length
  const bytes = batchesPerRound * batchBytes
  const records = batchesPerRound * RECORDS_PER_BATCH
  let best = { wasmAppend: Infinity, jsAppend: Infinity, wasmRead: Infinity, jsRead: Infinity }
  for (let round = 0; round < rounds; round++) {
    const segment: LogSegment = engine.newSegment(0)
    let started = performance.now()
    for (let i = 0; i < batchesPerRound; i++) segment.append(batches[i % DISTINCT_BATCHES]!)
    const wasmAppend = performance.now() - started
    const peer = new JsLog()
    started = performance.now()
    for (let i = 0; i < batchesPerRound; i++) peer.append(batches[i % DISTINCT_BATCHES]!)
    const jsAppend = performance.now() - started
    const wasmRead = timeReads((offset) => segment.read(offset, FETCH_BYTES), segment.nextOffset)
    const jsRead = timeReads((offset) => peer.read(offset, FETCH_BYTES), peer.nextOffset)
    if (segment.sizeInBytes !== peer.size) throw new Error('benchmark: the two logs differ')
    segment.free()
    best = {
      wasmAppend: Math.min(best.wasmAppend, wasmAppend),
      jsAppend: Math.min(best.jsAppend, jsAppend),
      wasmRead: Math.min(best.wasmRead, wasmRead),
      jsRead: Math.min(best.jsRead, jsRead),
    }
  }
  const perSecond = (count: number, ms: number): number => (count * 1000) / ms
  const mb = bytes / 1e6
  const appendPeer = 'JS ArrayBuffer append + JS CRC32C (slicing-by-8)'
  return [
    {
      name: 'log-segment append (wasm, CRC32C validated)',
      value: perSecond(records, best.wasmAppend),
      unit: 'records/s',
      peer: appendPeer,
      ratio: best.jsAppend / best.wasmAppend,
    },
    {
      name: 'log-segment append (wasm, CRC32C validated)',
      value: perSecond(mb, best.wasmAppend),
      unit: 'MB/s',
      peer: appendPeer,
      ratio: best.jsAppend / best.wasmAppend,
    },
    {
      name: 'log-segment read, 1 MiB fetches (wasm)',
      value: perSecond(mb, best.wasmRead),
      unit: 'MB/s',
      peer: 'JS ArrayBuffer slice of whole batches',
      ratio: best.jsRead / best.wasmRead,
    },
  ]
}
