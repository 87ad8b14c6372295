/**
 * RandomSamplingQuery as random_sampler runs it: in each segment, a SplittableRandom seeded with
 * BitMixer.mix(hash ^ seed) drives FastGeometric, whose samples are the gaps between the segment's sampled doc ids
 * (RandomSamplingIterator with chunk size 1: the first doc is -1 + gap). Every float operation of FastGeometric is
 * rounded as Java's float arithmetic rounds it (Math.fround), its float → int casts truncate as Java's do.
 * Invariant: the same (p, seed, hash, segments) give the same doc ids as ES; ids are global (docBase + local).
 */
import { mix32 } from '../../queries/random-score.ts'

const MASK64 = (1n << 64n) - 1n
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n

/** java.util.SplittableRandom(seed).nextInt, as a stream of signed 32-bit ints. */
function splittableRandom(seed: number): () => number {
  let state = BigInt.asUintN(64, BigInt(seed))
  return () => {
    state = (state + GOLDEN_GAMMA) & MASK64
    let z = ((state ^ (state >> 33n)) * 0x62a9d9ed799705f5n) & MASK64
    z = ((z ^ (z >> 28n)) * 0xcb24d0a5c88c35b3n) & MASK64
    return Number(BigInt.asIntN(32, z >> 32n))
  }
}

const f = Math.fround
const BITS = 13
const SHIFT = 23 - BITS
const FLOAT = new Float32Array(1)
const FLOAT_BITS = new Int32Array(FLOAT.buffer)

/** FastGeometric's LOOKUP_TABLE_FOR_FAST_LOG_2: the half its fastLog2 reads (mantissa >>> SHIFT < 2^BITS). */
const LOG2_TABLE: Float32Array = (() => {
  const table = new Float32Array(1 << BITS)
  const dx = 1 << SHIFT
  const log2 = f(Math.log(2.0))
  for (let i = 0, x = 0x3f800000 + dx / 2; i < table.length; i++, x += dx) {
    FLOAT_BITS[0] = x
    table[i] = f(f(Math.log(FLOAT[0]!)) / log2)
  }
  return table
})()

function fastLog2(x: number): number {
  FLOAT[0] = x
  const bits = FLOAT_BITS[0]!
  const exponent = ((bits >>> 23) & 0xff) - 127
  return f(LOG2_TABLE[(bits & 0x7fffff) >>> SHIFT]! + exponent)
}

/** Java's (int) of a float or double: toward zero, NaN as 0, saturated at the int range. */
function toInt(x: number): number {
  if (Number.isNaN(x)) return 0
  return Math.max(-2147483648, Math.min(2147483647, Math.trunc(x)))
}

const BIASES = [f(f(-0.49294917) / 256.0), f(f(4.7501511) / 65536.0), f(f(31.557305) / 4294967296.0)]
const PERMITTED_BITS_PER_SAMPLE = [8, 16, 32]
const PERMITTED_SAMPLE_RANGES = [256.0, 65536.0, 4294967296.0]

/** FastGeometric(rng, p).next as a closure: geometric gaps of at least 1. */
function fastGeometric(rng: () => number, p: number): () => number {
  const bits = toInt((1.5 * Math.log(Math.log(0.01) / Math.log(1.0 - p) - 1.0)) / Math.log(2.0))
  const found = PERMITTED_BITS_PER_SAMPLE.indexOf(bits)
  const insertion = PERMITTED_BITS_PER_SAMPLE.filter((b) => b < bits).length
  const pos = found >= 0 ? found : Math.min(insertion, PERMITTED_BITS_PER_SAMPLE.length - 1)
  const bitsPerSample = PERMITTED_BITS_PER_SAMPLE[pos]!
  const needToGenerate = 32 / bitsPerSample
  const mask = 0x7fffffff >>> (32 - bitsPerSample - 1)
  const norm = f(Math.log(2.0) / Math.log(1.0 - p))
  const rngRange = PERMITTED_SAMPLE_RANGES[pos]!
  const log2RngRange = fastLog2(rngRange)
  const bias = BIASES[pos]!
  const samples = new Array<number>(needToGenerate).fill(0)
  let current = needToGenerate - 1
  const generate = (): void => {
    const rn = rng()
    if (needToGenerate === 1) {
      const u = f(f(f(0.5 * rngRange) + f(rn)) + 0.5)
      samples[0] = toInt(f(norm * f(fastLog2(u) - log2RngRange)))
      return
    }
    for (let i = 0, shift = bitsPerSample; shift <= 32; i++, shift += bitsPerSample) {
      const u = f(f((rn >>> shift) & mask) + 0.5)
      samples[i] = toInt(f(norm * f(f(fastLog2(u) - log2RngRange) + bias)))
    }
  }
  return () => {
    current++
    if (current === needToGenerate) {
      generate()
      current = 0
    }
    return samples[current]! + 1
  }
}

/** The doc ids RandomSamplingQuery(p, seed, hash) matches over the segments, ascending. */
export function randomSamplingDocs(
  p: number,
  seed: number,
  hash: number,
  segments: ReadonlyArray<{ readonly docBase: number; readonly maxDoc: number }>,
): number[] {
  const docs: number[] = []
  for (const { docBase, maxDoc } of segments) {
    const gap = fastGeometric(splittableRandom(mix32(hash ^ seed)), p)
    // RandomSamplingIterator.nextDoc: advance(doc + 1), each step an int addition of one gap
    for (let doc = -1; ;) {
      const target = doc + 1
      while (doc < target && doc < maxDoc) doc = (doc + gap()) | 0
      if (doc >= maxDoc) break
      docs.push(docBase + doc)
    }
  }
  return docs
}
