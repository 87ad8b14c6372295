/**
 * A task's STREAM_TIME punctuation (ProcessorContext.schedule(interval, PunctuationType.STREAM_TIME, ...) as
 * StreamTask and PunctuationQueue run it): aligned to 0, so it fires as soon as the task has data; it fires at
 * the task's stream time (the largest record timestamp it processed) once that reaches the scheduled time, and
 * the next one is scheduled an interval on, skipping the intervals stream time jumped over
 * (PunctuationSchedule.next). Stream time never goes back.
 */
export class StreamTimeSchedule {
  private scheduled = 0
  private streamTime = -1

  constructor(private readonly intervalMs: number) {}

  /** A record of the task was processed. */
  observe(timestamp: number): void {
    this.streamTime = Math.max(this.streamTime, timestamp)
  }

  /** The stream time to punctuate at, when one is due; the schedule moves on. */
  due(): number | null {
    if (this.streamTime < 0 || this.streamTime < this.scheduled) return null
    const missed = Math.floor((this.streamTime - this.scheduled) / this.intervalMs)
    this.scheduled += (missed + 1) * this.intervalMs
    return this.streamTime
  }
}
