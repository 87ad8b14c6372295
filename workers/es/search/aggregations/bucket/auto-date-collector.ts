/**
 * AutoDateHistogramAggregator's two shard collectors, which decide the rung of the rounding ladder
 * (auto-date-rounding.ts) a shard answers with. The reduce only ever climbs from the highest rung a shard
 * reached, so the rung a shard stops at can change the final response; both are followed step by step.
 *
 * Both visit the documents in doc id order and each document's values ascending; a value whose rounded key
 * equals the previous value's counts once, and a new key may promote the rounding:
 * - FromSingle (the aggregation collects into one bucket: top level, or under single-bucket parents there): on a
 *   new bucket, while the bucket count exceeds buckets × the rung's largest inner interval, or the spread of the
 *   keys seen (kept as they were rounded when first seen) exceeds buckets × the rung's largest rough duration, it
 *   climbs and re-rounds every bucket at once.
 * - FromMany (under a multi-bucket parent, per parent bucket): it climbs on an estimate (the live count scaled
 *   by the ratio of the rough durations), re-rounds its min and max, and leaves the old buckets in place (a new key
 *   equal to an old one finds it) until the wasted-bucket estimate passes its budget (1,000, doubled after each
 *   rebucketing) or collection ends.
 * Buckets merged by a promotion keep every document they collected: a document whose values fell in two buckets
 * that merge counts twice (ES sums the doc counts and replays both entries to the sub-aggregations).
 *
 * Output: the rung reached and the buckets at its rounding, ascending by key, each with its documents ascending.
 */
import {
  maximumInnerInterval,
  maximumRoughEstimateDurationMillis,
  type RoundingInfo,
} from './auto-date-rounding.ts'

export interface CollectedAutoDate {
  readonly roundingIdx: number
  readonly buckets: ReadonlyArray<{ key: number; docs: number[] }>
}

type Values = (doc: number) => readonly number[]

/** Buckets (key → documents, in first-seen order) re-rounded with `round`, merged keys concatenating their docs. */
function rebucket(ords: Map<number, number[]>, round: (key: number) => number): Map<number, number[]> {
  const merged = new Map<number, number[]>()
  for (const [key, docs] of ords) {
    const newKey = round(key)
    const existing = merged.get(newKey)
    if (existing === undefined) merged.set(newKey, [...docs])
    else existing.push(...docs)
  }
  return merged
}

function result(roundingIdx: number, ords: Map<number, number[]>): CollectedAutoDate {
  const buckets = [...ords]
    .sort(([a], [b]) => a - b)
    .map(([key, docs]) => ({ key, docs: docs.sort((a, b) => a - b) }))
  return { roundingIdx, buckets }
}

/**
 * Visits each document's values rounded with the current rung, adding the document to the bucket of its key in
 * the current buckets (`ords()`); a key with no bucket yet gets one, then `onNewKey(rounded)` (which may climb).
 */
function visit(
  docs: readonly number[],
  values: Values,
  round: (value: number) => number,
  ords: () => Map<number, number[]>,
  onNewKey: (rounded: number) => void,
): void {
  for (const doc of docs) {
    let previous: number | null = null
    for (const value of values(doc)) {
      const rounded = round(value)
      if (rounded === previous) continue
      previous = rounded
      const buckets = ords()
      const existing = buckets.get(rounded)
      if (existing !== undefined) {
        existing.push(doc)
        continue
      }
      buckets.set(rounded, [doc])
      onNewKey(rounded)
    }
  }
}

export function collectFromSingle(
  docs: readonly number[],
  values: Values,
  roundings: readonly RoundingInfo[],
  targetBuckets: number,
): CollectedAutoDate {
  const last = roundings.length - 1
  let idx = 0
  let ords = new Map<number, number[]>()
  let min = Infinity
  let max = -Infinity
  const fits = (): boolean =>
    ords.size <= targetBuckets * maximumInnerInterval(roundings[idx]!) &&
    max - min <= targetBuckets * maximumRoughEstimateDurationMillis(roundings[idx]!)
  visit(
    docs,
    values,
    (value) => roundings[idx]!.rounding.round(value),
    () => ords,
    (rounded) => {
      if (idx >= last) return
      min = Math.min(min, rounded)
      max = Math.max(max, rounded)
      if (fits()) return
      do {
        const rounding = roundings[++idx]!.rounding
        ords = rebucket(ords, (key) => rounding.round(key))
      } while (idx < last && !fits())
    },
  )
  return result(idx, ords)
}

/** The wasted-bucket estimate that first triggers a rebucketing. */
const FIRST_REBUCKET_AT = 1000

export function collectFromMany(
  docs: readonly number[],
  values: Values,
  roundings: readonly RoundingInfo[],
  targetBuckets: number,
): CollectedAutoDate {
  const last = roundings.length - 1
  let idx = 0
  let ords = new Map<number, number[]>()
  let min = Infinity
  let max = -Infinity
  let live = 0
  let wasted = 0
  let nextRebucketAt = FIRST_REBUCKET_AT
  const rebucketAll = (): void => {
    const rounding = roundings[idx]!.rounding
    ords = rebucket(ords, (key) => rounding.round(key))
    live = ords.size
  }
  const exceeds = (estimate: number, rung: number): boolean =>
    estimate > targetBuckets * maximumInnerInterval(roundings[rung]!) ||
    max - min > targetBuckets * maximumRoughEstimateDurationMillis(roundings[rung]!)
  visit(
    docs,
    values,
    (value) => roundings[idx]!.rounding.round(value),
    () => ords,
    (rounded) => {
      const estimate = ++live
      if (idx >= last) return
      min = Math.min(min, rounded)
      max = Math.max(max, rounded)
      if (!exceeds(estimate, idx)) return
      const oldRough = roundings[idx]!.roughEstimateDurationMillis
      let rung = idx
      let newEstimate: number
      do {
        rung++
        newEstimate = Math.ceil(estimate * (oldRough / roundings[rung]!.roughEstimateDurationMillis))
      } while (rung < last && exceeds(newEstimate, rung))
      idx = rung
      const rounding = roundings[idx]!.rounding
      min = rounding.round(min)
      max = rounding.round(max)
      wasted += estimate - newEstimate
      if (wasted > nextRebucketAt) {
        rebucketAll()
        wasted = 0
        nextRebucketAt *= 2
      } else {
        live = newEstimate
      }
    },
  )
  rebucketAll()
  return result(idx, ords)
}
