/**
 * ZoneRules: the offset history of a time zone, as java.time.zone.ZoneRules exposes it, read year by year from a
 * history (a fixed offset's, or a region's from the tz database: tzdb-zone-history.ts); each year is read once.
 *
 * All offsets are in milliseconds east of UTC. A transition at `instant` (UTC millis) changes the offset from
 * `offsetBefore` to `offsetAfter`. When the offset grows the local times [instant+before, instant+after) never
 * happen (a gap); when it shrinks the local times [instant+after, instant+before) happen twice (an overlap).
 * validOffsets lists the offsets of a local time in java.time's order: for an overlap the earlier offset
 * (offsetBefore) first. A local time's transition is looked for in its year and the years either side (a local
 * time is within 18 hours of its instant).
 */

import { MILLIS_PER_DAY, civilFromEpochDay, floorDiv } from './calendar.ts'

export interface ZoneOffsetTransition {
  instant: number
  offsetBefore: number
  offsetAfter: number
}

/** One year of a zone's history: the offset as the year begins, and its transitions in instant order. */
export interface ZoneYear {
  readonly startOffset: number
  readonly transitions: readonly ZoneOffsetTransition[]
}

export class ZoneRules {
  private readonly years = new Map<number, ZoneYear>()

  private constructor(
    private readonly history: (year: number) => ZoneYear,
    private readonly fixedOffset: number | null,
  ) {}

  static ofOffset(offset: number): ZoneRules {
    return new ZoneRules(() => ({ startOffset: offset, transitions: [] }), offset)
  }

  /** The rules of a history read year by year (`history` is asked once per year). */
  static ofHistory(history: (year: number) => ZoneYear): ZoneRules {
    return new ZoneRules(history, null)
  }

  isFixedOffset(): boolean {
    return this.fixedOffset !== null
  }

  /** The year's transitions in instant order (none for a fixed offset). */
  transitionsOfYear(year: number): readonly ZoneOffsetTransition[] {
    return this.year(year).transitions
  }

  offsetAt(utcMillis: number): number {
    if (this.fixedOffset !== null) return this.fixedOffset
    const { startOffset, transitions } = this.year(yearOf(utcMillis))
    let offset = startOffset
    for (const t of transitions) {
      if (t.instant > utcMillis) break
      offset = t.offsetAfter
    }
    return offset
  }

  /** The offsets at which this local time exists: one, two (an overlap, earlier first) or none (a gap). */
  validOffsets(localMillis: number): number[] {
    if (this.fixedOffset !== null) return [this.fixedOffset]
    const at = this.atLocal(localMillis)
    if (typeof at === 'number') return [at]
    return at.offsetAfter > at.offsetBefore ? [] : [at.offsetBefore, at.offsetAfter]
  }

  /** The transition whose gap or overlap holds this local time, or null when it has exactly one offset. */
  transitionAtLocal(localMillis: number): ZoneOffsetTransition | null {
    if (this.fixedOffset !== null) return null
    const at = this.atLocal(localMillis)
    return typeof at === 'number' ? null : at
  }

  /**
   * The last transition strictly before the instant (java.time's previousTransition at millis precision), looked
   * for back to the start of the year before the instant's.
   */
  previousTransition(utcMillis: number): ZoneOffsetTransition | null {
    if (this.fixedOffset !== null) return null
    const year = yearOf(utcMillis)
    for (let y = year; y >= year - 1; y--) {
      const { transitions } = this.year(y)
      for (let i = transitions.length - 1; i >= 0; i--)
        if (transitions[i]!.instant < utcMillis) return transitions[i]!
    }
    return null
  }

  /** The transition whose gap or overlap holds this local time, else the one offset it has. */
  private atLocal(localMillis: number): ZoneOffsetTransition | number {
    const year = yearOf(localMillis)
    let offset = this.year(year - 1).startOffset
    for (let y = year - 1; y <= year + 1; y++) {
      for (const t of this.year(y).transitions) {
        if (localMillis < t.instant + Math.min(t.offsetBefore, t.offsetAfter)) return offset
        if (localMillis < t.instant + Math.max(t.offsetBefore, t.offsetAfter)) return t
        offset = t.offsetAfter
      }
    }
    return offset
  }

  private year(year: number): ZoneYear {
    let known = this.years.get(year)
    if (known === undefined) {
      known = this.history(year)
      this.years.set(year, known)
    }
    return known
  }
}

function yearOf(millis: number): number {
  return civilFromEpochDay(floorDiv(millis, MILLIS_PER_DAY)).year
}

/**
 * ZonedDateTime.ofLocal: the instant of a local time. In an overlap the preferred offset wins when it is one
 * of the two (as plusDays keeps the current offset), else the earlier one; in a gap the local time is moved
 * forward by the gap's length (the offset before the gap is used).
 */
export function localToUtc(rules: ZoneRules, localMillis: number, preferredOffset?: number): number {
  const valid = rules.validOffsets(localMillis)
  if (valid.length === 0) return localMillis - rules.transitionAtLocal(localMillis)!.offsetBefore
  const offset =
    preferredOffset !== undefined && valid.includes(preferredOffset) ? preferredOffset : valid[0]!
  return localMillis - offset
}

export function utcToLocal(rules: ZoneRules, utcMillis: number): number {
  return utcMillis + rules.offsetAt(utcMillis)
}
