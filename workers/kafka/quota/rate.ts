/**
 * Kafka's windowed Rate (org.apache.kafka.common.metrics.stats.Rate over a WindowedSum SampledStat), as a quota
 * sensor measures bytes per second.
 *
 * Samples: at most `samples + 1` windows, each with its start time, the time of its last event and the sum of
 * the values recorded in it. A value goes into the current window unless that window is `timeWindowMs` old, in
 * which case the next window (a new one, or the oldest recycled) starts at the value's time (SampledStat.record
 * and advance). Before a measurement, a window whose last event is `samples * timeWindowMs` or more in the past
 * is reset to start now (purgeObsoleteSamples).
 *
 * measure = the sum of all windows / the elapsed seconds since the oldest window's start, where the elapsed time
 * is raised to at least `samples - 1` whole windows (Rate.windowSize): a first burst is spread over the full
 * quota window rather than over the few milliseconds it took.
 *
 * Invariant: windows.length <= samples + 1; `current` indexes the window values go into.
 */

/** MetricConfig's sampling: how many windows, and how long each is. */
export interface RateConfig {
  samples: number
  timeWindowMs: number
}

interface Sample {
  startTimeMs: number
  lastEventMs: number
  value: number
}

export class Rate {
  private readonly windows: Sample[] = []
  private current = 0

  constructor(private readonly config: RateConfig) {}

  /** SampledStat.record: adds `value` (negative to unrecord) at `timeMs`. */
  record(value: number, timeMs: number): void {
    let sample = this.currentSample(timeMs)
    if (timeMs - sample.startTimeMs >= this.config.timeWindowMs) sample = this.advance(timeMs)
    sample.value += value
    sample.lastEventMs = timeMs
  }

  /** Rate.measure: the windows' sum per second of Rate.windowSize. */
  measure(nowMs: number): number {
    this.purgeObsoleteSamples(nowMs)
    const total = this.windows.reduce((sum, sample) => sum + sample.value, 0)
    return total / (this.windowSize(nowMs) / 1000)
  }

  /** Rate.windowSize: the time since the oldest window's start, at least `samples - 1` whole windows. */
  windowSize(nowMs: number): number {
    this.purgeObsoleteSamples(nowMs)
    const { samples, timeWindowMs } = this.config
    let elapsed = nowMs - this.oldest(nowMs).startTimeMs
    const fullWindows = Math.trunc(elapsed / timeWindowMs)
    const minFullWindows = samples - 1
    if (fullWindows < minFullWindows) elapsed += (minFullWindows - fullWindows) * timeWindowMs
    return elapsed
  }

  private currentSample(timeMs: number): Sample {
    if (this.windows.length === 0) this.windows.push(newSample(timeMs))
    return this.windows[this.current]!
  }

  /** SampledStat.advance: keeps one window more than `samples` (see purgeObsoleteSamples). */
  private advance(timeMs: number): Sample {
    this.current = (this.current + 1) % (this.config.samples + 1)
    if (this.current >= this.windows.length) {
      const sample = newSample(timeMs)
      this.windows.push(sample)
      return sample
    }
    const sample = this.windows[this.current]!
    reset(sample, timeMs)
    return sample
  }

  private oldest(nowMs: number): Sample {
    if (this.windows.length === 0) this.windows.push(newSample(nowMs))
    return this.windows.reduce((oldest, sample) =>
      sample.startTimeMs < oldest.startTimeMs ? sample : oldest,
    )
  }

  private purgeObsoleteSamples(nowMs: number): void {
    const expireAge = this.config.samples * this.config.timeWindowMs
    for (const sample of this.windows) if (nowMs - sample.lastEventMs >= expireAge) reset(sample, nowMs)
  }
}

function newSample(timeMs: number): Sample {
  return { startTimeMs: timeMs, lastEventMs: timeMs, value: 0 }
}

function reset(sample: Sample, timeMs: number): void {
  sample.startTimeMs = timeMs
  sample.lastEventMs = timeMs
  sample.value = 0
}
