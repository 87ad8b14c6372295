/**
 * java.util.SplittableRandom (JDK 17+): seed += GOLDEN_GAMMA, mix32 of the seed, and nextInt(bound) by
 * RandomSupport.boundedNextInt (mask for a power of two, else rejection of the biased top). ProducerPerformance
 * draws its payload bytes from `new SplittableRandom(0)`, so the same letters arrive as with the real tool.
 * 64-bit arithmetic in BigInt, wrapped to two's complement.
 */
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n
const MASK_64 = (1n << 64n) - 1n

export class SplittableRandom {
  private seed: bigint

  constructor(seed: number) {
    this.seed = BigInt.asUintN(64, BigInt(seed))
  }

  nextInt(bound?: number): number {
    let r = this.next32()
    if (bound === undefined) return r
    const m = bound - 1
    if ((bound & m) === 0) return r & m
    for (let u = r >>> 1; ((u + m - (r = u % bound)) | 0) < 0; u = this.next32() >>> 1);
    return r
  }

  /** mix32(nextSeed()). */
  private next32(): number {
    this.seed = (this.seed + GOLDEN_GAMMA) & MASK_64
    let z = this.seed
    z = ((z ^ (z >> 33n)) * 0x62a9d9ed799705f5n) & MASK_64
    return Number(BigInt.asIntN(32, (((z ^ (z >> 28n)) * 0xcb24d0a5c88c35b3n) & MASK_64) >> 32n))
  }
}
