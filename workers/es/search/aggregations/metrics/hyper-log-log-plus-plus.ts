/**
 * HyperLogLogPlusPlus as ES 8 implements it for one bucket. Hashes are first kept as 32-bit encodings in a
 * linear-counting set (AbstractLinearCounting.encodeHash with P2 = 25); while the set holds at most
 * threshold = (2^p / 4) · 0.75 encodings the cardinality is linear counting over m = 2^25,
 * round(m · ln(m / (m − size))), which equals the exact count of distinct encodings for small sets. Past
 * the threshold the encodings are replayed into 2^p HyperLogLog registers of run lengths.
 *
 * Known gap: in HLL mode ES subtracts an empirical bias (the HLL++ paper's tables) from raw estimates
 * below 5·m; this estimator omits those tables and uses linear counting over the registers there instead
 * (as accurate, but not the same digits as ES), and the raw estimate above 5·m as ES does.
 *
 * Wire form (HyperLogLogPlusPlus.writeTo): the precision and either the linear-counting encodings as an
 * Int32Array (in insertion order) or the 2^p register run lengths as a Uint8Array.
 */
const P2 = 25
const MAX_LOAD_FACTOR = Math.fround(0.75)
const THRESHOLDS = [10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 11500, 20000, 50000, 120000, 350000]

/** HyperLogLogPlusPlus.precisionFromThreshold, clamped to [4, 18]. */
export function precisionFromThreshold(count: number): number {
  const entries = Math.ceil(Math.fround(count / MAX_LOAD_FACTOR))
  const bits = entries * 4 > 0 ? Math.floor(Math.log2(entries * 4)) + 1 : 1
  return Math.min(18, Math.max(4, bits))
}

function numberOfLeadingZeros64(x: bigint): number {
  return x === 0n ? 64 : 64 - x.toString(2).length
}

export function encodeHash(hash: bigint, p: number): number {
  const e = hash >> BigInt(64 - P2)
  const low = e & ((1n << BigInt(P2 - p)) - 1n)
  if (low === 0n) {
    const runLen = 1 + Math.min(numberOfLeadingZeros64((hash << BigInt(P2)) & ((1n << 64n) - 1n)), 64 - P2)
    return Number(BigInt.asIntN(32, (e << 7n) | BigInt(runLen << 1) | 1n))
  }
  return Number(BigInt.asIntN(32, e << 1n))
}

function decodeIndex(encoded: number, p: number): number {
  const e = (encoded & 1) === 1 ? encoded >>> 7 : encoded >>> 1
  return e >>> (P2 - p)
}

function decodeRunLen(encoded: number, p: number): number {
  if ((encoded & 1) === 1) return ((encoded >>> 1) & 0x3f) + (P2 - p)
  return Math.clz32(encoded << (31 + p - P2)) + 1
}

export type HyperLogLogPlusPlusWire =
  | { readonly precision: number; readonly algorithm: 'linear_counting'; readonly hashes: Int32Array }
  | { readonly precision: number; readonly algorithm: 'hyperloglog'; readonly registers: Uint8Array }

export class HyperLogLogPlusPlus {
  private hashes: Set<number> | null = new Set()
  private registers: Uint8Array | null = null

  constructor(readonly precision: number) {}

  private get threshold(): number {
    return Math.trunc((2 ** this.precision / 4) * MAX_LOAD_FACTOR)
  }

  static readFrom(wire: HyperLogLogPlusPlusWire): HyperLogLogPlusPlus {
    const counts = new HyperLogLogPlusPlus(wire.precision)
    if (wire.algorithm === 'linear_counting') counts.hashes = new Set(wire.hashes)
    else {
      counts.hashes = null
      counts.registers = wire.registers.slice()
    }
    return counts
  }

  writeTo(): HyperLogLogPlusPlusWire {
    const precision = this.precision
    if (this.registers !== null)
      return { precision, algorithm: 'hyperloglog', registers: this.registers.slice() }
    return { precision, algorithm: 'linear_counting', hashes: Int32Array.from(this.hashes ?? []) }
  }

  collect(hash: bigint): void {
    this.addEncoded(encodeHash(hash, this.precision))
  }

  merge(other: HyperLogLogPlusPlus): void {
    if (other.hashes !== null) for (const encoded of other.hashes) this.addEncoded(encoded)
    else if (other.registers !== null) {
      const registers = this.upgrade()
      other.registers.forEach((runLen, i) => (registers[i] = Math.max(registers[i]!, runLen)))
    }
  }

  cardinality(): number {
    const m = 2 ** this.precision
    if (this.hashes !== null) return linearCounting(2 ** P2, 2 ** P2 - this.hashes.size)
    const registers = this.registers ?? new Uint8Array(m)
    let inverse = 0
    let zeros = 0
    for (const runLen of registers) {
      inverse += 2 ** -runLen
      if (runLen === 0) zeros++
    }
    const alpha = 0.7213 / (1 + 1.079 / m)
    const estimate = (alpha * m * m) / inverse
    if (zeros !== 0) {
      const h = linearCounting(m, zeros)
      if (h <= (THRESHOLDS[this.precision - 4] ?? 0) || estimate <= 5 * m) return h
    }
    return Math.round(estimate)
  }

  private addEncoded(encoded: number): void {
    if (this.hashes !== null) {
      this.hashes.add(encoded)
      if (this.hashes.size <= this.threshold) return
    }
    const registers = this.upgrade()
    const index = decodeIndex(encoded, this.precision)
    registers[index] = Math.max(registers[index]!, decodeRunLen(encoded, this.precision))
  }

  private upgrade(): Uint8Array {
    if (this.registers !== null) return this.registers
    const registers = new Uint8Array(2 ** this.precision)
    this.registers = registers
    const hashes = this.hashes ?? new Set<number>()
    this.hashes = null
    for (const encoded of hashes) this.addEncoded(encoded)
    return registers
  }
}

function linearCounting(m: number, v: number): number {
  return Math.round(m * Math.log(m / v))
}
