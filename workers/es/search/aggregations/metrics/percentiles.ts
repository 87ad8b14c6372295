/**
 * `percentiles` and `percentile_ranks` over ES 8's default TDigestState (HybridDigest, compression 100): below
 * 20 · compression samples it is a SortingDigest, whose quantile is Dist.quantile over the sorted values:
 * index = q · (n − 1), linear interpolation between the neighbours, clamped to the ends; and whose cdf is Dist.cdf
 * (sortedCdf). Percents default to [1, 5, 25, 50, 75, 95, 99] and are sorted; a percentile rank is the cdf of its
 * value clamped to [0, 1], × 100 (PercentileRanks' `values` are required and sorted). Output is keyed by
 * Double.toString of each percent or value ({"values": {"50.0": 76.0}}), or a [{key, value}] list with
 * keyed=false; values are null with no data.
 * Wire form (the digest state): the sorted samples as a Float64Array, the keys (percents or values), whether they
 * are ranks, keyed and the format.
 *
 * Known gap: past 20 · compression samples ES switches to a MergingDigest (approximate); this
 * implementation stays exact.
 */
import {
  EsException,
  illegalArgumentException,
  numberFormatException,
  xContentParseException,
} from '../../../errors/index.ts'
import {
  JavaDouble,
  XNumber,
  elementLocation,
  javaDoubleToString,
  tokenLocation,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../../xcontent/index.ts'
import type { ShardContext, ValueFormat } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams, tokenName } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { readValueFormat, writeValueFormat, type ValueFormatWire } from '../doc-value-format.ts'
import {
  numericValues,
  sourceField,
  unsupportedValuesSourceType,
  type ValuesSourceSpec,
} from '../values-source.ts'
import { HISTOGRAM_AGGREGATIONS, histogramSamples, histogramValuesSource } from '../histogram-values.ts'
import { HISTOGRAM } from '../../../index/mapper/histogram-field.ts'

const DEFAULT_PERCENTS = [1, 5, 25, 50, 75, 95, 99]

/** tdigest's Dist.quantile over sorted values. */
export function sortedQuantile(q: number, sorted: readonly number[]): number {
  const n = sorted.length
  if (n === 0) return NaN
  const index = q * (n - 1)
  let low = Math.floor(index)
  let high = low + 1
  let weight = index - low
  if (index <= 0) [low, high, weight] = [0, 0, 0]
  if (index >= n - 1) [low, high, weight] = [n - 1, n - 1, 0]
  const lowValue = sorted[low]!
  return lowValue + weight * (sorted[high]! - lowValue)
}

/**
 * tdigest's Dist.cdf over sorted values: the fraction of the samples below x, counting equal samples as half and
 * interpolating linearly between the neighbours around x; NaN for no samples.
 */
export function sortedCdf(x: number, sorted: readonly number[]): number {
  const n = sorted.length
  if (n === 0) return NaN
  if (x < sorted[0]!) return 0
  let below = 0.5
  let equal = 0
  for (let i = 1; i < n; i++) {
    const value = sorted[i]!
    if (value > x) {
      if (equal > 0) return (below + 0.5 * equal) / n
      const previous = sorted[i - 1]!
      return (below + (x - previous) / (value - previous)) / n
    }
    if (value < x) below++
    else equal++
  }
  return (n - 0.5 * equal) / n
}

export interface PercentilesWire extends AggregationWireHeader<'percentiles'> {
  readonly samples: Float64Array
  readonly percents: readonly number[]
  readonly ranks: boolean
  readonly keyed: boolean
  readonly format: ValueFormatWire | null
}

