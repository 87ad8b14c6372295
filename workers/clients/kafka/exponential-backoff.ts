/**
 * ExponentialBackoff (org.apache.kafka.common.utils.ExponentialBackoff, KIP-580): the wait before retry number
 * `attempts` (from 0) is initial × multiplier^attempts, the exponent capped where the term reaches `max`, times a
 * random factor in [1 - jitter, 1 + jitter), truncated to whole milliseconds and capped at `max`. With `max` not
 * above `initial` it is always `initial`. The clients use it with multiplier 2 and jitter 0.2
 * (CommonClientConfigs.RETRY_BACKOFF_EXP_BASE and RETRY_BACKOFF_JITTER), from retry.backoff.ms and
 * retry.backoff.max.ms.
 */
import type { Random } from '../../net/random.ts'

export const RETRY_BACKOFF_EXP_BASE = 2
export const RETRY_BACKOFF_JITTER = 0.2

export class ExponentialBackoff {
  private readonly expMax: number

  constructor(
    private readonly initialInterval: number,
    private readonly multiplier: number,
    private readonly maxInterval: number,
    private readonly jitter: number,
    private readonly random: Random,
  ) {
    this.expMax =
      maxInterval > initialInterval
        ? Math.log(maxInterval / Math.max(initialInterval, 1)) / Math.log(multiplier)
        : 0
  }

  backoff(attempts: number): number {
    if (this.expMax === 0) return this.initialInterval
    const term = this.initialInterval * this.multiplier ** Math.min(attempts, this.expMax)
    const low = 1 - this.jitter
    const randomFactor = low + (this.random.nextUint32() / 0x1_0000_0000) * 2 * this.jitter
    return Math.min(Math.trunc(randomFactor * term), this.maxInterval)
  }
}
