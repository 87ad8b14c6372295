/**
 * The two 64-bit hashes ES's cardinality aggregation feeds HyperLogLog++ with:
 * - MurmurHash3.hash128 (x64, 128-bit, seed 0) of a keyword's UTF-8 bytes; ES keeps h1, the first half.
 * - hppc's BitMixer.mix64 of a long (or of Double.doubleToLongBits for floating-point fields).
 * Values are unsigned 64-bit BigInts.
 */
const MASK = (1n << 64n) - 1n
const C1 = 0x87c37b91114253d5n
const C2 = 0x4cf5ad432745937fn

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK
const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK

function fmix64(k: bigint): bigint {
  k ^= k >> 33n
  k = mul(k, 0xff51afd7ed558ccdn)
  k ^= k >> 33n
  k = mul(k, 0xc4ceb9fe1a85ec53n)
  return k ^ (k >> 33n)
}

function readLong(bytes: Uint8Array, offset: number, length: number): bigint {
  let k = 0n
  for (let i = length - 1; i >= 0; i--) k = (k << 8n) | BigInt(bytes[offset + i] ?? 0)
  return k
}

/** [h1, h2] of MurmurHash3_x64_128(bytes, seed). */
export function murmur3X64128(bytes: Uint8Array, seed = 0n): [bigint, bigint] {
  let h1 = seed
  let h2 = seed
  const blocks = bytes.length >> 4
  for (let i = 0; i < blocks; i++) {
    const k1 = mul(rotl(mul(readLong(bytes, i * 16, 8), C1), 31n), C2)
    h1 ^= k1
    h1 = (mul(rotl(h1, 27n) + h2, 5n) + 0x52dce729n) & MASK
    const k2 = mul(rotl(mul(readLong(bytes, i * 16 + 8, 8), C2), 33n), C1)
    h2 ^= k2
    h2 = (mul(rotl(h2, 31n) + h1, 5n) + 0x38495ab5n) & MASK
  }
  const tail = blocks * 16
  const rest = bytes.length - tail
  if (rest > 8) h2 ^= mul(rotl(mul(readLong(bytes, tail + 8, rest - 8), C2), 33n), C1)
  if (rest > 0) h1 ^= mul(rotl(mul(readLong(bytes, tail, Math.min(rest, 8)), C1), 31n), C2)
  const length = BigInt(bytes.length)
  h1 ^= length
  h2 ^= length
  h1 = (h1 + h2) & MASK
  h2 = (h2 + h1) & MASK
  h1 = fmix64(h1)
  h2 = fmix64(h2)
  h1 = (h1 + h2) & MASK
  h2 = (h2 + h1) & MASK
  return [h1, h2]
}

export function mix64(z: bigint): bigint {
  z = mul(z ^ (z >> 32n), 0x4cd6944c5cc20b6dn)
  z = mul(z ^ (z >> 29n), 0xfc12c5b19d3259e9n)
  return z ^ (z >> 32n)
}

const scratch = new DataView(new ArrayBuffer(8))

/** The hash ES's cardinality aggregator collects for one doc value. */
export function cardinalityHash(value: number | string, floatingPoint: boolean): bigint {
  if (typeof value === 'string') return murmur3X64128(new TextEncoder().encode(value))[0]
  if (floatingPoint) scratch.setFloat64(0, value === 0 && Object.is(value, -0) ? -0 : value)
  else scratch.setBigInt64(0, BigInt(Math.trunc(value)))
  return mix64(scratch.getBigUint64(0))
}
