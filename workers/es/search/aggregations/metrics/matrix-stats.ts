/**
 * `matrix_stats` as ES 8's MatrixStatsParser (ArrayValuesSourceParser), MatrixStatsAggregator, InternalMatrixStats
 * and MatrixStatsResults parse, collect, reduce and print it (the moments: running-stats.ts).
 * - Parameters: `fields` (a string or an array of strings), `missing` (field → value), `mode` (how a multi-valued
 *   field gives one value: avg (default), min, max, sum, median; another is "Illegal sort mode: x"), `format`;
 *   `script` and `value_type` are refused ("Multi-field aggregations do not support scripts."), anything else is
 *   "Unexpected token <TOKEN> [key] in [name].".
 * - Shard: the fields mapped there, in the order of the HashMap ES keeps them in; a document counts only when every
 *   one of them has a value (or its `missing`) other than −Infinity. No such document: no statistics.
 * - Reduce: the shards with statistics merged in shard order; two shards that saw different fields fail with
 *   "Aggregation [name] all fields must exist in all indices, but some indices are missing these fields [a, b]".
 * - Output: `{"doc_count": n, "fields": [{"name", "count", "mean", "variance", "skewness", "kurtosis",
 *   "covariance": {field: ...}, "correlation": {field: ...}}]}`, fields in the counts HashMap's order, `fields`
 *   left out when there are none.
 * Wire form: the running statistics (or null).
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import { javaHashMapKeyOrder } from '../../../../net/java-hash.ts'
import {
  JavaDouble,
  XNumber,
  tokenLocation,
  type JsonOut,
  type XContentObject,
} from '../../../xcontent/index.ts'
import { rejectSubAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { tokenName } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { numericValues } from '../values-source.ts'
import { RunningStats, kurtosis, skewness, type RunningStatsWire } from './running-stats.ts'

const TYPE = 'matrix_stats'
const MODES = ['sum', 'avg', 'median', 'min', 'max'] as const
type Mode = (typeof MODES)[number]

export interface MatrixStatsWire extends AggregationWireHeader<'matrix_stats'> {
  readonly stats: RunningStatsWire | null
}

export class InternalMatrixStats extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly stats: RunningStats | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: MatrixStatsWire): InternalMatrixStats {
    return new InternalMatrixStats(
      wire.name,
      readMeta(wire.meta),
      wire.stats === null ? null : RunningStats.readFrom(wire.stats),
    )
  }

  writeTo(): MatrixStatsWire {
    return { ...this.header(TYPE), stats: this.stats?.writeTo() ?? null }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const merged = new RunningStats()
    for (const part of all as readonly InternalMatrixStats[]) {
      if (part.stats === null) continue
      const missing = merged.missingFieldNames(part.stats)
      if (missing.length > 0) {
        throw illegalArgumentException(
          `Aggregation [${this.name}] all fields must exist in all indices, but some indices are missing these fields [${missing.join(', ')}]`,
        )
      }
      merged.merge(part.stats, javaHashMapKeyOrder([...part.stats.fields.keys()]))
    }
    return new InternalMatrixStats(this.name, this.meta, merged.docCount === 0 ? null : merged)
  }

  getType(): string {
    return TYPE
  }

  protected body(out: Map<string, JsonOut>): void {
    const stats = this.stats
    out.set('doc_count', stats?.docCount ?? 0)
    if (stats === null || stats.fields.size === 0) return
    const n = stats.docCount
    const nM1 = n - 1
    const names = javaHashMapKeyOrder([...stats.fields.keys()])
    // MatrixStatsResults.compute
    const variance = new Map(names.map((f) => [f, stats.fields.get(f)!.m2 / nM1]))
    const pair = (x: string, y: string): number =>
      (stats.covariances.get(x)?.get(y) ?? stats.covariances.get(y)!.get(x)!) / nM1
    const correlation = (x: string, y: string): number => {
      if (x === y) return 1.0
      // the co-moment's row decides which variance is the row's
      const [row, col] = stats.covariances.get(x)?.has(y) === true ? [x, y] : [y, x]
      const vr = variance.get(row)!
      const vc = variance.get(col)!
      return vr === 0 || vc === 0 ? NaN : pair(x, y) / (Math.sqrt(vr) * Math.sqrt(vc))
    }
    out.set(
      'fields',
      names.map((name) => {
        const m = stats.fields.get(name)!
        return new Map<string, JsonOut>([
          ['name', name],
          ['count', m.count],
          ['mean', new JavaDouble(m.mean)],
          ['variance', new JavaDouble(variance.get(name)!)],
          ['skewness', new JavaDouble(skewness(m, n))],
          ['kurtosis', new JavaDouble(kurtosis(m, n))],
          [
            'covariance',
            new Map(names.map((b) => [b, new JavaDouble(b === name ? variance.get(name)! : pair(name, b))])),
          ],
          ['correlation', new Map(names.map((b) => [b, new JavaDouble(correlation(name, b))]))],
        ])
      }),
    )
  }
}

/** MultiValueMode's pick over a document's sorted values. */
function pick(values: readonly number[], mode: Mode): number {
  const count = values.length
  switch (mode) {
    case 'min':
      return values[0]!
    case 'max':
      return values[count - 1]!
    case 'median':
      return count % 2 === 0 ? (values[count / 2 - 1]! + values[count / 2]!) / 2 : values[(count - 1) / 2]!
    default: {
      let total = 0
      for (const v of values) total += v
      return mode === 'sum' ? total : total / count
    }
  }
}

