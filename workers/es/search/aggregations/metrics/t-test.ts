/**
 * `t_test` as ES 8's TTestAggregationBuilder, PairedTTestAggregator, UnpairedTTestAggregator, TTestStats and
 * InternalTTest compute and print it: the p-value of Student's t-test between populations `a` and `b` (field
 * configs: `field` or `script`, `missing`, and `filter` for the unpaired tests), `type` `paired`, `homoscedastic` or
 * `heteroscedastic` (the default), `tails` 1 or 2 (default 2), `format`.
 * - paired: per document with a value in both, the difference a − b (more than one value on either side fails the
 *   shard); count, Σd and Σd² (Kahan sums); t = |mean| / (√(Σd²/n − mean²) / √(n − 1)) over n − 1 degrees of
 *   freedom; no variance gives null when the mean is 0, else 0. Filters are refused on a shard where a field is
 *   mapped ("Paired t-test doesn't support filters").
 * - unpaired: each population's count, Σx and Σx² over its documents (those matching its filter), every value;
 *   homoscedastic pools the variances over n_a + n_b − 2 degrees of freedom, heteroscedastic uses Welch's
 *   degrees of freedom. Fewer than 2 values on either side is null.
 * - the p-value is TDistribution(df).cumulativeProbability(−|t|) · tails (t-distribution.ts); NaN prints null.
 * Both populations on the same field without any filter is refused when the aggregation is built on a shard.
 * Output: `{"value": p}` (`value_as_string` with `format`). Wire form: the type, tails, each side's count and sums,
 * and the format.
 */
import { EsException, illegalArgumentException } from '../../../errors/index.ts'
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import { rejectSubAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import {
  decimalValueFormat,
  readValueFormat,
  writeValueFormat,
  type ValueFormatWire,
} from '../doc-value-format.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { parseFieldConfig, type FieldConfig } from '../multi-values-source.ts'
import { numericValues, sourceField } from '../values-source.ts'
import { CompensatedSum } from './compensated-sum.ts'
import { tCumulativeProbability } from './t-distribution.ts'

const TYPE = 't_test'
type TTestType = 'paired' | 'homoscedastic' | 'heteroscedastic'

/** TTestStats: a population's count, sum and sum of squares. */
export interface TTestStats {
  readonly count: number
  readonly sum: number
  readonly sumOfSqrs: number
}

export interface TTestWire extends AggregationWireHeader<'t_test'> {
  readonly testType: TTestType
  readonly tails: number
  readonly a: TTestStats
  /** Unused by the paired test, whose `a` holds the differences. */
  readonly b: TTestStats
  readonly format: ValueFormatWire | null
}

const variance = (s: TTestStats): number => {
  const v = (s.sumOfSqrs - (s.sum * s.sum) / s.count) / (s.count - 1)
  return v < 0 ? 0 : v
}

export class InternalTTest extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly testType: TTestType,
    readonly tails: number,
    readonly a: TTestStats,
    readonly b: TTestStats,
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: TTestWire): InternalTTest {
    const { testType, tails, a, b } = wire
    return new InternalTTest(
      wire.name,
      readMeta(wire.meta),
      testType,
      tails,
      a,
      b,
      readValueFormat(wire.format),
    )
  }

  writeTo(): TTestWire {
    const { testType, tails, a, b } = this
    return { ...this.header(TYPE), testType, tails, a, b, format: writeValueFormat(this.format) }
  }

  /** TTestStats.Reducer over each side. */
  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const parts = all as readonly InternalTTest[]
    const sumUp = (side: (p: InternalTTest) => TTestStats): TTestStats => {
      const sum = new CompensatedSum()
      const sumOfSqrs = new CompensatedSum()
      let count = 0
      for (const part of parts) {
        const stats = side(part)
        count += stats.count
        sum.add(stats.sum)
        sumOfSqrs.add(stats.sumOfSqrs)
      }
      return { count, sum: sum.value, sumOfSqrs: sumOfSqrs.value }
    }
    const { name, meta, testType, tails, format } = this
    return new InternalTTest(
      name,
      meta,
      testType,
      tails,
      sumUp((p) => p.a),
      sumUp((p) => p.b),
      format,
    )
  }

  /** PairedTTestState.getValue and UnpairedTTestState.getValue. */
  value(): number {
    const { a, b, tails } = this
    if (this.testType === 'paired') {
      if (a.count < 2) return NaN
      const n = a.count - 1
      const meanDiff = a.sum / a.count
      const v = (a.sumOfSqrs - (a.sum * a.sum) / a.count) / a.count
      if (v <= 0.0) return meanDiff === 0.0 ? NaN : 0.0
      const t = Math.abs(meanDiff / (Math.sqrt(v) / Math.sqrt(n)))
      return tCumulativeProbability(n, -t) * tails
    }
    if (a.count < 2 || b.count < 2) return NaN
    const p = (sd2: number, df: number): number => {
      if (df < 0) return NaN
      const t = Math.abs((a.sum / a.count - b.sum / b.count) / Math.sqrt(sd2))
      return tCumulativeProbability(df, -t) * tails
    }
    if (this.testType === 'homoscedastic') {
      const n = a.count + b.count - 2
      const pooled = ((a.count - 1) * variance(a) + (b.count - 1) * variance(b)) / n
      return p(pooled * (1.0 / a.count + 1.0 / b.count), n)
    }
    const s2an = variance(a) / a.count
    const s2bn = variance(b) / b.count
    const v = s2an + s2bn
    return p(v, (v * v) / ((s2an * s2an) / (a.count - 1) + (s2bn * s2bn) / (b.count - 1)))
  }

  override sortValue(): number {
    return this.value()
  }

  getType(): string {
    return TYPE
  }

  protected body(out: Map<string, JsonOut>): void {
    const value = this.value()
    const hasValue = !Number.isNaN(value)
    out.set('value', hasValue ? new JavaDouble(value) : null)
    if (hasValue && this.format !== null) out.set('value_as_string', this.format.format(value))
  }
}

