/**
 * `rate` (x-pack analytics' RateAggregationBuilder, NumericRateAggregator, InternalRate): a sum per date_histogram
 * bucket divided by the bucket's size in `unit` (bucket/sized-bucket.ts; no unit: 1.0). The sum is, with a `field`
 * or `script`, of the values (`mode` sum, the default) or of their count (`mode` value_count); with neither, of
 * the documents (`mode` is then refused). Parse errors: an unknown `unit` (not a DATE_FIELD_UNITS key) or `mode` fails
 * as ObjectParser wraps the setter's refusal. On the shard, outside a date_histogram: `The rate aggregation can only
 * be used inside a date histogram ...`. An unmapped field (without `missing`) gives 0.0 with no ancestor check.
 *
 * Renders {"value": sum / divisor} and `value_as_string` for a non-RAW format (a field's, or `format`). Reduce adds
 * the shards' sums (Kahan) and keeps the first divisor. Wire form: sum, divisor, format.
 */
import { EsException, illegalArgumentException } from '../../../errors/index.ts'
import { parseCalendarInterval, type DateTimeUnit } from '../../../common/time/index.ts'
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { ShardContext, ValueFormat } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import {
  decimalValueFormat,
  readValueFormat,
  writeValueFormat,
  type ValueFormatWire,
} from '../doc-value-format.ts'
import { numericValues, resolveValues, type ValuesSourceSpec } from '../values-source.ts'
import { CompensatedSum } from './compensated-sum.ts'

const TYPE = 'rate'
const MODES = ['sum', 'value_count'] as const
type RateMode = (typeof MODES)[number]

export interface RateWire extends AggregationWireHeader<'rate'> {
  readonly sum: number
  readonly divisor: number
  readonly format: ValueFormatWire | null
}

export class InternalRate extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly sum: number,
    readonly divisor: number,
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: RateWire): InternalRate {
    return new InternalRate(
      wire.name,
      readMeta(wire.meta),
      wire.sum,
      wire.divisor,
      readValueFormat(wire.format),
    )
  }

  writeTo(): RateWire {
    return {
      type: TYPE,
      name: this.name,
      meta: this.wireMeta(),
      sum: this.sum,
      divisor: this.divisor,
      format: writeValueFormat(this.format),
    }
  }

  get value(): number {
    return this.sum / this.divisor
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const parts = all as readonly InternalRate[]
    const sum = new CompensatedSum()
    for (const part of parts) sum.add(part.sum)
    return new InternalRate(this.name, this.meta, sum.value, parts[0]!.divisor, this.format)
  }

  override sortValue(): number {
    return this.value
  }

  getType(): string {
    return TYPE
  }

  protected body(out: Map<string, JsonOut>): void {
    out.set('value', new JavaDouble(this.value))
    if (this.format !== null) out.set('value_as_string', this.format.format(this.value))
  }
}

export const rateParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  rejectSubAggregations(name, TYPE, subs)
  const params = new AggregationParams(TYPE, body, [
    'field',
    'missing',
    'format',
    'script',
    'value_type',
    'unit',
    'mode',
  ])
  const unit = parseUnit(params)
  const mode = parseMode(params)
  const field = params.has('field') || params.has('script') ? params.valuesSource('double') : null
  const missing = params.raw('missing')
  const pattern = params.string('format')
  const builder: AggregationBuilder = {
    name,
    type: TYPE,
    meta,
    subs,
    collect(shard, docs) {
      // RateAggregationBuilder.innerBuild
      if (field === null && mode !== null)
        throw illegalArgumentException('The mode parameter is only supported with field or script')
      const sum = new CompensatedSum()
      let format: ValueFormat | null = null
      if (field === null) {
        for (let i = 0; i < docs.length; i++) sum.add(1)
      } else {
        // an unmapped field's format: the NUMERIC type's, Decimal of `format` or RAW
        if (unmapped(shard, field, missing)) {
          return new InternalRate(name, meta, 0, 1, pattern === null ? null : decimalValueFormat(pattern))
        }
        const source = numericValues(shard, TYPE, field, missing, pattern)
        format = source.format
        for (const doc of docs) {
          const values = source.values(doc)
          if (values.length === 0) continue
          if ((mode ?? 'sum') === 'sum') for (const value of values) sum.add(value)
          else sum.add(values.length)
        }
      }
      return new InternalRate(name, meta, sum.value, divisor(shard, unit, builder), format)
    },
  }
  return builder
}

/** AbstractRateAggregator's divisor: the nearest date_histogram bucket's size (findSizedBucketAncestor). */
function divisor(shard: ShardContext, unit: DateTimeUnit | null, rate: AggregationBuilder): number {
  const bucket = shard.sizedBucket
  if (bucket === null) {
    throw illegalArgumentException(
      'The rate aggregation can only be used inside a date histogram aggregation or composite aggregation with one date histogram value source',
    )
  }
  return bucket.bucketSize(unit, bucket.subs.includes(rate))
}

/** ValuesSourceConfig.resolve: an unmapped field without `missing` has no values source. */
function unmapped(shard: ShardContext, field: ValuesSourceSpec, missing: unknown): boolean {
  return missing === undefined && resolveValues(shard, field, undefined, TYPE).info === null
}

function parseUnit(params: AggregationParams): DateTimeUnit | null {
  const text = params.string('unit')
  if (text === null) return null
  try {
    return parseCalendarInterval(text)
  } catch (cause) {
    if (!(cause instanceof EsException)) throw cause
    throw params.fieldFailure('unit', illegalArgumentException(`Unsupported unit ${text}`))
  }
}

function parseMode(params: AggregationParams): RateMode | null {
  const text = params.string('mode')
  if (text === null) return null
  const mode = MODES.find((m) => m === text.toLowerCase())
  if (mode === undefined) {
    throw params.fieldFailure(
      'mode',
      illegalArgumentException(
        `No enum constant org.elasticsearch.xpack.analytics.rate.RateMode.${text.toUpperCase()}`,
      ),
    )
  }
  return mode
}