export const matrixStatsParser: AggregationParser = (name, body, meta, subs) => {
  rejectSubAggregations(name, TYPE, subs)
  let fields: string[] = []
  const missing = new Map<string, XNumber | string | boolean>()
  let mode: Mode = 'avg'
  for (const [key, value] of body) {
    const unexpected = (token = value, suffix = '') =>
      parsingException(
        ...tokenLocation(body, key, 'value'),
        `Unexpected token ${tokenName(token)} [${key}] in [${name}].${suffix}`,
      )
    const scriptLike =
      (key === 'script' && (value instanceof Map || Array.isArray(value))) ||
      (key === 'value_type' && typeof value === 'string')
    if (scriptLike) throw unexpected(value, ' Multi-field aggregations do not support scripts.')
    if (key === 'fields' && typeof value === 'string') fields = [value]
    else if (key === 'fields' && Array.isArray(value)) {
      fields = value.map((item) => {
        if (typeof item !== 'string') throw unexpected(item)
        return item
      })
    } else if (key === 'format' && typeof value === 'string') continue
    else if (key === 'missing' && value instanceof Map) {
      for (const [field, substitute] of value) {
        if (
          substitute instanceof XNumber ||
          typeof substitute === 'string' ||
          typeof substitute === 'boolean'
        )
          missing.set(field, substitute)
      }
    } else if (key === 'mode' && typeof value === 'string') {
      const found = MODES.find((m) => m === value.toLowerCase())
      if (found === undefined) throw illegalArgumentException(`Illegal sort mode: ${value}`)
      mode = found
    } else throw unexpected()
  }
  return {
    name,
    type: TYPE,
    meta,
    subs,
    collect(shard, docs) {
      // resolveConfig's HashMap of every field, then the factory's HashMap (sized for all) of those with values
      const mapped = javaHashMapKeyOrder(fields).filter(
        (f) => shard.source.field(f) !== null || missing.has(f),
      )
      if (mapped.length === 0) return new InternalMatrixStats(name, meta, null)
      const names = javaHashMapKeyOrder(mapped, fields.length)
      const sources = names.map((f) => numericValues(shard, TYPE, f, missing.get(f)).values)
      let stats: RunningStats | null = null
      for (const doc of docs) {
        const row: number[] = []
        for (const source of sources) {
          const values = source(doc)
          if (values.length === 0) break
          const value = pick(values, mode)
          if (value === -Infinity) break
          row.push(value)
        }
        if (row.length < names.length) continue
        stats ??= new RunningStats()
        stats.add(names, row)
      }
      return new InternalMatrixStats(name, meta, stats)
    },
  }
}