class StatsBuilder {
  count = 0
  private readonly sum = new CompensatedSum()
  private readonly sumOfSqrs = new CompensatedSum()

  add(value: number): void {
    this.count += 1
    this.sum.add(value)
    this.sumOfSqrs.add(value * value)
  }

  stats(): TTestStats {
    return { count: this.count, sum: this.sum.value, sumOfSqrs: this.sumOfSqrs.value }
  }
}

function requiredConfig(params: AggregationParams, key: 'a' | 'b'): FieldConfig {
  const body = params.object(key)
  // ES fails later, on the shard, with a NullPointerException (docs/DEVIATIONS.md)
  if (body === null) throw illegalArgumentException(`Required [${key}]`)
  return parseFieldConfig(TYPE, key, body, { scriptable: true, filtered: true })
}

function parseType(params: AggregationParams): TTestType {
  const text = params.string('type')
  if (text === null) return 'heteroscedastic'
  const type = text.toLowerCase()
  if (type === 'paired' || type === 'homoscedastic' || type === 'heteroscedastic') return type
  const constant = text.toUpperCase()
  throw params.fieldFailure(
    'type',
    illegalArgumentException(
      `No enum constant org.elasticsearch.xpack.analytics.ttest.TTestType.${constant}`,
    ),
  )
}

export const tTestParser: AggregationParser = (name, body, meta, subs) => {
  rejectSubAggregations(name, TYPE, subs)
  const params = new AggregationParams(TYPE, body, ['a', 'b', 'type', 'tails', 'format', 'value_type'])
  const a = requiredConfig(params, 'a')
  const b = requiredConfig(params, 'b')
  const testType = parseType(params)
  const tails = params.int('tails') ?? 2
  if (tails < 1 || tails > 2) {
    throw params.fieldFailure(
      'tails',
      illegalArgumentException(`[tails] must be 1 or 2. Found [${tails}] in [${name}]`),
    )
  }
  const pattern = params.string('format')
  const format = pattern === null ? null : decimalValueFormat(pattern)
  return {
    name,
    type: TYPE,
    meta,
    subs,
    checkQueries(parse) {
      for (const config of [a, b]) if (config.filter !== null) parse(config.filter)
    },
    checkLimits() {
      const fieldA = sourceField(a.source)
      if (a.filter === null && b.filter === null && fieldA !== null && fieldA === sourceField(b.source)) {
        throw illegalArgumentException(
          `The same field [${fieldA}] is used for both population but no filters are specified.`,
        )
      }
    },
    collect(shard, docs) {
      const valuesA = numericValues(shard, TYPE, a.source, a.missing).values
      const valuesB = numericValues(shard, TYPE, b.source, b.missing).values
      const empty: TTestStats = { count: 0, sum: 0, sumOfSqrs: 0 }
      const result = (statsA: TTestStats, statsB: TTestStats) =>
        new InternalTTest(name, meta, testType, tails, statsA, statsB, format)
      const mapped = [a, b].some((c) => {
        const field = sourceField(c.source)
        return field === null || shard.source.field(field) !== null
      })
      if (!mapped) return result(empty, empty)
      if (testType === 'paired') {
        if (a.filter !== null || b.filter !== null) {
          throw illegalArgumentException("Paired t-test doesn't support filters")
        }
        const diffs = new StatsBuilder()
        for (const doc of docs) {
          const x = valuesA(doc)
          const y = valuesB(doc)
          if (x.length === 0 || y.length === 0) continue
          if (x.length > 1 || y.length > 1) {
            throw new EsException({
              type: 'aggregation_execution_exception',
              reason:
                'Encountered more than one value for a single document. Use a script to combine multiple values per doc into a single value.',
              status: 500,
            })
          }
          diffs.add(x[0]! - y[0]!)
        }
        return result(diffs.stats(), empty)
      }
      const side = (config: FieldConfig, values: (doc: number) => readonly number[]): TTestStats => {
        const matching = config.filter === null ? null : shard.filter(config.filter)
        const stats = new StatsBuilder()
        for (const doc of docs) {
          if (matching === null || matching.has(doc)) for (const value of values(doc)) stats.add(value)
        }
        return stats.stats()
      }
      return result(side(a, valuesA), side(b, valuesB))
    },
  }
}
