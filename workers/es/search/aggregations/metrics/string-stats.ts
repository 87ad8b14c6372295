/**
 * `string_stats` (x-pack StringStatsAggregator and InternalStringStats): over a keyword values source, `count` (every
 * value, empty strings included), and over the non-empty values `min_length`, `max_length` (UTF-16 lengths, as
 * String.length), `avg_length` (total length / count), `entropy` (−Σ p·log2 p, Kahan-summed over the distribution)
 * and, with `show_distribution`, `distribution`: each UTF-16 unit's share of the total length, by count descending.
 * With count 0 the lengths are null, entropy 0.0 and the distribution null.
 *
 * Order of equal shares: ES sorts (stably) the entries of a java.util.HashMap, so ties keep the map's iteration
 * order, which this file reproduces for one-unit keys (hash = the unit, no tree bins): bucket (unit & (capacity − 1))
 * ascending, then insertion order. A shard's map is a HashMap(n) filled from the aggregator's default-sized
 * HashMap<Character> (whose insertion order is each unit's first appearance); a reduce of several results fills a
 * default HashMap shard by shard; one result is not reduced (mustReduceOnSingleInternalAgg is false).
 * Wire form: the counts, lengths, show_distribution and the occurrences as [unit, count] pairs in map order.
 */
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { resolveValues, unsupportedValuesSourceType } from '../values-source.ts'
import { CompensatedSum } from './compensated-sum.ts'

const INT_MAX = 2147483647
const INT_MIN = -2147483648

export interface StringStatsState {
  readonly count: number
  readonly totalLength: number
  readonly minLength: number
  readonly maxLength: number
  /** Each UTF-16 unit with its occurrences, in the Java HashMap's iteration order. */
  readonly occurrences: ReadonlyArray<readonly [string, number]>
}

export interface StringStatsWire extends AggregationWireHeader<'string_stats'> {
  readonly state: StringStatsState
  readonly showDistribution: boolean
}

/** A java.util.HashMap's table capacity after `size` insertions: 16 by default, else tableSizeFor(initial). */
function hashMapCapacity(size: number, initial?: number): number {
  let capacity = 1
  if (initial === undefined) capacity = 16
  else while (capacity < initial) capacity *= 2
  while (size > capacity * 0.75) capacity *= 2
  return capacity
}

/** The iteration order of a HashMap of one-unit keys inserted in `entries`' order. */
function hashMapOrder<T extends readonly [string, number]>(entries: readonly T[], capacity: number): T[] {
  const bucket = (key: string) => key.charCodeAt(0) & (capacity - 1)
  return [...entries].sort((a, b) => bucket(a[0]) - bucket(b[0]))
}

export class InternalStringStats extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly state: StringStatsState,
    readonly showDistribution: boolean,
  ) {
    super(name, meta)
  }

  static readFrom(wire: StringStatsWire): InternalStringStats {
    const { occurrences, ...rest } = wire.state
    return new InternalStringStats(
      wire.name,
      readMeta(wire.meta),
      { ...rest, occurrences: occurrences.map(([unit, n]) => [unit, n] as const) },
      wire.showDistribution,
    )
  }

  writeTo(): StringStatsWire {
    const { occurrences, ...rest } = this.state
    return {
      ...this.header('string_stats'),
      state: { ...rest, occurrences: occurrences.map(([unit, n]) => [unit, n] as const) },
      showDistribution: this.showDistribution,
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    if (all.length === 1) return all[0]!
    const parts = (all as readonly InternalStringStats[]).map((p) => p.state)
    const merged = new Map<string, number>()
    for (const part of parts)
      for (const [unit, n] of part.occurrences) merged.set(unit, (merged.get(unit) ?? 0) + n)
    const state: StringStatsState = {
      count: parts.reduce((n, p) => n + p.count, 0),
      totalLength: parts.reduce((n, p) => n + p.totalLength, 0),
      minLength: Math.min(...parts.map((p) => p.minLength)),
      maxLength: Math.max(...parts.map((p) => p.maxLength)),
      occurrences: hashMapOrder([...merged], hashMapCapacity(merged.size)),
    }
    return new InternalStringStats(this.name, this.meta, state, this.showDistribution)
  }

  /** getDistribution: each unit's share, by occurrences descending (a stable sort of the map's order). */
  private distribution(): Array<[string, number]> {
    const { occurrences, totalLength } = this.state
    return [...occurrences].sort((a, b) => b[1] - a[1]).map(([unit, n]) => [unit, n / totalLength])
  }

  private entropy(): number {
    const sum = new CompensatedSum()
    for (const [, p] of this.distribution()) if (p > 0) sum.add(p * (Math.log(p) / Math.log(2.0)))
    return -sum.value
  }

  override sortValue(metric: string | null): number | null {
    const { count, minLength, maxLength, totalLength } = this.state
    switch (metric) {
      case 'count':
        return count
      case 'min_length':
        return minLength
      case 'max_length':
        return maxLength
      case 'avg_length':
        return totalLength / count
      case 'entropy':
        return this.entropy()
      default:
        return null
    }
  }

  getType(): string {
    return 'string_stats'
  }

  protected body(out: Map<string, JsonOut>): void {
    const { count, minLength, maxLength, totalLength } = this.state
    out.set('count', count)
    if (count === 0) {
      out.set('min_length', null)
      out.set('max_length', null)
      out.set('avg_length', null)
      out.set('entropy', new JavaDouble(0))
      if (this.showDistribution) out.set('distribution', null)
      return
    }
    out.set('min_length', minLength)
    out.set('max_length', maxLength)
    out.set('avg_length', new JavaDouble(totalLength / count))
    out.set('entropy', new JavaDouble(this.entropy()))
    if (this.showDistribution) {
      out.set('distribution', new Map(this.distribution().map(([unit, p]) => [unit, new JavaDouble(p)])))
    }
  }
}

export const stringStatsParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  rejectSubAggregations(name, 'string_stats', subs)
  const params = new AggregationParams('string_stats', body, [
    'field',
    'missing',
    'script',
    'value_type',
    'format',
    'show_distribution',
  ])
  const field = params.valuesSource('keyword')
  const showDistribution = params.boolean('show_distribution') ?? false
  return {
    name,
    type: 'string_stats',
    meta,
    subs,
    collect(shard, docs) {
      const config = resolveValues(shard, field, params.raw('missing'), 'string_stats')
      const type = config.info?.type
      if (type !== undefined && type !== 'keyword')
        throw unsupportedValuesSourceType(field, type, 'string_stats')
      let count = 0
      let totalLength = 0
      let minLength = INT_MAX
      let maxLength = INT_MIN
      // first appearance order of each unit (the aggregator's HashMap<Character> insertion order)
      const occurrences = new Map<string, number>()
      for (const doc of docs) {
        for (const value of config.values(doc)) {
          count++
          const text = String(value)
          if (text.length === 0) continue
          totalLength += text.length
          minLength = Math.min(minLength, text.length)
          maxLength = Math.max(maxLength, text.length)
          for (let i = 0; i < text.length; i++)
            occurrences.set(text[i]!, (occurrences.get(text[i]!) ?? 0) + 1)
        }
      }
      const size = occurrences.size
      const collected = hashMapOrder([...occurrences], hashMapCapacity(size))
      const state: StringStatsState = {
        count,
        totalLength,
        minLength,
        maxLength,
        occurrences: hashMapOrder(collected, hashMapCapacity(size, size)),
      }
      return new InternalStringStats(name, meta, state, showDistribution)
    },
  }
}
