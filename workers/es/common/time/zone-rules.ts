/**
 * ZoneRules: the offset history of a time zone, as java.time.zone.ZoneRules exposes it, for the two shapes
 * the playground knows: a fixed offset, or a standard offset plus one yearly daylight-saving rule pair
 * (the current rules of the zone, applied to every year).
 *
 * All offsets are in milliseconds east of UTC. A transition at `instant` (UTC millis) changes the offset from
 * `offsetBefore` to `offsetAfter`. When the offset grows the local times [instant+before, instant+after) never
 * happen (a gap); when it shrinks the local times [instant+after, instant+before) happen twice (an overlap).
 * validOffsets lists the offsets of a local time in java.time's order: for an overlap the earlier offset
 * (offsetBefore) first.
 */

import {
  MILLIS_PER_DAY,
  civilFromEpochDay,
  dayOfWeek,
  epochDay,
  floorDiv,
  lengthOfMonth,
} from './calendar.ts'

/** The n-th (1–4) or last (-1) Sunday of a month, at a wall-clock time read in the offset before the change. */
export interface TransitionRule {
  month: number
  sunday: number
  wallMillis: number
}

export interface DaylightSaving {
  savings: number
  start: TransitionRule
  end: TransitionRule
}

export interface ZoneOffsetTransition {
  instant: number
  offsetBefore: number
  offsetAfter: number
}

const SUNDAY = 7

export class ZoneRules {
  constructor(
    readonly standardOffset: number,
    readonly daylightSaving: DaylightSaving | null,
  ) {}

  isFixedOffset(): boolean {
    return this.daylightSaving === null
  }

  /** The year's transitions in instant order (none for a fixed offset). */
  transitionsOfYear(year: number): ZoneOffsetTransition[] {
    const dst = this.daylightSaving
    if (dst === null) return []
    const std = this.standardOffset
    const summer = std + dst.savings
    const start = { instant: ruleInstant(year, dst.start, std), offsetBefore: std, offsetAfter: summer }
    const end = { instant: ruleInstant(year, dst.end, summer), offsetBefore: summer, offsetAfter: std }
    return start.instant < end.instant ? [start, end] : [end, start]
  }

  offsetAt(utcMillis: number): number {
    const previous = this.previousTransition(utcMillis + 1)
    return previous === null ? this.standardOffset : previous.offsetAfter
  }

  /** The offsets at which this local time exists: one, two (an overlap, earlier first) or none (a gap). */
  validOffsets(localMillis: number): number[] {
    const dst = this.daylightSaving
    if (dst === null) return [this.standardOffset]
    const candidates = [this.standardOffset + dst.savings, this.standardOffset]
    return candidates.filter((offset) => this.offsetAt(localMillis - offset) === offset)
  }

  /** The transition whose gap or overlap holds this local time, or null when it has exactly one offset. */
  transitionAtLocal(localMillis: number): ZoneOffsetTransition | null {
    for (const t of this.transitionsAround(localMillis)) {
      const low = t.instant + Math.min(t.offsetBefore, t.offsetAfter)
      const high = t.instant + Math.max(t.offsetBefore, t.offsetAfter)
      if (localMillis >= low && localMillis < high) return t
    }
    return null
  }

  /** The last transition strictly before the instant (java.time's previousTransition at millis precision). */
  previousTransition(utcMillis: number): ZoneOffsetTransition | null {
    let found: ZoneOffsetTransition | null = null
    for (const t of this.transitionsAround(utcMillis)) if (t.instant < utcMillis) found = t
    return found
  }

  private transitionsAround(millis: number): ZoneOffsetTransition[] {
    const year = civilFromEpochDay(floorDiv(millis, MILLIS_PER_DAY)).year
    return [year - 1, year, year + 1].flatMap((y) => this.transitionsOfYear(y))
  }
}

function ruleInstant(year: number, rule: TransitionRule, offsetBefore: number): number {
  const day = sundayOfMonth(year, rule.month, rule.sunday)
  return epochDay(year, rule.month, day) * MILLIS_PER_DAY + rule.wallMillis - offsetBefore
}

function sundayOfMonth(year: number, month: number, ordinal: number): number {
  if (ordinal > 0) {
    const firstDow = dayOfWeek(epochDay(year, month, 1))
    return 1 + ((SUNDAY - firstDow + 7) % 7) + (ordinal - 1) * 7
  }
  const last = lengthOfMonth(year, month)
  const lastDow = dayOfWeek(epochDay(year, month, last))
  return last - ((lastDow - SUNDAY + 7) % 7)
}

/**
 * ZonedDateTime.ofLocal: the instant of a local time. In an overlap the preferred offset wins when it is one
 * of the two (as plusDays keeps the current offset), else the earlier one; in a gap the local time is moved
 * forward by the gap's length (the offset before the gap is used).
 */
export function localToUtc(rules: ZoneRules, localMillis: number, preferredOffset?: number): number {
  const valid = rules.validOffsets(localMillis)
  if (valid.length === 0) {
    const gap = rules.transitionAtLocal(localMillis)
    return localMillis - (gap === null ? rules.standardOffset : gap.offsetBefore)
  }
  const offset = preferredOffset !== undefined && valid.includes(preferredOffset) ? preferredOffset : valid[0]
  return localMillis - (offset ?? rules.standardOffset)
}

export function utcToLocal(rules: ZoneRules, utcMillis: number): number {
  return utcMillis + rules.offsetAt(utcMillis)
}