export class InternalPercentiles extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly samples: readonly number[],
    /** The percents, or the values whose ranks are asked for. */
    readonly percents: readonly number[],
    /** percentile_ranks (InternalTDigestPercentileRanks) rather than percentiles. */
    readonly ranks: boolean,
    readonly keyed: boolean,
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: PercentilesWire): InternalPercentiles {
    return new InternalPercentiles(
      wire.name,
      readMeta(wire.meta),
      Array.from(wire.samples),
      [...wire.percents],
      wire.ranks,
      wire.keyed,
      readValueFormat(wire.format),
    )
  }

  writeTo(): PercentilesWire {
    return {
      type: 'percentiles',
      name: this.name,
      meta: this.wireMeta(),
      samples: Float64Array.from(this.samples),
      percents: [...this.percents],
      ranks: this.ranks,
      keyed: this.keyed,
      format: writeValueFormat(this.format),
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const samples = (all as readonly InternalPercentiles[]).flatMap((p) => p.samples).sort((a, b) => a - b)
    return new InternalPercentiles(
      this.name,
      this.meta,
      samples,
      this.percents,
      this.ranks,
      this.keyed,
      this.format,
    )
  }

  /** The percentile of a percent, or the percentile rank of a value (PercentileRanks.percent). */
  value(key: number): number {
    if (!this.ranks) return sortedQuantile(key / 100, this.samples)
    return Math.min(Math.max(sortedCdf(key, this.samples), 0), 1) * 100
  }

  override sortValue(metric: string | null): number | null {
    return metric === null ? null : this.value(Number(metric))
  }

  getType(): string {
    return this.ranks ? 'tdigest_percentile_ranks' : 'tdigest_percentiles'
  }

  protected body(out: Map<string, JsonOut>): void {
    const empty = this.samples.length === 0
    const format = this.format
    if (this.keyed) {
      const values = new Map<string, JsonOut>()
      for (const percent of this.percents) {
        const key = javaDoubleToString(percent)
        const value = this.value(percent)
        values.set(key, empty ? null : new JavaDouble(value))
        if (format !== null && !empty) values.set(`${key}_as_string`, format.format(value))
      }
      out.set('values', values)
      return
    }
    out.set(
      'values',
      this.percents.map((percent) => {
        const value = this.value(percent)
        const entry = new Map<string, JsonOut>([
          ['key', new JavaDouble(percent)],
          ['value', empty ? null : new JavaDouble(value)],
        ])
        if (format !== null && !empty) entry.set('value_as_string', format.format(value))
        return entry
      }),
    )
  }
}

/**
 * Percentiles' `percents`, defaulting to [1, 5, 25, 50, 75, 95, 99], sorted and checked as the
 * ConstructingObjectParser's builder (validatePercentiles) checks them, at the end of the object.
 */
function parsePercents(name: string, params: AggregationParams): number[] {
  const percents = parseDoubleArray('percentiles', 'percents', params)
  if (percents === undefined) return DEFAULT_PERCENTS
  percents.sort((a, b) => a - b)
  const outside = percents.find((p) => p < 0 || p > 100)
  const invalid =
    percents.length === 0
      ? `[percents] must not be empty: [${name}]`
      : outside !== undefined
        ? `percent must be in [0,100], got [${javaDoubleToString(outside)}]: [${name}]`
        : null
  if (invalid !== null) throw buildFailure('percentiles', invalid)
  return percents
}

/**
 * PercentileRanks' `values`, required and sorted as AbstractPercentilesAggregationBuilder's constructor checks
 * them, at the end of the object.
 */
function parseRankValues(name: string, params: AggregationParams): number[] {
  const values = parseDoubleArray('percentile_ranks', 'values', params)
  const invalid =
    values === undefined
      ? `[values] must not be null: [${name}]`
      : values.length === 0
        ? `[values] must not be an empty array: [${name}]`
        : null
  if (invalid !== null) throw buildFailure('percentile_ranks', invalid)
  return (values as number[]).sort((a, b) => a - b)
}

/**
 * ObjectParser.declareDoubleArray: one number or numeric string, or an array of them (undefined when the key is
 * absent). A value of another kind is refused at its token; an element that is not a number fails the field at
 * the element, where parseArray stands.
 */
function parseDoubleArray(type: string, key: string, params: AggregationParams): number[] | undefined {
  const raw = params.raw(key)
  if (raw === undefined) return undefined
  const body = params.body
  if (!Array.isArray(raw) && !(raw instanceof XNumber) && typeof raw !== 'string') {
    const [line, col] = tokenLocation(body, key, 'value')
    throw xContentParseException(
      line,
      col,
      `[${type}] ${key} doesn't support values of type: ${tokenName(raw)}`,
    )
  }
  const list = Array.isArray(raw) ? raw : [raw]
  return list.map((v, index) => {
    if (v instanceof XNumber) return v.value
    const text = typeof v === 'string' ? v.trim() : ''
    if (text !== '' && !Number.isNaN(Number(text))) return Number(text)
    const [line, col] = elementLocation(body, key, index)
    const cause =
      typeof v === 'string'
        ? numberFormatException(v)
        : xContentParseException(
            line,
            col,
            `[${type}] ${key} doesn't support values of type: ${tokenName(v)}`,
          )
    throw xContentParseException(line, col, `[${type}] failed to parse field [${key}]`, cause)
  })
}

/** ConstructingObjectParser's build at the end of the object: its failure carries no location. */
function buildFailure(type: string, reason: string): EsException {
  return new EsException({
    type: 'x_content_parse_exception',
    reason: `Failed to build [${type}] after last required field arrived`,
    status: 400,
    causedBy: illegalArgumentException(reason),
    rootCause: false,
  })
}

/**
 * A TDigest aggregation's doc values on a shard, sorted: the SortingDigest's samples (a histogram field's values each
 * `count` times, histogram-values.ts).
 */
export function collectSamples(
  shard: ShardContext,
  type: string,
  field: ValuesSourceSpec,
  params: AggregationParams,
  docs: readonly number[],
): { samples: number[]; format: ValueFormat | null } {
  const histogram = histogramValuesSource(shard, sourceField(field), params.raw('missing'))
  if (histogram !== null) {
    if (!HISTOGRAM_AGGREGATIONS.has(type)) throw unsupportedValuesSourceType(field, HISTOGRAM, type)
    return { samples: histogramSamples(histogram, docs), format: null }
  }
  const source = numericValues(shard, type, field, params.raw('missing'), params.string('format'))
  return { samples: docs.flatMap((doc) => source.values(doc)).sort((a, b) => a - b), format: source.format }
}

/** TDigest's `compression` (PercentilesConfig.TDigest's check). */
export function checkCompression(name: string, compression: XContentValue | undefined): void {
  if (compression instanceof XNumber && compression.value < 0) {
    throw illegalArgumentException(
      `[compression] must be greater than or equal to 0. Found [${javaDoubleToString(compression.value)}] in [${name}]`,
    )
  }
}

function tdigestParser(type: 'percentiles' | 'percentile_ranks'): AggregationParser {
  const ranks = type === 'percentile_ranks'
  return (name, body, meta, subs): AggregationBuilder => {
    rejectSubAggregations(name, type, subs)
    const params = new AggregationParams(type, body, [
      'field',
      'missing',
      'format',
      ranks ? 'values' : 'percents',
      'keyed',
      'tdigest',
      'script',
      'value_type',
    ])
    const field = params.valuesSource('double')
    const keys = ranks ? parseRankValues(name, params) : parsePercents(name, params)
    const keyed = params.boolean('keyed') ?? true
    checkCompression(name, params.object('tdigest')?.get('compression'))
    return {
      name,
      type,
      meta,
      subs,
      collect(shard, docs) {
        const { samples, format } = collectSamples(shard, type, field, params, docs)
        return new InternalPercentiles(name, meta, samples, keys, ranks, keyed, format)
      },
    }
  }
}

export const percentilesParser = tdigestParser('percentiles')
export const percentileRanksParser = tdigestParser('percentile_ranks')
